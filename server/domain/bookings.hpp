// Online booking (antrean daring, docs/booking.md): citizens book a session of a
// service on a coming office day. Plain C++ with no I/O, like the engine: commands
// take the time and return an Effect carrying the changed records; a refused
// command throws antre::Refusal and changes nothing. The caller draws each booking
// code (the store's randomness stays out of here) and passes the service as the
// engine holds it now.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "antre/booking_code.hpp"
#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "records.hpp"

namespace antre {

/// Check-in at the kiosk opens this long before the booked session starts.
inline constexpr int check_in_opens_minutes = 60;

/// What a citizen asks for.
struct BookingRequest {
    std::string service;
    std::string day;  ///< "YYYY-MM-DD"
    int session_start = 0;
    std::string nik, name, phone;
};

/// A session of an office day as the booking page shows it.
struct SessionPlaces {
    BookingSession session;
    int booked = 0;  ///< active and checked-in bookings
    int remaining = 0;
    std::string closed;  ///< why it is closed to bookings ("" when open)
};

/// Per-session counts for managers.
struct SessionCounts {
    BookingSession session;
    int active = 0, checked_in = 0, cancelled = 0, missed = 0;
};

class Bookings {
public:
    /// The longest name and phone number kept.
    static constexpr std::size_t max_name = 100, max_phone = 20;

    /// Bookings from office day `today` on (and the closures), as the store keeps them.
    Bookings(const OfficeConfig& office, std::vector<Booking> bookings, std::vector<BookingClosure> closures,
             BookingId next_id);

    // -- queries ------------------------------------------------------------------
    /// The days `service` can be booked now, in order (the window, minus closed days).
    std::vector<std::string> open_days(const ServiceState& service, Millis now) const;
    /// The sessions of `day` with their places; empty when the day has none.
    std::vector<SessionPlaces> sessions(const ServiceState& service, const std::string& day) const;
    /// The booking with this NIK and code, if it is kept in memory (from today on).
    const Booking* find(std::string_view nik, std::string_view code) const;
    bool code_taken(std::string_view code) const;
    /// The booking with this id, if it is kept in memory (from today on).
    const Booking* by_id(BookingId id) const;
    /// The bookings of `service` on `day` ("" = every service), by session then id.
    std::vector<const Booking*> of_day(const std::string& service, const std::string& day) const;
    /// Counts per session of `service` on `day`.
    std::vector<SessionCounts> counts(const ServiceState& service, const std::string& day) const;
    /// The closure of `day` (or of its session at `session_start`) for `service`, if any.
    const BookingClosure* closure(const std::string& service, const std::string& day, int session_start) const;
    const std::vector<BookingClosure>& closures() const { return closures_; }

    // -- commands -----------------------------------------------------------------
    /// Books a place; refused when the NIK is malformed, the day or session is not
    /// bookable, the NIK holds a booking of the service that day, or it is full.
    Effect book(const ServiceState& service, BookingRequest request, const std::string& code, Millis now);
    /// The citizen cancels an active booking.
    Effect cancel(std::string_view nik, std::string_view code, Millis now);
    /// Closes a day (`session_start` -1) or one session of `service` ("" = all) with
    /// a reason; its active bookings are cancelled with that reason.
    Effect close(const std::string& service, const std::string& day, int session_start, const std::string& reason,
                 const std::string& by, Millis now);
    /// The booking with `code` that may check in at the kiosk at `now` (booking_checkin.cpp);
    /// refused, with what the citizen should do, when it is unknown, for another day,
    /// cancelled, used, too early or missed.
    const Booking& checkable(std::string_view code, const std::vector<ServiceState>& services, Millis now) const;
    /// Marks a booking `checkable` returned as checked in for `ticket`.
    Effect check_in(BookingId id, TicketId ticket, Millis now);
    /// Marks active bookings missed whose session ended more than the service's grace
    /// ago, forgets days before today, and erases personal data past retention.
    /// `services` gives each service's grace.
    Effect sweep(const std::vector<ServiceState>& services, Millis now);

    const OfficeCalendar& calendar() const { return calendar_; }
    /// `day` moved by `days` office days ("2026-12-03" + 1 = "2026-12-04").
    std::string add_days(const std::string& day, int days) const;

private:
    using SessionKey = std::tuple<std::string, std::string, int>;         // service, day, session start
    using PersonKey = std::tuple<std::string, std::string, std::string>;  // nik, service, day
    static bool holds_place(BookingStatus s) { return s == BookingStatus::active || s == BookingStatus::checked_in; }
    /// Throws not_bookable unless `day` is in the booking window of `service` at `now`.
    void check_day(const ServiceState& service, const std::string& day, Millis now) const;
    /// Why `day` takes no bookings at all for `service`, or "".
    std::string day_closed(const ServiceState& service, const std::string& day) const;
    std::vector<BookingSession> sessions_on(const Service& service, const std::string& day) const;
    Booking& put(Booking b);
    void set_status(Booking& b, BookingStatus status, const std::string& reason, Millis now, Effect& fx,
                    const std::string& event_type, const std::string& officer);
    Event event(std::string type, Millis now, const Booking& b) const;

    const OfficeConfig& office_;
    OfficeCalendar calendar_;
    std::map<BookingId, Booking> bookings_;
    std::vector<BookingClosure> closures_;
    BookingId next_id_;
    std::map<SessionKey, int> held_;  // places held per session
    std::map<PersonKey, BookingId> person_;
    std::map<std::string, BookingId, std::less<>> by_code_;
    std::string erased_before_;  // the latest erase_personal_before made
};

}  // namespace antre
