#include "json_fields.hpp"

#include <cstdint>
#include <limits>

#include "antre/calendar.hpp"

namespace antre::config_detail {

std::string join(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

std::string index(const std::string& parent, std::size_t i) { return parent + "[" + std::to_string(i) + "]"; }

namespace {

std::string type_name(const Json& j) {
    if (j.is_number_integer()) return "a whole number";
    if (j.is_number()) return "a fractional number";
    if (j.is_string()) return "a string";
    if (j.is_boolean()) return "true/false";
    if (j.is_array()) return "an array";
    if (j.is_object()) return "an object";
    return "null";
}

std::string list_keys(std::initializer_list<const char*> known) {
    std::string out;
    for (const char* k : known) {
        if (!out.empty()) out += ", ";
        out += k;
    }
    return out;
}

}  // namespace

JsonFields::JsonFields(const Json& j, std::string path, std::initializer_list<const char*> known)
    : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) {
        throw ConfigError(path_, "must be an object, got " + type_name(j_));
    }
    // Refused before anything else: a misspelt optional key would otherwise be
    // silently ignored, and a misspelt required one reported as merely missing.
    for (const auto& [key, value] : j_.items()) {
        bool found = false;
        for (const char* k : known) found = found || key == k;
        if (!found) {
            throw ConfigError(join(path_, key),
                              "unknown field (check the spelling); expected one of: " + list_keys(known));
        }
    }
}

bool JsonFields::has(const std::string& key) const {
    const auto it = j_.find(key);
    return it != j_.end() && !it->is_null();
}

const Json& JsonFields::at(const std::string& key) const {
    if (!has(key)) throw ConfigError(path(key), "required field is missing");
    return j_.at(key);
}

std::string JsonFields::text(const std::string& key) const { return as_text(at(key), path(key)); }

std::string JsonFields::text_or(const std::string& key, const std::string& fallback) const {
    return has(key) ? text(key) : fallback;
}

int JsonFields::integer(const std::string& key) const { return as_integer(at(key), path(key)); }

int JsonFields::integer_or(const std::string& key, int fallback) const { return has(key) ? integer(key) : fallback; }

const Json& JsonFields::array(const std::string& key) const {
    const Json& j = at(key);
    if (!j.is_array()) throw ConfigError(path(key), "must be an array, got " + type_name(j));
    return j;
}

std::string as_text(const Json& j, const std::string& path) {
    if (!j.is_string()) throw ConfigError(path, "must be a string, got " + type_name(j));
    return j.get<std::string>();
}

int as_time(const Json& j, const std::string& path) {
    const std::string text = as_text(j, path);
    const int minute = parse_hhmm(text);
    if (minute < 0) {
        throw ConfigError(path, "must be a time written HH:MM between 00:00 and 24:00, got \"" + text + "\"");
    }
    return minute;
}

int as_integer(const Json& j, const std::string& path) {
    if (!j.is_number_integer()) {
        throw ConfigError(path, "must be a whole number, got " + type_name(j));
    }
    constexpr auto lo = std::numeric_limits<int>::min();
    constexpr auto hi = std::numeric_limits<int>::max();
    // An unsigned JSON number above INT64_MAX would wrap if read as signed.
    const bool fits = j.is_number_unsigned() ? j.get<std::uint64_t>() <= static_cast<std::uint64_t>(hi)
                                             : j.get<std::int64_t>() >= lo && j.get<std::int64_t>() <= hi;
    if (!fits) throw ConfigError(path, "number is far out of range: " + j.dump());
    return static_cast<int>(j.get<std::int64_t>());
}

Json parse_json(const std::string& text, const std::string& path) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        // Drop the "[json.exception.parse_error.101] " tag: it means nothing to an operator.
        std::string message = e.what();
        if (const auto end = message.find("] "); !message.empty() && message[0] == '[' && end != std::string::npos) {
            message.erase(0, end + 2);
        }
        throw ConfigError(path, "invalid JSON: " + message);
    }
}

}  // namespace antre::config_detail
