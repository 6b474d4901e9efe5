// Domain vocabulary shared by the server and every client: services, counters,
// tickets and their states. Plain data, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace antre {

/// Milliseconds since the Unix epoch (UTC); every timestamp in Antre uses it.
using Millis = std::int64_t;
using TicketId = std::int64_t;

/// One opening window on one weekday, in minutes after office-local midnight.
struct OpeningWindow {
    int weekday = 1;  ///< 0 = Sunday (Minggu) .. 6 = Saturday (Sabtu)
    int open_minute = 8 * 60;
    int close_minute = 15 * 60;
    bool operator==(const OpeningWindow&) const = default;
};

/// Service-standard targets (standar pelayanan) and the first office day they apply.
struct StandardPeriod {
    std::string from;  ///< "YYYY-MM-DD"; "" = since the beginning
    int max_wait_minutes = 60;
    int max_service_minutes = 15;
    bool operator==(const StandardPeriod&) const = default;
};

/// One booking session (sesi) of a service: a window of the office day and how many
/// citizens may book it.
struct BookingSession {
    int start_minute = 8 * 60;  ///< minutes after office-local midnight
    int end_minute = 9 * 60;
    int places = 10;  ///< bookings accepted per office day
    bool operator==(const BookingSession&) const = default;
};

/// How citizens book a service online (antrean daring, docs/booking.md); a service
/// without sessions takes no bookings.
struct BookingRules {
    std::vector<BookingSession> sessions;  ///< in time order, not overlapping
    /// Share of the daily quota kept for walk-ins: the sessions' places together stay
    /// within daily_quota * (100 - walk_in_percent) / 100 when the quota is set.
    int walk_in_percent = 50;
    int days_ahead = 14;                    ///< the last office day that may be booked, counted from today
    int opens_minute = 7 * 60;              ///< the hour (office-local) the last day of the window opens
    int grace_minutes = 30;                 ///< after a session's end: the booking is then missed
    std::vector<std::string> requirements;  ///< what to bring (persyaratan), in order
    bool operator==(const BookingRules&) const = default;
};

/// A service (layanan) the office offers, with its service-standard targets.
struct Service {
    std::string code;                  ///< stable key, e.g. "KTP"
    std::string prefix;                ///< ticket letter(s), e.g. "A"
    std::string name_id;               ///< Indonesian name
    std::string name_en;               ///< English name
    int daily_quota = 0;               ///< tickets per office-local day; 0 = unlimited
    std::vector<OpeningWindow> hours;  ///< when tickets may be issued
    int max_wait_minutes = 60;         ///< service standard: longest acceptable wait
    int max_service_minutes = 15;      ///< service standard: longest acceptable service
    /// The first office day the two targets above apply; "" = always.
    std::string standard_from;
    /// The targets that applied before `standard_from`, oldest first: a change of
    /// target never rewrites the figures of earlier periods.
    std::vector<StandardPeriod> earlier_standards;
    BookingRules booking;  ///< online booking; no sessions: none
    /// The targets in force on office day `day` ("YYYY-MM-DD").
    StandardPeriod standard_on(const std::string& day) const;
    bool operator==(const Service&) const = default;
};

/// A counter (loket) and the services it serves, in order of preference.
struct CounterConfig {
    int number = 0;
    std::string name;
    std::vector<std::string> services;
    bool operator==(const CounterConfig&) const = default;
};

/// How a counter chooses its next ticket (docs/queue.md "Call rule").
enum class CallRule {
    /// The counter's services in its order of preference: the first with a waiting
    /// ticket is served; within it, priority first (or interleaved). Can starve a
    /// service that every counter lists late.
    strict,
    /// The waiting ticket that has used the largest share of its service's longest-wait
    /// standard, discounted by the service's place in the counter's list; priority
    /// tickets count as having waited `priority_boost_minutes` longer. Bounds waits.
    urgency,
};

std::string_view to_string(CallRule r);
std::optional<CallRule> parse_call_rule(std::string_view s);

/// How call-next chooses between services, and between priority and regular tickets.
struct CallPolicy {
    CallRule rule = CallRule::strict;
    /// Urgency rule: a priority ticket goes before regular tickets issued up to this
    /// many minutes before it.
    int priority_boost_minutes = 20;
    /// Urgency rule: the n-th service of a counter's list (0 = first) has its urgency
    /// divided by 1 + n x preference_step_percent / 100.
    int preference_step_percent = 25;
    /// Urgency rule: a citizen who has waited this share of the standard (percent) goes
    /// before everyone; below it, citizens still within the standard go before those
    /// already late. 100 = no middle tier: only how far into the standard counts.
    int late_limit_percent = 100;
    /// Strict rule: after a priority ticket is called, this many regular tickets (when
    /// waiting) are called before the next priority one. 0 = priority tickets always first.
    int regular_between_priority = 0;
    /// A no-show is put back this many places behind the head of its queue...
    int no_show_requeue_places = 5;
    /// ...at most this many times; the next no-show is final.
    int no_show_max_requeues = 1;
    bool operator==(const CallPolicy&) const = default;
};

/// Priority groups named by UU 25/2009 Pasal 29; `none` is a regular ticket.
enum class Priority { none, lansia, disabilitas, ibu_hamil, anak };

enum class TicketStatus { waiting, called, serving, done, no_show, cancelled, expired };

enum class CounterState { closed, open, paused };

enum class Role { kiosk, display, counter, manager, admin };

enum class OfficerRole { officer, manager, admin };

std::string_view to_string(Priority p);
std::string_view to_string(TicketStatus s);
std::string_view to_string(CounterState s);
std::string_view to_string(Role r);
std::string_view to_string(OfficerRole r);
std::optional<Priority> parse_priority(std::string_view s);
std::optional<TicketStatus> parse_ticket_status(std::string_view s);
std::optional<CounterState> parse_counter_state(std::string_view s);
std::optional<Role> parse_role(std::string_view s);
std::optional<OfficerRole> parse_officer_role(std::string_view s);

/// Indonesian status word shown to citizens and officers ("Menunggu", ...).
std::string_view status_word_id(TicketStatus s);
/// Indonesian name of a priority group ("Lansia", "Ibu hamil", ...; "Umum" for none).
std::string_view priority_word_id(Priority p);
/// Indonesian word for a counter's state: "Buka", "Istirahat", "Tutup".
std::string_view counter_state_word_id(CounterState s);
/// Indonesian name of a staff role, as in a sentence: "petugas", "manajer", "administrator".
std::string_view officer_role_word_id(OfficerRole r);

/// "A-001": prefix, dash, number with at least three digits.
std::string ticket_label(std::string_view prefix, int number);

/// A numbered ticket (nomor antrean) and everything timed about it.
struct Ticket {
    TicketId id = 0;
    std::string day;             ///< office-local day it was issued, "YYYY-MM-DD"
    std::string service;         ///< service it waits for now
    std::string origin_service;  ///< service it was issued for (owns the number)
    int number = 0;
    std::string label;
    Priority priority = Priority::none;
    TicketStatus status = TicketStatus::waiting;
    std::int64_t queue_key = 0;  ///< order inside its service's waiting list
    Millis issued_at = 0;
    std::optional<Millis> first_called_at;
    std::optional<Millis> called_at;  ///< latest call to a counter
    std::optional<Millis> service_started_at;
    std::optional<Millis> finished_at;
    int counter = 0;      ///< counter holding it while called/serving; last counter after
    std::string officer;  ///< NIP of the officer holding it
    int recalls = 0;
    int no_shows = 0;
    int transfers = 0;
    std::optional<int> estimated_wait_s;  ///< shown on the ticket when issued
    /// The call interval promised when issued (the forward estimate's 10th and 90th
    /// percentile, docs/queue.md); unset when no promise could be made.
    std::optional<Millis> estimated_call_from, estimated_call_to;
    std::optional<int> rating;  ///< the citizen's 1-4 rating after service
    /// The secret of the ticket's public link ("/t/{code}"); empty for old tickets.
    /// Never in protocol::to_json: only the issue reply carries it.
    std::string code;
    /// The online booking checked in for this ticket (the "Daring" mark); none for a walk-in.
    std::optional<std::int64_t> booking;
    /// A booked ticket counts as waiting from this moment in the call rule (docs/queue.md
    /// "Booked tickets"); a walk-in from `issued_at`.
    std::optional<Millis> waits_from;
    bool operator==(const Ticket&) const = default;
};

/// The moment the call rule counts a ticket as waiting from.
inline Millis waits_since(const Ticket& t) { return t.waits_from.value_or(t.issued_at); }

/// A counter's live state.
struct Counter {
    CounterConfig config;
    CounterState state = CounterState::closed;
    std::string officer;             ///< NIP of the logged-in officer
    std::optional<TicketId> active;  ///< called or serving ticket
    std::string pause_reason;
    Millis since = 0;  ///< when the state last changed
    bool operator==(const Counter&) const = default;
};

}  // namespace antre
