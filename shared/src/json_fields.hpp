// Strict reading of one JSON object of the office configuration: every key is
// known, every value has the expected type, and every failure is a ConfigError
// naming the exact field. Internal to antre_shared.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/config.hpp"

namespace antre::config_detail {

// Insertion order is kept so a written file reads in the order of the contract.
using Json = nlohmann::ordered_json;

/// "office" + "name" -> "office.name"; an empty parent gives the key alone.
std::string join(const std::string& parent, const std::string& key);
/// "services" + 2 -> "services[2]".
std::string index(const std::string& parent, std::size_t i);

/// A JSON object whose keys were checked against a known list on construction.
class JsonFields {
public:
    /// Throws unless `j` is an object holding only keys from `known`.
    JsonFields(const Json& j, std::string path, std::initializer_list<const char*> known);

    /// True when `key` is present (null counts as absent).
    bool has(const std::string& key) const;
    /// The value at `key`; throws when it is absent.
    const Json& at(const std::string& key) const;
    /// Path of `key` for error messages.
    std::string path(const std::string& key) const { return join(path_, key); }

    /// A required string.
    std::string text(const std::string& key) const;
    /// An optional string, `fallback` when absent.
    std::string text_or(const std::string& key, const std::string& fallback) const;
    /// A required whole number that fits an int.
    int integer(const std::string& key) const;
    /// An optional whole number, `fallback` when absent.
    int integer_or(const std::string& key, int fallback) const;
    /// A required array.
    const Json& array(const std::string& key) const;

private:
    const Json& j_;
    std::string path_;
};

/// `j` as a string; throws naming `path` otherwise.
std::string as_text(const Json& j, const std::string& path);
/// `j` as a time of day written "HH:MM" (00:00 to 24:00), in minutes after midnight;
/// throws naming `path` otherwise.
int as_time(const Json& j, const std::string& path);
/// `j` as a whole number that fits an int; throws naming `path` otherwise.
int as_integer(const Json& j, const std::string& path);

/// Parses JSON text; a syntax error is a ConfigError on `path` with the parser's message.
Json parse_json(const std::string& text, const std::string& path);

}  // namespace antre::config_detail
