#include "antre/kiosk/ticket_png.hpp"

#include "antre/gui/painter.hpp"
#include "antre/kiosk/escpos.hpp"

namespace antre::kiosk {

namespace {

constexpr const char* mono_font = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
constexpr const char* mono_bold_font = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";
constexpr int line_gap = 6;  // dots between text lines (ESC/POS default spacing)
constexpr int top_margin = 24;
constexpr int cut_margin = 40;  // room below the last line for the cut mark

int line_height(const PrintLine& l) {
    switch (l.kind) {
        case PrintLine::Kind::text:
        case PrintLine::Kind::rule:
            return 24 * l.scale + line_gap;
        case PrintLine::Kind::image:
            return (l.image.height + 8) * l.dots_per_module;
        case PrintLine::Kind::feed:
            return (24 + line_gap) * l.lines;
    }
    return 0;
}

gui::Align to_gui(LineAlign a) {
    return a == LineAlign::left ? gui::Align::left : a == LineAlign::center ? gui::Align::center : gui::Align::right;
}

}  // namespace

int ticket_line_top(const TicketDocument& d, std::size_t index) {
    int y = top_margin;
    for (std::size_t i = 0; i < index && i < d.lines.size(); ++i) y += line_height(d.lines[i]);
    return y;
}

gui::OffscreenCanvas render_ticket(const TicketDocument& d) {
    const int dots = paper_dots(d.paper);
    int height = top_margin + cut_margin;
    for (const auto& l : d.lines) height += line_height(l);
    gui::OffscreenCanvas canvas(dots + 2 * ticket_png_margin, height);
    gui::Painter p(canvas.renderer.get(), mono_font, mono_bold_font);
    constexpr SDL_Color white{0xff, 0xff, 0xff, 0xff}, black{0, 0, 0, 0xff}, grey{0x99, 0x99, 0x99, 0xff};
    p.clear(white);
    int y = top_margin;
    for (const auto& l : d.lines) {
        const int h = line_height(l);
        if (l.kind == PrintLine::Kind::text || l.kind == PrintLine::Kind::rule) {
            // DejaVu Sans Mono at 20 px advances 12 px: font A's cell width.
            p.text(l.text, {ticket_png_margin, y, dots, 24 * l.scale}, 20 * l.scale, black, to_gui(l.align), l.bold);
        } else if (l.kind == PrintLine::Kind::image) {
            const auto image = escpos::scaled_image(l.image, l.dots_per_module, dots, l.align);
            for (int iy = 0; iy < image.height; ++iy)
                for (int ix = 0; ix < image.width; ++ix)
                    if (image.at(ix, iy)) p.fill({ticket_png_margin + ix, y + iy, 1, 1}, black);
        }
        y += h;
    }
    for (int x = 0; x < canvas.width; x += 16) p.fill({x, height - cut_margin / 2, 8, 2}, grey);
    return canvas;
}

void save_ticket_png(const TicketDocument& d, const std::string& path) {
    auto canvas = render_ticket(d);
    gui::save_png(canvas.renderer.get(), canvas.width, canvas.height, path);
}

}  // namespace antre::kiosk
