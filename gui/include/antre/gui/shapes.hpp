// Shapes beyond the painter's boxes: rounded panels and buttons, drawn with the
// painter's renderer so they mix freely with its text.
#pragma once

#include <algorithm>
#include <cmath>

#include "antre/gui/painter.hpp"

namespace antre::gui {

/// Fills `r` with corners rounded to `radius` pixels (clamped to half the shorter side).
inline void fill_rounded(Painter& p, const Rect& r, int radius, SDL_Color c) {
    radius = std::clamp(radius, 0, std::min(r.w, r.h) / 2);
    if (radius == 0) return p.fill(r, c);
    p.fill({r.x, r.y + radius, r.w, r.h - 2 * radius}, c);
    // One row per scan line of each corner band: the width the circle allows there.
    for (int dy = 0; dy < radius; ++dy) {
        const double y = radius - dy - 0.5;
        const int inset = radius - static_cast<int>(std::lround(std::sqrt(double(radius) * radius - y * y)));
        p.fill({r.x + inset, r.y + dy, r.w - 2 * inset, 1}, c);
        p.fill({r.x + inset, r.y + r.h - 1 - dy, r.w - 2 * inset, 1}, c);
    }
}

}  // namespace antre::gui
