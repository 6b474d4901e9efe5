#include "dashboard.hpp"

#include <algorithm>
#include <vector>

#include "antre/bookings_csv.hpp"
#include "antre/errors.hpp"
#include "antre/protocol.hpp"
#include "antre/report_text.hpp"
#include "antre/skm_pdf.hpp"
#include "handler.hpp"
#include "web_assets.hpp"
#include "web_request.hpp"
#include "web_response.hpp"
#include "whatif.hpp"

namespace antre {

namespace bhttp = boost::beast::http;
using protocol::json;

namespace {

// A successful reply as a download (nullptr: as JSON); `office` is the office's name.
using Download = http::Response (*)(const json& reply, const std::string& office);
http::Response report_csv(const json& reply, const std::string& office);
http::Response bookings_csv(const json& reply, const std::string& office);
http::Response booking_report_csv(const json& reply, const std::string& office);
http::Response ikm_pdf(const json& reply, const std::string& office);

// The only ops the dashboard reaches, each with the fields it passes on: read ops
// by GET from the query, and the writes (closing a booking day or session, a
// manager's answer to a saran) by POST with a JSON body. Everything else (every
// other write, every other op) is out of reach over HTTP.
struct Endpoint {
    std::string_view path;
    const char* op;
    std::vector<const char*> fields;
    Download download = nullptr;
    bool write = false;
    json preset = json::object();  ///< fields always sent as they are, whatever the request holds
};

const std::vector<Endpoint>& endpoints() {
    static const std::vector<Endpoint> list = {
        {"/api/status", "snapshot", {}},
        {"/api/report", "report", {"by", "from", "to"}},
        {"/api/report.csv", "report", {"by", "from", "to"}, report_csv},
        {"/api/officers", "officers", {}},
        {"/api/ikm", "ikm", {"from", "to", "service"}},
        // The printed report: with the period's saran/pengaduan, the place and the date.
        {"/api/ikm.pdf", "ikm", {"from", "to", "service"}, ikm_pdf, false, {{"print", true}}},
        {"/api/officer_sheet", "officer_sheet", {"officer", "from", "to"}},
        {"/api/survey_notes", "survey_notes", {"from", "to", "open_only", "before", "limit"}},
        {"/api/survey_reply", "survey_reply", {"note", "reply"}, nullptr, true},
        // Online bookings (docs/booking.md): the day's list, its CSV, and closing a day or session.
        {"/api/bookings", "bookings", {"day", "service"}},
        {"/api/bookings.csv", "bookings", {"day", "service"}, bookings_csv},
        {"/api/booking_close", "booking_close", {"day", "service", "session", "reason"}, nullptr, true},
        {"/api/booking_report", "booking_report", {"by", "from", "to"}},
        {"/api/booking_report.csv", "booking_report", {"by", "from", "to"}, booking_report_csv},
    };
    return list;
}

// A query's value as the op's field type: flags and numbers are text in a URL. A
// value that is neither stays text, for the op to refuse with its own message.
json query_value(std::string_view field, const std::string& value) {
    if (field == "open_only" && (value == "true" || value == "1")) return true;
    if (field == "open_only" && (value == "false" || value == "0")) return false;
    if ((field == "before" || field == "limit") && !value.empty() && value.size() <= 15 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::stoll(value);
    return value;
}

// Boost 1.74's Beast speaks boost::string_view; the rest of Antre std::string_view.
std::string_view std_view(boost::beast::string_view s) { return {s.data(), s.size()}; }

// A protocol request as the Handler receives it from a decoded line.
protocol::Request op_request(int id, const char* op, json fields) {
    fields["id"] = id;
    fields["op"] = op;
    return protocol::Request{id, op, std::move(fields)};
}

// A reply line of the protocol as it reaches the browser: the same object
// without the request id, with an HTTP status that matches its error code.
http::Response reply_response(const json& reply) {
    if (reply.value("ok", false)) {
        json body = reply;
        body.erase("id");
        return web::dashboard_responses.json(200, body);
    }
    const json& refusal = reply["error"];
    const std::string code = refusal.value("code", errc::internal_error);
    json error = {{"code", code}, {"message", refusal.value("message", "")}};
    const auto wait = refusal.find("retry_after_ms");
    const bool waits = wait != refusal.end() && wait->is_number_integer();
    if (waits) error["retry_after_ms"] = *wait;
    auto r = web::dashboard_responses.json(web::http_status(code), {{"ok", false}, {"error", std::move(error)}});
    // too_many_attempts: the wait in whole seconds for HTTP clients too.
    if (waits) r.set(bhttp::field::retry_after, std::to_string((wait->get<std::int64_t>() + 999) / 1000));
    return r;
}

http::Response csv_download(const std::string& text, const std::string& name) {
    return web::dashboard_responses.download("text/csv; charset=utf-8", text, name);
}

// A `report` reply as the CSV download: the same formatter as `antre report
// --format csv`, so the same bytes. Its fields were checked by the op.
http::Response report_csv(const json& reply, const std::string&) {
    return csv_download(report_text::report_csv(reply), "antre-" + reply.value("by", std::string("report")) + "-" +
                                                            reply.value("from", std::string()) + "-" +
                                                            reply.value("to", std::string()) + ".csv");
}

// A `bookings` reply, one row per booking with the NIK: the dashboard's sessions are
// managers', whom the op shows it to (docs/booking.md, personal data).
http::Response bookings_csv(const json& reply, const std::string&) {
    return csv_download(report_text::bookings_csv(reply),
                        "antre-pemesanan-" + reply.value("day", std::string()) + ".csv");
}

// A `booking_report` reply: counts only, no NIK or name (the same bytes as `antre
// booking-report --format csv`).
http::Response booking_report_csv(const json& reply, const std::string&) {
    return csv_download(report_text::booking_report_csv(reply),
                        "antre-pemesanan-" + reply.value("by", std::string("day")) + "-" +
                            reply.value("from", std::string()) + "-" + reply.value("to", std::string()) + ".csv");
}

// An `ikm` reply as the report's A4 PDF: the same drawing as `antre ikm --pdf`.
http::Response ikm_pdf(const json& reply, const std::string& office) {
    std::string pdf;
    try {
        pdf = skm_pdf(reply, office);
    } catch (const std::exception& e) {
        return web::dashboard_responses.error(500, errc::internal_error,
                                              std::string("PDF tidak dapat dibuat: ") + e.what());
    }
    return web::dashboard_responses.download("application/pdf", std::move(pdf), skm_pdf_name(reply));
}

// The office's name from a hello reply (an object with `name`, or the name itself).
std::string office_name(const json& reply) {
    if (!reply.is_object() || !reply.contains("office")) return "";
    const json& o = reply["office"];
    if (o.is_string()) return o.get<std::string>();
    return o.is_object() ? o.value("name", std::string()) : std::string();
}

void set_cookie(http::Response& r, const std::string& value, bool clear, bool secure) {
    web::set_session_cookie(r, Dashboard::cookie_name, value, clear, secure);
}

std::optional<std::string> session_cookie(const http::Request& request) {
    return web::session_cookie(request, Dashboard::cookie_name);
}

http::Response method_not_allowed(const char* allow) { return web::dashboard_responses.method_not_allowed(allow); }

// A POST's body as a JSON object, or nothing after answering the refusal. JSON only,
// as the log-in: a form on another site cannot send it.
std::optional<json> json_body(const http::Request& request, const std::function<void(http::Response)>& respond) {
    if (!web::is_json_media_type(std_view(request[bhttp::field::content_type]))) {
        respond(web::dashboard_responses.error(415, errc::bad_request, "Kirim sebagai application/json"));
        return std::nullopt;
    }
    json body = json::parse(request.body(), nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        respond(web::dashboard_responses.error(400, errc::bad_json, "Isi permintaan harus objek JSON"));
        return std::nullopt;
    }
    return body;
}

}  // namespace

Dashboard::Dashboard(Handler& handler, bool https) : handler_(handler), https_(https) {}

void Dashboard::handle(const http::Request& request, const std::string& peer, Respond respond) {
    const auto target = web::parse_target(std_view(request.target()));
    if (!target) return respond(web::dashboard_responses.error(400, errc::bad_request, "Alamat permintaan tidak sah"));
    const std::string& path = target->path;
    const bool get = request.method() == bhttp::verb::get;
    const bool post = request.method() == bhttp::verb::post;

    if (path == "/api/login") return post ? login(request, peer, respond) : respond(method_not_allowed("POST"));
    if (path == "/api/logout") return post ? logout(request, respond) : respond(method_not_allowed("POST"));
    if (path == "/api/me") {
        if (!get) return respond(method_not_allowed("GET"));
        return as_manager(request, peer, respond, [respond](std::shared_ptr<SessionContext>, const json& hello) {
            respond(web::dashboard_responses.json(
                200, {{"ok", true}, {"officer", hello.at("officer")}, {"office", hello.at("office")}}));
        });
    }
    if (path == "/api/whatif" && what_if_) {
        if (!post) return respond(method_not_allowed("POST"));
        auto body = json_body(request, respond);
        if (!body) return;
        return as_manager(request, peer, respond,
                          [this, respond, body = std::move(*body)](std::shared_ptr<SessionContext>, const json&) {
                              what_if_->run(body, respond);
                          });
    }
    if (path.rfind("/api/", 0) == 0) {
        auto ep =
            std::find_if(endpoints().begin(), endpoints().end(), [&](const Endpoint& e) { return e.path == path; });
        if (ep == endpoints().end())
            return respond(web::dashboard_responses.error(404, errc::unknown_op, "Tidak ada " + path));
        json fields = json::object();
        if (ep->write) {
            if (!post) return respond(method_not_allowed("POST"));
            const auto body = json_body(request, respond);
            if (!body) return;
            for (const char* f : ep->fields)
                if (body->contains(f) && !(*body)[f].is_null()) fields[f] = (*body)[f];  // the op checks each type
        } else {
            if (!get) return respond(method_not_allowed("GET"));
            for (const char* f : ep->fields)
                if (auto it = target->query.find(f); it != target->query.end()) fields[f] = query_value(f, it->second);
        }
        fields.update(ep->preset);
        return as_manager(request, peer, respond,
                          [this, respond, op = ep->op, download = ep->download, fields](
                              std::shared_ptr<SessionContext> ctx, const json& hello) {
                              handler_.handle(*ctx, op_request(2, op, fields),
                                              [ctx, respond, download, office = office_name(hello)](Outcome out) {
                                                  const json reply = std::move(out).whole();
                                                  if (!download || !reply.value("ok", false))
                                                      return respond(reply_response(reply));
                                                  respond(download(reply, office));
                                              });
                          });
    }
    if (!get) return respond(method_not_allowed("GET"));
    if (const web::Asset* asset = web::find_asset(web::embedded_assets(), path, "/index.html"))
        return respond(web::dashboard_responses.page(*asset));
    respond(web::dashboard_responses.error(404, "not_found", "Halaman tidak ditemukan"));
}

void Dashboard::login(const http::Request& request, const std::string& peer, Respond respond) {
    // JSON only: a plain HTML form on another site cannot send it, so no page elsewhere
    // can log a browser in behind its user's back.
    if (!web::is_json_media_type(std_view(request[bhttp::field::content_type])))
        return respond(web::dashboard_responses.error(415, errc::bad_request, "Kirim log-in sebagai application/json"));
    const json body = json::parse(request.body(), nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("nip") || !body.contains("pin") ||
        !body["nip"].is_string() || !body["pin"].is_string())
        return respond(
            web::dashboard_responses.error(400, errc::bad_request, "Kirim JSON {\"nip\": \"...\", \"pin\": \"...\"}"));
    auto ctx = std::make_shared<SessionContext>();
    ctx->peer = peer;
    // The throttle counts failures per address: each browser's own, shared with the
    // client port's sessions from the same machine.
    ctx->address = web::address_of(peer);
    ctx->web = true;  // the token it issues is a dashboard cookie, good for nothing else
    // The protocol's own hello: the same PIN check, decoy hash and refusals as
    // every other log-in, and a token that ends with the office day.
    const auto hello =
        op_request(1, "hello", {{"role", "manager"}, {"nip", body["nip"]}, {"pin", body["pin"]}, {"remember", true}});
    handler_.handle(*ctx, hello, [ctx, respond, secure = https_](Outcome out) {
        const json reply = std::move(out).whole();
        if (!reply.value("ok", false)) return respond(reply_response(reply));
        const std::string token = reply.value("token", std::string());
        auto r = web::dashboard_responses.json(
            200, {{"ok", true}, {"officer", reply["officer"]}, {"office", reply["office"]}});
        set_cookie(r, token, false, secure);
        respond(std::move(r));
    });
}

void Dashboard::logout(const http::Request& request, Respond respond) {
    if (auto token = session_cookie(request)) handler_.forget_token(*token);
    auto r = web::dashboard_responses.json(200, {{"ok", true}});
    set_cookie(r, "", true, https_);
    respond(std::move(r));
}

void Dashboard::as_manager(const http::Request& request, const std::string& peer, Respond respond,
                           std::function<void(std::shared_ptr<SessionContext>, const json&)> then) {
    const auto token = session_cookie(request);
    if (!token)
        return respond(web::dashboard_responses.error(401, errc::hello_required, "Silakan masuk dengan NIP dan PIN"));
    auto ctx = std::make_shared<SessionContext>();
    ctx->peer = peer;
    ctx->address = web::address_of(peer);
    ctx->web = true;
    handler_.handle(*ctx, op_request(1, "hello", {{"role", "manager"}, {"token", *token}}),
                    [ctx, respond, secure = https_, then = std::move(then)](Outcome out) {
                        const json reply = std::move(out).whole();
                        if (!reply.value("ok", false)) {
                            auto r = reply_response(reply);
                            if (r.result() == bhttp::status::unauthorized)
                                set_cookie(r, "", true, secure);  // the token has ended
                            return respond(std::move(r));
                        }
                        then(ctx, reply);
                    });
}

}  // namespace antre
