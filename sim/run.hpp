// What antre-sim does once its command line is read: the day (or days) simulated,
// and the what-if comparison. Kept apart from main.cpp so tests drive it directly.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "antre/config.hpp"
#include "model.hpp"
#include "report.hpp"

namespace antre::sim {

/// "KTP@Mon", "KTP,KK@Mon": one more counter serving these services (in this order)
/// on that weekday.
struct AddCounter {
    std::vector<std::string> services;
    int weekday = 1;
    std::string text;  ///< as given
};
/// The English short name of a weekday (0 = Sunday: "Sun", 1 = "Mon", ...), as
/// --add-counter takes it.
std::string weekday_code(int weekday);

/// Parses an --add-counter value against the office's services; throws
/// std::invalid_argument with a message naming what is wrong.
AddCounter parse_add_counter(const std::string& text, const OfficeConfig& office);

/// Applies a --policy name to the office: "config" (as configured), "urgency" (the
/// urgency rule with the office's boost and step), "strict" or "priority-first" (the
/// strict rule, priority first) or "interleave:N" (the strict rule with N regular
/// calls between priority ones). Throws std::invalid_argument for any other name.
void apply_policy(OfficeConfig& office, const std::string& policy);

/// Called before each simulated day; throws to stop the run (the dashboard's time limit).
using BetweenDays = std::function<void()>;

/// `runs` days drawn from `model` with seeds seed, seed+1, ..., simulated on `office`
/// with the standard estimators, summarised.
Report run_days(const OfficeConfig& office, const DayModel& model, const std::string& day, std::uint64_t seed, int runs,
                const BetweenDays& between = {});

/// A what-if staffing comparison: the same days (same seeds) without and with the
/// added counters.
struct WhatIf {
    std::string change;  ///< "one more counter for KTP@Mon[ and ...]"
    Report before, after;
};
/// Runs the comparison that `antre-sim --add-counter` prints and the dashboard's
/// "Simulasi staf" shows: run_days on `office`, then on with_counters(office, added).
WhatIf what_if(const OfficeConfig& office, const DayModel& model, const std::vector<AddCounter>& added,
               const std::string& day, std::uint64_t seed, int runs, const BetweenDays& between = {});

/// The office with the added counters (numbers after the highest).
OfficeConfig with_counters(OfficeConfig office, const std::vector<AddCounter>& added);

/// The first day on or after `day` that falls on `weekday` (0 = Sunday).
std::string next_weekday(const std::string& day, int weekday, const std::string& time_zone);

}  // namespace antre::sim
