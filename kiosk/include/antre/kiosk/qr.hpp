// QR codes for printed tickets: libqrencode's symbol as a plain bit matrix, so
// that the ESC/POS raster and the PNG preview draw exactly the same modules.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace antre::kiosk {

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

/// What a ticket's QR code holds: its public link ("{public_base_url}/t/{code}",
/// from the issue reply), or "ANTRE:TICKET:<id>" from a server that sends none.
std::string ticket_qr_text(std::int64_t ticket_id, const std::string& link);

}  // namespace antre::kiosk
