// JSON views of the engine's state, as clients see them in replies, snapshots
// and events. One place decides what each record looks like on the wire.
#pragma once

#include <nlohmann/json.hpp>

#include "engine.hpp"

namespace antre::views {

using json = nlohmann::json;

/// A ticket with its live position (people ahead) when it is waiting.
json ticket(const Engine& engine, const Ticket& t);
json counter(const Engine& engine, const Counter& c);
/// A service's definition, state and live queue figures; `always_open` when the
/// server issues tickets regardless of opening hours.
json service(const Engine& engine, const ServiceState& s, Millis now, bool always_open);
/// Everything a board, kiosk or counter needs to show the truth at once.
json snapshot(const Engine& engine, Millis now, bool always_open);
/// The fields of an event message (without "event"), with the records it touched
/// (from the engine, or from the effect's closed tickets).
json event(const Engine& engine, const Effect& fx, const Event& e, std::int64_t seq);

}  // namespace antre::views
