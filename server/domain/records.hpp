// The records of the queue: what the engine holds and changes, what an Effect
// carries to the store and to the views. Plain data with no behaviour beyond
// merging effects; the store and the views depend on these, not on the Engine.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "antre/domain.hpp"

namespace antre {

/// Appends `x` unless `v` holds it already (the id lists of an Effect).
template <class T>
void add_unique(std::vector<T>& v, const T& x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

/// One entry of the audit trail.
/// An SKM respondent's profile: jenis kelamin, umur, pendidikan, pekerjaan, as the
/// codes of skm::profile_questions (server/domain/skm.hpp), "" where unanswered.
using SurveyProfile = std::array<std::string, 4>;

struct Event {
    std::string type;  ///< e.g. "ticket_issued", "counter_paused"
    Millis at = 0;
    std::string day;  ///< office-local day of `at`
    std::optional<TicketId> ticket;
    std::string service;
    int counter = 0;
    std::string officer;  ///< NIP of who acted ("" for a kiosk or the system)
    std::string detail;   ///< reason, target service, "requeued"/"final", ...
    bool operator==(const Event&) const = default;
};

/// A service with its live, per-day state.
struct ServiceState {
    Service def;
    bool closed = false;             ///< closed by an administrator until reopened
    int last_number = 0;             ///< last number issued today (numbers never reused)
    int regular_since_priority = 0;  ///< regular calls since the last priority call
    bool operator==(const ServiceState&) const = default;
};

/// A service and its numbers on one office day, as an effect left them.
struct ServiceRecord {
    ServiceState state;
    std::size_t position = 0;  ///< in the office's display order
    std::string day;           ///< the office day of `last_number` and `regular_since_priority`
    bool operator==(const ServiceRecord&) const = default;
};

/// A booking's state: active until checked in, cancelled (by the citizen or by a
/// closed day or session) or missed (not checked in by the session's end + grace).
enum class BookingStatus { active, checked_in, cancelled, missed };
std::string_view to_string(BookingStatus s);
std::optional<BookingStatus> parse_booking_status(std::string_view s);

using BookingId = std::int64_t;

/// One citizen's booking of a service's session on an office day (docs/booking.md).
struct Booking {
    BookingId id = 0;
    std::string code;  ///< what the citizen types or scans at the kiosk (bookings.hpp)
    std::string service;
    std::string day;        ///< "YYYY-MM-DD"
    int session_start = 0;  ///< minutes after office-local midnight
    int session_end = 0;
    /// Personal data: emptied `nik_retention_days` after `day` (Store::apply).
    std::string nik, name, phone;
    BookingStatus status = BookingStatus::active;
    Millis booked_at = 0;
    Millis changed_at = 0;  ///< the latest change of status
    std::string reason;     ///< why it was cancelled by the office ("" otherwise)
    bool operator==(const Booking&) const = default;
};

/// A day, or one session of it, closed to bookings by a manager (an unplanned holiday).
struct BookingClosure {
    std::string service;     ///< "" = every service
    std::string day;         ///< "YYYY-MM-DD"
    int session_start = -1;  ///< -1 = the whole day
    std::string reason;
    std::string by;  ///< NIP of the manager
    Millis at = 0;
    bool operator==(const BookingClosure&) const = default;
};

/// What a command changed: the store persists exactly these records, in one
/// transaction with the events, before the reply and broadcast go out.
struct Effect {
    std::vector<Event> events;
    std::vector<TicketId> tickets;
    std::vector<int> counters;
    std::vector<std::string> services;  ///< definition, closed flag or day sequence changed
    std::optional<TicketId> ticket;     ///< the ticket the command was about, if any
    /// A survey's saran/pengaduan, stored with the effect's survey_submitted event in
    /// a table of its own (survey_notes), never in the event log; "" when none.
    std::string note;
    /// The changed records, copied as they were right after the command (tickets that
    /// left memory with the day's close included): what the store writes, so that a
    /// batch of effects is stored exactly as if each had been committed on its own.
    struct Records {
        std::string day;  ///< the office day after the command; "" when it does not say
        std::vector<Ticket> tickets;
        std::vector<Counter> counters;
        std::vector<ServiceRecord> services;
        std::vector<Booking> bookings;
        std::vector<BookingClosure> closures;
        /// Empties the NIK, name and phone of every booking before this day ("" = none).
        std::string erase_personal_before;
    } records;

    bool empty() const {
        return events.empty() && records.tickets.empty() && records.counters.empty() && records.services.empty() &&
               records.bookings.empty() && records.closures.empty() && records.erase_personal_before.empty();
    }
    /// The ticket with this id as this effect left it, if the effect changed it.
    const Ticket* find_ticket(TicketId id) const;
    void merge(Effect other);
};

/// One call or recall of a ticket to a counter, as the board's history shows it.
struct RecentCall {
    TicketId ticket = 0;
    std::string service;  ///< the ticket's service at that call (before any transfer)
    int counter = 0;      ///< the counter it was called to (kept after a no-show or transfer)
    Millis at = 0;
    bool recall = false;
    bool operator==(const RecentCall&) const = default;
};

/// How many calls the board's history (and a snapshot's recent_calls) holds.
inline constexpr std::size_t recent_calls_kept = 10;

/// Everything the engine holds; what the store saves and restores.
struct EngineState {
    std::string day;  ///< current office-local day
    TicketId next_ticket_id = 1;
    std::vector<ServiceState> services;  ///< in display order
    std::vector<Counter> counters;       ///< in number order
    std::vector<Ticket> tickets;         ///< today's tickets and any still active
    /// Today's latest calls and recalls, newest first, one per ticket (its latest),
    /// at most recent_calls_kept: what a board that followed every event shows.
    std::vector<RecentCall> recent_calls;
    bool operator==(const EngineState&) const = default;
};

/// Per-service queue figures for boards, kiosks and the counter screen.
struct QueueFigures {
    int waiting = 0;
    int priority_waiting = 0;
    int last_number = 0;
    int issued_today = 0;
    std::optional<Millis> oldest_issued_at;
    int estimated_wait_s = 0;           ///< for a ticket taken now
    int priority_estimated_wait_s = 0;  ///< for a priority ticket taken now
};

}  // namespace antre
