// Shared by the kiosk's printing tests: what a printer would make of an ESC/POS
// byte stream (lines of text with their style, raster images, cuts), read back by a
// small decoder that knows only the commands docs/kiosk.md lists.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "antre/kiosk/qr.hpp"

namespace antre::kiosk::test {

/// A print job decoded: its text lines with their style, its images, its cuts. Anything
/// the decoder does not know is an error.
struct Decoded {
    struct Text {
        std::string text;
        int align = 0;
        bool bold = false;
        int width = 1, height = 1;
    };
    std::vector<Text> lines;
    std::vector<BitMatrix> images;
    int inits = 0, cuts = 0, status_requests = 0, feeds = 0;
    bool cut_is_last = false;
    std::vector<std::string> errors;

    const Text* find(const std::string& text) const {
        for (const auto& l : lines)
            if (l.text == text) return &l;
        return nullptr;
    }
};

/// The print job `b` as a printer would read it.
inline Decoded decode(const std::vector<std::uint8_t>& b) {
    Decoded d;
    Decoded::Text style, current;
    std::size_t i = 0;
    auto need = [&](std::size_t n) {
        if (i + n > b.size()) {
            d.errors.push_back("truncated command at " + std::to_string(i));
            i = b.size();
            return false;
        }
        return true;
    };
    while (i < b.size()) {
        const auto c = b[i++];
        d.cut_is_last = false;
        if (c == 0x0a) {
            current.align = style.align, current.bold = style.bold;
            current.width = style.width, current.height = style.height;
            d.lines.push_back(current);
            current.text.clear();
        } else if (c >= 0x20 && c < 0x7f) {
            current.text.push_back(static_cast<char>(c));
        } else if (c == 0x1b && need(1)) {
            const auto cmd = b[i++];
            if (cmd == '@')
                ++d.inits, style = {};
            else if (cmd == 't' && need(1))
                ++i;
            else if (cmd == 'a' && need(1))
                style.align = b[i++];
            else if (cmd == 'E' && need(1))
                style.bold = b[i++] != 0;
            else if (cmd == 'd' && need(1))
                d.feeds += b[i++];
            else
                d.errors.push_back("unknown ESC " + std::to_string(cmd));
        } else if (c == 0x1d && need(1)) {
            const auto cmd = b[i++];
            if (cmd == '!' && need(1)) {
                style.width = ((b[i] >> 4) & 7) + 1, style.height = (b[i] & 7) + 1;
                ++i;
            } else if (cmd == 'v' && need(6) && b[i] == '0') {
                const int row_bytes = b[i + 2] | (b[i + 3] << 8), rows = b[i + 4] | (b[i + 5] << 8);
                i += 6;
                if (!need(static_cast<std::size_t>(row_bytes * rows))) break;
                BitMatrix m(row_bytes * 8, rows);
                for (int y = 0; y < rows; ++y)
                    for (int x = 0; x < row_bytes * 8; ++x)
                        m.set(x, y, (b[i + static_cast<std::size_t>(y * row_bytes + x / 8)] & (0x80 >> (x % 8))) != 0);
                i += static_cast<std::size_t>(row_bytes * rows);
                d.images.push_back(std::move(m));
            } else if (cmd == 'V' && need(1)) {
                const auto m = b[i++];
                if (m >= 65 && need(1)) ++i;
                ++d.cuts;
                d.cut_is_last = true;
            } else {
                d.errors.push_back("unknown GS " + std::to_string(cmd));
            }
        } else if (c == 0x10 && need(2) && b[i] == 0x04) {
            i += 2;
            ++d.status_requests;
        } else {
            d.errors.push_back("stray byte " + std::to_string(c) + " at " + std::to_string(i - 1));
        }
    }
    return d;
}

}  // namespace antre::kiosk::test
