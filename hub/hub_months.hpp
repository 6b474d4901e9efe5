// A closed month's figures kept at the hub (docs/hub.md "Months kept"): what marks an
// (office, month) changed, and which periods are whole months.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hub_store.hpp"

namespace antre::hub::months {

/// Followed by a SELECT of (office_id, month) rows and bump_conflict: bumps each
/// month's version (one that had none gets 1).
inline constexpr const char* bump_insert = "INSERT INTO office_months (office_id, month) ";
inline constexpr const char* bump_conflict =
    " ON CONFLICT (office_id, month) DO UPDATE SET version = office_months.version + 1";

/// Per ticket, the first days of the first and last months its events fall in.
using TicketMonths = std::map<std::int64_t, std::pair<std::string, std::string>>;
TicketMonths of_tickets(const std::vector<ShippedEvent>& events);

/// The first day of the month ("2026-11-01") when [from, to] (valid dates, in order)
/// is exactly one calendar month, its first day to its last; nullopt otherwise.
std::optional<std::string> whole_month(const std::string& from, const std::string& to);
/// Appends one element to a PostgreSQL array literal being built in `array` (from its
/// "{" on): NULL, the text as it is (`quote` false: a number or a date), or the text
/// quoted with its quotes and backslashes escaped.
void add_element(std::string& array, const std::optional<std::string>& v, bool quote);
/// The last day of the month whose first day is `month` ("2026-11-01" -> "2026-11-30").
std::string last_day(const std::string& month);

}  // namespace antre::hub::months
