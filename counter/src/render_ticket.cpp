// The active ticket, large: number, service, priority, status and its running
// timer; or what the counter is doing without one (idle or on a break).
#include <vector>

#include "antre/gui/shapes.hpp"
#include "antre/gui/theme.hpp"
#include "render_parts.hpp"

namespace antre::counter::render {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

void timer(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now) {
    const Texts& t = texts(s.language);
    const TimerTone tone = active_tone(s, now);
    const Rect box = l.timer;
    gui::fill_rounded(p, box, l.px(14), tone_fill(tone));
    const SDL_Color ink = tone_text(tone);
    const int inner = l.px(20);
    const Rect digits{box.x + inner, box.y, box.w * 55 / 100 - inner, box.h};
    p.text(clock_duration(active_elapsed(s, now)), digits, box.h * 62 / 100, ink, Align::left, true);
    std::vector<std::string> lines;
    const bool serving = s.active->status == "serving";
    lines.push_back(serving ? t.service_time : t.since_call);
    Millis over = 0;
    if (serving) {
        const ServiceView* v = find_service(s, s.active->service);
        const int limit = v ? v->max_service_minutes : 15;
        lines.push_back(std::string(t.standard) + " " + duration_words(s.language, limit * 60));
        over = active_elapsed(s, now) - static_cast<Millis>(limit) * 60'000;
        if (over > 0) lines.push_back(std::string(t.over) + " " + duration_words(s.language, over / 1000));
    }
    const int n = static_cast<int>(lines.size());
    const int line_h = std::min(l.px(34), (box.h - l.px(16)) / n);
    const int cx = box.x + box.w * 55 / 100, cw = box.w * 45 / 100 - inner;
    for (int i = 0; i < n; ++i) {
        const Rect line{cx, box.y + (box.h - n * line_h) / 2 + i * line_h, cw, line_h};
        p.text(lines[i], line, line_h * 7 / 10, ink, Align::right, i == 0 || (i == 2 && over > 0));
    }
}

void active(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now) {
    const Texts& t = texts(s.language);
    const TicketView& a = *s.active;
    const Rect panel = l.ticket_panel;
    const int inner = l.px(22);
    const int x = panel.x + inner, w = panel.w - 2 * inner;
    int y = panel.y + l.px(16);
    p.text(t.active_heading, {x, y, w / 2, l.px(32)}, l.px(22), theme::muted, Align::left, true);
    const bool serving = a.status == "serving";
    const std::string status = status_name(s.language, a.status);
    const int sw = p.text_width(status, l.px(22), true) + l.px(36);
    chip(p, {x + w - sw, y - l.px(2), sw, l.px(38)}, status, serving ? theme::ok : theme::accent, theme::dark_text);
    y += l.px(36);

    const int space = l.timer.y - l.px(12) - y;
    const int label_h = space * 60 / 100;
    p.text(a.label, {x, y, w, label_h}, label_h * 92 / 100, theme::text, Align::left, true);
    y += label_h;

    const int line_h = (space - label_h) / 2;
    p.text(service_name(s, a.service), {x, y, w, line_h},
           std::max(l.px(min_text_px), std::min(l.px(30), line_h * 8 / 10)), theme::text, Align::left, true);
    y += line_h;
    const bool priority = a.priority != "none";
    const std::string pw = priority_name(s.language, a.priority);
    const int chip_h = std::max(l.px(30), std::min(l.px(34), line_h - l.px(4)));  // its words at 6/10: 18 px or more
    const int pw_w = p.text_width(pw, chip_h * 6 / 10, true) + l.px(30);
    chip(p, {x, y + (line_h - chip_h) / 2, pw_w, chip_h}, pw, priority ? theme::accent : theme::panel_light,
         priority ? theme::dark_text : theme::muted);
    std::string extra;
    if (a.recalls > 0) extra += std::string(t.recalled) + " " + std::to_string(a.recalls) + "\u00d7";
    if (!a.origin_service.empty() && a.origin_service != a.service)
        extra += (extra.empty() ? "" : "  \u00b7  ") + std::string(t.transferred_from) + " " +
                 service_name(s, a.origin_service);
    if (!extra.empty())
        p.text(extra, {x + pw_w + l.px(16), y, w - pw_w - l.px(16), line_h},
               std::max(l.px(min_text_px), std::min(l.px(22), line_h * 6 / 10)), theme::muted);
    timer(p, s, l, now);
}

void idle(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now) {
    const Texts& t = texts(s.language);
    const Rect panel = l.ticket_panel;
    const int inner = l.px(28);
    const Rect body{panel.x + inner, panel.y, panel.w - 2 * inner, panel.h};
    if (s.counter_status == "paused") {
        p.text(t.paused_title, {body.x, body.y + body.h * 22 / 100, body.w, l.px(56)}, l.px(44), theme::warning,
               Align::center, true);
        std::string since = pause_reason_name(s.language, s.pause_reason);
        if (s.counter_since > 0)
            since += "  \u00b7  " + duration_words(s.language, (server_now(s, now) - s.counter_since) / 1000);
        p.text(since, {body.x, body.y + body.h * 22 / 100 + l.px(66), body.w, l.px(40)}, l.px(28), theme::text,
               Align::center);
        p.text(idle_hint(s), {body.x, body.y + body.h * 68 / 100, body.w, l.px(36)}, l.px(24), theme::muted,
               Align::center);
        return;
    }
    p.text(t.no_active, {body.x, body.y + body.h * 24 / 100, body.w, l.px(56)}, l.px(42), theme::muted, Align::center,
           true);
    const int n = waiting_here(s);
    const std::string people = n == 0 ? std::string(t.nobody_waiting) : std::to_string(n) + " " + t.waiting;
    p.text(people, {body.x, body.y + body.h * 24 / 100 + l.px(70), body.w, l.px(44)}, l.px(32),
           n == 0 ? theme::muted : theme::text, Align::center, true);
    const std::string hint = idle_hint(s);
    if (!hint.empty())
        p.text(hint, {body.x, body.y + body.h * 70 / 100, body.w, l.px(36)}, l.px(24),
               s.connected ? theme::accent : theme::muted, Align::center);
}

}  // namespace

void draw_ticket_panel(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now) {
    gui::fill_rounded(p, l.ticket_panel, l.px(16), theme::panel);
    if (s.active)
        active(p, s, l, now);
    else
        idle(p, s, l, now);
}

}  // namespace antre::counter::render
