// When a booking's chance has passed: its session ended more than the grace ago
// (docs/booking.md). Shared by the sweep that marks bookings missed and by the
// lookup that shows them so before the sweep has run.
#pragma once

#include "antre/calendar.hpp"
#include "records.hpp"

namespace antre {

/// True when `here` (office-local now) is at or past the end of a session of `day`
/// (`session_end`, minutes after midnight) plus `grace_minutes`.
inline bool booking_session_over(const std::string& day, int session_end, int grace_minutes, const LocalTime& here) {
    return day < here.day || (day == here.day && here.minute_of_day >= session_end + grace_minutes);
}

/// True when `here` is at or past `b`'s session end plus `grace_minutes`.
inline bool booking_session_over(const Booking& b, int grace_minutes, const LocalTime& here) {
    return booking_session_over(b.day, b.session_end, grace_minutes, here);
}

}  // namespace antre
