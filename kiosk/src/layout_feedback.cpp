// Where the feedback mode's and the SKM survey's buttons go. Built on the same
// grid, footer and language button as the ticket screens.
#include <algorithm>

#include "layout_parts.hpp"

namespace antre::kiosk::detail {

using gui::Rect;

void feedback_idle_layout(Layout& l) {
    const Rect rest = language_button(l);
    const int w = std::min(rest.w, l.px(l.portrait ? 640 : 760));
    add(l, TargetKind::survey_open, 0, {rest.x, rest.y, w, rest.h});
}

// Four faces, the best first: in a row (landscape) or two by two (portrait).
void rating_layout(Layout& l) {
    const auto cells = grid(l.body, 4, l.portrait ? 2 : 4, l.px(28));
    for (int i = 0; i < 4; ++i) add(l, TargetKind::rate, 4 - i, cells[static_cast<std::size_t>(i)]);
    language_button(l);
}

void thanks_layout(Layout& l, const KioskState& s) {
    add(l, TargetKind::dismiss, 0, {0, 0, l.width, l.height});
    if (s.submission != Submission::rating) return;
    const int w = std::min(l.body.w, l.px(1100)), h = l.px(l.portrait ? 160 : 140);
    add(l, TargetKind::survey_open, 0, {(l.width - w) / 2, l.body.y + l.body.h - h - l.px(60), w, h});
}

void survey_service_layout(Layout& l, const KioskState& s) {
    const int n = static_cast<int>(s.services.size());
    const auto cells = grid(l.body, n, service_columns(l, n), l.px(24));
    for (int i = 0; i < n; ++i) add(l, TargetKind::survey_service, i, cells[static_cast<std::size_t>(i)]);
    const Rect rest = language_button(l);
    const int cancel_w = l.px(l.portrait ? 280 : 360), gap = l.px(24);
    add(l, TargetKind::survey_cancel, 0, {rest.x, rest.y, cancel_w, rest.h});
    add(l, TargetKind::survey_skip, 0, {rest.x + cancel_w + gap, rest.y, rest.w - cancel_w - gap, rest.h});
}

// The title band holds the survey's name, the progress and a cancel button; the
// body the question and its four answers; the footer back and next.
void survey_question_layout(Layout& l) {
    const int gap = l.px(24);
    const int cancel_w = l.px(260), cancel_h = std::min(l.title.h - l.px(24), l.px(110));
    add(l, TargetKind::survey_cancel, 0,
        {l.title.x + l.title.w - cancel_w, l.title.y + (l.title.h - cancel_h) / 2, cancel_w, cancel_h});
    l.progress = {l.body.x, l.body.y, l.body.w, l.px(14)};
    l.prompt = {l.body.x, l.progress.y + l.progress.h + l.px(28), l.body.w, l.px(l.portrait ? 330 : 200)};
    const int top = l.prompt.y + l.prompt.h + gap;
    const Rect answers{l.body.x, top, l.body.w, l.body.y + l.body.h - top};
    const auto cells = grid(answers, 4, l.portrait ? 1 : 2, gap);
    for (int i = 0; i < 4; ++i) add(l, TargetKind::survey_answer, i + 1, cells[static_cast<std::size_t>(i)]);
    const Rect rest = language_button(l);
    const int back_w = l.px(l.portrait ? 300 : 400);
    add(l, TargetKind::survey_back, 0, {rest.x, rest.y, back_w, rest.h});
    add(l, TargetKind::survey_next, 0, {rest.x + back_w + gap, rest.y, rest.w - back_w - gap, rest.h});
}

}  // namespace antre::kiosk::detail
