// The home screen (one button per service, the priority choice) and the screen
// that chooses a priority group.
#include <algorithm>

#include "antre/gui/shapes.hpp"
#include "antre/gui/text_wrap.hpp"
#include "antre/kiosk/texts_phone.hpp"
#include "render_parts.hpp"

namespace antre::kiosk::detail {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

// Waiting figures, or why the service cannot be pressed, in `box` (two lines).
void draw_figures(Frame& f, const ServiceView& s, const Rect& box, Align align) {
    const auto a = availability(s);
    if (a != Availability::available) {
        f.painter.text(availability_text(f.language(), a), box, f.px(36), theme::text, align, true);
        return;
    }
    const int half = box.h / 2;
    f.painter.text(people_waiting(f.language(), s.waiting), {box.x, box.y, box.w, half}, f.px(30), soft_white, align);
    f.painter.text(door_line(f.language(), f.state.time_zone, s, f.state.priority), {box.x, box.y + half, box.w, half},
                   f.px(40), theme::text, align, true);
}

// The service's name (bold, in two lines when it is long) over its other-language
// name, at the largest size that fits `box`.
void draw_names(Frame& f, const std::string& title, const std::string& subtitle, const Rect& box, int size) {
    std::vector<std::string> lines;
    int line_h = 0, sub_size = 0, sub_h = 0;
    for (;; size -= f.px(2)) {
        lines = gui::wrap_text(f.painter, title, box.w, size, true);
        line_h = size * 6 / 5;
        sub_size = std::max(f.px(22), size * 3 / 5);
        sub_h = sub_size * 7 / 5;
        const bool fits = lines.size() <= 2 && static_cast<int>(lines.size()) * line_h + sub_h <= box.h;
        if (fits || size <= f.px(26)) break;
    }
    if (lines.size() > 2) lines = {title};  // Painter::text shrinks it to one line
    int y = box.y + (box.h - static_cast<int>(lines.size()) * line_h - sub_h) / 2;
    for (const auto& line : lines) {
        f.painter.text(line, {box.x, y, box.w, line_h}, size, theme::text, Align::left, true);
        y += line_h;
    }
    f.painter.text(subtitle, {box.x, y, box.w, sub_h}, sub_size, soft_white);
}

void draw_service(Frame& f, const ServiceView& s, std::size_t index, const Rect& r, const ServiceTile& tile) {
    const bool on = availability(s) == Availability::available;
    const SDL_Color fill = on ? theme::service_colour(index) : theme::disabled;
    gui::fill_rounded(f.painter, r, f.px(24), fill);
    const Rect& b = tile.badge;
    gui::fill_rounded(f.painter, b, f.px(20), on ? theme::text : theme::muted);
    f.painter.text(s.prefix, b, b.h * 6 / 10, fill, Align::center, true);
    draw_names(f, service_title(f.language(), s), service_subtitle(f.language(), s), tile.names,
               f.px(tile.wide ? 54 : 50));
    draw_figures(f, s, tile.figures, tile.wide ? Align::right : Align::left);
}

void draw_footer_home(Frame& f) {
    const auto& t = f.texts;
    if (const auto* b = f.layout.find(TargetKind::priority_open)) {
        const Rect r = b->rect;
        gui::fill_rounded(f.painter, r, f.px(24), theme::accent);
        const Rect inner = r.inset(f.px(20));
        // The groups in one line, or two on a narrow (portrait) button.
        const int groups_size = f.px(28);
        const int groups_h = f.painter.text_width(t.priority_groups, groups_size) > inner.w ? groups_size * 26 / 10
                                                                                            : groups_size * 13 / 10;
        const int title_h = f.px(62);
        const int top = inner.y + (inner.h - title_h - groups_h - f.px(8)) / 2;
        f.painter.text(t.priority_button, {inner.x, top, inner.w, title_h}, f.px(46), theme::dark_text, Align::center,
                       true);
        draw_paragraph(f, t.priority_groups, {inner.x, top + title_h + f.px(8), inner.w, groups_h}, groups_size,
                       dark_muted, Align::center);
    }
    if (const auto* c = f.layout.find(TargetKind::priority_cancel)) {
        const auto& r = f.layout.banner;
        gui::fill_rounded(f.painter, r, f.px(24), theme::accent);
        const Rect inner = r.inset(f.px(20));
        // "Nomor prioritas: Penyandang disabilitas" is too wide for a portrait banner:
        // then the group's name alone, at full size.
        const std::string group = priority_name(f.language(), f.state.priority);
        std::string chosen = std::string(t.priority_chosen) + ": " + group;
        if (f.painter.text_width(chosen, f.px(44), true) > inner.w) chosen = group;
        f.painter.text(chosen, {inner.x, inner.y, inner.w, inner.h * 11 / 20}, f.px(44), theme::dark_text,
                       Align::center, true);
        f.painter.text(t.choose_service, {inner.x, inner.y + inner.h * 11 / 20, inner.w, inner.h * 9 / 20}, f.px(30),
                       dark_muted, Align::center);
        draw_label_button(f, c->rect, button_dark, theme::text, t.cancel, f.px(40));
    }
    if (const auto* b = f.layout.find(TargetKind::survey_open))
        draw_label_button(f, b->rect, theme::panel, theme::muted,
                          f.layout.portrait ? f.feedback.survey_invite : f.feedback.survey_button, f.px(34));
    if (const auto* b = f.layout.find(TargetKind::check_open))
        draw_label_button(f, b->rect, theme::panel, theme::text, phone_texts(f.language()).check_button, f.px(34));
    if (const auto* b = f.layout.find(TargetKind::checkin_open)) draw_checkin_button(f, b->rect);
    draw_language_button(f);
}

}  // namespace

void draw_home(Frame& f) {
    const auto& notice = f.layout.notice;
    const auto& title = f.layout.title;
    // Beside the heading (landscape), the heading keeps clear of the notice and the check-in button.
    int right = title.x + title.w;
    if (notice.h > 0 && notice.y < title.y + title.h) right = std::min(right, notice.x);
    if (const auto* b = f.layout.find(TargetKind::checkin_open); b && b->rect.y < title.y + title.h)
        right = std::min(right, b->rect.x);
    draw_title(f, f.texts.choose_service, f.texts.choose_service_hint,
               right < title.x + title.w ? title.x + title.w - right + f.px(24) : 0);
    std::size_t tile = 0;
    for (const auto& b : f.layout.buttons)
        if (b.target.kind == TargetKind::service) {
            const auto i = static_cast<std::size_t>(b.target.index);
            draw_service(f, f.state.services[i], i, b.rect, f.layout.tiles[tile++]);
        }
    if (notice.h > 0) {
        gui::fill_rounded(f.painter, notice, f.px(18), theme::warning);
        draw_fitted_paragraph(f, f.texts.printer_notice, notice.inset(f.px(14)), f.px(32), theme::dark_text, true);
    }
    draw_footer_home(f);
}

void draw_priority(Frame& f) {
    draw_title(f, f.texts.priority_title, f.texts.priority_subtitle);
    const Language other = gui::other_language(f.language());
    for (const auto& b : f.layout.buttons) {
        if (b.target.kind != TargetKind::priority_group) continue;
        const auto p = static_cast<Priority>(b.target.index);
        gui::fill_rounded(f.painter, b.rect, f.px(24), theme::accent);
        const Rect inner = b.rect.inset(f.px(24));
        f.painter.text(priority_name(f.language(), p), {inner.x, inner.y + inner.h / 2 - f.px(70), inner.w, f.px(80)},
                       f.px(62), theme::dark_text, Align::center, true);
        f.painter.text(priority_name(other, p), {inner.x, inner.y + inner.h / 2 + f.px(16), inner.w, f.px(50)},
                       f.px(34), dark_muted, Align::center);
    }
    if (const auto* b = f.layout.find(TargetKind::back))
        draw_label_button(f, b->rect, button_dark, theme::text, f.texts.back, f.px(46));
    draw_language_button(f);
}

void draw_late(Frame& f) {
    const auto& s = f.state;
    const int at = find_service(s, s.issuing_service);
    const ServiceView* service = at < 0 ? nullptr : &s.services[static_cast<std::size_t>(at)];
    draw_title(f, f.texts.late_title, service ? service_title(f.language(), *service) : "");
    const Rect& panel = f.layout.notice;
    gui::fill_rounded(f.painter, panel, f.px(24), theme::warning);
    std::string body = f.texts.late_body;
    if (service) body += " (" + people_waiting(f.language(), service->waiting) + ")";
    draw_fitted_paragraph(f, body, panel.inset(f.px(40)), f.px(52), theme::dark_text, true);
    if (const auto* b = f.layout.find(TargetKind::late_cancel))
        draw_label_button(f, b->rect, button_dark, theme::text, f.texts.cancel, f.px(50));
    if (const auto* b = f.layout.find(TargetKind::late_take))
        draw_label_button(f, b->rect, theme::accent, theme::dark_text, f.texts.late_take, f.px(50));
}

}  // namespace antre::kiosk::detail
