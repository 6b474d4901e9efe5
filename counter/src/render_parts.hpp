// The pieces the counter's screens are drawn from; internal to the renderer.
#pragma once

#include <string>

#include "antre/counter/layout.hpp"
#include "antre/counter/state.hpp"
#include "antre/gui/painter.hpp"

namespace antre::counter::render {

/// The fill colour of a timer or wait time in `tone`.
SDL_Color tone_fill(TimerTone tone);
/// Text that reads on `tone_fill(tone)`.
SDL_Color tone_text(TimerTone tone);

/// A button: rounded, its words centred, its shortcut (if any) in a chip at the left.
void button(gui::Painter& p, const gui::Rect& r, const std::string& label, const std::string& key, bool enabled,
            bool primary, double unit);
/// A small rounded label with words on a colour.
void chip(gui::Painter& p, const gui::Rect& r, const std::string& text, SDL_Color fill, SDL_Color ink);
/// The top bar: title or counter and officer, the office-local date and time, the language button.
void top_bar(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now);

void draw_login(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now);
void draw_ticket_panel(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now);
void draw_main(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now);
void draw_dialog(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now);

}  // namespace antre::counter::render
