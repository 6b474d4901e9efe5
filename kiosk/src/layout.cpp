#include "antre/kiosk/layout.hpp"

#include <algorithm>

namespace antre::kiosk {

using gui::Rect;

namespace {

// Splits `area` into a grid of `count` cells, `cols` wide, with `gap` between them.
std::vector<Rect> grid(const Rect& area, int count, int cols, int gap) {
    std::vector<Rect> cells;
    if (count <= 0) return cells;
    cols = std::clamp(cols, 1, count);
    const int rows = (count + cols - 1) / cols;
    const int w = (area.w - gap * (cols - 1)) / cols;
    const int h = (area.h - gap * (rows - 1)) / rows;
    for (int i = 0; i < count; ++i)
        cells.push_back({area.x + (i % cols) * (w + gap), area.y + (i / cols) * (h + gap), w, h});
    return cells;
}

void add(Layout& l, TargetKind kind, int index, Rect r) { l.buttons.push_back({{kind, index}, r}); }

void language_button(Layout& l) {
    const Rect r{l.header.x + l.header.w - l.px(330), l.header.y + (l.header.h - l.px(96)) / 2, l.px(330), l.px(96)};
    add(l, TargetKind::language, 0, r);
}

void home(Layout& l, const KioskState& s) {
    const int gap = l.px(24);
    const int n = static_cast<int>(s.services.size());
    const int cols = l.portrait ? (n <= 6 ? 1 : 2) : (n <= 3 ? 1 : (n <= 8 ? 2 : 3));
    Rect cells = l.body;
    if (!s.printer_problem.empty()) {
        l.notice = {l.body.x, l.body.y + l.body.h - l.px(72), l.body.w, l.px(72)};
        cells.h -= l.notice.h + gap;
    }
    const auto rects = grid(cells, n, cols, gap);
    for (int i = 0; i < n; ++i) add(l, TargetKind::service, i, rects[static_cast<std::size_t>(i)]);
    if (s.priority == Priority::none) {
        add(l, TargetKind::priority_open, 0, l.footer);
    } else {
        const int w = l.px(l.portrait ? 300 : 360);
        add(l, TargetKind::priority_cancel, 0, {l.footer.x + l.footer.w - w, l.footer.y, w, l.footer.h});
    }
    language_button(l);
}

void priority(Layout& l) {
    const auto rects = grid(l.body, 4, l.portrait ? 1 : 2, l.px(24));
    for (int i = 0; i < 4; ++i) add(l, TargetKind::priority_group, i + 1, rects[static_cast<std::size_t>(i)]);
    add(l, TargetKind::back, 0, l.footer);
    language_button(l);
}

// The operator's keypad: 1-9, erase, 0, OK in a 3x4 block, and cancel below.
void admin(Layout& l) {
    const int key = l.px(l.portrait ? 190 : 150);
    const int gap = l.px(20);
    const int pad_w = 3 * key + 2 * gap;
    const Rect pad{l.body.x + (l.body.w - pad_w) / 2, l.body.y, pad_w, 4 * key + 3 * gap};
    const auto keys = grid(pad, 12, 3, gap);
    for (int i = 0; i < 9; ++i) add(l, TargetKind::key_digit, i + 1, keys[static_cast<std::size_t>(i)]);
    add(l, TargetKind::key_erase, 0, keys[9]);
    add(l, TargetKind::key_digit, 0, keys[10]);
    add(l, TargetKind::key_ok, 0, keys[11]);
    add(l, TargetKind::key_cancel, 0, {pad.x, pad.y + pad.h + gap * 2, pad.w, l.px(110)});
}

}  // namespace

const Button* Layout::find(TargetKind kind, int index) const {
    for (const auto& b : buttons)
        if (b.target.kind == kind && b.target.index == index) return &b;
    return nullptr;
}

Layout compute_layout(const KioskState& s, int width, int height) {
    Layout l;
    l.width = width;
    l.height = height;
    l.portrait = height > width;
    l.unit = std::min(width, height) / 1080.0;
    const int margin = l.px(l.portrait ? 48 : 56);
    const int header_h = l.px(l.portrait ? 230 : 160);
    l.header = {margin, 0, width - 2 * margin, header_h};
    const int title_h = l.px(l.portrait ? 190 : 150);
    l.title = {margin, header_h, width - 2 * margin, title_h};
    const int footer_h = s.screen == Screen::home || s.screen == Screen::priority ? l.px(l.portrait ? 210 : 150) : 0;
    l.footer = {margin, height - margin - footer_h, width - 2 * margin, footer_h};
    const int body_top = header_h + title_h;
    const int body_bottom = footer_h > 0 ? l.footer.y - l.px(32) : height - margin;
    l.body = {margin, body_top, width - 2 * margin, body_bottom - body_top};

    switch (s.screen) {
        case Screen::home: home(l, s); break;
        case Screen::priority: priority(l); break;
        case Screen::admin: admin(l); break;
        case Screen::ticket:
        case Screen::refused: add(l, TargetKind::dismiss, 0, {0, 0, width, height}); break;
        case Screen::offline: language_button(l); break;
        case Screen::issuing: break;
    }
    return l;
}

Target hit_test(const Layout& l, int x, int y) {
    // Later buttons lie on top (the language button over a full-screen dismiss).
    for (auto it = l.buttons.rbegin(); it != l.buttons.rend(); ++it)
        if (it->rect.contains(x, y)) return it->target;
    return {};
}

}  // namespace antre::kiosk
