#include "antre/kiosk/layout.hpp"

#include <algorithm>

#include "layout_parts.hpp"

namespace antre::kiosk {

using gui::Rect;

namespace detail {

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

// The language button sits at the footer's right end, within reach of a
// wheelchair user on a portrait kiosk; returns what is left of the footer.
Rect language_button(Layout& l) {
    const int w = l.px(l.portrait ? 320 : 360);
    add(l, TargetKind::language, 0, {l.footer.x + l.footer.w - w, l.footer.y, w, l.footer.h});
    return {l.footer.x, l.footer.y, l.footer.w - w - l.px(24), l.footer.h};
}

void keypad(Layout& l, const Rect& pad, int gap) {
    const auto keys = grid(pad, 12, 3, gap);
    for (int i = 0; i < 9; ++i) add(l, TargetKind::key_digit, i + 1, keys[static_cast<std::size_t>(i)]);
    add(l, TargetKind::key_erase, 0, keys[9]);
    add(l, TargetKind::key_digit, 0, keys[10]);
    add(l, TargetKind::key_ok, 0, keys[11]);
}

int service_columns(const Layout& l, int services) {
    return l.portrait ? (services <= 6 ? 1 : 2) : (services <= 4 ? 2 : (services <= 6 ? 3 : 4));
}

}  // namespace detail

namespace {

using detail::add;
using detail::grid;
using detail::keypad;
using detail::language_button;

// A service button's letter, names and figures: side by side on a wide, low
// button when the names keep room enough, stacked otherwise.
ServiceTile service_tile(const Layout& l, const Rect& r) {
    ServiceTile t;
    const int pad = l.px(28);
    const int stats_w = l.px(380);
    const int wide_badge = std::min(r.h - 2 * pad, l.px(140));
    const int wide_names_w = r.w - 4 * pad - wide_badge - stats_w;
    t.wide = r.w > r.h * 5 / 2 && wide_names_w >= l.px(min_names_width);
    if (t.wide) {
        t.badge = {r.x + pad, r.y + (r.h - wide_badge) / 2, wide_badge, wide_badge};
        const int x = t.badge.x + t.badge.w + pad;
        t.names = {x, r.y + pad, wide_names_w, r.h - 2 * pad};
        t.figures = {r.x + r.w - pad - stats_w, r.y + pad, stats_w, r.h - 2 * pad};
    } else {
        // On a low button the letter shrinks rather than push the names out.
        const int fig_h = l.px(96);
        const int badge = std::max(l.px(56), std::min(l.px(112), r.h - fig_h - 2 * pad));
        t.badge = {r.x + pad, r.y + pad, badge, badge};
        const int x = t.badge.x + t.badge.w + l.px(24);
        t.names = {x, r.y + l.px(12), r.x + r.w - pad - x, r.h - fig_h - pad - l.px(12)};
        t.figures = {r.x + pad, r.y + r.h - pad - fig_h, r.w - 2 * pad, fig_h};
    }
    return t;
}

void home(Layout& l, const KioskState& s) {
    const int gap = l.px(24);
    const int n = static_cast<int>(s.services.size());
    Rect cells = l.body;
    // The survey is offered, modestly: a low strip under the services (portrait) or
    // a small button in the footer (landscape), never as large as a service.
    // "Cek nomor" beside it, as modest.
    const int survey_w = l.px(400);
    if (l.portrait) {
        const int strip = l.px(110);
        const int check_w = l.px(260);
        add(l, TargetKind::check_open, 0, {cells.x, cells.y + cells.h - strip, check_w, strip});
        add(l, TargetKind::survey_open, 0,
            {cells.x + check_w + gap, cells.y + cells.h - strip, cells.w - check_w - gap, strip});
        cells.h -= strip + gap;
        // Check-in of an online booking: a full-width strip over them, as a booked
        // citizen should not take a walk-in number by mistake.
        if (takes_bookings(s)) {
            const int checkin_h = l.px(130);
            add(l, TargetKind::checkin_open, 0, {cells.x, cells.y + cells.h - checkin_h, cells.w, checkin_h});
            cells.h -= checkin_h + gap;
        }
    } else if (takes_bookings(s)) {
        // Landscape: at the heading's right end, where the eye meets it first.
        const int w = std::min(l.px(640), l.title.w * 2 / 5);
        add(l, TargetKind::checkin_open, 0, {l.title.x + l.title.w - w, l.title.y + l.px(8), w, l.title.h - l.px(24)});
    }
    // Printer trouble: a band under the services (portrait, which has height to
    // spare) or beside the heading (landscape, where the services need every row).
    if (!s.printer_problem.empty()) {
        if (l.portrait) {
            l.notice = {cells.x, cells.y + cells.h - l.px(72), cells.w, l.px(72)};
            cells.h -= l.notice.h + gap;
        } else {
            // Left of the check-in button, when there is one.
            const auto* checkin = l.find(TargetKind::checkin_open);
            const int right = checkin ? checkin->rect.x - gap : l.title.x + l.title.w;
            const int w = std::min(l.px(checkin ? 600 : 820), l.title.w / 2);
            l.notice = {right - w, l.title.y + l.px(8), w, l.title.h - l.px(24)};
        }
    }
    const auto rects = grid(cells, n, detail::service_columns(l, n), gap);
    for (int i = 0; i < n; ++i) {
        add(l, TargetKind::service, i, rects[static_cast<std::size_t>(i)]);
        l.tiles.push_back(service_tile(l, rects[static_cast<std::size_t>(i)]));
    }
    Rect rest = language_button(l);
    if (!l.portrait) {
        add(l, TargetKind::survey_open, 0, {rest.x + rest.w - survey_w, rest.y, survey_w, rest.h});
        rest.w -= survey_w + gap;
        // Not while a priority group is chosen: its banner needs the room, and the
        // citizen is taking a ticket, not checking one.
        if (s.priority == Priority::none) {
            const int check_w = l.px(330);
            add(l, TargetKind::check_open, 0, {rest.x + rest.w - check_w, rest.y, check_w, rest.h});
            rest.w -= check_w + gap;
        }
    }
    if (s.priority == Priority::none) {
        add(l, TargetKind::priority_open, 0, rest);
    } else {
        const int w = l.px(l.portrait ? 220 : 300);
        add(l, TargetKind::priority_cancel, 0, {rest.x + rest.w - w, rest.y, w, rest.h});
        l.banner = {rest.x, rest.y, rest.w - w - l.px(24), rest.h};
    }
}

void priority(Layout& l) {
    const auto rects = grid(l.body, 4, l.portrait ? 1 : 2, l.px(24));
    for (int i = 0; i < 4; ++i) add(l, TargetKind::priority_group, i + 1, rects[static_cast<std::size_t>(i)]);
    add(l, TargetKind::back, 0, language_button(l));
}

// The late warning: the explanation above (l.notice), cancel and take-anyway below,
// side by side, take on the right where the eye ends.
void late(Layout& l) {
    const int gap = l.px(32), button_h = l.px(l.portrait ? 200 : 170);
    const Rect buttons{l.body.x, l.body.y + l.body.h - button_h, l.body.w, button_h};
    l.notice = {l.body.x, l.body.y, l.body.w, buttons.y - l.body.y - gap};
    const int w = (buttons.w - gap) / 2;
    add(l, TargetKind::late_cancel, 0, {buttons.x, buttons.y, w, buttons.h});
    add(l, TargetKind::late_take, 0, {buttons.x + w + gap, buttons.y, buttons.w - w - gap, buttons.h});
}

// The operator's keypad: 1-9, erase, 0, OK in a 3x4 block; the entry field and
// cancel above and below it (portrait) or beside it (landscape).
void admin(Layout& l) {
    const int gap = l.px(20);
    const int field_h = l.px(130), cancel_h = l.px(110);
    int key = l.px(l.portrait ? 180 : 150);
    if (!l.portrait) key = std::min(key, (l.body.h - 3 * gap) / 4);
    const int pad_w = 3 * key + 2 * gap, pad_h = 4 * key + 3 * gap;
    Rect pad{}, cancel{};
    if (l.portrait) {
        l.notice = {l.body.x + (l.body.w - pad_w) / 2, l.body.y, pad_w, field_h};
        pad = {l.notice.x, l.notice.y + field_h + l.px(90), pad_w, pad_h};
        cancel = {pad.x, pad.y + pad.h + gap * 2, pad.w, cancel_h};
    } else {
        const int left_w = l.body.w - pad_w - l.px(80);
        l.notice = {l.body.x, l.body.y, left_w, field_h};
        pad = {l.body.x + l.body.w - pad_w, l.body.y, pad_w, pad_h};
        cancel = {l.body.x, l.body.y + pad_h - cancel_h, std::min(left_w, l.px(520)), cancel_h};
    }
    keypad(l, pad, gap);
    add(l, TargetKind::key_cancel, 0, cancel);
}

}  // namespace

Layout compute_layout(const KioskState& s, int width, int height) {
    Layout l;
    l.width = width;
    l.height = height;
    l.portrait = height > width;
    l.unit = std::min(width, height) / 1080.0;
    const int margin = l.px(l.portrait ? 48 : 56);
    const int header_h = l.px(l.portrait ? 230 : 160);
    l.header = {margin, 0, width - 2 * margin, header_h};
    const int title_h = l.px(l.portrait ? 190 : 130);
    l.title = {margin, header_h, width - 2 * margin, title_h};
    const int footer_h = has_language_button(s.screen) ? l.px(l.portrait ? 200 : 140) : 0;
    l.footer = {margin, height - margin - footer_h, width - 2 * margin, footer_h};
    const int body_top = header_h + title_h;
    const int body_bottom = footer_h > 0 ? l.footer.y - l.px(32) : height - margin;
    l.body = {margin, body_top, width - 2 * margin, body_bottom - body_top};

    switch (s.screen) {
        case Screen::home:
            home(l, s);
            break;
        case Screen::priority:
            priority(l);
            break;
        case Screen::admin:
            admin(l);
            break;
        case Screen::late:
            late(l);
            break;
        case Screen::ticket:
        case Screen::refused:
            add(l, TargetKind::dismiss, 0, {0, 0, width, height});
            break;
        case Screen::offline:
            language_button(l);
            break;
        case Screen::issuing:
        case Screen::survey_sending:
            break;
        case Screen::feedback_idle:
            detail::feedback_idle_layout(l);
            break;
        case Screen::rating:
            detail::rating_layout(l);
            break;
        case Screen::thanks:
            detail::thanks_layout(l, s);
            break;
        case Screen::not_saved:
            add(l, TargetKind::dismiss, 0, {0, 0, width, height});
            break;
        case Screen::survey_service:
            detail::survey_service_layout(l, s);
            break;
        case Screen::survey_question:
            detail::survey_question_layout(l);
            break;
        case Screen::survey_profile:
            detail::survey_profile_layout(l, s);
            break;
        case Screen::survey_note:
            detail::survey_note_layout(l);
            break;
        case Screen::check_entry:
            detail::check_entry_layout(l, s);
            break;
        case Screen::check_waiting:
            break;
        case Screen::check_result:
            add(l, TargetKind::dismiss, 0, {0, 0, width, height});
            break;
        case Screen::checkin_entry:
            detail::checkin_entry_layout(l);
            break;
        case Screen::checkin_waiting:
            break;
        case Screen::checkin_refused:
            detail::checkin_refused_layout(l, s);
            break;
    }
    return l;
}

// Later buttons lie on top (the language button over a full-screen dismiss).
Target hit_test(const Layout& l, int x, int y) { return gui::hit_test(l.buttons, x, y); }

}  // namespace antre::kiosk
