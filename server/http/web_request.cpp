#include "web_request.hpp"

#include <algorithm>

#include "antre/errors.hpp"

namespace antre::web {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// '+' is a space only in the query (form encoding), never in the path.
std::optional<std::string> decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += plus_is_space && s[i] == '+' ? ' ' : s[i];
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::optional<Target> parse_target(std::string_view target) {
    if (target.empty() || target.front() != '/') return std::nullopt;
    const auto q = target.find('?');
    auto path = decode(target.substr(0, q), false);
    if (!path) return std::nullopt;
    Target t{*path, {}};
    if (q == std::string_view::npos) return t;
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto name = decode(pair.substr(0, eq), true);
        auto value = decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
        if (!name || !value) return std::nullopt;
        t.query[*name] = *value;
    }
    return t;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto semi = header.find(';');
        const std::string_view item = trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        const auto eq = item.find('=');
        if (eq != std::string_view::npos && item.substr(0, eq) == name) return std::string(item.substr(eq + 1));
    }
    return std::nullopt;
}

unsigned http_status(std::string_view code) {
    if (code == errc::bad_credentials || code == errc::hello_required) return 401;
    if (code == errc::forbidden) return 403;
    if (code == errc::unknown_op) return 501;  // an op this server does not have (yet)
    if (code == errc::too_many_attempts) return 429;
    // Both mean "not now": storage_unavailable passes by itself (disk full, locked).
    if (code == errc::storage_error || code == errc::storage_unavailable) return 503;
    if (code == errc::internal_error) return 500;
    // Everything else is a refusal of what was asked: a bad date, an unknown service...
    return 400;
}

bool is_json_media_type(std::string_view content_type) {
    // Media types are case-insensitive (RFC 9110 8.3.1); parameters follow a ';'.
    const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
    constexpr std::string_view json = "application/json";
    return type.size() == json.size() &&
           std::equal(type.begin(), type.end(), json.begin(), [](char a, char b) { return lower(a) == b; });
}

std::string address_of(std::string_view peer) {
    const auto colon = peer.rfind(':');
    return std::string(colon == std::string_view::npos ? peer : peer.substr(0, colon));
}

std::string_view content_type(std::string_view file_name) {
    auto ends_with = [&](std::string_view ext) {
        return file_name.size() >= ext.size() && file_name.substr(file_name.size() - ext.size()) == ext;
    };
    if (ends_with(".html")) return "text/html; charset=utf-8";
    if (ends_with(".css")) return "text/css; charset=utf-8";
    if (ends_with(".js")) return "text/javascript; charset=utf-8";
    if (ends_with(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

}  // namespace antre::web
