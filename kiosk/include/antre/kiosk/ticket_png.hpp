// The printed ticket drawn as the printer would put it on paper (black on white,
// font A's 12 x 24 dot cells, the same QR raster), for previews and tests.
#pragma once

#include <string>

#include "antre/gui/sdl.hpp"
#include "antre/kiosk/ticket_print.hpp"

namespace antre::kiosk {

/// Side margin of the preview around the printable width, in dots.
inline constexpr int ticket_png_margin = 16;

/// Where line `index` of `document` starts in the preview, in pixels from the top.
int ticket_line_top(const TicketDocument& document, std::size_t index);
/// Draws `document` into a canvas as wide as its paper (plus margins). Needs SDL
/// and SDL_ttf initialised (gui::SdlLibrary).
gui::OffscreenCanvas render_ticket(const TicketDocument& document);
/// The same, written as a PNG file.
void save_ticket_png(const TicketDocument& document, const std::string& path);

}  // namespace antre::kiosk
