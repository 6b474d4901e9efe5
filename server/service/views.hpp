// JSON views of the engine's state, as clients see them in replies, snapshots
// and events. One place decides what each record looks like on the wire.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "engine.hpp"
#include "estimates.hpp"

namespace antre::views {

using json = nlohmann::json;

/// Who a view is for. Officers' NIPs are personal data: staff sessions (counter,
/// manager, admin) see them; the lobby (kiosks and boards, which citizens read, and
/// any session without a log-in) sees the same records with every NIP left empty.
enum class Audience { staff, lobby };

/// The audience of a session in `role` (none: not logged in).
Audience audience_of(std::optional<Role> role);

/// A ticket with its live position (people ahead) when it is waiting, and with
/// `estimates` its current call estimate ("estimate", estimates::to_json).
json ticket(const Engine& engine, const Ticket& t, Audience audience, const estimates::Set* estimates = nullptr);
/// The same ticket's fields written into `o`, an object a JsonText has open: the
/// replies of the ops a busy office sends most (issue, call, finish, ...).
void ticket_fields(JsonText& o, const Engine& engine, const Ticket& t, Audience audience,
                   const estimates::Set* estimates = nullptr);
json counter(const Engine& engine, const Counter& c, Audience audience);
/// A service's definition, state and live queue figures; `always_open` when the
/// server issues tickets regardless of opening hours. With `estimates`, the waits are
/// what a regular and a priority ticket taken now would be told ("estimate").
json service(const Engine& engine, const ServiceState& s, Millis now, bool always_open,
             const estimates::Set* estimates = nullptr);
/// Everything a board, kiosk or counter needs to show the truth at once.
json snapshot(const Engine& engine, Millis now, bool always_open, Audience audience,
              const estimates::Set* estimates = nullptr);
/// An event message's line, written before its commit: the sequence number, known
/// only once the batch is on disk, goes in at `seq_at`.
struct EventLine {
    std::string text;
    std::size_t seq_at = 0;
    /// The finished line (without '\n').
    std::string with_seq(std::int64_t seq) &&;
};
/// The event message for `audience`, with the records it touched (from the effect's
/// tickets as the command left them, else the engine): {"event": type, "seq", "at",
/// "day", "service", "counter", "officer", "detail", "ticket"?, "counter_state"?}.
EventLine event(const Engine& engine, const Effect& fx, const Event& e, Audience audience);

}  // namespace antre::views
