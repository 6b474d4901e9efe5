// Breaks a text into lines that fit a width at a given size, at spaces, for
// paragraphs on screens and tickets.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "antre/gui/painter.hpp"

namespace antre::gui {

/// The words of `text` in lines no wider than `width` at `size` (a single word
/// wider than `width` gets a line of its own; Painter::text then shrinks it).
inline std::vector<std::string> wrap_text(Painter& p, const std::string& text, int width, int size, bool bold = false) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word, line;
    while (words >> word) {
        const std::string longer = line.empty() ? word : line + " " + word;
        if (!line.empty() && p.text_width(longer, size, bold) > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = longer;
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

}  // namespace antre::gui
