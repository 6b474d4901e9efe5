// Stable error codes of the Antre protocol and the exception that carries one.
// The codes are part of the contract in docs/protocol.md: never rename one.
#pragma once

#include <stdexcept>
#include <string>

namespace antre {

namespace errc {
// framing and decoding
inline constexpr const char* bad_json = "bad_json";
inline constexpr const char* bad_request = "bad_request";
inline constexpr const char* unknown_op = "unknown_op";
inline constexpr const char* line_too_long = "line_too_long";
// session and access
inline constexpr const char* hello_required = "hello_required";
inline constexpr const char* already_hello = "already_hello";
inline constexpr const char* forbidden = "forbidden";
inline constexpr const char* bad_credentials = "bad_credentials";
inline constexpr const char* too_many_attempts = "too_many_attempts";
// queue refusals
inline constexpr const char* unknown_service = "unknown_service";
inline constexpr const char* unknown_counter = "unknown_counter";
inline constexpr const char* unknown_ticket = "unknown_ticket";
inline constexpr const char* unknown_officer = "unknown_officer";
inline constexpr const char* unknown_note = "unknown_note";
inline constexpr const char* service_closed = "service_closed";
inline constexpr const char* quota_reached = "quota_reached";
inline constexpr const char* queue_empty = "queue_empty";
inline constexpr const char* counter_closed = "counter_closed";
inline constexpr const char* counter_paused = "counter_paused";
inline constexpr const char* counter_busy = "counter_busy";
inline constexpr const char* counter_occupied = "counter_occupied";
inline constexpr const char* officer_elsewhere = "officer_elsewhere";
inline constexpr const char* no_active_ticket = "no_active_ticket";
inline constexpr const char* invalid_state = "invalid_state";
inline constexpr const char* ticket_taken = "ticket_taken";
inline constexpr const char* invalid_value = "invalid_value";
inline constexpr const char* already_exists = "already_exists";
// online booking (docs/booking.md)
inline constexpr const char* invalid_nik = "invalid_nik";
inline constexpr const char* booking_full = "booking_full";      ///< the session is full ("penuh")
inline constexpr const char* not_bookable = "not_bookable";      ///< that day or session takes no bookings
inline constexpr const char* already_booked = "already_booked";  ///< one booking per NIK, service and day
inline constexpr const char* unknown_booking = "unknown_booking";
// check-in at the kiosk (docs/booking.md "Check-in")
inline constexpr const char* booking_other_day = "booking_other_day";  ///< booked for another day
inline constexpr const char* booking_cancelled = "booking_cancelled";  ///< cancelled by the citizen or office
inline constexpr const char* booking_used = "booking_used";            ///< already checked in
inline constexpr const char* booking_too_early = "booking_too_early";  ///< check-in not open yet
inline constexpr const char* booking_missed = "booking_missed";        ///< session + grace over: take a walk-in ticket
// server side
inline constexpr const char* storage_error = "storage_error";
/// The database cannot be written now (disk full, read-only, locked by another
/// process): nothing was applied; reads go on, and writes work again once it can.
inline constexpr const char* storage_unavailable = "storage_unavailable";
inline constexpr const char* internal_error = "internal_error";
// client side only (never sent by the server)
inline constexpr const char* connection_lost = "connection_lost";
inline constexpr const char* timeout = "timeout";
}  // namespace errc

/// A request the server (or the engine) declines, with a stable code and a
/// human-readable message. Engine commands validate before they mutate, so a
/// Refusal always leaves the state untouched.
class Refusal : public std::runtime_error {
public:
    Refusal(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

private:
    std::string code_;
};

}  // namespace antre
