// Opening hours in the configuration's JSON form: an object keyed by weekday
// ("sun" .. "sat"), each day either one ["HH:MM", "HH:MM"] pair or a list of
// such pairs (for a midday break). Internal to antre_shared.
#pragma once

#include <string>
#include <vector>

#include "antre/domain.hpp"
#include "json_fields.hpp"

namespace antre::config_detail {

/// The weekday of a key "sun" .. "sat" (0 .. 6), or -1.
int weekday_of_key(const std::string& key);
/// The key of a weekday 0 .. 6 ("sun" .. "sat").
std::string key_of_weekday(int weekday);

/// Reads and checks hours at `path`; the result is sorted by weekday, then opening.
std::vector<OpeningWindow> parse_hours(const Json& j, const std::string& path);
/// Writes hours in the form parse_hours reads; a day with one window is a plain pair.
Json hours_to_json(const std::vector<OpeningWindow>& hours);
/// Checks hours built in code, naming fields as hours_to_json would write them.
void validate_hours(const std::vector<OpeningWindow>& hours, const std::string& path);

}  // namespace antre::config_detail
