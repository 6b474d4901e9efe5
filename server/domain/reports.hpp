// The replies of `report`, `ikm` and `officer_sheet` built from a period's events:
// one implementation for the office server (handler_report.cpp) and antre-hub
// (hub/hub_reports.cpp), so a given office and period gives the same JSON at both.
// Pure code: the caller hands the events in, in seq order.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/calendar.hpp"
#include "metrics.hpp"

namespace antre::reports {

/// A year is the longest period one request may read.
inline constexpr int max_report_days = 366;

/// A bad `from`/`to`; what() is the message the client sees (code invalid_value).
struct BadPeriod : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

/// A request's [from, to] period in office days, both ends included.
struct Period {
    std::string from, to;
    Millis from_ms = 0, to_ms = 0;
};

/// Checks `from` and `to` (dates, in order, at most max_report_days days apart in the
/// office's calendar); throws BadPeriod.
Period period(const OfficeCalendar& calendar, const std::string& from, const std::string& to);
/// The start of office day `day`; throws BadPeriod naming `field`.
Millis day_start(const OfficeCalendar& calendar, const std::string& day, const char* field);

/// Hands the period's events, one at a time and in seq order, to a visitor.
using EventSource = std::function<void(const std::function<void(const metrics::LoggedEvent&)>&)>;

/// The `report` reply: {from, to, by, rows, definitions}. `until` closes counter
/// sessions still open (min of the period's end and now).
nlohmann::json report(const Period& p, metrics::GroupBy by, const OfficeCalendar& calendar, Millis until,
                      const std::vector<Service>& services, const EventSource& events);

/// The `ikm` reply: {ikm: {...}} over the surveys of `service` ("" = all).
nlohmann::json ikm(const Period& p, const std::string& service, const EventSource& events);

/// The `officer_sheet` reply: {sheet: {...}} of officer `nip` named `name`.
nlohmann::json officer_sheet(const Period& p, const std::string& nip, const std::string& name,
                             const OfficeCalendar& calendar, Millis until, const std::vector<Service>& services,
                             const EventSource& events);

/// An officer: NIP and name.
struct Officer {
    std::string nip, name;
};
/// The `officer_sheet` replies of several officers from one pass over the events: an
/// object with each officer's NIP as key and officer_sheet()'s reply as value.
nlohmann::json officer_sheets(const Period& p, const std::vector<Officer>& officers, const OfficeCalendar& calendar,
                              Millis until, const std::vector<Service>& services, const EventSource& events);

}  // namespace antre::reports
