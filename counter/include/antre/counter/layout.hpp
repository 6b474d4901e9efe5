// Where everything goes on a 1024x600 screen or larger. The same rectangles are
// drawn by the renderer and hit-tested for clicks and taps, so what the officer
// sees is what they touch.
#pragma once

#include <array>
#include <vector>

#include "antre/counter/input.hpp"
#include "antre/gui/buttons.hpp"
#include "antre/gui/painter.hpp"

namespace antre::counter {

/// A pressable area.
using Button = gui::Button<Target>;

struct Layout {
    int width = 0;
    int height = 0;
    double unit = 1.0;   ///< screen pixels per design pixel (1.0 at 1280x720)
    bool modal = false;  ///< a dialog is open: only its buttons take taps

    // main screen
    gui::Rect top_bar;
    gui::Rect banner;        ///< "koneksi terputus"; empty while connected
    gui::Rect ticket_panel;  ///< the active ticket, large
    gui::Rect timer;         ///< its running timer, coloured against the standard
    gui::Rect queue_panel;   ///< waiting count and oldest wait per service
    gui::Rect tally_panel;   ///< the officer's own figures today
    gui::Rect message;       ///< the line above the buttons

    // log-in screen
    gui::Rect card;
    gui::Rect title;
    std::array<gui::Rect, 3> fields;  ///< by LoginField
    gui::Rect login_message;

    // the open dialog
    gui::Rect dialog;
    gui::Rect dialog_title;
    gui::Rect dialog_input;  ///< empty when the dialog takes no typing
    gui::Rect dialog_hint;

    std::vector<Button> buttons;

    /// Design pixels to screen pixels.
    int px(double design) const { return static_cast<int>(design * unit + 0.5); }
    /// The button for `kind` (and `index`), or null.
    const Button* find(TargetKind kind, int index = 0) const { return gui::find_button(buttons, kind, index); }
};

/// The smallest text the counter draws, in design pixels (1280x720; 15 px on the
/// smallest window, 1024x600): read at arm's length by an officer (docs/counter.md).
inline constexpr int min_text_px = 18;

/// Lays out the current screen of `s` on a `width` x `height` window.
Layout compute_layout(const ScreenState& s, int width, int height);
/// What is under (x, y); TargetKind::none when nothing (or a dialog covers it).
Target hit_test(const Layout& layout, int x, int y);

}  // namespace antre::counter
