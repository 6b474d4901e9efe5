// Online booking in the configuration's JSON form (docs/booking.md): a service's
// "booking" object, and the office's "holidays". Internal to antre_shared.
#pragma once

#include <string>
#include <vector>

#include "antre/config.hpp"
#include "json_fields.hpp"

namespace antre::config_detail {

/// Reads a service's "booking" object at `path` (checked with validate_booking).
BookingRules parse_booking(const Json& j, const std::string& path);
/// Writes rules in the form parse_booking reads.
Json booking_to_json(const BookingRules& rules);
/// Checks a service's rules, against its daily quota; `path` names the "booking" object.
void validate_booking(const BookingRules& rules, int daily_quota, const std::string& path);

/// Reads the office's "holidays": [{"date": "YYYY-MM-DD", "name": "..."}], sorted by date.
std::vector<Holiday> parse_holidays(const Json& j, const std::string& path);

}  // namespace antre::config_detail
