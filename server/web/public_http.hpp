// The answers of the citizens' public port (public_page.cpp, public_booking.cpp):
// made by web::Responses with the port's cache policy (no-store, private, and
// Pragma: no-cache), unframed, unsniffed and without a Referer.
#pragma once

#include "web_response.hpp"

namespace antre::public_http {

/// The public port's answers (web_response.hpp).
extern const web::Responses responses;

}  // namespace antre::public_http
