#include "antre/kiosk/escpos.hpp"

#include <algorithm>

namespace antre::kiosk::escpos {

namespace {

std::uint8_t byte(int v) { return static_cast<std::uint8_t>(v & 0xff); }

}  // namespace

void initialize(Bytes& out) { out.insert(out.end(), {esc, '@'}); }

void code_page_ascii(Bytes& out) { out.insert(out.end(), {esc, 't', 0x00}); }

void align(Bytes& out, LineAlign a) {
    out.insert(out.end(), {esc, 'a', byte(a == LineAlign::left ? 0 : a == LineAlign::center ? 1 : 2)});
}

void bold(Bytes& out, bool on) { out.insert(out.end(), {esc, 'E', byte(on ? 1 : 0)}); }

void size(Bytes& out, int scale) {
    const int s = std::clamp(scale, 1, 8) - 1;
    out.insert(out.end(), {gs, '!', byte((s << 4) | s)});
}

void line(Bytes& out, const std::string& text) {
    out.insert(out.end(), text.begin(), text.end());
    out.push_back(lf);
}

void feed(Bytes& out, int lines) { out.insert(out.end(), {esc, 'd', byte(std::clamp(lines, 0, 255))}); }

void raster(Bytes& out, const BitMatrix& dots) {
    const int row_bytes = (dots.width + 7) / 8;
    out.insert(out.end(),
               {gs, 'v', '0', 0x00, byte(row_bytes), byte(row_bytes >> 8), byte(dots.height), byte(dots.height >> 8)});
    for (int y = 0; y < dots.height; ++y)
        for (int bx = 0; bx < row_bytes; ++bx) {
            std::uint8_t b = 0;
            for (int bit = 0; bit < 8; ++bit) {
                const int x = bx * 8 + bit;
                if (x < dots.width && dots.at(x, y)) b = static_cast<std::uint8_t>(b | (0x80 >> bit));
            }
            out.push_back(b);
        }
}

void cut(Bytes& out) { out.insert(out.end(), {gs, 'V', 66, 0x00}); }

Bytes paper_status_request() { return {dle, eot, 0x04}; }

BitMatrix scaled_image(const BitMatrix& image, int dots_per_module, int width_dots, LineAlign a) {
    const int quiet = 4 * dots_per_module;
    const int side_w = image.width * dots_per_module + 2 * quiet;
    const int w = std::max(width_dots, side_w);
    const int left = a == LineAlign::left ? 0 : a == LineAlign::center ? (w - side_w) / 2 : w - side_w;
    BitMatrix out(w, image.height * dots_per_module + 2 * quiet);
    for (int y = 0; y < image.height * dots_per_module; ++y)
        for (int x = 0; x < image.width * dots_per_module; ++x)
            if (image.at(x / dots_per_module, y / dots_per_module)) out.set(left + quiet + x, quiet + y, true);
    return out;
}

Bytes encode(const TicketDocument& d) {
    Bytes out;
    initialize(out);
    code_page_ascii(out);
    for (const auto& l : d.lines) {
        switch (l.kind) {
            case PrintLine::Kind::text:
            case PrintLine::Kind::rule:
                align(out, l.align);
                bold(out, l.bold);
                size(out, l.scale);
                line(out, l.text);
                break;
            case PrintLine::Kind::image:
                // The image is as wide as the paper, so it lands where it should
                // whether or not a printer applies ESC a to rasters.
                align(out, LineAlign::left);
                raster(out, scaled_image(l.image, l.dots_per_module, paper_dots(d.paper), l.align));
                break;
            case PrintLine::Kind::feed:
                feed(out, l.lines);
                break;
        }
    }
    size(out, 1);
    bold(out, false);
    cut(out);
    return out;
}

}  // namespace antre::kiosk::escpos
