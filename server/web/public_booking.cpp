#include "public_booking.hpp"

#include <ctime>
#include <memory>
#include <stdexcept>

#include <qrencode.h>

#include "antre/calendar.hpp"
#include "antre/errors.hpp"
#include "antre/nik.hpp"
#include "bookings.hpp"
#include "handler.hpp"
#include "public_http.hpp"
#include "web_request.hpp"

namespace antre {

namespace bhttp = boost::beast::http;
using protocol::json;
using public_http::responses;

namespace {

constexpr std::string_view api = "/api/public/booking";
constexpr std::string_view qr_prefix = "/api/public/booking/qr/";

unsigned status_of(const std::string& code) {
    if (code == errc::booking_full || code == errc::already_booked) return 409;
    if (code == errc::unknown_booking || code == errc::unknown_service) return 404;
    return web::http_status(code);
}

http::Response from_reply(Outcome out) {
    const bool ok = out.ok;
    json j = std::move(out).whole();
    j.erase("id");
    if (ok) return responses.json(200, j);
    return responses.json(status_of(j["error"].value("code", "")), j);
}

http::Response throttled(Millis wait) {
    return responses.throttled(wait, "Terlalu banyak percobaan; coba lagi nanti (too many attempts)");
}

// iCalendar text: backslash, comma, semicolon and newline escaped (RFC 5545 3.3.11).
std::string ics_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == ',' || c == ';') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string ics_time(Millis t) {
    const std::time_t secs = static_cast<std::time_t>(t / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

// A square SVG of the code's QR, one unit per module and a quiet zone of four.
std::string qr_svg(const std::string& text) {
    struct Free {
        void operator()(QRcode* q) const { QRcode_free(q); }
    };
    std::unique_ptr<QRcode, Free> q(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!q) throw std::runtime_error("QRcode_encodeString failed");
    const int size = q->width + 8;
    std::string path;
    for (int y = 0; y < q->width; ++y)
        for (int x = 0; x < q->width; ++x)
            if (q->data[y * q->width + x] & 1)
                path += "M" + std::to_string(x + 4) + " " + std::to_string(y + 4) + "h1v1h-1z";
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
           std::to_string(size) +
           "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
           "fill=\"#fff\"/><path fill=\"#000\" d=\"" +
           path + "\"/></svg>";
}

}  // namespace

PublicBooking::PublicBooking(Handler& handler, const OfficeConfig& office, const Clock& clock)
    : handler_(handler),
      office_(office),
      clock_(clock),
      per_address_(handler.options().bookings_per_address),
      per_nik_(handler.options().bookings_per_nik),
      guesses_([] {
          LoginThrottle::Policy p;
          p.free_officer_failures = 5;  // per NIK
          p.free_address_failures = 10;
          return p;
      }()) {}

bool PublicBooking::handle(const http::Request& request, const std::string& peer,
                           std::function<void(http::Response)>& respond) {
    const auto target = web::parse_target({request.target().data(), request.target().size()});
    if (!target || target->path.rfind(api, 0) != 0) return false;
    const std::string& path = target->path;
    const bool get = request.method() == bhttp::verb::get, post = request.method() == bhttp::verb::post;
    const std::string address = web::address_of(peer);
    const Millis now = clock_.now();
    try {
        if (get && path == std::string(api) + "/services") {
            respond(responses.json(200, handler_.booking_services(now)));
        } else if (get && path == std::string(api) + "/sessions") {
            auto at = [&](const char* k) { return target->query.count(k) ? target->query.at(k) : std::string(); };
            json j = handler_.booking_sessions(at("service"), at("day"), now);
            respond(responses.json(200, j));
        } else if (get && path.rfind(qr_prefix, 0) == 0) {
            // The QR holds the code alone, which names nobody without the NIK.
            const std::string code = normalize_booking_code(std::string_view(path).substr(qr_prefix.size()));
            if (code.empty())
                respond(responses.error(400, errc::bad_request, "Kode pemesanan tidak sah"));
            else
                respond(responses.make(bhttp::status::ok, "image/svg+xml", qr_svg(code)));
        } else if (post && path == api) {
            book(request, address, respond);
        } else if (post && (path == std::string(api) + "/find" || path == std::string(api) + "/cancel" ||
                            path == std::string(api) + "/ics")) {
            find_or_cancel(request, address, path.ends_with("/cancel"), path.ends_with("/ics"), respond);
        } else {
            respond(responses.error(404, "not_found", "Halaman tidak ditemukan"));
        }
    } catch (const Refusal& r) {
        respond(responses.error(status_of(r.code()), r.code(), r.what()));
    }
    return true;
}

namespace {

json body_of(const http::Request& request) {
    json j = json::parse(request.body(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw Refusal(errc::bad_json, "Isi permintaan harus objek JSON (the body must be a JSON object)");
    return j;
}

}  // namespace

void PublicBooking::book(const http::Request& request, const std::string& address,
                         std::function<void(http::Response)> respond) {
    const json body = body_of(request);
    const Millis now = clock_.now();
    if (const Millis wait = per_address_.take(address, now)) return respond(throttled(wait));
    // Only a NIK of the right shape counts against its own limit: a typo is not a try.
    const std::string nik = protocol::get_string(body, "nik");
    if (!check_nik(nik))
        if (const Millis wait = per_nik_.take(nik, now)) return respond(throttled(wait));
    handler_.book_online(body, [respond](Outcome out) { respond(from_reply(std::move(out))); });
}

void PublicBooking::find_or_cancel(const http::Request& request, const std::string& address, bool cancel, bool ics,
                                   std::function<void(http::Response)> respond) {
    const json body = body_of(request);
    const Millis now = clock_.now();
    const std::string nik = protocol::get_string(body, "nik"), code = protocol::get_string(body, "code");
    // While throttled every lookup is refused, right ones too: else the answer tells a hit.
    if (const Millis wait = guesses_.retry_after(nik, address, now)) return respond(throttled(wait));
    const Booking* b = handler_.bookings().find(nik, code);
    if (!b) {
        guesses_.failed(nik, address, now);
        return respond(responses.error(404, errc::unknown_booking, "Tidak ada pemesanan dengan NIK dan kode itu"));
    }
    if (cancel) return handler_.cancel_online(body, [respond](Outcome out) { respond(from_reply(std::move(out))); });
    json found = handler_.find_booking(nik, code);
    if (!ics) return respond(responses.json(200, {{"ok", true}, {"booking", found}}));
    const OfficeCalendar& cal = handler_.bookings().calendar();
    const Millis start = cal.day_start(b->day) + b->session_start * 60'000LL;
    const Millis end = cal.day_start(b->day) + b->session_end * 60'000LL;
    std::string bring;
    for (const auto& item : found["requirements"]) bring += "\n- " + item.get<std::string>();
    const std::string text =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Antre//Antrean Daring//ID\r\nBEGIN:VEVENT\r\n"
        "UID:booking-" +
        b->code + "@antre\r\nDTSTAMP:" + ics_time(now) + "\r\nDTSTART:" + ics_time(start) +
        "\r\nDTEND:" + ics_time(end) +
        "\r\nSUMMARY:" + ics_text("Antrean " + found["service_name"].get<std::string>() + " (" + b->code + ")") +
        "\r\nLOCATION:" + ics_text(office_.office_name) + "\r\nDESCRIPTION:" +
        ics_text("Kode pemesanan " + b->code + ". Datang paling lambat " +
                 std::to_string(found["grace_minutes"].get<int>()) + " menit setelah sesi berakhir. Bawa:" + bring) +
        "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    auto r = responses.make(bhttp::status::ok, "text/calendar; charset=utf-8", text);
    r.set(bhttp::field::content_disposition, "attachment; filename=\"antrean-" + b->code + ".ics\"");
    respond(std::move(r));
}

}  // namespace antre
