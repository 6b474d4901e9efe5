// The answers of Antre's two HTTP ports, made in one place: every answer carries
// the same security headers (no sniffing, no framing, no Referer) and the cache
// policy of its port. The dashboard's answers are not stored; the public page's,
// one citizen's ticket, are private too and tell HTTP/1.0 caches the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/status.hpp>
#include <nlohmann/json.hpp>

#include "http_server.hpp"
#include "web_assets.hpp"

namespace antre::web {

/// What a port lets browsers and proxies keep.
enum class CachePolicy {
    no_store,          ///< Cache-Control: no-store (the managers' dashboard)
    no_store_private,  ///< Cache-Control: no-store, private, and Pragma: no-cache (the public page)
};

class Responses {
public:
    explicit Responses(CachePolicy policy) : policy_(policy) {}

    /// An answer of `type` with `body`.
    http::Response make(boost::beast::http::status status, std::string_view type, std::string body) const;
    /// A JSON answer.
    http::Response json(unsigned status, const nlohmann::json& body) const;
    /// {"ok":false,"error":{"code":..,"message":..}}, as the line protocol refuses.
    http::Response error(unsigned status, std::string_view code, std::string_view message) const;

    /// A file to save (Content-Disposition: attachment) named `name`: the dashboards'
    /// CSV and PDF downloads.
    http::Response download(std::string_view type, std::string body, const std::string& name) const;
    /// A page, style or script of a dashboard: only its own files may run
    /// (Content-Security-Policy), revalidated on each load (no-cache).
    http::Response page(const Asset& asset) const;
    /// 405 naming the method allowed.
    http::Response method_not_allowed(const char* allow) const;
    /// 429 `too_many_attempts` with `message`: the wait in milliseconds in the body
    /// (`retry_after_ms`) and in whole seconds in Retry-After.
    http::Response throttled(std::int64_t wait_ms,
                             std::string_view message = "Terlalu banyak percobaan; coba lagi nanti") const;

private:
    CachePolicy policy_;
};

/// The answers of the managers' dashboards, the office's and the hub's (no-store).
extern const Responses dashboard_responses;

/// The asset `path` names in `assets` ("/" is `index`), or nullptr.
const Asset* find_asset(const std::vector<Asset>& assets, std::string_view path, std::string_view index);

/// Sets the log-in cookie `name` (HttpOnly, SameSite=Strict, Path=/; Secure over
/// HTTPS); `clear` ends it in the browser.
void set_session_cookie(http::Response& r, std::string_view name, const std::string& value, bool clear, bool secure);
/// The non-empty value of cookie `name` in the request, if any.
std::optional<std::string> session_cookie(const http::Request& request, std::string_view name);

}  // namespace antre::web
