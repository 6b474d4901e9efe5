#include "antre/gui/contrast.hpp"

#include <algorithm>
#include <cmath>

namespace antre::gui {

namespace {

double linear(Uint8 channel) {
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

bool is_large_text(double size_px, bool bold) { return size_px >= 24.0 || (bold && size_px >= 18.66); }

double required_contrast(double size_px, bool bold) { return is_large_text(size_px, bold) ? 3.0 : 4.5; }

double relative_luminance(SDL_Color c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); }

double contrast_ratio(SDL_Color a, SDL_Color b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace antre::gui
