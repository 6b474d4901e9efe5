// The `report` op: reads the period's events from the store and hands them to
// the pure metrics code; only validation and the reply's shape live here.
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

}  // namespace

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
