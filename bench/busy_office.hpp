// A busy office's days written through the real engine and store (bench/year.cpp):
// the year bench times them, the hub bench ships them.
#pragma once

#include <string>

#include "antre/config.hpp"
#include "stats.hpp"

namespace antre::bench {

/// Sorong's services with no daily quota and `counters` counters, each serving every
/// service in its own order of preference.
OfficeConfig busy_office(long counters);

/// Writes `days` working days from Monday 2025-12-01 of `office`, `tickets_per_day`
/// each, into a new database `db` (replacing one there), one commit per day;
/// returns the commits' times.
Samples write_busy_office(const std::string& db, const OfficeConfig& office, long days, long tickets_per_day,
                          long seed);

}  // namespace antre::bench
