// The officer's main screen: top bar, connection banner, the active ticket, the
// counter's queues, the officer's own figures, the message line and the actions.
#include "antre/gui/shapes.hpp"
#include "antre/gui/theme.hpp"
#include "render_parts.hpp"

namespace antre::counter::render {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

void banner(gui::Painter& p, const ScreenState& s, const Layout& l) {
    if (l.banner.w <= 0) return;
    const Texts& t = texts(s.language);
    gui::fill_rounded(p, l.banner, l.px(10), theme::danger);
    const Rect inside = l.banner.inset(l.px(14));
    const std::string head = std::string("\u26a0 ") + t.link_lost;
    const int hw = std::min(p.text_width(head, l.px(26), true), inside.w / 2);
    p.text(head, {inside.x, inside.y, hw, inside.h}, l.px(26), theme::text, Align::left, true);
    const Rect rest_box{inside.x + hw + l.px(18), inside.y, inside.w - hw - l.px(18), inside.h};
    std::string rest = t.reconnecting;
    // The technical reason only where it fits at a readable size.
    if (!s.link_problem.empty() && p.text_width(rest + " (" + s.link_problem + ")", l.px(19)) <= rest_box.w)
        rest += " (" + s.link_problem + ")";
    p.text(rest, rest_box, l.px(19), theme::text);
}

std::size_t service_index(const ScreenState& s, const std::string& code) {
    for (std::size_t i = 0; i < s.services.size(); ++i)
        if (s.services[i].code == code) return i;
    return 0;
}

void queue_panel(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now) {
    const Texts& t = texts(s.language);
    const Rect panel = l.queue_panel;
    gui::fill_rounded(p, panel, l.px(16), theme::panel);
    const int inner = l.px(18);
    const int x = panel.x + inner, w = panel.w - 2 * inner;
    const int head_h = l.px(40);
    p.text(t.queue_heading, {x, panel.y + l.px(8), w * 65 / 100, head_h}, l.px(21), theme::muted, Align::left, true);
    const int total = waiting_here(s);
    p.text(std::to_string(total) + " " + t.waiting, {x + w * 65 / 100, panel.y + l.px(8), w * 35 / 100, head_h},
           l.px(21), total ? theme::text : theme::muted, Align::right, true);

    std::vector<const ServiceView*> rows;
    for (const auto& code : s.my_services)
        if (const ServiceView* v = find_service(s, code)) rows.push_back(v);
    if (rows.empty()) return;
    const int top = panel.y + l.px(8) + head_h + l.px(4);
    const int row_h = std::min(l.px(66), (panel.y + panel.h - inner / 2 - top) / static_cast<int>(rows.size()));
    const Millis server = server_now(s, now);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ServiceView& v = *rows[i];
        const Rect row{x, top + static_cast<int>(i) * row_h, w, row_h - l.px(6)};
        gui::fill_rounded(p, row, l.px(10), theme::panel_light);
        const int badge = row.h - l.px(12);
        const Rect b{row.x + l.px(6), row.y + l.px(6), badge, badge};
        gui::fill_rounded(p, b, l.px(8), theme::service_colour(service_index(s, v.code)));
        p.text(v.prefix, b, badge * 6 / 10, theme::text, Align::center, true);

        const int count_w = l.px(84);
        const int tx = b.x + b.w + l.px(12), tw = row.x + row.w - count_w - tx;
        p.text(service_name(s, v.code), {tx, row.y + l.px(2), tw, row.h / 2},
               std::max(l.px(min_text_px), std::min(l.px(21), row.h * 4 / 10)), theme::text, Align::left, true);
        const Rect detail{tx, row.y + row.h / 2, tw, row.h / 2 - l.px(2)};
        const int detail_size = l.px(min_text_px);
        if (v.waiting == 0) {
            p.text(t.nobody_waiting, detail, detail_size, theme::muted);
        } else {
            // The longest wait first: it is what the officer acts on; then the priority tickets.
            int dx = detail.x;
            if (v.oldest_issued_at) {
                const Millis waited = std::max<Millis>(0, server - *v.oldest_issued_at);
                const TimerTone tone = tone_against(waited, v.max_wait_minutes);
                const SDL_Color ink = tone == TimerTone::ok       ? theme::text
                                      : tone == TimerTone::danger ? theme::danger_text
                                                                  : tone_fill(tone);
                const std::string oldest = std::string(t.oldest) + " " + waited_words(s.language, waited);
                const bool bold = tone != TimerTone::ok;
                const int ow = std::min(p.text_width(oldest, detail_size, bold), detail.w * 7 / 10);
                p.text(oldest, {dx, detail.y, ow, detail.h}, detail_size, ink, Align::left, bold);
                dx += ow;
            }
            if (v.priority_waiting > 0)
                p.text("  \u00b7  " + std::to_string(v.priority_waiting) + " " + t.priority_short,
                       {dx, detail.y, detail.x + detail.w - dx, detail.h}, detail_size, theme::accent);
        }
        const Rect count{row.x + row.w - count_w, row.y, count_w - l.px(14), row.h};
        p.text(std::to_string(v.waiting), count, std::min(l.px(36), row.h * 7 / 10),
               v.waiting ? theme::text : theme::muted, Align::right, true);
    }
}

void tally_panel(gui::Painter& p, const ScreenState& s, const Layout& l) {
    const Texts& t = texts(s.language);
    const Rect panel = l.tally_panel;
    gui::fill_rounded(p, panel, l.px(16), theme::panel);
    const int inner = l.px(18);
    const int x = panel.x + inner, w = panel.w - 2 * inner;
    const int head_h = l.px(40);
    p.text(t.tally_heading, {x, panel.y + l.px(8), w * 65 / 100, head_h}, l.px(21), theme::muted, Align::left, true);
    const MyDay& d = s.my_day;
    const std::string dash = "\u2013";
    if (d.known)
        p.text(std::string(t.transfers) + " " + std::to_string(d.transfers),
               {x + w * 65 / 100, panel.y + l.px(8), w * 35 / 100, head_h}, l.px(19), theme::muted, Align::right);
    const std::string values[4] = {
        d.known ? std::to_string(d.served) : dash,
        d.known ? std::to_string(d.no_shows) : dash,
        d.median_service_s ? duration_words(s.language, *d.median_service_s) : dash,
        percent(d.within_standard),
    };
    const char* captions[4] = {t.served, t.no_shows, t.median_service, t.within_standard};
    const int top = panel.y + l.px(8) + head_h;
    const int cell_w = (w - l.px(10)) / 2;
    const int cell_h = (panel.y + panel.h - inner / 2 - top - l.px(8)) / 2;
    for (int i = 0; i < 4; ++i) {
        const Rect cell{x + (i % 2) * (cell_w + l.px(10)), top + (i / 2) * (cell_h + l.px(8)), cell_w, cell_h};
        gui::fill_rounded(p, cell, l.px(10), theme::panel_light);
        // The caption keeps the counter's smallest text; the figure takes the rest.
        const int value_h = cell.h - l.px(26);
        p.text(values[i], {cell.x + l.px(12), cell.y + l.px(2), cell.w - l.px(24), value_h},
               std::max(l.px(min_text_px), std::min(l.px(36), value_h * 85 / 100)), theme::text, Align::left, true);
        p.text(captions[i], {cell.x + l.px(12), cell.y + value_h, cell.w - l.px(24), cell.h - value_h - l.px(4)},
               l.px(min_text_px), theme::muted);
    }
}

void message_line(gui::Painter& p, const ScreenState& s, const Layout& l) {
    const Texts& t = texts(s.language);
    const Rect box = l.message;
    const Rect inside{box.x + l.px(14), box.y, box.w - l.px(28), box.h};
    if (s.pending) {
        std::string text = std::string(t.sending) + ": " + action_label(s, s.pending->action) + "\u2026";
        if (s.pending->attempt > 1)
            text += "  (" + std::string(t.resending) + " " + std::to_string(s.pending->attempt) + ")";
        gui::fill_rounded(p, box, l.px(8), theme::panel);
        p.text(text, inside, l.px(21), theme::accent, Align::left, true);
        return;
    }
    if (!s.message) return;
    const Message& m = *s.message;
    if (m.tone == Tone::refusal) {
        gui::fill_rounded(p, box, l.px(8), theme::danger);
        p.text(m.text, inside, l.px(21), theme::text, Align::left, true);
    } else if (m.tone == Tone::ok) {
        gui::fill_rounded(p, box, l.px(8), theme::panel);
        p.text("\u2713 " + m.text, inside, l.px(22), theme::ok, Align::left, true);
    } else {
        gui::fill_rounded(p, box, l.px(8), theme::panel);
        p.text(m.text, inside, l.px(21), theme::muted);
    }
}

void actions(gui::Painter& p, const ScreenState& s, const Layout& l) {
    for (const auto& b : l.buttons) {
        if (b.target.kind != TargetKind::action) continue;
        const auto a = static_cast<Action>(b.target.index);
        const bool pending = s.pending && s.pending->action == a;
        // The way forward is yellow: calling, or ending a break.
        const bool primary = a == Action::call_next || (a == Action::pause_resume && s.counter_status == "paused");
        button(p, b.rect, action_label(s, a), shortcut_name(a), enabled(s, a), primary, l.unit);
        if (pending) p.outline(b.rect, theme::accent, l.px(3));
    }
}

}  // namespace

void draw_main(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now) {
    top_bar(p, s, l, now);
    banner(p, s, l);
    draw_ticket_panel(p, s, l, now);
    queue_panel(p, s, l, now);
    tally_panel(p, s, l);
    message_line(p, s, l);
    actions(p, s, l);
}

}  // namespace antre::counter::render
