#include "hub_dashboard.hpp"

#include <algorithm>
#include <chrono>

#include "antre/errors.hpp"
#include "antre/report_text.hpp"
#include "antre/skm_pdf.hpp"
#include "hub_reports.hpp"
#include "hub_store.hpp"
#include "password.hpp"
#include "web_assets.hpp"
#include "web_request.hpp"
#include "web_response.hpp"

namespace antre::hub {

namespace bhttp = boost::beast::http;
using nlohmann::json;

namespace {

Millis now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string_view std_view(boost::beast::string_view s) { return {s.data(), s.size()}; }

// A CSV field as RFC 4180 quotes it.
std::string csv_field(const std::string& v) {
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string out = "\"";
    for (const char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// A `report` reply as the CSV download. By office it is one report (a row per office):
// the office's own formatter as it is. Otherwise each office's reply in that formatter,
// one header, and the office's id as a first column.
http::Response report_csv(const json& reply) {
    std::string text;
    if (reply.value("by", "") == "office") {
        text = report_text::report_csv(reply);
    } else {
        bool header = false;
        for (const auto& o : reply.at("offices")) {
            const std::string office = csv_field(o.value("office", "")), csv = report_text::report_csv(o.at("reply"));
            std::size_t start = 0;
            for (bool first = true; start < csv.size(); first = false) {
                const auto end = std::min(csv.find('\n', start), csv.size());
                const std::string line = csv.substr(start, end - start);
                start = end + 1;
                if (!first)
                    text += office + "," + line + "\n";
                else if (!header)
                    text += "office," + line + "\n";
                header = true;
            }
        }
    }
    return web::dashboard_responses.download("text/csv; charset=utf-8", text,
                                             "antre-pusat-" + reply.value("by", std::string("report")) + "-" +
                                                 reply.value("from", std::string()) + "-" +
                                                 reply.value("to", std::string()) + ".csv");
}

// An `ikm` reply of one office as the SKM report's A4 PDF, the office's own drawing.
http::Response ikm_pdf(const json& reply) {
    const json& offices = reply.at("offices");
    if (offices.size() != 1)
        return web::dashboard_responses.error(400, errc::invalid_value, "PDF IKM dibuat untuk satu kantor");
    try {
        const json& one = offices[0];
        return web::dashboard_responses.download("application/pdf", skm_pdf(one.at("reply"), one.value("name", "")),
                                                 one.value("office", "") + "-" + skm_pdf_name(one.at("reply")));
    } catch (const std::runtime_error& e) {
        return web::dashboard_responses.error(500, errc::internal_error,
                                              std::string("PDF tidak dapat dibuat: ") + e.what());
    }
}

// The line protocol's read ops reachable over HTTP, each with the fields it passes on
// from the query (`offices` as a comma-separated list), and the downloads: a reply as
// a file rather than JSON.
struct Endpoint {
    std::string_view path;
    const char* op;
    std::vector<const char*> fields;
    http::Response (*download)(const json& reply) = nullptr;
};

const std::vector<Endpoint>& endpoints() {
    static const std::vector<Endpoint> list = {
        {"/api/report", "report", {"by", "from", "to", "offices"}},
        {"/api/report.csv", "report", {"by", "from", "to", "offices"}, report_csv},
        {"/api/ikm", "ikm", {"from", "to", "service", "offices"}},
        {"/api/ikm.pdf", "ikm", {"from", "to", "service", "offices"}, ikm_pdf},
        {"/api/officer_sheet", "officer_sheet", {"office", "officer", "from", "to"}},
        {"/api/ranking", "ranking", {"by", "from", "to", "offices"}},
    };
    return list;
}

// The HTTP status of a refusal with the hub's code (docs/hub.md).
unsigned status_of(const std::string& code) {
    if (code == "unauthorized") return 401;
    if (code == "unavailable") return 503;
    if (code == "no_state") return 409;
    return web::http_status(code);
}

json offices_field(const std::string& text) {
    json list = json::array();
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const auto end = comma == std::string::npos ? text.size() : comma;
        list.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return list;
}

// One read op as the line protocol runs it for a reader (hub_protocol.cpp), with
// the same refusals.
http::Response run_op(HubStore& store, const std::string& reader, const Endpoint& ep, const json& request) {
    const auto record = store.reader(reader);
    try {
        Figures figures(store, store.scope_of(*record), now_ms());
        json reply = figures.run(ep.op, request);
        if (ep.download) return ep.download(reply);
        reply["ok"] = true;
        return web::dashboard_responses.json(200, reply);
    } catch (const Refused& e) {
        return web::dashboard_responses.error(status_of(e.code), e.code, e.what());
    } catch (const json::exception& e) {
        return web::dashboard_responses.error(400, errc::bad_request, e.what());
    } catch (const std::invalid_argument& e) {
        return web::dashboard_responses.error(400, errc::invalid_value, e.what());
    }
}

// The reader and the offices it may read, with their names from their last state.
http::Response me(HubStore& store, const std::string& reader) {
    const auto record = store.reader(reader);
    Figures figures(store, store.scope_of(*record), 0);
    json offices = json::array();
    for (const auto& id : figures.readable()) {
        const auto state = store.state(id);
        const json parsed = state ? json::parse(*state, nullptr, false) : json();
        std::string name;
        if (parsed.is_object() && parsed.contains("office") && parsed["office"].is_object())
            name = parsed["office"].value("name", "");
        offices.push_back({{"office", id}, {"name", name}});
    }
    return web::dashboard_responses.json(200, {{"ok", true},
                                               {"reader", reader},
                                               {"region", record->region ? json(*record->region) : json(nullptr)},
                                               {"offices", offices}});
}

// The officers of one office the reader may read (NIP, name, role, active), as its last
// state names them: the choice of the officer sheet.
http::Response officers(HubStore& store, const std::string& reader, const std::string& office) {
    const auto record = store.reader(reader);
    Figures figures(store, store.scope_of(*record), 0);
    const auto readable = figures.readable();
    if (std::find(readable.begin(), readable.end(), office) == readable.end())
        return web::dashboard_responses.error(403, "forbidden",
                                              "office " + office + " is unknown or not yours to read");
    const auto state = store.state(office);
    if (!state)
        return web::dashboard_responses.error(409, "no_state", "office " + office + " has not sent its state yet");
    json list = json::array();
    for (const auto& o : json::parse(*state).value("officers", json::array()))
        list.push_back({{"nip", o.value("nip", "")},
                        {"name", o.value("name", "")},
                        {"role", o.value("role", "")},
                        {"active", o.value("active", true)}});
    return web::dashboard_responses.json(200, {{"ok", true}, {"office", office}, {"officers", list}});
}

}  // namespace

HubDashboard::HubDashboard(Offload offload, bool https) : offload_(std::move(offload)), https_(https) {}

void HubDashboard::handle(const http::Request& request, const std::string& peer, Respond respond) {
    const auto target = web::parse_target(std_view(request.target()));
    if (!target) return respond(web::dashboard_responses.error(400, errc::bad_request, "Alamat permintaan tidak sah"));
    const std::string& path = target->path;
    const bool get = request.method() == bhttp::verb::get;
    const bool post = request.method() == bhttp::verb::post;

    if (path == "/api/login")
        return post ? login(request, peer, respond) : respond(web::dashboard_responses.method_not_allowed("POST"));
    if (path == "/api/logout")
        return post ? logout(request, respond) : respond(web::dashboard_responses.method_not_allowed("POST"));
    if (path == "/api/me") {
        if (!get) return respond(web::dashboard_responses.method_not_allowed("GET"));
        return as_reader(request, respond, me);
    }
    if (path == "/api/officers") {
        if (!get) return respond(web::dashboard_responses.method_not_allowed("GET"));
        const auto it = target->query.find("office");
        if (it == target->query.end())
            return respond(web::dashboard_responses.error(400, errc::bad_request, "field 'office' missing"));
        return as_reader(request, respond, [office = it->second](HubStore& store, const std::string& reader) {
            return officers(store, reader, office);
        });
    }
    if (path.rfind("/api/", 0) == 0) {
        auto ep =
            std::find_if(endpoints().begin(), endpoints().end(), [&](const Endpoint& e) { return e.path == path; });
        if (ep == endpoints().end())
            return respond(web::dashboard_responses.error(404, errc::unknown_op, "Tidak ada " + path));
        if (!get) return respond(web::dashboard_responses.method_not_allowed("GET"));
        json fields = json::object();
        for (const char* f : ep->fields)
            if (auto it = target->query.find(f); it != target->query.end())
                fields[f] = std::string_view(f) == "offices" ? offices_field(it->second) : json(it->second);
        return as_reader(request, respond, [&ep = *ep, fields](HubStore& store, const std::string& reader) {
            return run_op(store, reader, ep, fields);
        });
    }
    if (!get) return respond(web::dashboard_responses.method_not_allowed("GET"));
    if (const web::Asset* asset = web::find_asset(web::hub_assets(), path, "/hub.html"))
        return respond(web::dashboard_responses.page(*asset));
    respond(web::dashboard_responses.error(404, "not_found", "Halaman tidak ditemukan"));
}

void HubDashboard::login(const http::Request& request, const std::string& peer, Respond respond) {
    // JSON only, as the office's dashboard: a form on another site cannot send it.
    if (!web::is_json_media_type(std_view(request[bhttp::field::content_type])))
        return respond(web::dashboard_responses.error(415, errc::bad_request, "Kirim log-in sebagai application/json"));
    const json body = json::parse(request.body(), nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("reader") || !body.contains("secret") ||
        !body["reader"].is_string() || !body["secret"].is_string())
        return respond(web::dashboard_responses.error(400, errc::bad_request,
                                                      "Kirim JSON {\"reader\": \"...\", \"secret\": \"...\"}"));
    const std::string reader = body["reader"], secret = body["secret"];
    const std::string address = web::address_of(peer);
    {
        std::lock_guard lock(throttle_mutex_);
        if (const Millis wait = throttle_.start(reader, address, now_ms())) {
            return respond(web::dashboard_responses.throttled(wait));
        }
    }
    offload_(
        [this, reader, secret, address](HubStore& store) {
            // The same checks and the same refusal as the line's hello (hub_protocol.cpp).
            std::optional<ReaderRecord> record;
            bool ok = false;
            try {
                record = store.reader(reader);
                ok = record && !secret.empty() && secret.size() <= 256 &&
                     password::verify_pin(secret, record->secret_hash);
            } catch (...) {
                std::lock_guard lock(throttle_mutex_);
                throttle_.failed(reader, address, now_ms());  // ends the check it reserved
                throw;
            }
            {
                std::lock_guard lock(throttle_mutex_);
                if (ok)
                    throttle_.succeeded(reader, address);
                else
                    throttle_.failed(reader, address, now_ms());
            }
            if (!ok) return web::dashboard_responses.error(401, "unauthorized", "unknown reader or wrong secret");
            auto r = me(store, reader);
            web::set_session_cookie(r, cookie_name, sessions_.open(reader, record->secret_hash, now_ms()), false,
                                    https_);
            return r;
        },
        std::move(respond));
}

void HubDashboard::logout(const http::Request& request, Respond respond) {
    if (auto token = web::session_cookie(request, cookie_name)) sessions_.close(*token);
    auto r = web::dashboard_responses.json(200, {{"ok", true}});
    web::set_session_cookie(r, cookie_name, "", true, https_);
    respond(std::move(r));
}

void HubDashboard::as_reader(const http::Request& request, Respond respond,
                             std::function<http::Response(HubStore&, const std::string&)> then) {
    auto ended = [this] {
        auto r =
            web::dashboard_responses.error(401, "unauthorized", "Silakan masuk dengan ID pembaca dan kata sandinya");
        web::set_session_cookie(r, cookie_name, "", true, https_);
        return r;
    };
    const auto token = web::session_cookie(request, cookie_name);
    const auto session = token ? sessions_.find(*token, now_ms()) : std::nullopt;
    if (!session) return respond(ended());
    offload_(
        [this, key = *token, found = *session, ended, then = std::move(then)](HubStore& store) {
            // A reader removed or given a new secret since: its sessions end.
            const auto record = store.reader(found.reader);
            if (!record || record->secret_hash != found.secret_hash) {
                sessions_.close(key);
                return ended();
            }
            return then(store, found.reader);
        },
        std::move(respond));
}

}  // namespace antre::hub
