// Draws the counter client's state: the log-in screen or the officer's main
// screen with its open dialog. Pure drawing: the state is read, never changed.
#pragma once

#include "antre/counter/state.hpp"
#include "antre/gui/painter.hpp"

namespace antre::counter {

/// The fill of the "Daring" chip on a booked ticket (dark words on it), beside the active
/// number and in Panggil Nomor's rows (ringed in dark on the chosen, yellow row): a colour
/// no other part of the counter uses (tests/counter/counter_palette_test.cpp).
inline constexpr SDL_Color booked_mark{0x7f, 0xd3, 0xff, 0xff};

/// Draws `s` on a `width` x `height` target; `now` is the local clock (ms, UTC).
void draw(const ScreenState& s, gui::Painter& painter, int width, int height, Millis now);

}  // namespace antre::counter
