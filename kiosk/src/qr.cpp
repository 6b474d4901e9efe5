#include "antre/kiosk/qr.hpp"

#include <memory>
#include <stdexcept>

#include <qrencode.h>

namespace antre::kiosk {

namespace {

struct QrDeleter {
    void operator()(QRcode* q) const { QRcode_free(q); }
};

}  // namespace

BitMatrix qr_code(const std::string& text) {
    std::unique_ptr<QRcode, QrDeleter> q(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!q) throw std::runtime_error("QRcode_encodeString: cannot encode \"" + text + "\"");
    BitMatrix m(q->width, q->width);
    // libqrencode: one byte per module, bit 0 set for a dark module.
    for (int y = 0; y < q->width; ++y)
        for (int x = 0; x < q->width; ++x) m.set(x, y, (q->data[y * q->width + x] & 1) != 0);
    return m;
}

std::string ticket_qr_text(std::int64_t ticket_id, const std::string& link) {
    return link.empty() ? "ANTRE:TICKET:" + std::to_string(ticket_id) : link;
}

}  // namespace antre::kiosk
