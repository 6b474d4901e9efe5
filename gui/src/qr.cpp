#include "antre/gui/qr.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include <qrencode.h>

namespace antre::gui {

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

Rect draw_qr(Painter& painter, const std::string& text, const Rect& box, SDL_Color dark, SDL_Color light) {
    const BitMatrix m = qr_code(text);
    const int modules = m.width + 2 * qr_quiet_modules;
    const int module = std::max(1, std::min(box.w, box.h) / modules);
    const int side = module * modules;
    const Rect square{box.x + (box.w - side) / 2, box.y + (box.h - side) / 2, side, side};
    painter.fill(square, light);
    const int x0 = square.x + qr_quiet_modules * module, y0 = square.y + qr_quiet_modules * module;
    for (int y = 0; y < m.height; ++y)
        for (int x = 0; x < m.width; ++x)
            if (m.at(x, y)) painter.fill({x0 + x * module, y0 + y * module, module, module}, dark);
    return square;
}

}  // namespace antre::gui
