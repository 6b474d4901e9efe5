// The SKM survey's screens: which service, the nine questions one at a time with
// their progress, and the wait while the answers are sent.
#include <algorithm>

#include "antre/gui/shapes.hpp"
#include "antre/gui/text_wrap.hpp"
#include "render_parts.hpp"

namespace antre::kiosk::detail {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

void draw_survey_service(Frame& f) {
    const auto& ft = f.feedback;
    draw_title(f, ft.service_question, std::string(ft.survey_title) + "  \u00b7  " + ft.service_hint);
    for (const auto& b : f.layout.buttons) {
        switch (b.target.kind) {
            case TargetKind::survey_service: {
                const auto i = static_cast<std::size_t>(b.target.index);
                const auto& s = f.state.services[i];
                gui::fill_rounded(f.painter, b.rect, f.px(24), theme::service_colour(i));
                const Rect inner = b.rect.inset(f.px(28));
                const int name_h = f.px(70), sub_h = f.px(44);
                const int y = inner.y + (inner.h - name_h - sub_h) / 2;
                f.painter.text(service_title(f.language(), s), {inner.x, y, inner.w, name_h}, f.px(50), theme::text,
                               Align::center, true);
                f.painter.text(service_subtitle(f.language(), s), {inner.x, y + name_h, inner.w, sub_h}, f.px(30),
                               theme::text, Align::center);
                break;
            }
            case TargetKind::survey_cancel:
                draw_label_button(f, b.rect, button_dark, theme::text, f.texts.cancel, f.px(42));
                break;
            case TargetKind::survey_skip:
                draw_label_button(f, b.rect, theme::panel_light, theme::text, ft.skip, f.px(46));
                break;
            default:
                break;
        }
    }
    draw_language_button(f);
}

void draw_survey_question(Frame& f) {
    const auto& l = f.layout;
    const auto& ft = f.feedback;
    const auto& v = f.state.survey;
    const auto& q = survey_question(f.language(), v.question);
    const auto* cancel = l.find(TargetKind::survey_cancel);
    const int reserve = cancel ? cancel->rect.w + f.px(24) : 0;
    draw_title(f, ft.survey_title, survey_progress(f.language(), v.question) + "  \u00b7  " + q.unsur, reserve);
    // One segment per question: answered ones green, the current one white.
    const int gap = f.px(10);
    const int seg_w = (l.progress.w - gap * (survey_questions - 1)) / survey_questions;
    for (int i = 0; i < survey_questions; ++i) {
        const SDL_Color c = i == v.question                          ? theme::text
                            : v.answers[static_cast<std::size_t>(i)] ? theme::ok
                                                                     : theme::panel_light;
        gui::fill_rounded(f.painter, {l.progress.x + i * (seg_w + gap), l.progress.y, seg_w, l.progress.h},
                          l.progress.h / 2, c);
    }
    // The question as large as its box allows, in at most four lines.
    int question_size = f.px(54);
    while (question_size > f.px(34) &&
           static_cast<int>(gui::wrap_text(f.painter, q.question, l.prompt.w, question_size, true).size()) *
                   question_size * 13 / 10 >
               l.prompt.h)
        question_size -= f.px(2);
    draw_paragraph(f, q.question, l.prompt, question_size, theme::text, Align::left, true);

    const int chosen = v.answers[static_cast<std::size_t>(v.question)];
    for (const auto& b : l.buttons) {
        switch (b.target.kind) {
            case TargetKind::survey_answer: {
                const int n = b.target.index;
                const bool on = chosen == n;
                gui::fill_rounded(f.painter, b.rect, f.px(24), on ? theme::accent : theme::panel_light);
                const int badge = std::min(b.rect.h - f.px(40), f.px(96));
                const Rect badge_r{b.rect.x + f.px(28), b.rect.y + (b.rect.h - badge) / 2, badge, badge};
                gui::fill_circle(f.painter, badge_r.x + badge / 2, badge_r.y + badge / 2, badge / 2,
                                 on ? theme::dark_text : theme::background);
                f.painter.text(std::string(1, static_cast<char>('a' + n - 1)), badge_r, badge * 55 / 100,
                               on ? theme::accent : theme::text, Align::center, true);
                const int x = badge_r.x + badge + f.px(28);
                const Rect text_box{x, b.rect.y + f.px(16), b.rect.x + b.rect.w - f.px(28) - x, b.rect.h - f.px(32)};
                const std::string answer = q.answers[static_cast<std::size_t>(n - 1)];
                const int answer_size = f.px(44);
                const auto lines = gui::wrap_text(f.painter, answer, text_box.w, answer_size, true);
                const int h = static_cast<int>(std::min<std::size_t>(lines.size(), 3)) * answer_size * 13 / 10;
                draw_paragraph(f, answer, {text_box.x, text_box.y + (text_box.h - h) / 2, text_box.w, h}, answer_size,
                               on ? theme::dark_text : theme::text, Align::left, true);
                break;
            }
            case TargetKind::survey_cancel:
                draw_label_button(f, b.rect, button_dark, theme::text, f.texts.cancel, f.px(40));
                break;
            case TargetKind::survey_back: {
                const bool can = v.question > 0 || v.asked_service;
                draw_label_button(f, b.rect, can ? button_dark : theme::panel, can ? theme::text : theme::disabled_text,
                                  f.texts.back, f.px(44));
                break;
            }
            case TargetKind::survey_next: {
                const bool last = v.question + 1 == survey_questions;
                draw_label_button(f, b.rect, chosen ? theme::go : theme::disabled, theme::text,
                                  last ? ft.send : ft.next, f.px(50));
                break;
            }
            default:
                break;
        }
    }
    draw_language_button(f);
}

void draw_survey_sending(Frame& f) { draw_waiting(f, f.feedback.sending_survey, f.feedback.survey_title); }

}  // namespace antre::kiosk::detail
