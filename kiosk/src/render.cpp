#include "antre/kiosk/render.hpp"

#include <algorithm>

#include "antre/calendar.hpp"
#include "antre/gui/dates.hpp"
#include "antre/gui/shapes.hpp"
#include "antre/gui/text_wrap.hpp"
#include "render_parts.hpp"

namespace antre::kiosk {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace detail {

namespace {

LocalTime local_time(const KioskState& s, Millis t) {
    try {
        return OfficeCalendar(s.time_zone).local(t);
    } catch (const std::exception&) {
        return OfficeCalendar("Asia/Jayapura").local(t);  // an unknown zone in the config: the office's own
    }
}

}  // namespace

void draw_header(Frame& f) {
    const auto& h = f.layout.header;
    const auto local = local_time(f.state, f.shown_time);
    const std::string lang = f.texts.language_code;
    const int clock_w = f.px(f.layout.portrait ? 300 : 360);
    const Rect left{h.x, h.y, h.w - clock_w - f.px(24), h.h};
    const std::string office = f.state.office_name.empty() ? "Antre" : f.state.office_name;
    // The office's name in at most two lines, smaller if need be, three as a last resort.
    int name_size = f.px(f.layout.portrait ? 40 : 38);
    auto lines = gui::wrap_text(f.painter, office, left.w, name_size, true);
    while (lines.size() > 2 && name_size > f.px(28))
        lines = gui::wrap_text(f.painter, office, left.w, --name_size, true);
    const int line_h = name_size * 13 / 10;
    const int date_h = f.px(44);
    const int block = static_cast<int>(std::min<std::size_t>(lines.size(), 3)) * line_h + date_h;
    int y = h.y + (h.h - block) / 2;
    for (std::size_t i = 0; i < lines.size() && i < 3; ++i, y += line_h)
        f.painter.text(lines[i], {left.x, y, left.w, line_h}, name_size, theme::text, Align::left, true);
    f.painter.text(gui::long_date(local, lang), {left.x, y, left.w, date_h}, f.px(32), theme::muted);
    f.painter.text(gui::clock_text(local, f.state.time_zone), {h.x + h.w - clock_w, h.y, clock_w, h.h},
                   f.px(f.layout.portrait ? 64 : 72), theme::text, Align::right, true);
    f.painter.fill({h.x, h.y + h.h - f.px(6), h.w, f.px(6)}, theme::accent);
}

void draw_label_button(Frame& f, const Rect& r, SDL_Color fill, SDL_Color text, const std::string& label, int size) {
    gui::fill_rounded(f.painter, r, f.px(24), fill);
    f.painter.text(label, r.inset(f.px(16)), size, text, Align::center, true);
}

void draw_language_button(Frame& f) {
    if (const auto* b = f.layout.find(TargetKind::language))
        draw_label_button(f, b->rect, button_dark, theme::text, f.texts.other_language, f.px(38));
}

int draw_paragraph(Frame& f, const std::string& text, const Rect& box, int size, SDL_Color colour, Align align,
                   bool bold) {
    const int line_h = size * 13 / 10;
    int y = box.y;
    for (const auto& line : gui::wrap_text(f.painter, text, box.w, size, bold)) {
        f.painter.text(line, {box.x, y, box.w, line_h}, size, colour, align, bold);
        y += line_h;
    }
    return y - box.y;
}

void draw_fitted_paragraph(Frame& f, const std::string& text, const Rect& box, int size, SDL_Color colour, bool bold) {
    int used = 0;
    for (;; size -= f.px(2)) {
        used = static_cast<int>(gui::wrap_text(f.painter, text, box.w, size, bold).size()) * (size * 13 / 10);
        if (used <= box.h || size - f.px(2) < f.px(min_text_px)) break;
    }
    draw_paragraph(f, text, {box.x, box.y + std::max(0, (box.h - used) / 2), box.w, box.h}, size, colour, Align::center,
                   bold);
}

void draw_title(Frame& f, const std::string& title, const std::string& hint, int reserve) {
    const auto& t = f.layout.title;
    const int w = t.w - reserve;
    f.painter.text(title, {t.x, t.y + t.h / 2 - f.px(64), w, f.px(72)}, f.px(58), theme::text, Align::left, true);
    f.painter.text(hint, {t.x, t.y + t.h / 2 + f.px(12), w, f.px(44)}, f.px(32), theme::muted);
}

}  // namespace detail

void draw(const KioskState& state, gui::Painter& painter, int width, int height, Millis now) {
    const Layout layout = compute_layout(state, width, height);
    detail::Frame f{
        state, layout, painter, texts(state.language), feedback_texts(state.language), now + state.clock_offset};
    painter.clear(theme::background);
    detail::draw_header(f);
    switch (state.screen) {
        case Screen::home:
            detail::draw_home(f);
            break;
        case Screen::priority:
            detail::draw_priority(f);
            break;
        case Screen::late:
            detail::draw_late(f);
            break;
        case Screen::issuing:
            detail::draw_issuing(f);
            break;
        case Screen::ticket:
            detail::draw_ticket(f);
            break;
        case Screen::refused:
            detail::draw_refused(f);
            break;
        case Screen::offline:
            detail::draw_offline(f);
            break;
        case Screen::admin:
            detail::draw_admin(f);
            break;
        case Screen::feedback_idle:
            detail::draw_feedback_idle(f);
            break;
        case Screen::rating:
            detail::draw_rating(f);
            break;
        case Screen::thanks:
            detail::draw_thanks(f);
            break;
        case Screen::not_saved:
            detail::draw_not_saved(f);
            break;
        case Screen::survey_service:
            detail::draw_survey_service(f);
            break;
        case Screen::survey_question:
            detail::draw_survey_question(f);
            break;
        case Screen::survey_profile:
            detail::draw_survey_profile(f);
            break;
        case Screen::survey_note:
            detail::draw_survey_note(f);
            break;
        case Screen::survey_sending:
            detail::draw_survey_sending(f);
            break;
        case Screen::check_entry:
            detail::draw_check_entry(f);
            break;
        case Screen::check_waiting:
            detail::draw_check_waiting(f);
            break;
        case Screen::check_result:
            detail::draw_check_result(f);
            break;
        case Screen::checkin_entry:
            detail::draw_checkin_entry(f);
            break;
        case Screen::checkin_waiting:
            detail::draw_checkin_waiting(f);
            break;
        case Screen::checkin_refused:
            detail::draw_checkin_refused(f);
            break;
    }
}

}  // namespace antre::kiosk
