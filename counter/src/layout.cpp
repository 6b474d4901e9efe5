#include "antre/counter/layout.hpp"

#include <algorithm>

namespace antre::counter {

using gui::Rect;

namespace {

void add(Layout& l, TargetKind kind, int index, Rect r) { l.buttons.push_back({{kind, index}, r}); }

void layout_login(Layout& l) {
    const int w = l.width, h = l.height, pad = l.px(16);
    l.top_bar = {0, 0, w, l.px(64)};
    add(l, TargetKind::language, 0, {w - pad - l.px(250), l.px(12), l.px(250), l.px(40)});
    const int cw = std::min(l.px(1000), w - 2 * pad);
    const int ch = std::min(l.px(560), h - l.top_bar.h - 2 * pad);
    l.card = {(w - cw) / 2, l.top_bar.h + (h - l.top_bar.h - ch) / 2, cw, ch};

    const int inner = l.px(32);
    const int left_w = cw * 56 / 100 - inner;
    const int x = l.card.x + inner;
    int y = l.card.y + l.px(24);
    l.title = {x, y, left_w, l.px(52)};
    y += l.title.h + l.px(10);
    const int label_h = l.px(28), field_h = l.px(56), gap = l.px(10);
    for (int i = 0; i < 3; ++i) {
        l.fields[i] = {x, y + label_h, left_w, field_h};
        add(l, TargetKind::login_field, i, {x, y, left_w, label_h + field_h});
        y += label_h + field_h + gap;
    }
    l.login_message = {x, y, left_w, l.px(48)};
    y += l.login_message.h + gap;
    add(l, TargetKind::key_submit, 0, {x, y, left_w, std::min(l.px(60), l.card.y + ch - y - l.px(20))});

    // The keypad: for a touch screen without a keyboard.
    const int kx = l.card.x + cw * 56 / 100 + l.px(8);
    const int kw = l.card.x + cw - inner - kx;
    const int ky = l.card.y + l.px(40);
    const int key_gap = l.px(10);
    const int key_w = (kw - 2 * key_gap) / 3;
    const int key_h = std::min(key_w, (l.card.y + ch - l.px(32) - ky - 3 * key_gap) / 4);
    auto key = [&](int row, int col) {
        return Rect{kx + col * (key_w + key_gap), ky + row * (key_h + key_gap), key_w, key_h};
    };
    for (int d = 1; d <= 9; ++d) add(l, TargetKind::key_digit, d, key((d - 1) / 3, (d - 1) % 3));
    add(l, TargetKind::key_erase, 0, key(3, 0));
    add(l, TargetKind::key_digit, 0, key(3, 1));
    add(l, TargetKind::key_submit, 1, key(3, 2));
}

void layout_dialog(Layout& l, const ScreenState& s) {
    l.modal = true;
    const int w = l.width, h = l.height, pad = l.px(16), inner = l.px(24);
    const int rows = static_cast<int>(dialog_rows(s, 0).size());
    const bool typing = s.dialog.kind == Dialog::call_ticket || s.dialog.kind == Dialog::pause;
    const int title_h = l.px(56), input_h = typing ? l.px(58) : 0, row_h = l.px(52), footer_h = l.px(72);
    int body_h = rows * row_h;
    if (s.dialog.kind == Dialog::logout) body_h = l.px(96);
    if (s.dialog.kind == Dialog::call_ticket && rows == 0) body_h = row_h;
    const int dw = std::min(l.px(780), w - 2 * pad);
    const int dh = std::min(inner + title_h + input_h + body_h + footer_h + l.px(12), h - 2 * pad);
    l.dialog = {(w - dw) / 2, (h - dh) / 2, dw, dh};
    int y = l.dialog.y + l.px(12);
    l.dialog_title = {l.dialog.x + inner, y, dw - 2 * inner, title_h};
    y += title_h;
    if (typing) {
        l.dialog_input = {l.dialog.x + inner, y, dw - 2 * inner, input_h - l.px(8)};
        y += input_h;
    }
    for (int i = 0; i < rows; ++i)
        add(l, TargetKind::dialog_row, i, {l.dialog.x + inner, y + i * row_h, dw - 2 * inner, row_h - l.px(6)});
    const int fy = l.dialog.y + dh - footer_h + l.px(6);
    const int bw = l.px(150), bh = footer_h - l.px(24);
    add(l, TargetKind::dialog_ok, 0, {l.dialog.x + dw - inner - bw, fy, bw, bh});
    add(l, TargetKind::dialog_cancel, 0, {l.dialog.x + dw - inner - 2 * bw - l.px(12), fy, bw, bh});
    l.dialog_hint = {l.dialog.x + inner, fy, dw - 2 * inner - 2 * bw - l.px(24), bh};
}

void layout_main(Layout& l, const ScreenState& s) {
    const int w = l.width, h = l.height, pad = l.px(14), gap = l.px(10);
    l.top_bar = {0, 0, w, l.px(64)};
    add(l, TargetKind::language, 0, {w - pad - l.px(250), l.px(12), l.px(250), l.px(40)});
    int y = l.top_bar.h + pad;
    if (!s.connected) {
        l.banner = {pad, y, w - 2 * pad, l.px(50)};
        y += l.banner.h + gap;
    }
    const int bh = l.px(76);
    const int row2 = h - pad - bh, row1 = row2 - gap - bh;
    const int slot_w = (w - 2 * pad - 4 * gap) / 5;
    auto slot = [&](int row_y, int i) { return Rect{pad + i * (slot_w + gap), row_y, slot_w, bh}; };
    const int slots[action_count] = {0, 1, 2, 3, 4, 0, 1, 2, 4};  // Keluar stands apart, at the far right
    for (int a = 0; a < action_count; ++a) add(l, TargetKind::action, a, slot(a < 5 ? row1 : row2, slots[a]));

    l.message = {pad, row1 - gap - l.px(42), w - 2 * pad, l.px(42)};
    const int content_h = l.message.y - gap - y;
    const int left_w = (w - 3 * pad) * 58 / 100;
    l.ticket_panel = {pad, y, left_w, content_h};
    const int th = std::max(l.px(80), content_h * 30 / 100);
    l.timer = {pad + l.px(20), y + content_h - l.px(18) - th, left_w - l.px(40), th};
    const int rx = pad + left_w + pad, rw = w - pad - rx;
    const int qh = content_h * 52 / 100;
    l.queue_panel = {rx, y, rw, qh};
    l.tally_panel = {rx, y + qh + gap, rw, content_h - qh - gap};
    if (s.dialog.kind != Dialog::none) layout_dialog(l, s);
}

}  // namespace

Layout compute_layout(const ScreenState& s, int width, int height) {
    Layout l;
    l.width = width;
    l.height = height;
    l.unit = std::min(width / 1280.0, height / 720.0);
    if (s.phase == Phase::working)
        layout_main(l, s);
    else
        layout_login(l);
    return l;
}

Target hit_test(const Layout& l, int x, int y) {
    auto in_dialog = [](TargetKind k) {
        return k == TargetKind::dialog_row || k == TargetKind::dialog_ok || k == TargetKind::dialog_cancel;
    };
    // Later buttons lie on top (the dialog over the main screen).
    return gui::hit_test(l.buttons, x, y, [&](const Target& t) { return !l.modal || in_dialog(t.kind); });
}

}  // namespace antre::counter
