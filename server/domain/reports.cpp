#include "reports.hpp"

#include <algorithm>
#include <memory>

#include "skm.hpp"

namespace antre::reports {

using nlohmann::json;

namespace {

json rows_json(const std::vector<metrics::Row>& rows) {
    json out = json::array();
    for (const auto& r : rows) out.push_back(metrics::to_json(r));
    return out;
}

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

Millis day_start(const OfficeCalendar& calendar, const std::string& day, const char* field) {
    try {
        if (day.size() != 10) throw std::invalid_argument(day);
        return calendar.day_start(day);
    } catch (const std::invalid_argument&) {
        throw BadPeriod(std::string("field '") + field + "' must be a date like 2026-11-30");
    }
}

Period period(const OfficeCalendar& calendar, const std::string& from, const std::string& to) {
    Period p{from, to};
    p.from_ms = day_start(calendar, p.from, "from");
    p.to_ms = day_start(calendar, p.to, "to");
    if (p.to < p.from) throw BadPeriod("'from' must not be after 'to'");
    // Days counted from the calendar, both ends included (a day need not be 24 hours).
    int days = 1;
    for (Millis d = p.from_ms; d < p.to_ms && days <= max_report_days; d = calendar.next_day_start(d)) ++days;
    if (days > max_report_days) throw BadPeriod("a report covers at most " + std::to_string(max_report_days) + " days");
    return p;
}

json report(const Period& p, metrics::GroupBy by, const OfficeCalendar& calendar, Millis until,
            const std::vector<Service>& services, const EventSource& events) {
    metrics::Accumulator acc(services, by, calendar, p.from_ms);
    events([&](const metrics::LoggedEvent& e) { acc.add(e); });
    const auto rows = acc.finish(until);
    return {{"from", p.from},
            {"to", p.to},
            {"by", metrics::to_string(by)},
            {"rows", rows_json(rows)},
            {"definitions", metrics::definitions_version}};
}

json ikm(const Period& p, const std::string& service, const EventSource& events) {
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
}

json officer_sheet(const Period& p, const std::string& nip, const std::string& name, const OfficeCalendar& calendar,
                   Millis until, const std::vector<Service>& services, const EventSource& events) {
    return officer_sheets(p, {{nip, name}}, calendar, until, services, events)[nip];
}

json officer_sheets(const Period& p, const std::vector<Officer>& officers, const OfficeCalendar& calendar, Millis until,
                    const std::vector<Service>& services, const EventSource& events) {
    // One pass feeds them all: every officer's own row, and each one's work per service.
    metrics::Accumulator by_officer(services, metrics::GroupBy::officer, calendar, p.from_ms);
    std::vector<std::unique_ptr<metrics::Accumulator>> per_service;
    per_service.reserve(officers.size());
    for (const auto& o : officers)
        per_service.push_back(std::make_unique<metrics::Accumulator>(services, metrics::GroupBy::service, calendar,
                                                                     p.from_ms, metrics::Filter{o.nip}));
    events([&](const metrics::LoggedEvent& e) {
        by_officer.add(e);
        for (auto& a : per_service) a->add(e);
    });
    auto rows = by_officer.finish(until);
    json out = json::object();
    for (std::size_t i = 0; i < officers.size(); ++i) {
        const std::string& nip = officers[i].nip;
        metrics::Row total;
        total.key = nip;
        for (auto& r : rows)
            if (r.key == nip) total = r;
        const auto by_service = per_service[i]->finish(until);
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
        out[nip] = {{"sheet",
                     {{"officer", {{"nip", nip}, {"name", officers[i].name}}},
                      {"from", p.from},
                      {"to", p.to},
                      {"total", t},
                      {"by_service", rows_json(by_service)},
                      {"standards", standards},
                      {"definitions", metrics::definitions_version},
                      {"note", "Bahan bukti SKP, dibaca bersama target; bukan predikat kinerja."}}}};
    }
    return out;
}

}  // namespace antre::reports
