// QR codes as the programs draw them: libqrencode's symbol as a plain bit matrix
// (the kiosk's printed ticket and its screen, the board's link to the office page),
// and the symbol drawn on screen with its quiet zone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "antre/gui/painter.hpp"

namespace antre::gui {

/// A black-and-white image, one byte per cell (1 = black), row by row.
struct BitMatrix {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> cells;

    BitMatrix() = default;
    BitMatrix(int w, int h)
        : width(w), height(h), cells(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0) {}
    bool at(int x, int y) const { return cells[index(x, y)] != 0; }
    void set(int x, int y, bool black) { cells[index(x, y)] = black ? 1 : 0; }

private:
    std::size_t index(int x, int y) const {
        return static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x);
    }
};

/// The QR symbol of `text` (error correction M), without its quiet zone.
/// Throws std::runtime_error when libqrencode cannot encode it.
BitMatrix qr_code(const std::string& text);

/// The light modules a reader wants around a symbol (ISO/IEC 18004).
inline constexpr int qr_quiet_modules = 4;

/// Draws the QR code of `text` with its quiet zone, whole pixels a module, as
/// large as fits centred in `box`, dark on light; returns the square drawn.
Rect draw_qr(Painter& painter, const std::string& text, const Rect& box, SDL_Color dark = {0, 0, 0, 0xff},
             SDL_Color light = {0xff, 0xff, 0xff, 0xff});

}  // namespace antre::gui
