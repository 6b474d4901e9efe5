#pragma once
// What the engine's source files share, and nothing outside them needs.

#include <cstdint>

#include "engine.hpp"

namespace antre::engine_rules {

constexpr std::int64_t key_spacing = 1024;  // room for no-show inserts between tickets

inline bool is_active(TicketStatus s) { return s == TicketStatus::called || s == TicketStatus::serving; }

}  // namespace antre::engine_rules
