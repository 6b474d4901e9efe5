// The open dialog over a dimmed main screen: Alihkan, Panggil Nomor, Istirahat
// or Keluar, with its rows, typing field and buttons.
#include "antre/counter/render.hpp"
#include "antre/gui/shapes.hpp"
#include "antre/gui/text_wrap.hpp"
#include "antre/gui/theme.hpp"
#include "render_parts.hpp"

namespace antre::counter::render {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

std::string title(const ScreenState& s) {
    const Texts& t = texts(s.language);
    switch (s.dialog.kind) {
        case Dialog::transfer:
            return std::string(t.transfer_title) + (s.active ? "  \u00b7  " + s.active->label : "");
        case Dialog::call_ticket:
            return t.call_title;
        case Dialog::pause:
            return t.pause_title;
        case Dialog::logout:
            return t.logout_title;
        case Dialog::none:
            break;
    }
    return {};
}

void input_field(gui::Painter& p, const ScreenState& s, const Layout& l) {
    const Texts& t = texts(s.language);
    const Rect box = l.dialog_input;
    gui::fill_rounded(p, box, l.px(8), theme::accent);
    gui::fill_rounded(p, box.inset(l.px(3)), l.px(7), theme::background);
    const Rect inside = box.inset(l.px(14));
    if (s.dialog.input.empty()) {
        const char* hint = s.dialog.kind == Dialog::call_ticket ? t.call_input_hint : t.pause_input_hint;
        p.text(std::string("|  ") + hint, inside, l.px(22), theme::muted);
    } else {
        p.text(s.dialog.input + "|", inside, l.px(26), theme::text, Align::left, true);
    }
}

}  // namespace

void draw_dialog(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now) {
    const Texts& t = texts(s.language);
    p.fill({0, 0, l.width, l.height}, SDL_Color{0x05, 0x0c, 0x18, 0xb4});
    gui::fill_rounded(p, l.dialog, l.px(16), theme::accent);
    gui::fill_rounded(p, l.dialog.inset(l.px(3)), l.px(14), theme::panel);
    p.text(title(s), l.dialog_title, l.px(30), theme::text, Align::left, true);
    if (l.dialog_input.w > 0) input_field(p, s, l);

    const auto rows = dialog_rows(s, now);
    for (const auto& b : l.buttons) {
        if (b.target.kind != TargetKind::dialog_row || b.target.index >= static_cast<int>(rows.size())) continue;
        const auto& row = rows[b.target.index];
        const bool selected = b.target.index == s.dialog.selected;
        gui::fill_rounded(p, b.rect, l.px(8), selected ? theme::accent : theme::panel_light);
        const SDL_Color ink = selected ? theme::dark_text : theme::text;
        const SDL_Color soft = selected ? theme::dark_text : theme::muted;
        int x = b.rect.x + l.px(14);
        if (!row.key.empty()) {  // the key that picks the row: a service's letter, a digit
            const Rect n{x, b.rect.y + (b.rect.h - l.px(30)) / 2, l.px(30), l.px(30)};
            gui::fill_rounded(p, n, l.px(6), selected ? theme::dark_text : theme::background);
            p.text(row.key, n, l.px(18), theme::accent, Align::center, true);
            x += n.w + l.px(12);
        }
        const int main_w = std::min(p.text_width(row.text, l.px(24), true), (b.rect.x + b.rect.w - x) * 55 / 100);
        p.text(row.text, {x, b.rect.y, main_w, b.rect.h}, l.px(24), ink, Align::left, true);
        int dx = x + main_w + l.px(18);
        if (!row.mark.empty()) {  // "Daring": a booked ticket
            const int mw = p.text_width(row.mark, l.px(min_text_px), true) + l.px(24), mh = l.px(30);
            const Rect mark{dx, b.rect.y + (b.rect.h - mh) / 2, mw, mh};
            // The sky blue hardly parts from the chosen row's yellow (1.1:1): a dark ring keeps the chip's edge.
            if (selected) gui::fill_rounded(p, mark.inset(-l.px(2)), mh / 2 + l.px(2), theme::dark_text);
            chip(p, mark, row.mark, booked_mark, theme::dark_text);
            dx += mw + l.px(14);
        }
        p.text(row.detail, {dx, b.rect.y, b.rect.x + b.rect.w - l.px(14) - dx, b.rect.h}, l.px(19), soft, Align::right);
    }
    if (s.dialog.kind == Dialog::call_ticket && rows.empty()) {
        const Rect note{l.dialog_title.x, l.dialog_input.y + l.dialog_input.h + l.px(8), l.dialog_title.w, l.px(44)};
        p.text(t.call_empty, note, l.px(19), theme::muted);
    }
    if (s.dialog.kind == Dialog::logout) {
        const Rect body{l.dialog_title.x, l.dialog_title.y + l.dialog_title.h, l.dialog_title.w, l.px(90)};
        const auto lines = gui::wrap_text(p, t.logout_body, body.w, l.px(22));
        for (std::size_t i = 0; i < lines.size() && i < 3; ++i)
            p.text(lines[i], {body.x, body.y + static_cast<int>(i) * l.px(30), body.w, l.px(30)}, l.px(22),
                   theme::text);
    }
    const char* hint = s.dialog.kind == Dialog::logout     ? "Enter \u00b7 Esc"
                       : s.dialog.kind == Dialog::transfer ? t.transfer_hint
                                                           : t.dialog_hint;
    // One line, or two where the window is narrow: never smaller than the counter's minimum.
    const auto hint_lines = gui::wrap_text(p, hint, l.dialog_hint.w, l.px(min_text_px));
    const int hint_h = l.px(min_text_px) * 13 / 10,
              shown = static_cast<int>(std::min<std::size_t>(hint_lines.size(), 2));
    for (int i = 0; i < shown; ++i)
        p.text(hint_lines[static_cast<std::size_t>(i)],
               {l.dialog_hint.x, l.dialog_hint.y + (l.dialog_hint.h - shown * hint_h) / 2 + i * hint_h, l.dialog_hint.w,
                hint_h},
               l.px(min_text_px), theme::muted);
    if (const auto* ok = l.find(TargetKind::dialog_ok)) {
        const std::string label = s.dialog.kind == Dialog::logout ? t.logout : t.ok;
        const bool can = s.dialog.kind != Dialog::call_ticket || !rows.empty() || !s.dialog.input.empty();
        gui::fill_rounded(p, ok->rect, l.px(10), can ? theme::accent : theme::panel_light);
        p.text(label, ok->rect.inset(l.px(8)), l.px(22), can ? theme::dark_text : theme::disabled_text, Align::center,
               true);
    }
    if (const auto* cancel = l.find(TargetKind::dialog_cancel)) {
        gui::fill_rounded(p, cancel->rect, l.px(10), theme::panel_light);
        p.text(t.cancel, cancel->rect.inset(l.px(8)), l.px(22), theme::text, Align::center, true);
    }
}

}  // namespace antre::counter::render
