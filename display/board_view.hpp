// Draws the board: the latest call very large, the counters with the ticket each
// holds, the last calls, per service the number waiting and when a number taken now
// would be called, office, date, clock and a scrolling ticker, and where the office
// wants it a QR code to its page for phones beside the last calls. Laid out for 1920x1080 and scaled to any other size.
#pragma once

#include "antre/domain.hpp"
#include "antre/gui/painter.hpp"
#include "board_state.hpp"

namespace antre::display {

/// Where the parts of the board are, for a `width` x `height` screen.
struct BoardLayout {
    gui::Rect header, featured, recent, counters, services, ticker;
    /// The QR code to the office page and its caption; empty (w = 0) without one.
    gui::Rect qr;
    /// Font sizes and margins are multiplied by this (1 at 1920x1080).
    double scale = 1.0;
};

/// The smallest text the board draws, in pixels at 1920x1080 (docs/display.md).
inline constexpr int min_text_px = 24;

/// The layout for a screen of this size; `with_qr` makes room for the office
/// page's QR code at the right of the last calls (the latest call gets narrower).
BoardLayout board_layout(int width, int height, bool with_qr = false);

/// Draws one frame of `state` at `now` (UTC ms: the clock, the blink, the ticker).
void draw(const BoardState& state, gui::Painter& painter, int width, int height, Millis now);
/// Everything but the ticker: it changes only with the state, the blink and the minute.
void draw_board(const BoardState& state, gui::Painter& painter, int width, int height, Millis now);
/// The scrolling ticker band alone: it moves every frame.
void draw_ticker(const BoardState& state, gui::Painter& painter, int width, int height, Millis now);

}  // namespace antre::display
