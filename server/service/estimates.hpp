// The forward estimate as the office shows it (docs/queue.md "Estimates on the
// screens"): every waiting ticket's call interval, and per service what a regular and
// a priority ticket taken now would be told, kept by the handler and recomputed after
// each committed change and as time passes. The estimate itself is the pure
// domain's (estimate.hpp); this file only runs it on the server's state.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "antre/json_writer.hpp"
#include "engine.hpp"
#include "estimate.hpp"

namespace antre::estimates {

using json = nlohmann::json;

/// What a ticket taken now at the door would be told, for one service and class.
struct Door {
    CallEstimate call;       ///< the hypothetical ticket's estimate (ticket id 0)
    Millis finish = 0;       ///< expected end of its service: p50 call + the median holding time
    Millis closing = 0;      ///< when the service stops issuing today; 0 = not issuing now
    bool available = false;  ///< false: the service does not take a ticket now (closed, quota)
    /// An open or paused counter serves the service. Before the first officer logs in
    /// nothing is called in the forward run: such an estimate says nothing, and the
    /// screens keep the queue-length figure (docs/queue.md).
    bool staffed = false;
    /// Something can be promised: the service takes tickets and a counter serves it.
    bool known() const { return available && staffed; }
    /// The estimated call (p50) is past the closing time, or not reached today at all.
    bool past_closing() const { return known() && closing > 0 && (!call.reached || call.p50 > closing); }
};

/// One recomputation: the estimates at `as_of`.
struct Set {
    Millis as_of = 0;
    std::unordered_map<TicketId, CallEstimate> tickets;  ///< every waiting ticket
    std::map<std::string, Door> regular, priority;       ///< by service code
    const CallEstimate* find(TicketId id) const {
        auto it = tickets.find(id);
        return it == tickets.end() ? nullptr : &it->second;
    }
};

/// Holding times learned from the office's history (learned_holds()), shared by the
/// handler and the runs on the worker pool; null or empty: none learned.
using Learned = std::shared_ptr<const std::map<std::string, HoldSamples>>;

/// The forward run's settings for this office at `now`: the defaults, the holding
/// times `learned` from the office's history, and today's pause roster from `breaks`.
ForwardOptions options(const Engine& engine, Millis now, const Learned& learned, const std::vector<BreakRule>& breaks);

/// The roster's pauses of the office day holding `now` (ForwardOptions::pauses): each
/// rule of `breaks` that applies to that weekday, for the counters it names (every
/// counter of the engine when it names none). A pause is left out once it ended more
/// than `skipped_after_ms` ago: a counter that has not taken it by then skipped it.
std::vector<PlannedPause> day_roster(const std::vector<BreakRule>& breaks, const Engine& engine, Millis now);
inline constexpr Millis skipped_after_ms = 60 * 60'000;

/// What a ticket of `service` and class taken at `now` would be told: one forward run
/// with `base` (options()) that stops at it, the ticket joined at the end of its line
/// without being issued (ForwardOptions::newcomer; `call.ticket` is the id the issue
/// would give). Throws Refusal as Engine::issue does on the engine's current day.
Door door(const Engine& engine, const std::string& service, Priority priority, Millis now, bool ignore_hours,
          const ForwardOptions& base);

/// Every waiting ticket's estimate, and each service's door for both classes: one
/// whole-queue run and one stopping run per service and class, all with `base`
/// (options()). An engine still on an earlier day is estimated as its day's close
/// would leave it.
Set compute(const Engine& engine, Millis now, const ForwardOptions& base);

/// A waiting ticket's current estimate: from `set` (null: none computed yet), else
/// the interval it was promised at issue; nothing when it is not waiting or has neither.
std::optional<CallEstimate> current(const Set* set, const Ticket& t);

/// Seconds from `now` to the estimate's point (p50), never below zero: the "wait_s" of
/// the wire.
Millis wait_s(const CallEstimate& e, Millis now);

/// An estimate's fields as the wire carries them, in key order, to a JsonText or
/// JsonDom: "wait_s" (wait_s()), "call_from", "call_at", "call_to" (epoch ms),
/// "reached"; the times are null when not reached. With `door`, its "past_closing"
/// and "closing" too.
template <class Out>
void write_call(Out& o, const CallEstimate& e, Millis now, const Door* door = nullptr) {
    auto when = [&](Millis t) { return e.reached ? std::optional<Millis>(t) : std::nullopt; };
    o.field("call_at", when(e.p50));
    o.field("call_from", when(e.p10));
    o.field("call_to", when(e.p90));
    if (door) {
        o.field("closing", door->closing > 0 ? std::optional<Millis>(door->closing) : std::nullopt);
        o.field("past_closing", door->past_closing());
    }
    o.field("reached", e.reached);
    o.field("wait_s", wait_s(e, now));
}

/// A door's estimate as the field `key`: write_call with its "past_closing" and
/// "closing", or null when it is not known().
template <class Out>
void write_door(Out& o, std::string_view key, const Door& d, Millis now) {
    if (!d.known()) return o.field(key, nullptr);
    o.object(key, [&](Out& x) { write_call(x, d.call, now, &d); });
}

/// An estimate as the wire carries it (write_call).
json to_json(const CallEstimate& e, Millis now);
/// A door's estimate as a value (write_door).
json to_json(const Door& d, Millis now);

/// The closing quota (OfficeConfig::closing_quota): the refusal's message when a ticket
/// taken now is expected to finish past closing plus the grace; empty when it may be issued.
std::string closing_quota_refusal(const OfficeConfig& office, const ServiceState& service, const Door& door);

}  // namespace antre::estimates
