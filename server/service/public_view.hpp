// What the citizens' public page shows (docs/public-page.md): one ticket's state
// behind its link, and the office's board. Pure: the engine and the time in, JSON
// out. Nothing that names a person: no officer NIP, no name, no NIK.
#pragma once

#include <optional>
#include <string_view>

#include "antre/config.hpp"
#include "antre/protocol.hpp"
#include "engine.hpp"

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

/// The seconds until the ticket is likely called, while it waits: the one place
/// the page's estimate comes from (people ahead x median service time / counters).
std::optional<int> estimated_wait_s(const Engine& engine, const Ticket& t);

/// The page's "state": waiting, requeued (after a no-show), transferred, called,
/// serving, done, no_show, cancelled or expired.
std::string_view state(const Ticket& t);

/// One ticket as its page shows it: office name, label, service, state, counter,
/// people ahead, estimated call time, and the numbers now at the counters.
json ticket(const Engine& engine, const OfficeConfig& office, const Ticket& t, Millis now);

/// The board on the phone: each service's queue and estimated wait, each counter's number.
json office(const Engine& engine, const OfficeConfig& office, Millis now, bool always_open);

}  // namespace antre::public_view
