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
/// A service's definition, state and live queue figures.
json service(const Engine& engine, const ServiceState& s, Millis now);
/// Everything a board, kiosk or counter needs to show the truth at once.
json snapshot(const Engine& engine, Millis now);
/// The fields of an event message (without "event"), with the records it touched.
json event(const Engine& engine, const Event& e, std::int64_t seq);

}  // namespace antre::views
