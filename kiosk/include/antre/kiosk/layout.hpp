// Where everything goes on a portrait (1080x1920) or landscape (1920x1080)
// screen, or any other size. The same rectangles are drawn by the renderer and
// hit-tested for taps, so what the citizen sees is what they touch.
#pragma once

#include <vector>

#include "antre/gui/painter.hpp"
#include "antre/kiosk/state.hpp"

namespace antre::kiosk {

/// A pressable area.
struct Button {
    Target target;
    gui::Rect rect;
};

struct Layout {
    int width = 0;
    int height = 0;
    bool portrait = false;
    double unit = 1.0;        ///< pixels per design pixel (1.0 at 1080 on the short side)
    gui::Rect header;         ///< office name, date and clock
    gui::Rect title;          ///< the screen's heading line(s)
    gui::Rect body;           ///< the screen's main content
    gui::Rect notice;         ///< a band for a notice: printer trouble (home), the keypad's entry (admin)
    gui::Rect banner;         ///< the chosen priority group (home), beside its cancel button
    gui::Rect footer;
    gui::Rect prompt;         ///< the survey's question
    gui::Rect progress;       ///< the survey's progress bar, one segment per question
    std::vector<Button> buttons;

    /// Design pixels to screen pixels.
    int px(double design) const { return static_cast<int>(design * unit + 0.5); }
    /// The button for `kind` (and `index`), or null.
    const Button* find(TargetKind kind, int index = 0) const;
};

/// Lays out the current screen of `state` on a `width` x `height` display.
Layout compute_layout(const KioskState& state, int width, int height);
/// What is under (x, y); TargetKind::none when nothing is.
Target hit_test(const Layout& layout, int x, int y);

}  // namespace antre::kiosk
