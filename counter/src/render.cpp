#include "antre/counter/render.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "antre/calendar.hpp"
#include "antre/gui/dates.hpp"
#include "antre/gui/shapes.hpp"
#include "antre/gui/text_wrap.hpp"
#include "antre/gui/theme.hpp"
#include "render_parts.hpp"

namespace antre::counter {

namespace render {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

// Opening a zone reads the tz database: once per zone, not once per frame.
const OfficeCalendar* calendar_for(const std::string& zone) {
    static std::map<std::string, std::unique_ptr<OfficeCalendar>> cache;
    auto it = cache.find(zone);
    if (it != cache.end()) return it->second.get();
    std::unique_ptr<OfficeCalendar> c;
    try {
        c = std::make_unique<OfficeCalendar>(zone);
    } catch (const std::exception&) {
        // an unknown zone shows no clock rather than a wrong one
    }
    return cache.emplace(zone, std::move(c)).first->second.get();
}

std::string date_and_time(const ScreenState& s, Millis now) {
    const OfficeCalendar* cal = calendar_for(s.time_zone);
    if (!cal) return {};
    const LocalTime t = cal->local(server_now(s, now));
    return gui::long_date(t, gui::language_code(s.language)) + "  \u00b7  " + gui::clock_text(t, s.time_zone);
}

}  // namespace

SDL_Color tone_fill(TimerTone tone) {
    switch (tone) {
        case TimerTone::neutral:
            return theme::panel_light;
        case TimerTone::ok:
            return theme::ok;
        case TimerTone::warning:
            return theme::warning;
        case TimerTone::danger:
            return theme::danger;
    }
    return theme::panel_light;
}

SDL_Color tone_text(TimerTone tone) {
    return tone == TimerTone::ok || tone == TimerTone::warning ? theme::dark_text : theme::text;
}

void chip(gui::Painter& p, const Rect& r, const std::string& text, SDL_Color fill, SDL_Color ink) {
    gui::fill_rounded(p, r, r.h / 2, fill);
    p.text(text, r.inset(r.h / 4), r.h * 6 / 10, ink, Align::center, true);
}

void button(gui::Painter& p, const Rect& r, const std::string& label, const std::string& key, bool enabled,
            bool primary, double unit) {
    const int radius = static_cast<int>(10 * unit);
    SDL_Color fill = enabled ? (primary ? theme::accent : theme::panel_light) : theme::panel;
    SDL_Color ink = enabled ? (primary ? theme::dark_text : theme::text) : theme::disabled_text;
    gui::fill_rounded(p, r, radius, fill);
    if (!enabled) gui::fill_rounded(p, r.inset(2), radius, theme::background);
    int x = r.x + static_cast<int>(12 * unit);
    if (!key.empty()) {
        const int kh = static_cast<int>(30 * unit);
        const int key_size = static_cast<int>(min_text_px * unit + 0.5);
        const int kw = std::max(static_cast<int>(40 * unit), p.text_width(key, key_size, true) + 10);
        const Rect k{x, r.y + (r.h - kh) / 2, kw, kh};
        const SDL_Color key_fill = enabled ? (primary ? theme::dark_text : theme::background) : theme::panel;
        gui::fill_rounded(p, k, static_cast<int>(6 * unit), key_fill);
        p.text(key, k.inset(3), key_size, enabled ? theme::accent : theme::disabled_text, Align::center, true);
        x = k.x + k.w + static_cast<int>(8 * unit);
    }
    const Rect words{x, r.y, r.x + r.w - x - static_cast<int>(10 * unit), r.h};
    const int size = static_cast<int>(24 * unit);
    // A label too wide for one line takes two, rather than shrinking out of sight.
    const int two_size = static_cast<int>(21 * unit);
    const auto lines = p.text_width(label, size, true) > words.w ? gui::wrap_text(p, label, words.w, two_size, true)
                                                                 : std::vector<std::string>{label};
    if (lines.size() == 2) {
        const int line_h = two_size * 13 / 10;
        const int top = r.y + (r.h - 2 * line_h) / 2;
        for (int i = 0; i < 2; ++i)
            p.text(lines[i], {words.x, top + i * line_h, words.w, line_h}, two_size, ink, Align::center, true);
        return;
    }
    p.text(label, words, size, ink, Align::center, true);
}

void top_bar(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now) {
    const Rect bar = l.top_bar;
    p.fill(bar, theme::panel);
    p.fill({bar.x, bar.y + bar.h - 2, bar.w, 2}, theme::panel_light);
    const int pad = l.px(18);
    const auto* lang = l.find(TargetKind::language);
    const int right_edge = lang ? lang->rect.x - pad : bar.w - pad;
    const std::string when = date_and_time(s, now);
    const int when_w = std::min(p.text_width(when, l.px(20)), bar.w / 3);
    p.text(when, {right_edge - when_w, bar.y, when_w, bar.h}, l.px(20), theme::muted, Align::right);
    if (lang) {
        gui::fill_rounded(p, lang->rect, l.px(8), theme::panel_light);
        p.text(std::string(texts(s.language).other_language) + "  F9", lang->rect.inset(l.px(6)), l.px(18), theme::text,
               Align::center);
    }
    const int left_w = right_edge - when_w - 2 * pad;
    if (s.phase != Phase::working) {
        p.text(texts(s.language).app_title, {pad, bar.y, left_w, bar.h}, l.px(26), theme::text, Align::left, true);
        return;
    }
    const std::string counter = s.counter_name.empty() ? "Loket " + std::to_string(s.counter) : s.counter_name;
    const int cw = std::min(p.text_width(counter, l.px(30), true), left_w / 3);
    p.text(counter, {pad, bar.y, cw, bar.h}, l.px(30), theme::accent, Align::left, true);
    int x = pad + cw + l.px(16);
    const bool paused = s.counter_status == "paused";
    const std::string state_word = paused ? texts(s.language).paused : texts(s.language).open;
    const int sw = p.text_width(state_word, l.px(18), true) + l.px(28);
    chip(p, {x, bar.y + (bar.h - l.px(30)) / 2, sw, l.px(30)}, state_word, paused ? theme::warning : theme::ok,
         theme::dark_text);
    x += sw + l.px(16);
    // Name and NIP; the name alone where both do not fit at a readable size.
    const Rect who{x, bar.y, right_edge - when_w - pad - x, bar.h};
    const std::string full = s.officer_name + "  \u00b7  NIP " + s.officer_nip;
    p.text(p.text_width(full, l.px(20)) <= who.w ? full : s.officer_name, who, l.px(20), theme::text);
}

}  // namespace render

void draw(const ScreenState& s, gui::Painter& painter, int width, int height, Millis now) {
    const Layout l = compute_layout(s, width, height);
    painter.clear(gui::theme::background);
    if (s.phase == Phase::working) {
        render::draw_main(painter, s, l, now);
        if (s.dialog.kind != Dialog::none) render::draw_dialog(painter, s, l, now);
    } else {
        render::draw_login(painter, s, l, now);
    }
}

}  // namespace antre::counter
