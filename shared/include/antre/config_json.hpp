// A service or counter read from JSON as it is, not through its text (an
// administrator's service_set or counter_set, an office's services in a hub report),
// and a service written as JSON: the same rules and error messages as the config
// file (config.hpp).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "antre/config.hpp"

namespace antre {

/// One service as JSON, the config file's fields (service_to_json without the text).
nlohmann::json service_as_json(const Service& s);
/// One service from `j`; `field` prefixes errors.
Service service_from_json(const nlohmann::json& j, const std::string& field);
/// One counter from `j`; `field` prefixes errors.
CounterConfig counter_from_json(const nlohmann::json& j, const std::string& field);

}  // namespace antre
