// QR codes for printed tickets: libqrencode's symbol as a plain bit matrix
// (antre/gui/qr.hpp), so that the ESC/POS raster, the PNG preview and the screen
// draw exactly the same modules.
#pragma once

#include <cstdint>
#include <string>

#include "antre/gui/qr.hpp"

namespace antre::kiosk {

using gui::BitMatrix;
using gui::qr_code;

/// What a ticket's QR code holds: its public link ("{public_base_url}/t/{code}",
/// from the issue reply), or "ANTRE:TICKET:<id>" from a server that sends none.
std::string ticket_qr_text(std::int64_t ticket_id, const std::string& link);

}  // namespace antre::kiosk
