// Online booking on the citizens' public port (docs/booking.md): JSON endpoints under
// "/api/public/booking", the booking page "/booking", a booking's QR and its .ics.
// Bookings are throttled per address and per NIK, and lookups and cancellations
// that name no booking per address and NIK, so that codes cannot be guessed.
#pragma once

#include <functional>
#include <string>

#include "antre/clock.hpp"
#include "antre/config.hpp"
#include "http_server.hpp"
#include "login_throttle.hpp"
#include "rate_limit.hpp"

namespace antre {

class Handler;

class PublicBooking {
public:
    PublicBooking(Handler& handler, const OfficeConfig& office, const Clock& clock);

    /// Answers a booking request; false (and nothing answered) for other paths.
    bool handle(const http::Request& request, const std::string& peer, std::function<void(http::Response)>& respond);

private:
    void book(const http::Request& request, const std::string& address, std::function<void(http::Response)> respond);
    void find_or_cancel(const http::Request& request, const std::string& address, bool cancel, bool ics,
                        std::function<void(http::Response)> respond);

    Handler& handler_;
    const OfficeConfig& office_;
    const Clock& clock_;
    RateLimit per_address_, per_nik_;
    LoginThrottle guesses_;
};

}  // namespace antre
