// The managers' read-only views of the event log: the `report` op reads the
// period's events and hands them to the pure metrics code; the `audit` op lists
// the administrative changes with who made them.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include "antre/errors.hpp"
#include "antre/ids.hpp"
#include "booking_report.hpp"
#include "booking_time.hpp"
#include "handler.hpp"
#include "metrics.hpp"
#include "reports.hpp"

namespace antre {

using protocol::json;

namespace {

// A checked period, or the refusal the client sees.
reports::Period period_or_refuse(const OfficeCalendar& calendar, const json& body) {
    try {
        return reports::period(calendar, protocol::get_string(body, "from"), protocol::get_string(body, "to"));
    } catch (const reports::BadPeriod& e) {
        throw Refusal(errc::invalid_value, e.what());
    }
}

// Each administrative change and the event it leaves. counter_closed is one only
// when a manager closed the counter (its detail names the manager).
const std::vector<std::string>& audit_types() {
    static const std::vector<std::string> types = {
        "office_created", "officer_created", "officer_updated", "service_created", "service_updated", "service_closed",
        "service_opened", "counter_created", "counter_updated", "counter_closed",  "printer_status"};
    return types;
}

}  // namespace

json Handler::audit(const json& body) {
    const OfficeCalendar& calendar = engine_->calendar();
    const std::string today = calendar.day_of(clock_.now());
    const std::string from = protocol::opt_string(body, "from").value_or("0000-00-00");
    const std::string to = protocol::opt_string(body, "to").value_or(today);
    try {
        if (body.contains("from")) reports::day_start(calendar, from, "from");
        if (body.contains("to")) reports::day_start(calendar, to, "to");
    } catch (const reports::BadPeriod& e) {
        throw Refusal(errc::invalid_value, e.what());
    }
    const auto after = protocol::opt_int(body, "after").value_or(0);
    const auto limit = std::clamp<std::int64_t>(protocol::opt_int(body, "limit").value_or(500), 1, 1000);
    json list = json::array();
    const auto rows = store_.events_of_types(audit_types(), from, to, after, static_cast<int>(limit));
    for (const auto& [seq, e] : rows) {
        if (e.type == "counter_closed" && e.detail.empty()) continue;  // the officer's own log-out
        // `by` is who made the change: the manager who closed a counter, the kiosk
        // that reported its printer, else the officer on the event.
        const std::string by = e.type == "counter_closed" ? e.detail : e.type == "printer_status" ? "kiosk" : e.officer;
        list.push_back({{"seq", seq},
                        {"at", e.at},
                        {"day", e.day},
                        {"type", e.type},
                        {"by", by},
                        {"service", e.service},
                        {"counter", e.counter},
                        {"detail", e.type == "counter_closed" ? "petugas " + e.officer : e.detail}});
    }
    // `next` pages on from the last seq read (skipped log-outs included); null at the end.
    const bool more = static_cast<std::int64_t>(rows.size()) == limit;
    return {{"from", from},
            {"to", to},
            {"time_zone", office_.time_zone},
            {"entries", list},
            {"next", more ? json(rows.back().first) : json(nullptr)}};
}

std::vector<Service> Handler::service_definitions() const {
    std::vector<Service> services;
    for (const auto& s : engine_->state().services) services.push_back(s.def);
    return services;
}

// report, ikm and officer_sheet: the events are read on a connection of their own,
// away from the I/O thread, so a year's report does not hold up the queue.
std::optional<Outcome> Handler::op_read_period(Call& c) {
    const protocol::Request& req = c.req;
    const Millis now = c.now;
    Reading r = req.op == "report" ? report(req.body, now)
                : req.op == "ikm"  ? ikm(req.body, now)
                                   : officer_sheet(req.body, now);
    const std::string path = store_.reader_path();
    if (path.empty() || !offload_) {  // an in-memory store has no second connection: read here
        const EventSource here = [this, &r](const auto& visit) { store_.for_each_event(r.from, r.to, visit); };
        return Outcome::success(req.id, r.answer(here));
    }
    auto answer = std::make_shared<std::optional<json>>();
    auto failure = std::make_shared<std::string>();
    offload_(
        [r = std::move(r), path, answer, failure] {
            try {
                EventReader reader(path);
                *answer = r.answer([&](const auto& visit) { reader.for_each_between(r.from, r.to, visit); });
            } catch (const std::exception& e) {
                *failure = e.what();
            }
        },
        [id = req.id, op = req.op, answer, failure, done = c.done] {
            if (*answer) return done(Outcome::success(id, std::move(**answer)));
            std::cerr << "antre-server: " << op << ": " << *failure << "\n";
            done(Outcome::refusal(id, errc::storage_error, "Laporan tidak terbaca dari penyimpanan"));
        });
    return std::nullopt;
}

Handler::Reading Handler::report(const json& body, Millis now) {
    const auto by = metrics::parse_group_by(protocol::get_string(body, "by"));
    if (!by) throw Refusal(errc::invalid_value, "field 'by' must be officer, service, counter, day, hour or office");
    const OfficeCalendar& calendar = engine_->calendar();
    const auto p = period_or_refuse(calendar, body);
    // Counters still open are counted up to now, or to the period's end if that is earlier.
    const Millis until = std::min(calendar.next_day_start(p.to_ms), now);
    return {p.from, p.to, [p, by = *by, calendar, until, services = service_definitions()](const EventSource& events) {
                return reports::report(p, by, calendar, until, services, events);
            }};
}

Handler::Reading Handler::ikm(const json& body, Millis now) {
    const OfficeCalendar& calendar = engine_->calendar();
    const auto p = period_or_refuse(calendar, body);
    const std::string service = protocol::opt_string(body, "service").value_or("");
    if (!service.empty() && !engine_->find_service(service))
        throw Refusal(errc::unknown_service, "Layanan " + service + " tidak ada");
    // For the printed report, beside the figures (which stay those the hub computes):
    // the period's saran/pengaduan, which live in the store's notes, not in the events
    // the figures are read from, and where and on which office day it was made.
    json additions = json::object();
    if (protocol::opt_bool(body, "print").value_or(false)) {
        additions = report_notes(p.from, p.to, service);
        additions["place"] = office_.place;
        additions["as_of"] = calendar.day_of(now);
    }
    return {p.from, p.to, [p, service, additions](const EventSource& events) {
                json reply = reports::ikm(p, service, events);
                reply["ikm"].update(additions);
                return reply;
            }};
}

Handler::Reading Handler::officer_sheet(const json& body, Millis now) {
    const std::string nip = protocol::get_string(body, "officer");
    if (!valid_nip(nip)) throw Refusal(errc::invalid_value, std::string("field 'officer': ") + nip_rule);
    const auto officer = store_.find_officer(nip);
    if (!officer) throw Refusal(errc::unknown_officer, "NIP " + nip + " tidak terdaftar");
    const OfficeCalendar& calendar = engine_->calendar();
    const auto p = period_or_refuse(calendar, body);
    const Millis until = std::min(calendar.next_day_start(p.to_ms), now);
    return {
        p.from, p.to,
        [p, nip, name = officer->name, calendar, until, services = service_definitions()](const EventSource& events) {
            return reports::officer_sheet(p, nip, name, calendar, until, services, events);
        }};
}

// The booking figures of a period (docs/booking.md "Figures of past days"). They are
// read from the store by index (the period's bookings and booked tickets, never its
// walk-ins or events), small enough to answer on the I/O thread.
std::optional<Outcome> Handler::op_booking_report(Call& c) {
    const OfficeCalendar& calendar = engine_->calendar();
    const auto p = period_or_refuse(calendar, c.body());
    const std::string by = protocol::opt_string(c.body(), "by").value_or("day");
    if (by != "day" && by != "service") throw Refusal(errc::invalid_value, "field 'by' must be day or service");
    auto facts = store_.booking_facts(p.from, p.to);
    // A booking whose chance has passed is missed, also before the sweep has marked it.
    const LocalTime here = calendar.local(c.now);
    for (auto& f : facts) {
        const ServiceState* s = engine_->find_service(f.service);
        if (f.status == BookingStatus::active && s &&
            booking_session_over(f.day, f.session_end, s->def.booking.grace_minutes, here))
            f.status = BookingStatus::missed;
    }
    return Outcome::success(c.req.id, booking_report::reply(facts, calendar, by, p.from, p.to));
}

}  // namespace antre
