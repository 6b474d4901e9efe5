// Pressable areas shared by the SDL clients' layouts: each screen's layout lists
// its buttons once, the renderer draws them and the hit test reads the same
// rectangles, so what a person sees is what they touch.
#pragma once

#include <vector>

#include "antre/gui/painter.hpp"

namespace antre::gui {

/// A pressable area and what pressing it means (`Target`: a kind and an index).
template <class Target>
struct Button {
    Target target;
    Rect rect;
};

/// The button whose target is (`kind`, `index`), or null.
template <class Target, class Kind>
const Button<Target>* find_button(const std::vector<Button<Target>>& buttons, Kind kind, int index = 0) {
    for (const auto& b : buttons)
        if (b.target.kind == kind && b.target.index == index) return &b;
    return nullptr;
}

/// What is under (x, y) among the buttons `takes` accepts; a default Target (none)
/// when nothing is. Later buttons lie on top of earlier ones (a dialog over its screen).
template <class Target, class Takes>
Target hit_test(const std::vector<Button<Target>>& buttons, int x, int y, Takes takes) {
    for (auto it = buttons.rbegin(); it != buttons.rend(); ++it)
        if (takes(it->target) && it->rect.contains(x, y)) return it->target;
    return {};
}

/// The same with every button taking taps.
template <class Target>
Target hit_test(const std::vector<Button<Target>>& buttons, int x, int y) {
    return hit_test(buttons, x, y, [](const Target&) { return true; });
}

}  // namespace antre::gui
