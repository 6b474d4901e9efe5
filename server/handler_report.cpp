// The managers' read-only views of the event log: the `report` op reads the
// period's events and hands them to the pure metrics code; the `audit` op lists
// the administrative changes with who made them.
#include <algorithm>
#include <stdexcept>

#include "antre/errors.hpp"
#include "handler.hpp"
#include "metrics.hpp"

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

// Each administrative change and the event it leaves. counter_closed is one only
// when a manager closed the counter (its detail names the manager).
const std::vector<std::string>& audit_types() {
    static const std::vector<std::string> types = {
        "office_created",  "officer_created", "officer_updated", "service_created", "service_updated",
        "service_closed",  "service_opened",  "counter_created", "counter_updated", "counter_closed",
        "printer_status"};
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
        list.push_back({{"seq", seq}, {"at", e.at}, {"day", e.day}, {"type", e.type}, {"by", by},
                        {"service", e.service}, {"counter", e.counter},
                        {"detail", e.type == "counter_closed" ? "petugas " + e.officer : e.detail}});
    }
    // `next` pages on from the last seq read (skipped log-outs included); null at the end.
    const bool more = static_cast<std::int64_t>(rows.size()) == limit;
    return {{"from", from}, {"to", to}, {"time_zone", office_.time_zone}, {"entries", list},
            {"next", more ? json(rows.back().first) : json(nullptr)}};
}

json Handler::report(const json& body, Millis now) {
    const auto by = metrics::parse_group_by(protocol::get_string(body, "by"));
    if (!by) throw Refusal(errc::invalid_value, "field 'by' must be officer, service, counter, day or hour");
    const std::string from = protocol::get_string(body, "from");
    const std::string to = protocol::get_string(body, "to");
    const OfficeCalendar& calendar = engine_->calendar();
    const Millis from_ms = day_start_or_refuse(calendar, from, "from");
    const Millis to_ms = day_start_or_refuse(calendar, to, "to");
    if (to < from) throw Refusal(errc::invalid_value, "'from' must not be after 'to'");
    if (to_ms - from_ms > Millis{max_report_days} * 86'400'000)
        throw Refusal(errc::invalid_value, "a report covers at most " + std::to_string(max_report_days) + " days");

    std::vector<Service> services;
    for (const auto& s : engine_->state().services) services.push_back(s.def);
    // Counters still open are counted up to now, or to the period's end if that is earlier.
    const Millis until = std::min(calendar.next_day_start(to_ms), now);
    json rows = json::array();
    for (const auto& r : metrics::compute(store_.events_between(from, to), services, *by, calendar, until))
        rows.push_back(metrics::to_json(r));
    return {{"from", from}, {"to", to}, {"by", metrics::to_string(*by)}, {"rows", rows},
            {"definitions", metrics::definitions_version}};
}

}  // namespace antre
