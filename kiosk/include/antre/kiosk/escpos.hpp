// ESC/POS, the command language of thermal ticket printers, as byte vectors (the
// commands hold NUL bytes, so never C strings). Only the commands every
// ESC/POS printer knows are used; docs/kiosk.md lists them.
#pragma once

#include <cstdint>
#include <vector>

#include "antre/kiosk/ticket_print.hpp"

namespace antre::kiosk::escpos {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::uint8_t esc = 0x1b;
inline constexpr std::uint8_t gs = 0x1d;
inline constexpr std::uint8_t dle = 0x10;
inline constexpr std::uint8_t eot = 0x04;
inline constexpr std::uint8_t lf = 0x0a;

/// ESC @: reset to the power-on settings.
void initialize(Bytes& out);
/// ESC t 0: code page PC437, whose first half is ASCII.
void code_page_ascii(Bytes& out);
/// ESC a n: 0 left, 1 centre, 2 right.
void align(Bytes& out, LineAlign a);
/// ESC E n: emphasised (bold) on or off.
void bold(Bytes& out, bool on);
/// GS ! n: character size, `scale` times width and height (1..8).
void size(Bytes& out, int scale);
/// The text's bytes, then LF.
void line(Bytes& out, const std::string& text);
/// ESC d n: feed n lines.
void feed(Bytes& out, int lines);
/// GS v 0: a raster image, 1 bit per dot, rows padded to whole bytes.
void raster(Bytes& out, const BitMatrix& dots);
/// GS V 66 0: feed to the cutter and cut (partial cut, the ticket stays hanging).
void cut(Bytes& out);
/// DLE EOT 4: asks for the paper sensor's status byte (bits 5 and 6: paper end).
Bytes paper_status_request();

/// The QR modules of `image` scaled to `dots_per_module`, with a 4-module quiet
/// zone, placed in a raster `width_dots` wide as `align` says.
BitMatrix scaled_image(const BitMatrix& image, int dots_per_module, int width_dots, LineAlign align);

/// The whole print job for a ticket document: initialize, every line, cut.
Bytes encode(const TicketDocument& document);

}  // namespace antre::kiosk::escpos
