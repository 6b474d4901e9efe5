// The office's break roster in the configuration's JSON form (docs/queue.md "Pause
// roster"): a list of {"counters", "days", "start", "minutes"}. Internal to antre_shared.
#pragma once

#include <string>
#include <vector>

#include "antre/config.hpp"
#include "json_fields.hpp"

namespace antre::config_detail {

/// Reads and checks the roster at `path` against the office's `counters`: times, lengths,
/// counters and days known, and no counter with two breaks that overlap on one day.
std::vector<BreakRule> parse_breaks(const Json& j, const std::string& path, const std::vector<CounterConfig>& counters);

}  // namespace antre::config_detail
