// What the waiting-room board shows, as a plain struct driven by server events:
// services with their waiting counts, counters with the ticket each holds, the
// latest calls, and the queue of calls still to be announced. No I/O, no SDL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "antre/domain.hpp"
#include "antre/gui/estimate_text.hpp"

namespace antre::display {

/// One service as the board shows it.
struct ServiceView {
    std::string code;
    std::string prefix;
    std::string name;  ///< Indonesian name, e.g. "KTP-el"
    int waiting = 0;   ///< tickets waiting, priority included
    int priority_waiting = 0;
    bool closed = false;            ///< closed by a manager
    bool open_now = true;           ///< within opening hours and not closed (tickets can be taken)
    std::optional<int> quota_left;  ///< none: unlimited
    /// The wait of a regular ticket taken now: the door's, else the queue-length
    /// figure; none from a server that sends neither.
    std::optional<int> estimated_wait_s;
    /// The server's door for a regular ticket taken now (`estimate.regular`); none
    /// while it is not known (before any counter serving the service opens).
    std::optional<gui::DoorEstimate> door;
    std::size_t colour = 0;  ///< position in the office's list, for theme::service_colour
};

/// The ticket a counter holds (called or being served).
struct HeldTicket {
    TicketId id = 0;
    std::string label;
    std::string service;
    TicketStatus status = TicketStatus::called;
    bool operator==(const HeldTicket&) const = default;
};

/// One counter (loket) as the board shows it.
struct CounterView {
    int number = 0;
    std::string name;
    std::vector<std::string> services;
    CounterState state = CounterState::closed;
    std::string pause_reason;
    std::optional<HeldTicket> held;
};

/// One call (or recall) of a ticket to a counter: shown, and announced.
struct Call {
    TicketId ticket = 0;
    std::string label;    ///< "A-001"
    std::string service;  ///< service code
    int counter = 0;
    Millis at = 0;  ///< when it was called (UTC ms)
    bool recall = false;
    bool booked = false;  ///< a booked ticket (`booking` not null): the "Daring" mark
    bool operator==(const Call&) const = default;
};

/// Limits a board to some services and/or counters (e.g. one floor).
struct BoardFilter {
    std::set<std::string> services;  ///< empty: every service
    std::set<int> counters;          ///< empty: every counter
    /// True when the call concerns a shown service at a shown counter.
    bool shows(const Call& call) const;
};

/// The longest office page address the board draws as a QR code; a longer one is
/// ignored (a QR that dense cannot be read across a waiting room).
inline constexpr std::size_t public_url_limit = 200;

/// Calls kept for the "Panggilan Terakhir" panel.
inline constexpr std::size_t recent_calls_kept = 10;
/// Calls waiting to be announced; beyond it the oldest waiting one is dropped.
inline constexpr std::size_t announcement_queue_limit = 64;
/// How long a newly announced call blinks.
inline constexpr Millis highlight_ms = 6000;
/// One blink: lit for the first 60 %.
inline constexpr Millis blink_period_ms = 800;

struct BoardState {
    BoardFilter filter;
    std::string ticker;         ///< scrolling text along the bottom; none when empty
    std::string sound_problem;  ///< why the board cannot be heard; "" when it can
    std::string office_name;
    std::string time_zone = "Asia/Jayapura";
    std::string day;  ///< office-local day, "YYYY-MM-DD"
    /// The office page for phones (the snapshot's office.public_url), drawn as a QR
    /// code beside the last calls; empty: no QR (office.board_qr off).
    std::string public_url;
    std::vector<ServiceView> services;  ///< every service, in the office's order
    std::vector<CounterView> counters;  ///< every counter, by number
    std::vector<Call> recent;           ///< shown calls, newest first, one per ticket
    std::deque<Call> pending;           ///< calls to announce, oldest first
    std::optional<Call> announcing;     ///< the call being announced now
    Millis announcing_since = 0;        ///< when `announcing` started (UTC ms)
    Millis newest_call_at = 0;          ///< the newest call time this board has seen
    bool has_snapshot = false;          ///< false until the first snapshot: nothing to show yet
    bool connected = false;             ///< false while the link to the server is down
    Millis server_clock_offset = 0;     ///< the server's clock minus this machine's, at the last snapshot
    std::size_t dropped_announcements = 0;
    /// Goes up with every change to what is shown (events, link, announcements).
    std::uint64_t revision = 0;
};

/// Applies one server event, or the client library's {"event":"snapshot",...}.
/// Unknown events and malformed records are ignored: a board never stops on input.
void apply_event(BoardState& state, const nlohmann::json& event);
/// Records the link going up or down; the shown state is kept while it is down.
void set_connected(BoardState& state, bool connected);

/// Takes the next call to announce off the queue and makes it the featured call;
/// nothing while another call is being announced: announcements never overlap.
std::optional<Call> start_announcement(BoardState& state, Millis now);
/// The featured call has been announced (or could not be).
void finish_announcement(BoardState& state);

/// The call shown very large: the one being announced, else the newest call.
const Call* featured_call(const BoardState& state);
/// True while the featured call blinks and the blink is lit at `now`.
bool highlight_lit(const BoardState& state, Millis now);
/// True for the first `highlight_ms` of an announcement.
bool highlight_active(const BoardState& state, Millis now);

/// Counters the filter shows: the listed ones, or those serving a listed service.
std::vector<const CounterView*> shown_counters(const BoardState& state);
/// The ticket a counter's tile shows: the one it holds if the filter shows its
/// service, else null (a KTP board does not show the KK ticket of a KTP/KK counter).
const HeldTicket* shown_ticket(const BoardState& state, const CounterView& counter);
/// Services the filter shows: the listed ones, or those served by a listed counter.
std::vector<const ServiceView*> shown_services(const BoardState& state);
const ServiceView* find_service(const BoardState& state, const std::string& code);

}  // namespace antre::display
