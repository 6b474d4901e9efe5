// What the citizens' public page shows (docs/public-page.md): one ticket's state
// behind its link, and the office's board. Pure: the engine and the time in, JSON
// out. Nothing that names a person: no officer NIP, no name, no NIK.
#pragma once

#include <optional>
#include <string_view>

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

/// The board on the phone: each service's queue and estimated wait, each counter's number.
/// A service's wait is what a regular ticket taken now would be told (`estimates`'s door).
json office(const Engine& engine, const OfficeConfig& office, Millis now, bool always_open,
            const estimates::Set* estimates);

}  // namespace antre::public_view
