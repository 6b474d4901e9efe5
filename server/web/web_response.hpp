// The answers of Antre's two HTTP ports, made in one place: every answer carries
// the same security headers (no sniffing, no framing, no Referer) and the cache
// policy of its port. The dashboard's answers are not stored; the public page's,
// one citizen's ticket, are private too and tell HTTP/1.0 caches the same.
#pragma once

#include <string>
#include <string_view>

#include <boost/beast/http/status.hpp>
#include <nlohmann/json.hpp>

#include "http_server.hpp"

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

private:
    CachePolicy policy_;
};

}  // namespace antre::web
