#include "web_response.hpp"

#include <algorithm>

#include "antre/errors.hpp"
#include "web_request.hpp"

namespace antre::web {

namespace bhttp = boost::beast::http;

const Responses dashboard_responses{CachePolicy::no_store};

http::Response Responses::make(bhttp::status status, std::string_view type, std::string body) const {
    http::Response r{status, 11};
    r.set(bhttp::field::server, "antre");
    r.set(bhttp::field::content_type, boost::beast::string_view(type.data(), type.size()));
    r.set("X-Content-Type-Options", "nosniff");
    r.set("X-Frame-Options", "DENY");
    r.set("Referrer-Policy", "no-referrer");
    if (policy_ == CachePolicy::no_store_private) {
        r.set(bhttp::field::cache_control, "no-store, private");
        r.set(bhttp::field::pragma, "no-cache");
    } else {
        r.set(bhttp::field::cache_control, "no-store");
    }
    r.body() = std::move(body);
    return r;
}

http::Response Responses::download(std::string_view type, std::string body, const std::string& name) const {
    auto r = make(bhttp::status::ok, type, std::move(body));
    r.set(bhttp::field::content_disposition, "attachment; filename=\"" + name + "\"");
    return r;
}

http::Response Responses::json(unsigned status, const nlohmann::json& body) const {
    return make(static_cast<bhttp::status>(status), "application/json; charset=utf-8", body.dump());
}

http::Response Responses::error(unsigned status, std::string_view code, std::string_view message) const {
    return json(status, {{"ok", false}, {"error", {{"code", code}, {"message", message}}}});
}

http::Response Responses::page(const Asset& asset) const {
    auto r = make(bhttp::status::ok, content_type(asset.name), std::string(asset.bytes));
    // Only our own files, no inline script: a page injected with markup cannot run code.
    r.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    r.set(bhttp::field::cache_control, "no-cache");
    return r;
}

http::Response Responses::method_not_allowed(const char* allow) const {
    auto r = error(405, errc::bad_request, std::string("Metode tidak diizinkan; gunakan ") + allow);
    r.set(bhttp::field::allow, allow);
    return r;
}

http::Response Responses::throttled(std::int64_t wait_ms, std::string_view message) const {
    auto r =
        json(429, {{"ok", false},
                   {"error", {{"code", errc::too_many_attempts}, {"message", message}, {"retry_after_ms", wait_ms}}}});
    r.set(bhttp::field::retry_after, std::to_string((wait_ms + 999) / 1000));
    return r;
}

const Asset* find_asset(const std::vector<Asset>& assets, std::string_view path, std::string_view index) {
    if (path == "/") return find_asset(assets, index, index);
    if (path.empty() || path.front() != '/') return nullptr;
    const auto name = path.substr(1);
    auto it = std::find_if(assets.begin(), assets.end(), [&](const Asset& a) { return a.name == name; });
    return it == assets.end() ? nullptr : &*it;
}

void set_session_cookie(http::Response& r, std::string_view name, const std::string& value, bool clear, bool secure) {
    std::string c = std::string(name) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
    if (secure) c += "; Secure";  // over HTTPS the browser never sends it in the clear
    if (clear) c += "; Max-Age=0";
    r.set(bhttp::field::set_cookie, c);
}

std::optional<std::string> session_cookie(const http::Request& request, std::string_view name) {
    auto it = request.find(bhttp::field::cookie);
    if (it == request.end()) return std::nullopt;
    auto token = cookie_value(std::string_view(it->value().data(), it->value().size()), name);
    if (!token || token->empty()) return std::nullopt;
    return token;
}

}  // namespace antre::web
