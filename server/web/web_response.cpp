#include "web_response.hpp"

namespace antre::web {

namespace bhttp = boost::beast::http;

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

http::Response Responses::json(unsigned status, const nlohmann::json& body) const {
    return make(static_cast<bhttp::status>(status), "application/json; charset=utf-8", body.dump());
}

http::Response Responses::error(unsigned status, std::string_view code, std::string_view message) const {
    return json(status, {{"ok", false}, {"error", {{"code", code}, {"message", message}}}});
}

}  // namespace antre::web
