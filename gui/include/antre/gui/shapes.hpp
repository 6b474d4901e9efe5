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

/// Fills the disc of radius `r` around (cx, cy).
inline void fill_circle(Painter& p, int cx, int cy, int r, SDL_Color c) {
    fill_rounded(p, {cx - r, cy - r, 2 * r, 2 * r}, r, c);
}

/// Strokes the arc of the circle of `radius` around (cx, cy) from angle `from` to
/// `to` (radians, clockwise on screen from 3 o'clock), `thickness` wide with round ends.
inline void stroke_arc(Painter& p, int cx, int cy, int radius, double from, double to, int thickness, SDL_Color c) {
    const int half = std::max(1, thickness / 2);
    // Dots a quarter of the thickness apart overlap into a smooth line.
    const double length = std::abs(to - from) * radius;
    const int steps = std::max(2, static_cast<int>(length / std::max(1.0, thickness / 4.0)));
    for (int i = 0; i <= steps; ++i) {
        const double a = from + (to - from) * i / steps;
        fill_circle(p, cx + static_cast<int>(std::lround(radius * std::cos(a))),
                    cy + static_cast<int>(std::lround(radius * std::sin(a))), half, c);
    }
}

}  // namespace antre::gui
