// WCAG 2.1 contrast: the relative luminance of an sRGB colour, the ratio between
// two colours, and the minimum ratio success criterion 1.4.3 (AA) asks of a text.
#pragma once

#include <SDL.h>

namespace antre::gui {

/// WCAG 2.1 "large text": at least 18 pt (24 px) regular or 14 pt (18.66 px) bold.
/// Painter sizes are pixels (SDL_ttf's points at 72 dpi), so they compare directly.
bool is_large_text(double size_px, bool bold);
/// 4.5 for normal text, 3 for large text (WCAG 2.1 AA, 1.4.3).
double required_contrast(double size_px, bool bold);
/// Relative luminance 0 (black) .. 1 (white), WCAG 2.1's formula; alpha is ignored.
double relative_luminance(SDL_Color c);
/// (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 .. 21.
double contrast_ratio(SDL_Color a, SDL_Color b);

}  // namespace antre::gui
