// Moves the board's announcement queue through the player, one call at a time.
#pragma once

#include "announcement_player.hpp"
#include "board_state.hpp"

namespace antre::display {

/// Ends the current announcement once the player has finished it, and starts the
/// next queued call (chime and sentence); call it every frame. Never blocks.
void advance_announcements(BoardState& state, AnnouncementPlayer& player, Millis now);

}  // namespace antre::display
