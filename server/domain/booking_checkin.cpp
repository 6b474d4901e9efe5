// Check-in at the kiosk (docs/booking.md "Check-in"): the citizen scans or types the
// booking code; a booking of today that is active and inside its check-in window is
// handed to the engine for a ticket, and marked checked in with that ticket.
#include "antre/errors.hpp"
#include "booking_time.hpp"
#include "bookings.hpp"

namespace antre {

namespace {

std::string session_of(const Booking& b) { return format_hhmm(b.session_start) + "-" + format_hhmm(b.session_end); }

constexpr const char* take_walk_in = "Silakan ambil nomor antrean biasa.";

}  // namespace

const Booking* Bookings::by_id(BookingId id) const {
    const auto it = bookings_.find(id);
    return it == bookings_.end() ? nullptr : &it->second;
}

const Booking& Bookings::checkable(std::string_view code, const std::vector<ServiceState>& services, Millis now) const {
    const std::string key = normalize_booking_code(code);
    const auto it = key.empty() ? by_code_.end() : by_code_.find(key);
    if (it == by_code_.end())
        throw Refusal(errc::unknown_booking,
                      std::string("Kode pemesanan tidak dikenal: periksa kodenya lagi. ") + take_walk_in);
    const Booking& b = bookings_.at(it->second);
    const LocalTime here = calendar_.local(now);
    int grace = 0;
    for (const auto& s : services)
        if (s.def.code == b.service) grace = s.def.booking.grace_minutes;
    switch (b.status) {
        case BookingStatus::cancelled:
            throw Refusal(errc::booking_cancelled, "Pemesanan ini sudah dibatalkan" +
                                                       (b.reason.empty() ? std::string() : " (" + b.reason + ")") +
                                                       ". " + take_walk_in);
        case BookingStatus::checked_in:
            throw Refusal(errc::booking_used, "Pemesanan ini sudah dipakai: nomor antreannya sudah diambil.");
        case BookingStatus::missed:
            break;
        case BookingStatus::active:
            if (b.day > here.day)
                throw Refusal(errc::booking_other_day, "Pemesanan ini untuk tanggal " + b.day + ", sesi " +
                                                           session_of(b) + ". Silakan datang pada hari itu.");
            if (here.minute_of_day < b.session_start - check_in_opens_minutes)
                throw Refusal(errc::booking_too_early, "Terlalu awal: check-in untuk sesi " + session_of(b) +
                                                           " dibuka pukul " +
                                                           format_hhmm(b.session_start - check_in_opens_minutes) + ".");
            if (!booking_session_over(b, grace, here)) return b;
            break;
    }
    throw Refusal(errc::booking_missed, "Sesi " + session_of(b) + " sudah lewat (batas pukul " +
                                            format_hhmm(b.session_end + grace) + "). " + take_walk_in);
}

Effect Bookings::check_in(BookingId id, TicketId ticket, Millis now) {
    Booking& b = bookings_.at(id);
    Effect fx;
    set_status(b, BookingStatus::checked_in, "", now, fx, "booking_checked_in", "");
    fx.events.back().ticket = ticket;
    return fx;
}

}  // namespace antre
