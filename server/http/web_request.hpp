// The small pure pieces of the dashboard's HTTP handling: the request target
// split into path and query, cookies, and which HTTP status stands for a
// protocol error code. No sockets and no Beast here, so they are unit-tested alone.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace antre::web {

/// A request target ("/api/report?by=officer&from=2026-11-30") taken apart.
struct Target {
    std::string path;                          ///< percent-decoded
    std::map<std::string, std::string> query;  ///< decoded; a repeated name keeps its last value
};

/// Splits and percent-decodes a request target; nullopt when it is not an
/// origin-form target ("/...") or holds a broken or NUL escape.
std::optional<Target> parse_target(std::string_view target);

/// The value of cookie `name` in a Cookie header ("a=1; antre_sesi=abc"), if present.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

/// The HTTP status that answers a refusal with this protocol error code.
unsigned http_status(std::string_view error_code);

/// True when a Content-Type header names JSON ("application/json", any case,
/// with or without parameters such as "; charset=utf-8").
bool is_json_media_type(std::string_view content_type);

/// The address part of a peer named "address:port" ("10.0.0.5:51234" ->
/// "10.0.0.5", "::1:51234" -> "::1"), as the client port's sessions name it.
std::string address_of(std::string_view peer);

/// "text/html; charset=utf-8" and the like, from a file name's extension.
std::string_view content_type(std::string_view file_name);

}  // namespace antre::web
