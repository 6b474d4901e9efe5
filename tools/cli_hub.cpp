#include "cli_hub.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <nlohmann/json.hpp>

#include "antre/hub_link.hpp"
#include "antre/report_text.hpp"

namespace antre::cli {

using nlohmann::json;

namespace {

// The hub's longest reply: a year's report of many offices.
constexpr std::size_t max_reply_bytes = 64 * 1024 * 1024;

struct HubFailure {
    int exit_code;
    std::string text;
};

// One request at a time over a line connection, as an office's shipper speaks.
class HubLine {
public:
    HubLine(const std::string& url, const std::string& ca_file) {
        hub_link::Address address;
        try {
            address = hub_link::parse_url(url, "--hub");
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
        try {
            line_ = std::make_unique<hub_link::Line>(address, ca_file, max_reply_bytes);
        } catch (const std::exception& e) {
            throw HubFailure{3, "cannot reach antre-hub at " + url + ": " + e.what()};
        }
    }
    json ask(json request) {
        request["id"] = ++id_;
        std::string text;
        try {
            text = line_->ask(request.dump());
        } catch (const boost::system::system_error& e) {
            throw HubFailure{3, "antre-hub closed the connection: " + e.code().message()};
        }
        json reply = json::parse(text);
        if (reply.value("ok", false) != true) {
            const json e = reply.value("error", json::object());
            throw HubFailure{1, e.value("code", "") + ": " + e.value("message", "")};
        }
        reply.erase("id");
        reply.erase("ok");
        return reply;
    }

private:
    std::unique_ptr<hub_link::Line> line_;
    std::int64_t id_ = 0;
};

std::string reader_secret(const Cli& cli) {
    const std::string file = cli.need("secret-file");
    std::ifstream in(file);
    std::string secret;
    if (!std::getline(in, secret) || secret.empty()) throw UsageError("cannot read a secret from " + file);
    return secret;
}

json office_list(const std::string& text) {
    json list = json::array();
    for (std::size_t at = 0; at <= text.size();) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        if (comma > at) list.push_back(text.substr(at, comma - at));
        at = comma + 1;
    }
    return list;
}

std::string ranking_table(const json& reply) {
    const std::string by = reply.value("by", "");
    std::string out =
        "Peringkat kantor menurut " + by + ", " + reply.value("from", "") + " s.d. " + reply.value("to", "") + "\n";
    char line[256];
    std::snprintf(line, sizeof line, "%-5s %-16s %-28s %10s %7s %10s %7s %7s %5s\n", "rank", "kantor", "nama",
                  "tunggu_ok", "tunggu", "layanan_ok", "layanan", "IKM", "resp");
    out += line;
    auto share = [](const json& v) {
        return v.is_null() ? std::string("-") : std::to_string(v.get<double>() * 100).substr(0, 5) + "%";
    };
    for (const auto& e : reply["offices"]) {
        const std::string rank = e["rank"].is_null() ? "-" : std::to_string(e["rank"].get<int>());
        const std::string ikm = e["ikm"].is_null() ? "-" : std::to_string(e["ikm"].get<double>()).substr(0, 6);
        std::snprintf(line, sizeof line, "%-5s %-16s %-28s %10s %7d %10s %7d %7s %5d\n", rank.c_str(),
                      e.value("office", "").c_str(), e.value("name", "").substr(0, 28).c_str(),
                      share(e["wait_within"]).c_str(), e.value("waits", 0), share(e["service_within"]).c_str(),
                      e.value("services", 0), ikm.c_str(), e.value("responses", 0));
        out += line;
    }
    return out;
}

// One office's reply printed exactly as the office's own command prints it.
void print_one(const std::string& cmd, const std::string& format, const json& body) {
    if (format == "json")
        std::cout << body.dump() << "\n";
    else if (cmd == "report")
        std::cout << (format == "csv" ? report_text::report_csv(body) : report_text::report_table(body) + "\n");
    else if (cmd == "ikm")
        std::cout << (format == "csv" ? report_text::ikm_csv(body) : report_text::ikm_table(body) + "\n");
    else
        std::cout << report_text::sheet_table(body) << "\n";
}

int run(const Cli& cli) {
    const std::string cmd = cli.words[0];
    const std::string format = cli.flag("format").value_or(cli.as_json ? "json" : "table");
    json request = {{"from", cli.need("from")}, {"to", cli.need("to")}};
    const json offices = office_list(cli.flag("office").value_or(""));
    if (cmd == "sheet") {
        if (offices.size() != 1) throw UsageError("sheet --hub takes one --office");
        request["op"] = "officer_sheet";
        request["office"] = offices[0];
        request["officer"] = cli.need_nip("officer");
    } else {
        request["op"] = cmd;
        if (!offices.empty()) request["offices"] = offices;
        if (cmd != "ikm") request["by"] = cli.need("by");
        if (auto s = cli.flag("service"); s && cmd == "ikm") request["service"] = *s;
    }
    HubLine hub(cli.need("hub"), cli.flag("hub-tls-ca").value_or(""));
    hub.ask({{"op", "hello"}, {"reader", cli.need("reader")}, {"secret", reader_secret(cli)}});
    const json reply = hub.ask(request);
    if (cmd == "ranking") {
        std::cout << (format == "json" ? reply.dump() + "\n" : ranking_table(reply));
        return 0;
    }
    if (reply.contains("rows")) {  // report by office: one report, a row per office
        print_one(cmd, format, reply);
        return 0;
    }
    // One office named: the office's own output. Several: JSON as the hub gives
    // it, or each office's table under its name.
    if (offices.size() == 1 && reply["offices"].size() == 1) {
        print_one(cmd, format, reply["offices"][0]["reply"]);
        return 0;
    }
    if (format == "json") {
        std::cout << reply.dump() << "\n";
        return 0;
    }
    if (format == "csv") throw UsageError("--format csv takes one --office (or --by office); use --format json");
    for (const auto& o : reply["offices"]) {
        std::cout << "== " << o.value("office", "") << " " << o.value("name", "") << " ==\n";
        print_one(cmd, format, o["reply"]);
    }
    return 0;
}

}  // namespace

int hub_figures(const Cli& cli) {
    try {
        return run(cli);
    } catch (const HubFailure& f) {
        std::cerr << "antre: " << f.text << "\n";
        return f.exit_code;
    }
}

}  // namespace antre::cli
