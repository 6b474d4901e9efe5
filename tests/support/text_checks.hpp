// Shared by the screen tests: every text a painter drew (Painter::record_texts) is
// readable. Its colour against what was under it meets WCAG 2.1 AA (4.5:1, or 3:1
// for large text: 24 px regular or 18.66 px bold at the client's design size), and it
// is no smaller than the client's documented minimum at that design size.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "antre/gui/contrast.hpp"
#include "antre/gui/painter.hpp"

namespace antre::test {

inline std::string colour_name(SDL_Color c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

/// The size of a drawn text at the design resolution (`unit`: screen pixels per design pixel).
inline double design_size(const gui::DrawnText& t, double unit) { return t.size / unit; }

/// Checks every text of `drawn`; `unit` is the screen pixels per design pixel of the
/// frame, `min_design_px` the client's documented smallest text.
inline void check_texts(const std::vector<gui::DrawnText>& drawn, double unit, double min_design_px) {
    for (const auto& t : drawn) {
        const double size = design_size(t, unit);
        const double ratio = gui::contrast_ratio(t.colour, t.background);
        const double needed = gui::required_contrast(size, t.bold);
        INFO("\"" << t.text << "\" " << colour_name(t.colour) << " on " << colour_name(t.background) << ", " << size
                  << " px" << (t.bold ? " bold" : "") << " at the design size: " << ratio << ":1, needs " << needed
                  << ":1");
        CHECK(ratio >= needed);
        CHECK(size >= min_design_px - 0.5);  // sizes are whole screen pixels: rounding
    }
}

/// The smallest design size among `drawn` (0 when nothing was drawn).
inline double smallest_text(const std::vector<gui::DrawnText>& drawn, double unit) {
    double least = 0;
    for (const auto& t : drawn)
        if (least == 0 || design_size(t, unit) < least) least = design_size(t, unit);
    return least;
}

}  // namespace antre::test
