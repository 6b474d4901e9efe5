// Feedback mode's screens: the idle screen on the counter's desk, the four faces
// after a finished ticket, the thanks, and what could not be saved. The faces are
// drawn, not loaded: discs and arcs scale to any screen.
#include <algorithm>
#include <cmath>

#include "antre/gui/shapes.hpp"
#include "render_parts.hpp"

namespace antre::kiosk::detail {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

constexpr double pi = 3.14159265358979323846;

// "Sentuh layar untuk kembali (7)" at the bottom of the screen.
void draw_countdown(Frame& f, Millis total) {
    const auto& l = f.layout;
    f.painter.text(touch_to_return_text(f, total), {l.header.x, l.height - f.px(110), l.header.w, f.px(60)}, f.px(34),
                   theme::muted, Align::center);
}

}  // namespace

// Sangat Puas (4) first in the palette; anything outside 1-4 drawn as the lowest, red.
SDL_Color rating_colour(int rating) { return palette::rating_fills[rating >= 1 && rating <= 4 ? 4 - rating : 3]; }

void draw_face(Frame& f, int cx, int cy, int r, int rating, SDL_Color skin, SDL_Color features) {
    auto& p = f.painter;
    gui::fill_circle(p, cx, cy, r, skin);
    const int eye = std::max(2, r * 11 / 100);
    gui::fill_circle(p, cx - r * 35 / 100, cy - r * 22 / 100, eye, features);
    gui::fill_circle(p, cx + r * 35 / 100, cy - r * 22 / 100, eye, features);
    const int line = std::max(2, r * 11 / 100);
    switch (rating) {
        case 4: {
            // A broad open smile: the lower half of a disc.
            const int m = r * 48 / 100, top = cy + r * 8 / 100;
            for (int dy = 0; dy < m; ++dy) {
                const int half = static_cast<int>(std::sqrt(double(m) * m - double(dy) * dy));
                p.fill({cx - half, top + dy, 2 * half, 1}, features);
            }
            break;
        }
        case 3:
            gui::stroke_arc(p, cx, cy - r * 5 / 100, r * 50 / 100, pi * 0.2, pi * 0.8, line, features);
            break;
        case 2:
            gui::stroke_arc(p, cx, cy + r * 120 / 100, r * 80 / 100, -pi * 0.64, -pi * 0.36, line, features);
            break;
        default:
            gui::stroke_arc(p, cx, cy + r * 88 / 100, r * 46 / 100, -pi * 0.83, -pi * 0.17, line, features);
            // Brows raised towards the middle: sad, not angry.
            for (int side : {-1, 1})
                for (int i = 0; i <= 10; ++i) {
                    const int x = cx + side * (r * 20 / 100 + r * 30 / 100 * i / 10);
                    const int y = cy - r * 52 / 100 + r * 12 / 100 * i / 10;
                    gui::fill_circle(p, x, y, std::max(1, line / 3), features);
                }
            break;
    }
}

void draw_feedback_idle(Frame& f) {
    const auto& l = f.layout;
    const auto& ft = f.feedback;
    const int w = std::min(l.body.w, f.px(1600));
    const int x = (l.width - w) / 2;
    const int faces_r = f.px(l.portrait ? 80 : 62);
    // The number the counter holds, large, so the citizen at the desk sees whose turn it is.
    const auto& desk = f.state.desk_ticket;
    const int ticket_h = desk ? f.px(200) : 0;
    const int block = f.px(150) + ticket_h + f.px(170) + f.px(110) + 2 * faces_r + f.px(40);
    const int top = l.title.y, bottom = l.footer.y - f.px(24);
    int y = top + std::max(0, (bottom - top - block) / 2);
    f.painter.text(f.state.counter_name, {x, y, w, f.px(150)}, f.px(120), theme::accent, Align::center, true);
    y += f.px(150);
    if (desk) {
        const int card_w = std::min(w, f.px(720));
        const Rect card{(l.width - card_w) / 2, y, card_w, ticket_h - f.px(24)};
        gui::fill_rounded(f.painter, card, f.px(24), theme::panel);
        f.painter.text(desk->serving ? ft.desk_serving : ft.desk_called, {card.x, card.y + f.px(8), card.w, f.px(44)},
                       f.px(34), desk->serving ? theme::ok : theme::accent, Align::center, true);
        f.painter.text(desk->label, {card.x, card.y + f.px(50), card.w, card.h - f.px(54)}, f.px(104), theme::text,
                       Align::center, true);
        y += ticket_h;
    }
    const int title_h =
        draw_paragraph(f, ft.idle_title, {x, y, w, f.px(170)}, f.px(58), theme::text, Align::center, true);
    y += std::max(title_h, f.px(90)) + f.px(16);
    y += draw_paragraph(f, ft.idle_hint, {x, y, w, f.px(110)}, f.px(36), theme::muted, Align::center) + f.px(40);
    // The four faces the citizen will see, small and quiet: what to expect. White
    // features: the dark faces keep 4.5:1 against them.
    const int step = faces_r * 3;
    for (int i = 0; i < 4; ++i)
        draw_face(f, l.width / 2 - step * 3 / 2 + i * step, y + faces_r, faces_r, 4 - i, rating_colour(4 - i),
                  theme::text);
    if (const auto* b = l.find(TargetKind::survey_open))
        draw_label_button(f, b->rect, theme::panel, theme::muted, ft.survey_invite, f.px(34));
    draw_language_button(f);
}

void draw_rating(Frame& f) {
    const auto& s = f.state;
    const auto& ft = f.feedback;
    if (!s.rating) return;
    const int chosen = s.rating->chosen;
    std::string line = std::string(ft.ticket_number) + " " + s.rating->label;
    if (!s.counter_name.empty()) line += "  \u00b7  " + s.counter_name;
    line += "  \u00b7  " + std::string(chosen ? ft.sending_rating : ft.rating_hint);
    draw_title(f, ft.rating_title, line);
    if (!s.connected) {
        // The faces stay for the citizen in front of them; the officer sees why nothing happens yet.
        const auto& t = f.layout.title;
        const Rect band{t.x, t.y + t.h / 2 + f.px(4), t.w - f.px(400), f.px(56)};
        gui::fill_rounded(f.painter, band, f.px(14), theme::warning);
        f.painter.text(ft.rating_offline, band.inset(f.px(8)), f.px(30), theme::dark_text, Align::center, true);
    }
    const Language other = gui::other_language(f.language());
    for (const auto& b : f.layout.buttons) {
        if (b.target.kind != TargetKind::rate) continue;
        const int n = b.target.index;
        const bool dim = chosen != 0 && chosen != n;
        const SDL_Color fill = dim ? theme::disabled : rating_colour(n);
        gui::fill_rounded(f.painter, b.rect, f.px(28), fill);
        if (chosen == n) {
            // The touched face, ringed in white while its rating is on its way.
            f.painter.outline(b.rect.inset(f.px(10)), theme::text, f.px(8));
        }
        const Rect inner = b.rect.inset(f.px(24));
        const int label_h = f.px(70), sub_h = f.px(44);
        const int r = std::min(inner.w, inner.h - label_h - sub_h - f.px(24)) * 42 / 100;
        const int cy = inner.y + (inner.h - label_h - sub_h - f.px(12)) / 2;
        draw_face(f, inner.x + inner.w / 2, cy, r, n, dim ? theme::muted : palette::face_skin, theme::dark_text);
        const int ly = inner.y + inner.h - label_h - sub_h;
        f.painter.text(rating_name(f.language(), n), {inner.x, ly, inner.w, label_h}, f.px(50), theme::text,
                       Align::center, true);
        f.painter.text(rating_name(other, n), {inner.x, ly + label_h, inner.w, sub_h}, f.px(30), theme::text,
                       Align::center);
    }
    draw_language_button(f);
}

void draw_thanks(Frame& f) {
    const auto& l = f.layout;
    const auto& s = f.state;
    const auto& ft = f.feedback;
    const int w = std::min(l.body.w, f.px(1500));
    const int x = (l.width - w) / 2;
    const int r = f.px(l.portrait ? 130 : 100);
    int y = l.title.y + f.px(l.portrait ? 60 : 10);
    draw_face(f, l.width / 2, y + r, r, 4, theme::ok, theme::background);
    y += 2 * r + f.px(30);
    f.painter.text(ft.thanks_title, {x, y, w, f.px(130)}, f.px(104), theme::text, Align::center, true);
    y += f.px(140);
    std::string message = s.submission == Submission::survey ? ft.thanks_survey : ft.thanks_rating;
    if (s.already_rated) message = std::string(ft.thanks_already) + " " + message;
    draw_paragraph(f, message, {x, y, w, f.px(160)}, f.px(44), theme::muted, Align::center);
    if (const auto* b = l.find(TargetKind::survey_open)) {
        draw_label_button(f, b->rect, theme::accent, theme::dark_text, ft.survey_invite, f.px(42));
    }
    draw_countdown(f, s.timings.thanks_shown);
}

void draw_not_saved(Frame& f) {
    const auto& s = f.state;
    draw_notice_panel(f, s.submission == Submission::rating ? f.feedback.not_saved_rating : f.feedback.not_saved_survey,
                      not_saved_text(f.language(), s.submission, s.refusal_code));
}

}  // namespace antre::kiosk::detail
