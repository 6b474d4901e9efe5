// The screens that tell the citizen something: their ticket, a refusal, the
// wait for the server's answer, and the calm notice while the server is away.
#include <algorithm>

#include "antre/calendar.hpp"
#include "antre/gui/dates.hpp"
#include "antre/gui/shapes.hpp"
#include "antre/gui/text_wrap.hpp"
#include "antre/kiosk/texts_checkin.hpp"
#include "render_parts.hpp"

namespace antre::kiosk::detail {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

std::string issued_text(const KioskState& s, const Texts& t, Millis at) {
    LocalTime local;
    try {
        local = OfficeCalendar(s.time_zone).local(at);
    } catch (const std::exception&) {
        local = OfficeCalendar("Asia/Jayapura").local(at);
    }
    return gui::long_date(local, t.language_code) + "  \u00b7  " + gui::clock_text(local, s.time_zone);
}

// "Di depan Anda" over "3 orang": a label and its value, centred in `box`.
void draw_figure(Frame& f, const std::string& label, const std::string& value, const Rect& box) {
    f.painter.text(label, {box.x, box.y, box.w, box.h * 2 / 5}, f.px(32), paper_muted, Align::center);
    f.painter.text(value, {box.x, box.y + box.h * 2 / 5, box.w, box.h * 3 / 5}, f.px(58), theme::dark_text,
                   Align::center, true);
}

void draw_print_status(Frame& f, const Rect& area) {
    const auto& s = f.state;
    const std::string back = touch_to_return_text(f, ticket_shown_for(s));
    const int back_h = f.px(56);
    f.painter.text(back, {area.x, area.y + area.h - back_h, area.w, back_h}, f.px(34), theme::muted, Align::center);
    const Rect status{area.x, area.y, area.w, area.h - back_h - f.px(12)};
    switch (s.print_status) {
        case PrintStatus::none:
            break;
        case PrintStatus::printing:
            f.painter.text(f.texts.printing, status, f.px(40), theme::text, Align::center, true);
            break;
        case PrintStatus::printed:
            f.painter.text(f.texts.printed, status, f.px(44), theme::text, Align::center, true);
            break;
        case PrintStatus::failed:
            gui::fill_rounded(f.painter, status, f.px(18), theme::warning);
            draw_fitted_paragraph(f, printer_fault_text(f.language(), s.print_error) + ". " + f.texts.print_failed,
                                  status.inset(f.px(16)), f.px(36), theme::dark_text, true);
            break;
    }
}

}  // namespace

std::string touch_to_return_text(const Frame& f, Millis shown_for) {
    const auto& s = f.state;
    const Millis left_ms = std::max<Millis>(0, shown_for - (f.shown_time - s.clock_offset - s.screen_since));
    return std::string(f.texts.touch_to_return) + " (" + std::to_string((left_ms + 999) / 1000) + ")";
}

void draw_ticket(Frame& f) {
    if (!f.state.ticket) return;
    const auto& t = *f.state.ticket;
    // Unprinted, the citizen can still photograph the ticket's link.
    if (f.state.print_status == PrintStatus::failed && !t.link.empty()) return draw_ticket_qr(f);
    const auto& l = f.layout;
    const Language lang = f.language();
    // A failed print's notice takes more room: two lines at a size read from a step back.
    const bool failed = f.state.print_status == PrintStatus::failed;
    const int status_h = f.px(l.portrait ? (failed ? 260 : 220) : (failed ? 200 : 170));
    const int top = l.header.y + l.header.h + f.px(36);
    const int card_w = l.portrait ? l.header.w : std::min(l.header.w, f.px(1560));
    const Rect card{(l.width - card_w) / 2, top, card_w, l.height - top - status_h - f.px(24)};
    const int at = find_service(f.state, t.service);
    gui::fill_rounded(f.painter, card, f.px(28), theme::service_colour(at < 0 ? 0 : static_cast<std::size_t>(at)));
    const int stripe = f.px(26);
    gui::fill_rounded(f.painter, {card.x, card.y + stripe, card.w, card.h - stripe}, f.px(28), paper);

    const std::string service = gui::in_language(lang, t.service_name_id, t.service_name_en);
    std::string priority = t.priority == Priority::none
                               ? ""
                               : std::string(f.texts.priority_label) + ": " + priority_name(lang, t.priority);
    // A checked-in booking's "Daring" mark takes the pill's place, in green (a booked
    // ticket has no priority group).
    std::string short_pill = priority_name(lang, t.priority);
    SDL_Color pill_fill = theme::accent, pill_ink = theme::dark_text;
    if (t.booking) {
        priority = booking_mark_text(lang, t);
        short_pill = checkin_texts(lang).mark;
        pill_fill = theme::go;
        pill_ink = theme::text;
    }
    const std::string wait = t.estimated_wait_s ? wait_text(lang, *t.estimated_wait_s) : f.texts.late_tile;
    // Portrait stacks everything; landscape puts the number left and the details right.
    const Rect inner = card.inset(f.px(40));
    const Rect number_side = l.portrait ? inner : Rect{inner.x, inner.y + stripe, inner.w * 52 / 100, inner.h - stripe};
    const int number_h = f.px(l.portrait ? 330 : 300);
    const int fig_h = f.px(130);
    const int please_size = f.px(44);
    const int please_h =
        static_cast<int>(gui::wrap_text(f.painter, f.texts.please_wait, inner.w, please_size, true).size()) *
        please_size * 13 / 10;
    // Portrait: the whole stack centred in the card.
    const int stack_h = f.px(60) + number_h + f.px(84) + (priority.empty() ? 0 : f.px(80)) + f.px(20 + 24) + fig_h +
                        f.px(24 + 24 + 70) + please_h;
    int y = l.portrait ? inner.y + std::max(f.px(30), (inner.h - stack_h) / 2) : number_side.y + f.px(40);
    f.painter.text(f.texts.ticket_heading, {number_side.x, y, number_side.w, f.px(60)}, f.px(42), paper_muted,
                   Align::center);
    y += f.px(60);
    f.painter.text(t.label, {number_side.x, y, number_side.w, number_h}, f.px(l.portrait ? 290 : 250), theme::dark_text,
                   Align::center, true);
    y += number_h;
    f.painter.text(service, {number_side.x, y, number_side.w, f.px(80)}, f.px(62), theme::dark_text, Align::center,
                   true);
    y += f.px(84);
    if (!priority.empty()) {
        // "Nomor prioritas: Penyandang disabilitas" is too wide beside the number in
        // landscape: then the group's name alone, at full size.
        if (f.painter.text_width(priority, f.px(38), true) + f.px(60) > number_side.w) priority = short_pill;
        const int pill_w = std::min(number_side.w, f.painter.text_width(priority, f.px(38), true) + f.px(60));
        const Rect pill{number_side.x + (number_side.w - pill_w) / 2, y + f.px(6), pill_w, f.px(64)};
        gui::fill_rounded(f.painter, pill, f.px(32), pill_fill);
        f.painter.text(priority, pill, f.px(38), pill_ink, Align::center, true);
        y += f.px(80);
    }
    Rect details = l.portrait ? Rect{inner.x, y + f.px(20), inner.w, inner.y + inner.h - y - f.px(20)}
                              : Rect{inner.x + inner.w * 55 / 100, inner.y + stripe + f.px(40), inner.w * 45 / 100,
                                     inner.h - stripe - f.px(40)};
    f.painter.fill({details.x, details.y, details.w, f.px(3)}, paper_rule);
    const int fy = details.y + f.px(24);
    if (l.portrait) {
        draw_figure(f, f.texts.people_ahead, people_ahead(lang, t.people_ahead), {details.x, fy, details.w / 2, fig_h});
        draw_figure(f, f.texts.estimated_wait, wait, {details.x + details.w / 2, fy, details.w / 2, fig_h});
    } else {
        draw_figure(f, f.texts.people_ahead, people_ahead(lang, t.people_ahead), {details.x, fy, details.w, fig_h});
        draw_figure(f, f.texts.estimated_wait, wait, {details.x, fy + fig_h + f.px(20), details.w, fig_h});
    }
    int dy = fy + (l.portrait ? fig_h : 2 * fig_h + f.px(20)) + f.px(24);
    f.painter.fill({details.x, dy, details.w, f.px(3)}, paper_rule);
    dy += f.px(24);
    f.painter.text(issued_text(f.state, f.texts, t.issued_at), {details.x, dy, details.w, f.px(50)}, f.px(32),
                   paper_muted, Align::center);
    dy += f.px(70);
    draw_fitted_paragraph(f, f.texts.please_wait, {details.x, dy, details.w, details.y + details.h - dy}, please_size,
                          theme::dark_text, true);
    draw_print_status(f, {l.header.x, card.y + card.h + f.px(24), l.header.w, status_h - f.px(24)});
}

void draw_notice_panel(Frame& f, const std::string& title, const std::string& message) {
    const auto& l = f.layout;
    const int w = std::min(l.header.w, f.px(1400));
    const Rect panel{(l.width - w) / 2, l.height / 2 - f.px(230), w, f.px(500)};
    gui::fill_rounded(f.painter, panel, f.px(28), theme::panel);
    gui::fill_rounded(f.painter, {panel.x, panel.y, panel.w, f.px(20)}, f.px(10), theme::warning);
    const Rect inner = panel.inset(f.px(60));
    int y = inner.y + f.px(10);
    y += draw_paragraph(f, title, {inner.x, y, inner.w, f.px(200)}, f.px(56), theme::text, Align::center, true);
    y += f.px(30);
    draw_paragraph(f, message, {inner.x, y, inner.w, f.px(200)}, f.px(44), theme::muted, Align::center);
    f.painter.text(f.texts.touch_to_return, {inner.x, inner.y + inner.h - f.px(50), inner.w, f.px(50)}, f.px(34),
                   theme::muted, Align::center);
}

void draw_refused(Frame& f) {
    const auto& s = f.state;
    const int at = find_service(s, s.issuing_service);
    const std::string service = at < 0 ? "" : service_title(f.language(), s.services[static_cast<std::size_t>(at)]);
    draw_notice_panel(f, f.texts.refused_title, refusal_text(f.language(), s.refusal_code, service));
}

void draw_waiting(Frame& f, const std::string& text, const std::string& detail) {
    const auto& l = f.layout;
    const int y = l.height / 2 - f.px(120);
    draw_paragraph(f, text, {l.header.x, y, l.header.w, f.px(200)}, f.px(60), theme::text, Align::center, true);
    if (!detail.empty())
        f.painter.text(detail, {l.header.x, y + f.px(180), l.header.w, f.px(70)}, f.px(44), theme::muted,
                       Align::center);
}

void draw_issuing(Frame& f) {
    const int at = find_service(f.state, f.state.issuing_service);
    draw_waiting(f, f.texts.issuing,
                 at < 0 ? "" : service_title(f.language(), f.state.services[static_cast<std::size_t>(at)]));
}

void draw_offline(Frame& f) {
    const auto& l = f.layout;
    const Language other = gui::other_language(f.language());
    const int w = std::min(l.body.w, f.px(1700));
    const int x = (l.width - w) / 2;
    int y = l.body.y + l.body.h / 2 - f.px(l.portrait ? 360 : 300);
    // Three quiet dots: the kiosk is waiting, not broken.
    for (int i = 0; i < 3; ++i)
        gui::fill_rounded(f.painter, {l.width / 2 - f.px(100) + i * f.px(80), y, f.px(40), f.px(40)}, f.px(20),
                          i == 1 ? theme::muted : theme::panel_light);
    y += f.px(90);
    // Feedback mode says what is missing there: rating, not tickets.
    const bool rating = f.state.feedback_counter > 0;
    const std::string title = rating ? f.feedback.offline_title : f.texts.offline_title;
    const std::string other_title = rating ? feedback_texts(other).offline_title : texts(other).offline_title;
    y += draw_paragraph(f, title, {x, y, w, f.px(200)}, f.px(64), theme::text, Align::center, true);
    y += f.px(24);
    y += draw_paragraph(f, f.texts.offline_body, {x, y, w, f.px(200)}, f.px(40), theme::muted, Align::center);
    y += f.px(16);
    y += draw_paragraph(f, f.texts.offline_help, {x, y, w, f.px(100)}, f.px(40), theme::muted, Align::center);
    y += f.px(60);
    draw_paragraph(f, other_title + ". " + texts(other).offline_body, {x, y, w, f.px(200)}, f.px(30), theme::muted,
                   Align::center);
    draw_language_button(f);
}

}  // namespace antre::kiosk::detail
