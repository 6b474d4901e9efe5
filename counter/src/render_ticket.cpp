// The active ticket, large: number, service, priority, status and its running
// timer, and for a booked ticket its "Daring" mark and the citizen's NIK and name;
// or what the counter is doing without one (idle or on a break).
#include <vector>

#include "antre/counter/render.hpp"
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

// `text` cut with an ellipsis to `width` at `size`: a long name never shrinks below the
// counter's smallest text, and what follows it stays in view.
std::string fit(gui::Painter& p, std::string text, int width, int size, bool bold = false) {
    if (p.text_width(text, size, bold) <= width) return text;
    while (!text.empty()) {
        text.pop_back();
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
        if (text.empty()) break;
        const std::string cut = text.back() == ' ' ? text.substr(0, text.size() - 1) : text;
        if (p.text_width(cut + "\u2026", size, bold) <= width) return cut + "\u2026";
    }
    return {};
}

// The citizen of a booked ticket as the booking has them (op ticket_booking): the NIK in
// full and large, to check the KTP-el against; the name and the booked session below.
void booking_box(gui::Painter& p, const ScreenState& s, const Layout& l, const Rect& box) {
    const Texts& t = texts(s.language);
    gui::fill_rounded(p, box, l.px(10), theme::panel_light);
    const Rect in{box.x + l.px(14), box.y + l.px(3), box.w - l.px(28), box.h - l.px(6)};
    const int top_h = in.h * 56 / 100;
    const Rect top{in.x, in.y, in.w, top_h}, bottom{in.x, in.y + top_h, in.w, in.h - top_h};
    const int big = std::max(l.px(min_text_px), std::min(l.px(30), top_h * 85 / 100));
    const int small = std::max(l.px(min_text_px), std::min(l.px(22), bottom.h * 85 / 100));
    const BookingView* b = s.booking && s.booking->ticket == s.active->id ? &*s.booking : nullptr;
    if (!b || b->status == BookingView::Status::loading) {
        p.text(t.booking_loading, top, small, theme::muted);
        return;
    }
    if (b->status == BookingView::Status::failed) {
        p.text(fit(p, t.booking_failed, top.w, small, true), top, small, theme::danger_text, Align::left, true);
        if (!b->error.empty()) p.text(fit(p, b->error, bottom.w, small), bottom, small, theme::muted);
        return;
    }
    const int caption_w = p.text_width("NIK", small) + l.px(12);
    p.text("NIK", {top.x, top.y, caption_w, top.h}, small, theme::muted);
    const Rect digits{top.x + caption_w, top.y, top.w - caption_w, top.h};
    if (b->nik.empty())
        p.text(t.booking_erased, digits, small, theme::muted);
    else
        p.text(b->nik, digits, big, theme::text, Align::left, true);
    // The session always shows; a long name is cut to leave it room.
    const std::string session =
        b->session.empty() ? std::string() : "  \u00b7  " + std::string(t.booking_session) + " " + b->session;
    const int session_w = session.empty() ? 0 : p.text_width(session, small);
    const std::string name = fit(p, b->name, bottom.w - session_w, small, true);
    const int name_w = name.empty() ? 0 : p.text_width(name, small, true);
    if (!name.empty()) p.text(name, {bottom.x, bottom.y, name_w, bottom.h}, small, theme::text, Align::left, true);
    if (!session.empty())
        p.text(session, {bottom.x + name_w, bottom.y, bottom.w - name_w, bottom.h}, small, theme::muted);
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

    // A booked ticket gives room to its booking's box: the number smaller, the service
    // and priority on one line.
    const bool booked = a.booking.has_value();
    const int space = l.timer.y - l.px(12) - y;
    const int label_h = space * (booked ? 44 : 60) / 100;
    const int label_size = label_h * 92 / 100;
    p.text(a.label, {x, y, w, label_h}, label_size, theme::text, Align::left, true);
    if (booked) {
        const int mark_h = std::max(l.px(38), label_h * 42 / 100);
        const int mark_w = p.text_width(t.booked, mark_h * 6 / 10, true) + l.px(36);
        chip(p, {x + p.text_width(a.label, label_size, true) + l.px(24), y + (label_h - mark_h) / 2, mark_w, mark_h},
             t.booked, booked_mark, theme::dark_text);
    }
    y += label_h;

    const int line_h = booked ? space * 20 / 100 : (space - label_h) / 2;
    const std::string service = service_name(s, a.service);
    const int service_size = std::max(l.px(min_text_px), std::min(l.px(30), line_h * 8 / 10));
    const int service_w = booked ? std::min(p.text_width(service, service_size, true), w * 55 / 100) : w;
    p.text(service, {x, y, service_w, line_h}, service_size, theme::text, Align::left, true);
    if (!booked) y += line_h;
    const int px0 = booked ? x + service_w + l.px(18) : x;
    const bool priority = a.priority != "none";
    const std::string pw = priority_name(s.language, a.priority);
    const int chip_h = std::max(l.px(30), std::min(l.px(34), line_h - l.px(4)));  // its words at 6/10: 18 px or more
    const int pw_w = p.text_width(pw, chip_h * 6 / 10, true) + l.px(30);
    chip(p, {px0, y + (line_h - chip_h) / 2, pw_w, chip_h}, pw, priority ? theme::accent : theme::panel_light,
         priority ? theme::dark_text : theme::muted);
    std::string extra;
    if (a.recalls > 0) extra += std::string(t.recalled) + " " + std::to_string(a.recalls) + "\u00d7";
    if (!a.origin_service.empty() && a.origin_service != a.service)
        extra += (extra.empty() ? "" : "  \u00b7  ") + std::string(t.transferred_from) + " " +
                 service_name(s, a.origin_service);
    const int ex = px0 + pw_w + l.px(16);
    const int extra_size = std::max(l.px(min_text_px), std::min(l.px(22), line_h * 6 / 10));
    if (!extra.empty() && ex < x + w)
        p.text(fit(p, extra, x + w - ex, extra_size), {ex, y, x + w - ex, line_h}, extra_size, theme::muted);
    y += line_h;
    if (booked) booking_box(p, s, l, {x, y + l.px(4), w, l.timer.y - l.px(12) - y - l.px(4)});
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
