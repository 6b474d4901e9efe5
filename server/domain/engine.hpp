// The queue engine: plain C++ with no I/O. It takes commands with the current time
// and returns an Effect (events to log and broadcast, and which records changed).
// A command that is refused throws antre::Refusal before touching any state.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "antre/domain.hpp"
#include "antre/errors.hpp"
#include "call_rule.hpp"
#include "records.hpp"

namespace antre {

class Engine {
public:
    /// A fresh office from its configuration, starting on the day of `now`.
    Engine(const OfficeConfig& config, Millis now);
    /// An office restored from saved state; services and counters come from `state`.
    Engine(const OfficeConfig& config, EngineState state);

    // -- citizens ---------------------------------------------------------------
    /// Issues the next number of `service`. `ignore_hours` lets a ticket be taken
    /// outside opening hours (try-outs; the admin closing a service still applies).
    /// `code` is the ticket's public-link secret, made by the caller (the engine
    /// draws no random numbers, so it stays deterministic).
    Effect issue(const std::string& service, Priority priority, Millis now, bool ignore_hours = false,
                 std::string code = {});

    /// Records on a waiting ticket what it was promised when issued: the wait and the
    /// call interval, or nothing (all unset) when no promise could be made. The estimate
    /// itself is made outside the engine (estimate.hpp); this only keeps it with the ticket.
    Effect promise(TicketId ticket, std::optional<int> wait_s, std::optional<Millis> call_from,
                   std::optional<Millis> call_to);

    /// Issues the ticket of online booking `booking` checked in at the kiosk (docs/booking.md
    /// "Check-in"): outside the daily quota (its place was booked) and the opening hours
    /// (check-in opens before the session); refused only when the service is closed. It
    /// carries the booking (the "Daring" mark) and counts as waiting from the later of
    /// `now` and `session_start`, less the service's standard wait (docs/queue.md).
    Effect check_in(const std::string& service, std::int64_t booking, Millis session_start, Millis now,
                    std::string code = {});

    /// A citizen's rating (1 Tidak Puas .. 4 Sangat Puas) of a ticket finished today,
    /// once per ticket; `counter` > 0 checks that the ticket was served there.
    Effect rate(TicketId ticket, int rating, int counter, Millis now);
    /// One filled-in SKM survey (PermenPANRB 14/2017): nine answers 1..4, the
    /// respondent's optional profile (codes of skm::profile_questions, "" unanswered),
    /// an optional saran/pengaduan (at most skm::note_max_chars), about `service` (""
    /// when the respondent did not say). Anonymous.
    Effect survey(const std::vector<int>& answers, const SurveyProfile& profile, const std::string& note,
                  const std::string& service, Millis now);

    // -- counters ---------------------------------------------------------------
    Effect login(int counter, const std::string& officer, Millis now);
    /// Closes the counter; `by` names a manager closing it for the officer.
    Effect logout(int counter, Millis now, const std::string& by = "");
    Effect call_next(int counter, Millis now);
    Effect call_ticket(int counter, TicketId ticket, Millis now);
    Effect recall(int counter, Millis now);
    Effect start(int counter, Millis now);
    Effect finish(int counter, Millis now);
    Effect no_show(int counter, Millis now);
    Effect transfer(int counter, const std::string& to_service, Millis now);
    Effect pause(int counter, const std::string& reason, Millis now);
    Effect resume(int counter, Millis now);

    // -- any authorised actor ---------------------------------------------------
    /// Cancels a waiting ticket, or the active ticket of a counter.
    Effect cancel(TicketId ticket, const std::string& actor, const std::string& reason, Millis now);
    /// Corrects a ticket's priority flag (officer's judgement at the counter).
    Effect set_priority(TicketId ticket, Priority priority, const std::string& actor, Millis now);

    // -- administration ---------------------------------------------------------
    Effect set_service_closed(const std::string& service, bool closed, const std::string& actor, Millis now);
    /// Adds a service or changes an existing one (code is the key). Changed targets
    /// apply from today; the earlier ones stay in the service's history. The history
    /// itself cannot be rewritten this way.
    Effect upsert_service(const Service& service, const std::string& actor, Millis now);
    /// Adds a counter or changes its name and services.
    Effect upsert_counter(const CounterConfig& counter, const std::string& actor, Millis now);
    /// Closes the previous day when `now` is on a new office-local day: tickets
    /// still waiting expire, numbers restart. The one way the day closes: a command
    /// of a later day than the state's is refused with std::logic_error until this
    /// has been called (the server's handler calls it before every request).
    Effect roll_over(Millis now);
    /// Every service and counter as it is now, in an effect without events: what a
    /// new database starts from.
    Effect everything() const;

    // -- queries ----------------------------------------------------------------
    const EngineState& state() const { return state_; }
    const OfficeConfig& office() const { return office_; }
    const OfficeCalendar& calendar() const { return calendar_; }
    const Ticket* find_ticket(TicketId id) const;
    /// Today's ticket with this label ("A-001"), if any.
    const Ticket* find_ticket(const std::string& label) const;
    const Counter* find_counter(int number) const;
    const ServiceState* find_service(const std::string& code) const;
    /// Waiting tickets of a service in the order call-next would take them.
    std::vector<TicketId> waiting(const std::string& service) const;
    /// How many tickets call-next would take before this waiting ticket.
    int people_ahead(TicketId ticket) const;
    /// The service's queue figures at `now` (the time a priority ticket taken now is issued).
    QueueFigures figures(const std::string& service, Millis now) const;
    /// True when `now` falls in one of the service's opening windows (office-local).
    bool in_opening_hours(const Service& s, Millis now) const;
    /// Throws the Refusal issue() gives for a ticket of `service` taken at `now` on the
    /// engine's current day (unknown, closed, outside its hours, quota reached).
    void check_issue(const std::string& service, Millis now, bool ignore_hours) const;

private:
    /// Throws std::logic_error when `now` is on a later day than the state: the caller
    /// closes the day first with roll_over(now).
    void require_today(Millis now) const;

    struct Queues {
        std::vector<TicketId> priority;  // sorted by queue_key
        std::vector<TicketId> regular;
        std::deque<Millis> recent_service;  // the last service times, in finishing order
        std::set<TicketId> waiting_ids;     // both classes; the first is the oldest
    };

    void index();
    /// `fx` with copies of the records it names as they are now (see Effect::records);
    /// every command returns its effect through this.
    Effect sealed(Effect fx) const;
    void note_service_time(const Ticket& t);
    void note_call(const Ticket& t, int counter, Millis at, bool recall);
    static constexpr std::size_t recent_service_window = 20;
    Ticket& ticket_ref(TicketId id);
    Counter& counter_ref(int number);
    ServiceState& service_ref(const std::string& code);
    const ServiceState& known_service(const std::string& code) const;  // unknown_service if not
    Counter& working_counter(int number);                              // logged in, open, not paused
    Ticket& active_ticket(Counter& c);
    std::vector<TicketId>& queue_of(const Ticket& t);
    void enqueue(Ticket& t, Effect& fx);
    /// A new ticket of `s` with the next number, in memory but in no line yet.
    Ticket& add_ticket(ServiceState& s, Priority priority, Millis now, std::string code);
    /// Puts a new ticket in its line and finishes the issue's effect.
    Effect issued(Ticket& t, Effect fx, Millis now);
    void insert_at(Ticket& t, std::size_t position, Effect& fx);
    void dequeue(const Ticket& t);
    std::optional<TicketId> pick_next(const Counter& c, Millis now) const;
    /// The heads of a service's lines at positions p (priority) and r (regular).
    ServiceHeads heads(const ServiceState& s, const Queues& q, std::size_t p, std::size_t r, int since) const;
    template <class Visit>
    void replay(const std::string& service, Visit&& visit, std::optional<Millis> extra = std::nullopt) const;
    Effect call(Counter& c, Ticket& t, Millis now);
    Event event(std::string type, Millis now) const;
    /// An event about ticket `t` at `counter`, as it is now.
    Event ticket_event(std::string type, Millis now, const Ticket& t, int counter, const std::string& officer,
                       std::string detail = "") const;
    int median_service_s(const std::string& service) const;
    int serving_counters(const std::string& service) const;

    OfficeConfig office_;
    OfficeCalendar calendar_;
    EngineState state_;
    std::unordered_map<TicketId, std::size_t> ticket_index_;
    std::map<std::string, std::size_t> service_index_;
    std::map<std::string, Queues> queues_;
};

}  // namespace antre
