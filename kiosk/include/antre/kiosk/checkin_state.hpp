// The kiosk's check-in of an online booking as plain data (docs/booking.md "Check-in
// at the kiosk"): the code typed or scanned, and the server's refusal when there is one.
#pragma once

#include <string>

#include "antre/clock.hpp"

namespace antre::kiosk {

/// The check-in in progress.
struct BookingCheckin {
    std::string typed;  ///< the code typed on the screen's keyboard, in the code's alphabet
    std::string sent;   ///< the code sent to the server (booking_checkin)
    std::string refusal_code;
    std::string refusal_message;  ///< the server's sentence (Indonesian), "" for the kiosk's own refusals
};

/// How long the check-in screens stay: the keyboard when untouched, and a refusal.
inline constexpr Millis checkin_idle = 60000;
inline constexpr Millis checkin_refusal_shown = 20000;

/// The booking code in a scanned or typed text, normalized ("K7QM4XRP"), or "" when
/// it holds none. Accepted: the bare code in any case with spaces or dashes
/// ("k7qm-4xrp"), or a text or link that ends with it after a '/', '=', '#', ':'
/// or a space ("https://.../booking#K7QM4XRP", "KODE: K7QM 4XRP"). A ticket's link
/// (".../t/...") is never a booking code.
std::string booking_code_in(const std::string& text);

/// "K7QM4XRP" as shown and printed: "K7QM-4XRP" (a partial code as far as it goes).
std::string spaced_booking_code(const std::string& code);

}  // namespace antre::kiosk
