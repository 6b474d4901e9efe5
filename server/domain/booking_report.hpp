// The figures of online bookings over a period of office days (docs/booking.md
// "Figures of past days"): how many were booked, checked in, missed or cancelled, how
// many booked citizens came (attendance), and whether those who came were called
// within their session, as the office promised. Pure code: the store hands the
// bookings in, each with the ticket its check-in issued.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/calendar.hpp"
#include "records.hpp"

namespace antre::booking_report {

/// One booking of the period, joined with the ticket of its check-in (if any).
struct Fact {
    std::string day, service;
    int session_start = 0, session_end = 0;  ///< minutes after the day's midnight
    BookingStatus status = BookingStatus::active;
    bool by_office = false;                 ///< cancelled by the office (it gave a reason)
    std::optional<Millis> checked_in_at;    ///< when its check-in issued the ticket
    std::optional<Millis> first_called_at;  ///< the check-in ticket's first call
};

/// The `booking_report` reply (docs/protocol.md §5.42) for `by` "day" or "service",
/// with every row's counts and shares and the period's total.
nlohmann::json reply(const std::vector<Fact>& facts, const OfficeCalendar& calendar, const std::string& by,
                     const std::string& from, const std::string& to);

}  // namespace antre::booking_report
