// antre: the command-line client. Every command is one request (or a stream of
// events for `watch`) through the client library; refusals print the server's
// message and exit non-zero, so scripts can rely on the exit code.
#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "antre/calendar.hpp"
#include "antre/client.hpp"
#include "antre/domain.hpp"
#include "antre/report_text.hpp"
#include "antre/skm_pdf.hpp"
#include "antre/terminal.hpp"
#include "cli_format.hpp"
#include "cli_hub.hpp"
#include "cli_options.hpp"

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

using antre::cli::Cli;
using antre::cli::UsageError;

// -- tokens -------------------------------------------------------------------

fs::path token_dir() {
    if (const char* d = std::getenv("ANTRE_HOME")) return d;
    if (const char* x = std::getenv("XDG_CONFIG_HOME")) return fs::path(x) / "antre";
    if (const char* h = std::getenv("HOME")) return fs::path(h) / ".config" / "antre";
    return ".antre";
}

fs::path token_path(const Cli& cli, const std::string& who) {
    return token_dir() / (cli.host + "-" + std::to_string(cli.port) + "-" + who + ".token");
}

std::optional<std::string> read_token(const fs::path& p) {
    std::ifstream in(p);
    std::string t;
    if (in && std::getline(in, t) && !t.empty()) return t;
    return std::nullopt;
}

void write_token(const fs::path& p, const std::string& token) {
    fs::create_directories(p.parent_path());
    const auto old_mask = ::umask(077);  // the token logs in as this officer: only its owner may read it
    std::ofstream(p) << token << "\n";
    ::umask(old_mask);
}

std::string read_pin(const Cli& cli) {
    if (auto p = cli.flag("pin")) return *p;
    if (const char* env = std::getenv("ANTRE_PIN")) return env;
    return antre::terminal::read_hidden_line("PIN: ");
}

// -- talking to the server ----------------------------------------------------

struct Failure {
    int exit_code;
    std::string text;
};

std::unique_ptr<antre::Client> connect(const Cli& cli, json hello, bool subscribe = false, bool reconnect = false) {
    antre::ClientOptions o;
    o.host = cli.host;
    o.port = cli.port;
    o.hello = std::move(hello);
    o.subscribe = subscribe;
    o.reconnect = reconnect;
    o.tls = cli.tls;
    o.tls_ca_file = cli.tls_ca;
    auto client = std::make_unique<antre::Client>(o);
    return client;
}

void ensure_ready(antre::Client& c, const Cli& cli) {
    c.start();
    if (c.wait_ready(std::chrono::seconds(10))) return;
    const auto h = c.hello_reply();
    if (!h.code.empty() && h.code != "connection_lost") throw Failure{1, h.code + ": " + h.message};
    throw Failure{3, "cannot reach the Antre server at " + cli.host + ":" + std::to_string(cli.port)};
}

json counter_hello(const Cli& cli) {
    const int n = cli.counter();
    auto token = read_token(token_path(cli, "counter-" + std::to_string(n)));
    if (!token)
        throw Failure{1, "not logged in at counter " + std::to_string(n) + ": run `antre login --counter " +
                             std::to_string(n) + " --nip NIP` first"};
    return {{"role", "counter"}, {"counter", n}, {"token", *token}};
}

json staff_hello(const Cli& cli) {
    if (auto nip = cli.nip_flag("nip"))
        return {{"role", cli.flag("role").value_or("admin")}, {"nip", *nip}, {"pin", read_pin(cli)}};
    for (const char* role : {"admin", "manager"})
        if (auto token = read_token(token_path(cli, role))) return {{"role", role}, {"token", *token}};
    throw Failure{1, "not logged in as manager or admin: run `antre login --role admin --nip NIP` first"};
}

json run(antre::Client& c, const Cli& cli, const std::string& op, json fields = json::object()) {
    ensure_ready(c, cli);
    auto r = c.call(op, std::move(fields));
    if (!r.ok) throw Failure{r.code == "connection_lost" || r.code == "timeout" ? 3 : 1, r.code + ": " + r.message};
    return r.body;
}

json ticket_field(const std::string& s) {
    if (!s.empty() && std::all_of(s.begin(), s.end(), ::isdigit)) return std::stoll(s);
    return s;
}

void print(const Cli& cli, const json& body, const std::string& text) {
    if (cli.as_json)
        std::cout << body.dump() << "\n";
    else
        std::cout << text << "\n";
}

json read_json_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw UsageError("cannot read " + path);
    json j = json::parse(in, nullptr, false);
    if (j.is_discarded()) throw UsageError(path + " is not valid JSON");
    return j;
}

int command(const Cli& cli) {
    const std::string cmd = cli.words[0];
    static const std::map<std::string, std::string> counter_ops = {{"call-next", "call_next"}, {"recall", "recall"},
                                                                   {"start", "start"},         {"finish", "finish"},
                                                                   {"no-show", "no_show"},     {"resume", "resume"}};

    if (cmd == "issue") {
        auto c = connect(cli, {{"role", "kiosk"}});
        json f = {{"service", cli.word(1, "SERVICE")}};
        if (auto p = cli.flag("priority")) f["priority"] = *p;
        auto body = run(*c, cli, "issue", f);
        print(cli, body, antre::cli::ticket_line(body["ticket"]));
        return 0;
    }
    if (cmd == "status") {
        auto c = connect(cli, {{"role", "display"}});
        auto body = run(*c, cli, "snapshot");
        print(cli, body, antre::cli::status_text(body["snapshot"]));
        return 0;
    }
    if (cmd == "ticket") {
        auto c = connect(cli, {{"role", "display"}});
        auto body = run(*c, cli, "ticket", {{"ticket", ticket_field(cli.word(1, "LABEL"))}});
        print(cli, body, antre::cli::ticket_line(body["ticket"]));
        return 0;
    }
    if (cmd == "watch") return -1;  // handled by watch()
    if (cmd == "login") {
        const std::string nip = cli.need_nip("nip");
        const bool at_counter = cli.flag("counter").has_value();
        const std::string role = at_counter ? "counter" : cli.flag("role").value_or("admin");
        json hello = {{"role", role}, {"nip", nip}, {"pin", read_pin(cli)}};
        if (at_counter) hello["counter"] = cli.counter();
        auto c = connect(cli, hello);
        ensure_ready(*c, cli);
        const auto h = c->hello_reply().body;
        write_token(token_path(cli, at_counter ? "counter-" + std::to_string(cli.counter()) : role),
                    h.value("token", ""));
        const auto officer = h.value("officer", json::object());
        print(cli, h,
              officer.value("name", "") + (at_counter ? " masuk di " + h["counter"].value("name", "")
                                                      : " masuk sebagai " + antre::cli::officer_role_word(role)));
        return 0;
    }
    if (cmd == "logout") {
        auto c = connect(cli, counter_hello(cli));
        auto body = run(*c, cli, "logout");
        fs::remove(token_path(cli, "counter-" + std::to_string(cli.counter())));
        print(cli, body, body["counter"].value("name", "") + " ditutup");
        return 0;
    }
    if (auto it = counter_ops.find(cmd); it != counter_ops.end()) {
        auto c = connect(cli, counter_hello(cli));
        auto body = run(*c, cli, it->second);
        print(cli, body,
              body.contains("ticket") ? antre::cli::ticket_line(body["ticket"])
                                      : antre::cli::counter_line(body["counter"]));
        return 0;
    }
    if (cmd == "my-day") {
        auto c = connect(cli, counter_hello(cli));
        auto body = run(*c, cli, "my_day");
        auto minutes = [](const json& s) {
            return s.is_number()
                       ? std::to_string(s.get<int>() / 60) + " mnt " + std::to_string(s.get<int>() % 60) + " dtk"
                       : std::string("-");
        };
        const auto& w = body["within_standard"];
        print(cli, body,
              body.value("day", "") + "  dilayani " + std::to_string(body.value("served", 0)) + ", tidak hadir " +
                  std::to_string(body.value("no_shows", 0)) + ", dialihkan " +
                  std::to_string(body.value("transfers", 0)) + ", median layanan " + minutes(body["median_service_s"]) +
                  ", sesuai standar " +
                  (w.is_number() ? std::to_string(static_cast<int>(w.get<double>() * 100 + 0.5)) + "%" : "-"));
        return 0;
    }
    if (cmd == "call" || cmd == "transfer" || cmd == "pause") {
        auto c = connect(cli, counter_hello(cli));
        json f = json::object();
        if (cmd == "call") f["ticket"] = ticket_field(cli.word(1, "LABEL"));
        if (cmd == "transfer") f["service"] = cli.word(1, "SERVICE");
        if (cmd == "pause" && cli.flag("reason")) f["reason"] = *cli.flag("reason");
        auto body = run(*c, cli, cmd, f);
        print(cli, body,
              body.contains("ticket") ? antre::cli::ticket_line(body["ticket"])
                                      : antre::cli::counter_line(body["counter"]));
        return 0;
    }
    if (cmd == "cancel" || cmd == "priority") {
        auto c = connect(cli, cli.flag("counter") ? counter_hello(cli) : staff_hello(cli));
        json f = {{"ticket", ticket_field(cli.word(1, "LABEL"))}};
        if (cmd == "cancel" && cli.flag("reason")) f["reason"] = *cli.flag("reason");
        if (cmd == "priority") f["priority"] = cli.word(2, "PRIORITY");
        auto body = run(*c, cli, cmd == "cancel" ? "cancel" : "set_priority", f);
        print(cli, body, antre::cli::ticket_line(body["ticket"]));
        return 0;
    }
    if (cmd == "officers") {
        auto c = connect(cli, staff_hello(cli));
        auto body = run(*c, cli, "officers");
        std::string text;
        for (const auto& o : body["officers"])
            text += o.value("nip", "") + "  " + antre::cli::officer_role_word(o.value("role", "")) + "  " +
                    o.value("name", "") + (o.value("active", true) ? "" : "  (nonaktif)") + "\n";
        print(cli, body, text.empty() ? "(belum ada petugas)" : text.substr(0, text.size() - 1));
        return 0;
    }
    if (cmd == "officer") {
        const std::string sub = cli.word(1, "add|set");
        if (sub != "add" && sub != "set") throw UsageError("officer add|set");
        json f = {{"nip", cli.need_nip("nip")}};
        if (auto v = cli.flag("name")) f["name"] = *v;
        if (auto v = cli.flag("role")) f["role"] = *v;
        if (auto v = cli.flag("active")) f["active"] = *v == "true";
        if (sub == "add" || cli.flag("pin")) f["pin"] = cli.flag("pin") ? *cli.flag("pin") : read_pin(cli);
        // The caller's own credentials come from a saved token here: --nip names the officer.
        json hello;
        for (const char* role : {"admin"})
            if (auto token = read_token(token_path(cli, role))) hello = {{"role", role}, {"token", *token}};
        if (hello.is_null()) throw Failure{1, "not logged in as admin: run `antre login --role admin --nip NIP` first"};
        auto c = connect(cli, hello);
        auto body = run(*c, cli, sub == "add" ? "officer_add" : "officer_set", f);
        const auto& o = body["officer"];
        print(cli, body,
              o.value("nip", "") + "  " + antre::cli::officer_role_word(o.value("role", "")) + "  " +
                  o.value("name", ""));
        return 0;
    }
    if (cmd == "service" || cmd == "counter") {
        const std::string sub = cli.word(1, "close|open|set");
        const json definition = sub == "set" ? read_json_file(cli.word(2, "FILE.json")) : json();  // before any log-in
        auto c = connect(cli, staff_hello(cli));
        json body;
        if (sub == "set")
            body = run(*c, cli, cmd + "_set", {{cmd, definition}});
        else if (cmd == "service" && (sub == "close" || sub == "open"))
            body = run(*c, cli, "service_" + sub, {{"service", cli.word(2, "CODE")}});
        else if (cmd == "counter" && sub == "close")
            body = run(*c, cli, "close_counter", {{"counter", std::stoi(cli.word(2, "N"))}});
        else
            throw UsageError(cmd + " " + sub + "?");
        // A definition saved is said as such; its state follows, in Indonesian.
        std::string text;
        if (body.contains("service")) {
            const bool closed = body["service"].value("closed", false);
            text = body["service"].value("code", "") + (sub == "set"
                                                            ? std::string(" disimpan") + (closed ? " (ditutup)" : "")
                                                        : closed ? " ditutup"
                                                                 : " dibuka");
        } else {
            text = sub == "set" ? body["counter"].value("name", "") + " disimpan (" +
                                      antre::cli::counter_state_word(body["counter"].value("state", "")) + ")"
                                : antre::cli::counter_line(body["counter"]);
        }
        print(cli, body, text);
        return 0;
    }
    if (cmd == "events") {
        auto c = connect(cli, staff_hello(cli));
        json f = json::object();
        if (auto a = cli.flag("after")) f["after"] = std::stoll(*a);
        if (auto l = cli.flag("limit")) f["limit"] = std::stoll(*l);
        auto body = run(*c, cli, "events", f);
        std::string text;
        for (const auto& e : body["events"])
            text += std::to_string(e.value("seq", 0)) + "  " + e.value("day", "") + "  " + e.value("type", "") + "  " +
                    e.value("service", "") + "  " + std::to_string(e.value("counter", 0)) + "  " +
                    e.value("officer", "") + "  " + e.value("detail", "") + "\n";
        print(cli, body, text);
        return 0;
    }
    if (cmd == "ranking" || ((cmd == "report" || cmd == "ikm" || cmd == "sheet") && cli.flag("hub")))
        return antre::cli::hub_figures(cli);
    if (cmd == "report" || cmd == "ikm" || cmd == "sheet") {
        const std::string format = cli.flag("format").value_or(cli.as_json ? "json" : "table");
        if (format != "table" && format != "csv" && format != "json") throw UsageError("--format table|csv|json");
        if (cmd == "sheet" && format == "csv") throw UsageError("sheet --format table|json");
        json f = {{"from", cli.need("from")}, {"to", cli.need("to")}};
        if (cmd == "report") f["by"] = cli.need("by");
        if (cmd == "sheet") f["officer"] = cli.need_nip("officer");
        if (auto s = cli.flag("service"); s && cmd == "ikm") f["service"] = *s;
        if (cmd == "ikm" && cli.flag("pdf")) f["print"] = true;  // with the saran/pengaduan, the place and date
        auto c = connect(cli, staff_hello(cli));
        auto body = run(*c, cli, cmd == "sheet" ? "officer_sheet" : cmd, f);
        if (auto pdf = cli.flag("pdf"); pdf && cmd == "ikm") {
            antre::write_skm_pdf(body, c->hello_reply().body.value("office", std::string()), *pdf);
            std::cout << "Laporan SKM ditulis ke " << *pdf << "\n";
        } else if (format == "json")
            std::cout << body.dump() << "\n";
        else if (cmd == "report")
            std::cout << (format == "csv" ? antre::report_text::report_csv(body)
                                          : antre::report_text::report_table(body) + "\n");
        else if (cmd == "ikm")
            std::cout << (format == "csv" ? antre::report_text::ikm_csv(body)
                                          : antre::report_text::ikm_table(body) + "\n");
        else
            std::cout << antre::report_text::sheet_table(body) << "\n";
        return 0;
    }
    if (cmd == "booking-report") {
        const std::string format = cli.flag("format").value_or(cli.as_json ? "json" : "table");
        json f = {{"from", cli.need("from")}, {"to", cli.need("to")}, {"by", cli.flag("by").value_or("day")}};
        auto c = connect(cli, staff_hello(cli));
        auto body = run(*c, cli, "booking_report", f);
        std::cout << (format == "json"  ? body.dump()
                      : format == "csv" ? antre::report_text::booking_report_csv(body)
                                        : antre::report_text::booking_report_table(body))
                  << (format == "csv" ? "" : "\n");
        return 0;
    }
    if (cmd == "rate") {
        json f = {{"ticket", cli.word(1, "LABEL")}};
        try {
            f["rating"] = std::stoi(cli.word(2, "rating 1-4"));
        } catch (const std::invalid_argument&) {
            throw UsageError("the rating is a number 1-4");
        }
        if (cli.flag("counter")) f["counter"] = cli.counter();
        auto c = connect(cli, {{"role", "kiosk"}});
        auto body = run(*c, cli, "feedback", f);
        print(cli, body,
              "Terima kasih: " + body["ticket"].value("label", "") + " dinilai " +
                  std::to_string(f["rating"].get<int>()));
        return 0;
    }
    if (cmd == "survey") {
        json answers = json::array();
        std::string list = cli.word(1, "nine answers like 4,3,4,4,3,3,4,4,3");
        for (std::size_t at = 0; at <= list.size();) {
            const std::size_t comma = std::min(list.find(',', at), list.size());
            try {
                answers.push_back(std::stoi(list.substr(at, comma - at)));
            } catch (const std::invalid_argument&) {
                throw UsageError("answers are numbers 1-4 separated by commas");
            }
            at = comma + 1;
        }
        json f = {{"answers", answers}};
        for (std::string field : {"service", "jenis_kelamin", "umur", "pendidikan", "pekerjaan", "saran"}) {
            std::string name = field;
            std::replace(name.begin(), name.end(), '_', '-');
            if (auto v = cli.flag(name)) f[field] = *v;
        }
        auto c = connect(cli, {{"role", "kiosk"}});
        auto body = run(*c, cli, "survey", f);
        print(cli, body, "Terima kasih atas penilaian Anda");
        return 0;
    }
    if (cmd == "audit") {
        json f = json::object();
        if (auto from = cli.flag("from")) f["from"] = *from;
        if (auto to = cli.flag("to")) f["to"] = *to;
        auto c = connect(cli, staff_hello(cli));
        // Page through the whole period; the server returns at most 1000 at a time.
        json all = json::array(), body;
        do {
            body = run(*c, cli, "audit", f);
            for (auto& e : body["entries"]) all.push_back(std::move(e));
            f["after"] = body["next"];
        } while (!body["next"].is_null());
        body["entries"] = all;
        body.erase("next");
        print(cli, body, antre::cli::audit_text(body));
        return 0;
    }
    throw UsageError("unknown command " + cmd);
}

// Prints events until interrupted (or --count of them); reconnects on its own.
int watch(const Cli& cli) {
    const long limit = cli.flag("count") ? std::stol(*cli.flag("count")) : -1;
    std::mutex m;
    std::condition_variable cv;
    long seen = 0;
    std::optional<antre::OfficeCalendar> calendar;
    auto c = connect(cli, {{"role", "display"}}, true, true);
    c->on_event([&](const json& e) {
        std::lock_guard lock(m);
        if (e.value("event", "") == "snapshot")
            calendar.emplace(e["snapshot"]["office"].value("time_zone", "Asia/Jayapura"));
        if (cli.as_json)
            std::cout << e.dump() << std::endl;
        else
            std::cout << antre::cli::event_line(e, calendar ? *calendar : antre::OfficeCalendar("UTC")) << std::endl;
        ++seen;
        cv.notify_all();
    });
    c->on_state([&](antre::ConnectionState s, const std::string& why) {
        if (s == antre::ConnectionState::connecting && !why.empty())
            std::cerr << "antre: koneksi terputus (" << why << "), menyambung lagi...\n";
        if (s == antre::ConnectionState::refused) std::cerr << "antre: " << why << "\n";
        std::lock_guard lock(m);
        cv.notify_all();
    });
    c->start();
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return (limit >= 0 && seen >= limit) || c->state() == antre::ConnectionState::refused; });
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    auto read = antre::cli::read_command_line(argc, argv);
    if (const int* status = std::get_if<int>(&read)) return *status;
    const Cli& cli = std::get<Cli>(read);
    try {
        if (cli.words[0] == "watch") return watch(cli);
        return command(cli);
    } catch (const UsageError& e) {
        std::cerr << "antre: " << e.what() << "\nRun antre " << cli.words[0] << " --help for the usage.\n";
        return 2;
    } catch (const Failure& f) {
        std::cerr << "antre: " << f.text << "\n";
        return f.exit_code;
    } catch (const std::exception& e) {
        std::cerr << "antre: " << e.what() << "\n";
        return 1;
    }
}
