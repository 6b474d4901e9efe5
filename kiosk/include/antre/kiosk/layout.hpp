// Where everything goes on a portrait (1080x1920) or landscape (1920x1080)
// screen, or any other size. The same rectangles are drawn by the renderer and
// hit-tested for taps, so what the citizen sees is what they touch.
#pragma once

#include <vector>

#include "antre/gui/buttons.hpp"
#include "antre/gui/painter.hpp"
#include "antre/kiosk/state.hpp"

namespace antre::kiosk {

/// A pressable area.
using Button = gui::Button<Target>;

/// The parts of a service button: its letter, its names and its waiting figures.
struct ServiceTile {
    gui::Rect badge;
    gui::Rect names;
    gui::Rect figures;
    bool wide = false;  ///< names and figures side by side, not stacked
};

struct Layout {
    int width = 0;
    int height = 0;
    bool portrait = false;
    double unit = 1.0;  ///< pixels per design pixel (1.0 at 1080 on the short side)
    gui::Rect header;   ///< office name, date and clock
    gui::Rect title;    ///< the screen's heading line(s)
    gui::Rect body;     ///< the screen's main content
    gui::Rect notice;   ///< a notice: printer trouble (home), the keypad's entry (admin)
    gui::Rect banner;   ///< the chosen priority group (home), beside its cancel button
    gui::Rect footer;
    gui::Rect prompt;    ///< the survey's question
    gui::Rect progress;  ///< the survey's progress bar, one segment per question
    std::vector<Button> buttons;
    std::vector<ServiceTile> tiles;  ///< home: one per service, in the services' order

    /// Design pixels to screen pixels.
    int px(double design) const { return static_cast<int>(design * unit + 0.5); }
    /// The button for `kind` (and `index`), or null.
    const Button* find(TargetKind kind, int index = 0) const { return gui::find_button(buttons, kind, index); }
};

/// The smallest box a service's names get, in design pixels: one bold line over
/// the other-language name at a size read from a step away.
inline constexpr int min_names_width = 220;
inline constexpr int min_names_height = 70;

/// The smallest text any kiosk screen draws, in design pixels (1080 on the short
/// side): read from a step back by a citizen with weak eyes (docs/kiosk.md).
inline constexpr int min_text_px = 22;

/// Lays out the current screen of `state` on a `width` x `height` display.
Layout compute_layout(const KioskState& state, int width, int height);
/// What is under (x, y); TargetKind::none when nothing is.
Target hit_test(const Layout& layout, int x, int y);

}  // namespace antre::kiosk
