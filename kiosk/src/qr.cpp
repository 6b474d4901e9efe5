#include "antre/kiosk/qr.hpp"

namespace antre::kiosk {

std::string ticket_qr_text(std::int64_t ticket_id, const std::string& link) {
    return link.empty() ? "ANTRE:TICKET:" + std::to_string(ticket_id) : link;
}

}  // namespace antre::kiosk
