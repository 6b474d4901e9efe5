// Draws the kiosk's state. Nothing here changes the state: the same state always
// gives the same pixels, so headless screenshots can be checked pixel by pixel.
#pragma once

#include "antre/gui/painter.hpp"
#include "antre/kiosk/state.hpp"

namespace antre::kiosk {

/// Draws the current screen of `state` on a `width` x `height` target; `now` is the
/// local clock (the state's clock offset turns it into the server's time).
void draw(const KioskState& state, gui::Painter& painter, int width, int height, Millis now);

}  // namespace antre::kiosk
