// What the citizens' public page shows (docs/public-page.md): one ticket's state
// behind its link, and the office's board. Pure: the engine and the time in, JSON
// out. Nothing that names a person: no officer NIP, no name, no NIK.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "antre/protocol.hpp"
#include "engine.hpp"
#include "estimates.hpp"

namespace antre::public_view {

using protocol::json;

/// A ticket this many places or fewer from the front is "soon": the page says so
/// prominently and the phone vibrates.
inline constexpr int soon_places = 3;

/// The ticket whose link holds `code`, among today's tickets; null when none has it.
const Ticket* find(const Engine& engine, std::string_view code);

/// True when the link still works: the ticket is of `today` (the office-local day
/// of now, by the clock, so a link ends at midnight even before the day is closed).
bool valid_on(const Ticket& t, const std::string& today);

/// What every page shows alike at one moment, worked out once for all of them: the
/// office's head, the numbers at the counters, each service's figures and call
/// order. With two thousand pages open, each change is then one replay per service
/// instead of two per page (docs/public-page.md, the crowd). Made afresh for each
/// change; it holds references into the engine's state.
class Moment {
public:
    /// `estimates`: the server's current call estimates (may be null: then each
    /// ticket's promise at issue stands).
    Moment(const Engine& engine, const OfficeConfig& office, Millis now, const estimates::Set* estimates = nullptr);
    const Engine& engine() const { return engine_; }
    const estimates::Set* estimates() const { return estimates_; }
    Millis now() const { return now_; }
    /// The office's name and the time, as every page's head shows them.
    const json& head() const { return head_; }
    /// The numbers now at the counters (called or being served), by counter.
    const json& now_called() const { return now_called_; }
    /// `"now_called":[...],"office":{...}`: the part of every ticket's JSON text that
    /// all pages share, encoded once for this moment (ticket_text splices it in).
    const std::string& shared_text();
    /// The service's queue figures (Engine::figures at this moment).
    const QueueFigures& figures(const std::string& service);
    /// The tickets call-next takes before `t`: Engine::people_ahead, from the
    /// service's call order worked out once.
    int people_ahead(const Ticket& t);
    /// "10:45" in the office's zone; empty for an unknown zone.
    std::string clock_text(Millis at) const;

private:
    const Engine& engine_;
    const estimates::Set* estimates_;
    std::optional<OfficeCalendar> calendar_;
    Millis now_;
    json head_;
    json now_called_;
    std::string shared_text_;
    std::map<std::string, QueueFigures> figures_;
    std::map<std::string, std::unordered_map<TicketId, int>> places_;  // per service: ticket -> people ahead
};

/// "10:45": `at` on the office's clock (the office's zone, not the phone's).
std::string clock_text(const OfficeConfig& office, Millis at);

/// The page's "state": waiting, requeued (after a no-show), transferred, called,
/// serving, done, no_show, cancelled or expired.
std::string_view state(const Ticket& t);

/// One ticket as its page shows it: office name, label, service, state, counter,
/// people ahead, estimated call time, and the numbers now at the counters.
/// The estimate is the forward estimate from `estimates` (docs/queue.md), or what the
/// ticket was promised at issue while none is computed.
json ticket(const Engine& engine, const OfficeConfig& office, const Ticket& t, Millis now,
            const estimates::Set* estimates);
/// The same, with what all pages share taken from `moment`.
json ticket(Moment& moment, const Ticket& t);
/// The same with `"ok":true`, as the JSON text a page's stream sends: the ticket's
/// own fields encoded, the shared part spliced in from `moment.shared_text()`. The
/// keys are not in the order json::dump would give them; parsed, it is equal to
/// ticket(moment, t) with "ok": true.
std::string ticket_text(Moment& moment, const Ticket& t);

/// The board on the phone: each service's queue and estimated wait, each counter's number.
/// A service's wait is what a regular ticket taken now would be told (`estimates`'s door).
json office(const Engine& engine, const OfficeConfig& office, Millis now, bool always_open,
            const estimates::Set* estimates);

}  // namespace antre::public_view
