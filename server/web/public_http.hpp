// The answers of the citizens' public port (public_page.cpp, public_booking.cpp):
// every one no-store, unframed, unsniffed and without a Referer.
#pragma once

#include <string>
#include <string_view>

#include "antre/protocol.hpp"
#include "http_server.hpp"

namespace antre::public_http {

boost::beast::string_view beast_view(std::string_view s);
/// An answer with the public port's headers.
http::Response response(boost::beast::http::status status, std::string_view type, std::string body);
http::Response json_response(unsigned status, const protocol::json& body);
/// {"ok":false,"error":{"code":...,"message":...}}
http::Response error_response(unsigned status, std::string_view code, std::string_view message);

}  // namespace antre::public_http
