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
#include "handler.hpp"
#include "metrics.hpp"
#include "skm.hpp"

namespace antre {

using protocol::json;

namespace {

// A year is the longest period one request may read, so that a typing slip
// cannot make the single I/O thread walk the whole database.
constexpr int max_report_days = 366;

Millis day_start_or_refuse(const OfficeCalendar& calendar, const std::string& day, const char* field) {
    try {
        if (day.size() != 10) throw std::invalid_argument(day);
        return calendar.day_start(day);
    } catch (const std::invalid_argument&) {
        throw Refusal(errc::invalid_value, std::string("field '") + field + "' must be a date like 2026-11-30");
    }
}

// A request's [from, to] period in office days, checked.
struct Period {
    std::string from, to;
    Millis from_ms = 0, to_ms = 0;
};

Period period_or_refuse(const OfficeCalendar& calendar, const json& body) {
    Period p{protocol::get_string(body, "from"), protocol::get_string(body, "to")};
    p.from_ms = day_start_or_refuse(calendar, p.from, "from");
    p.to_ms = day_start_or_refuse(calendar, p.to, "to");
    if (p.to < p.from) throw Refusal(errc::invalid_value, "'from' must not be after 'to'");
    // Days counted from the calendar, both ends included (a day need not be 24 hours).
    int days = 1;
    for (Millis d = p.from_ms; d < p.to_ms && days <= max_report_days; d = calendar.next_day_start(d)) ++days;
    if (days > max_report_days)
        throw Refusal(errc::invalid_value, "a report covers at most " + std::to_string(max_report_days) + " days");
    return p;
}

json rows_json(const std::vector<metrics::Row>& rows) {
    json out = json::array();
    for (const auto& r : rows) out.push_back(metrics::to_json(r));
    return out;
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
    if (body.contains("from")) day_start_or_refuse(calendar, from, "from");
    if (body.contains("to")) day_start_or_refuse(calendar, to, "to");
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
                : req.op == "ikm"  ? ikm(req.body)
                                   : officer_sheet(req.body, now);
    const std::string path = store_.reader_path();
    if (path.empty() || !offload_) {  // an in-memory store has no second connection: read here
        const EventSource here = [this, &r](const auto& visit) { store_.for_each_event(r.from, r.to, visit); };
        return Outcome{protocol::encode_ok(req.id, r.answer(here)), false};
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
            if (*answer) return done(Outcome{protocol::encode_ok(id, std::move(**answer)), false});
            std::cerr << "antre-server: " << op << ": " << *failure << "\n";
            done(Outcome{protocol::encode_error(id, errc::storage_error, "Laporan tidak terbaca dari penyimpanan"),
                         false});
        });
    return std::nullopt;
}

Handler::Reading Handler::report(const json& body, Millis now) {
    const auto by = metrics::parse_group_by(protocol::get_string(body, "by"));
    if (!by) throw Refusal(errc::invalid_value, "field 'by' must be officer, service, counter, day or hour");
    const OfficeCalendar& calendar = engine_->calendar();
    const Period p = period_or_refuse(calendar, body);
    // Counters still open are counted up to now, or to the period's end if that is earlier.
    const Millis until = std::min(calendar.next_day_start(p.to_ms), now);
    return {p.from, p.to,
            [p, by = *by, calendar, until, services = service_definitions()](const EventSource& events) -> json {
                metrics::Accumulator acc(services, by, calendar, p.from_ms);
                events([&](const metrics::LoggedEvent& e) { acc.add(e); });
                const auto rows = acc.finish(until);
                return {{"from", p.from},
                        {"to", p.to},
                        {"by", metrics::to_string(by)},
                        {"rows", rows_json(rows)},
                        {"definitions", metrics::definitions_version}};
            }};
}

Handler::Reading Handler::ikm(const json& body) {
    const Period p = period_or_refuse(engine_->calendar(), body);
    const std::string service = protocol::opt_string(body, "service").value_or("");
    if (!service.empty() && !engine_->find_service(service))
        throw Refusal(errc::unknown_service, "Layanan " + service + " tidak ada");
    return {p.from, p.to, [p, service](const EventSource& events) -> json {
                std::vector<skm::Response> responses;
                long served = 0;  // the citizens served: the population the sample is drawn from
                events([&](const metrics::LoggedEvent& e) {
                    if (auto r = skm::response_of(e, service))
                        responses.push_back(std::move(*r));
                    else if (e.event.type == "ticket_finished" && (service.empty() || e.event.service == service))
                        ++served;
                });
                json j = skm::to_json(skm::report(responses, served));
                j["from"] = p.from;
                j["to"] = p.to;
                j["service"] = service.empty() ? json(nullptr) : json(service);
                return {{"ikm", j}};
            }};
}

namespace {

// The targets each service had during [from, to], so figures sit beside the
// standard that applied when the work was done.
json standards_in_period(const Service& s, const std::string& from, const std::string& to) {
    std::vector<StandardPeriod> periods = s.earlier_standards;
    periods.push_back({s.standard_from, s.max_wait_minutes, s.max_service_minutes});
    json in_period = json::array();
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const bool ends_before = i + 1 < periods.size() && periods[i + 1].from <= from;
        if (periods[i].from <= to && !ends_before)
            in_period.push_back({{"from", periods[i].from.empty() ? json(nullptr) : json(periods[i].from)},
                                 {"max_wait_minutes", periods[i].max_wait_minutes},
                                 {"max_service_minutes", periods[i].max_service_minutes}});
    }
    return in_period;
}

}  // namespace

Handler::Reading Handler::officer_sheet(const json& body, Millis now) {
    const std::string nip = protocol::get_string(body, "officer");
    if (!valid_nip(nip)) throw Refusal(errc::invalid_value, std::string("field 'officer': ") + nip_rule);
    const auto officer = store_.find_officer(nip);
    if (!officer) throw Refusal(errc::unknown_officer, "NIP " + nip + " tidak terdaftar");
    const OfficeCalendar& calendar = engine_->calendar();
    const Period p = period_or_refuse(calendar, body);
    const Millis until = std::min(calendar.next_day_start(p.to_ms), now);
    return {
        p.from, p.to,
        [p, nip, name = officer->name, calendar, until,
         services = service_definitions()](const EventSource& events) -> json {
            // One pass feeds both: the officer's own row and their work per service.
            metrics::Accumulator officers(services, metrics::GroupBy::officer, calendar, p.from_ms);
            metrics::Accumulator per_service(services, metrics::GroupBy::service, calendar, p.from_ms,
                                             metrics::Filter{nip});
            events([&](const metrics::LoggedEvent& e) {
                officers.add(e);
                per_service.add(e);
            });
            metrics::Row total;
            total.key = nip;
            for (auto& r : officers.finish(until))
                if (r.key == nip) total = std::move(r);
            const auto by_service = per_service.finish(until);
            json standards = json::array();
            for (const auto& row : by_service)
                for (const auto& s : services)
                    if (s.code == row.key)
                        standards.push_back({{"service", row.key}, {"periods", standards_in_period(s, p.from, p.to)}});
            json t = metrics::to_json(total);
            // Citizens who never came, of those the officer called and who left the
            // counter served or as a no-show; and the calls that found nobody, of all calls ended.
            auto rate = [](int part, int rest) {
                return part + rest > 0 ? json(double(part) / (part + rest)) : json(nullptr);
            };
            t["no_show_rate"] = rate(total.no_show_tickets, total.served);
            t["no_show_call_rate"] = rate(total.no_shows, total.served);
            return {{"sheet",
                     {{"officer", {{"nip", nip}, {"name", name}}},
                      {"from", p.from},
                      {"to", p.to},
                      {"total", t},
                      {"by_service", rows_json(by_service)},
                      {"standards", standards},
                      {"definitions", metrics::definitions_version},
                      {"note", "Bahan bukti SKP, dibaca bersama target; bukan predikat kinerja."}}}};
        }};
}

}  // namespace antre
