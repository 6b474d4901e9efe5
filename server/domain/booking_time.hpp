// When a booking's chance has passed: its session ended more than the grace ago
// (docs/booking.md). Shared by the sweep that marks bookings missed and by the
// lookup that shows them so before the sweep has run.
#pragma once

#include "antre/calendar.hpp"
#include "records.hpp"

namespace antre {

/// True when `here` (office-local now) is at or past `b`'s session end plus `grace_minutes`.
inline bool booking_session_over(const Booking& b, int grace_minutes, const LocalTime& here) {
    return b.day < here.day || (b.day == here.day && here.minute_of_day >= b.session_end + grace_minutes);
}

}  // namespace antre
