// Where the feedback mode's and the SKM survey's buttons go. Built on the same
// grid, footer and language button as the ticket screens.
#include <algorithm>
#include <array>

#include "antre/kiosk/texts.hpp"

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
// footer back and next. Returns the body.
Rect survey_frame(Layout& l) {
    const int gap = l.px(24);
    const int cancel_w = l.px(260), cancel_h = std::min(l.title.h - l.px(24), l.px(110));
    add(l, TargetKind::survey_cancel, 0,
        {l.title.x + l.title.w - cancel_w, l.title.y + (l.title.h - cancel_h) / 2, cancel_w, cancel_h});
    const Rect rest = language_button(l);
    const int back_w = l.px(l.portrait ? 300 : 400);
    add(l, TargetKind::survey_back, 0, {rest.x, rest.y, back_w, rest.h});
    add(l, TargetKind::survey_next, 0, {rest.x + back_w + gap, rest.y, rest.w - back_w - gap, rest.h});
    return l.body;
}

// The body holds the question and its four answers.
void survey_question_layout(Layout& l) {
    const int gap = l.px(24);
    const Rect body = survey_frame(l);
    l.progress = {body.x, body.y, body.w, l.px(14)};
    l.prompt = {body.x, l.progress.y + l.progress.h + l.px(28), body.w, l.px(l.portrait ? 330 : 200)};
    const int top = l.prompt.y + l.prompt.h + gap;
    const Rect answers{body.x, top, body.w, body.y + body.h - top};
    const auto cells = grid(answers, 4, l.portrait ? 1 : 2, gap);
    for (int i = 0; i < 4; ++i) add(l, TargetKind::survey_answer, i + 1, cells[static_cast<std::size_t>(i)]);
}

// A profile question: its choices as large buttons, two to three across.
void survey_profile_layout(Layout& l, const KioskState& s) {
    const Rect body = survey_frame(l);
    const int n = static_cast<int>(profile_question(s.language, s.survey.profile_step).choices.size());
    const int cols = l.portrait ? (n > 4 ? 2 : 1) : (n > 4 ? 3 : 2);
    const auto cells = grid(body, n, cols, l.px(24));
    for (int i = 0; i < n; ++i) add(l, TargetKind::survey_choice, i, cells[static_cast<std::size_t>(i)]);
}

// The saran: its field and a keyboard of ten keys a row (digits, letters,
// punctuation), then capitals, space and erase. The field is on top in portrait and
// on the left in landscape, where the body is too low for both one above the other.
void survey_note_layout(Layout& l) {
    static constexpr std::array<const char*, 4> rows{"1234567890", "qwertyuiop", "asdfghjkl?", "zxcvbnm,.-"};
    const Rect body = survey_frame(l);
    const int gap = l.px(12), apart = l.px(24);
    Rect keys;
    if (l.portrait) {
        l.prompt = {body.x, body.y, body.w, l.px(420)};
        keys = {body.x, body.y + l.prompt.h + apart, body.w, body.h - l.prompt.h - apart};
    } else {
        l.prompt = {body.x, body.y, body.w * 34 / 100, body.h};
        keys = {body.x + l.prompt.w + apart, body.y, body.w - l.prompt.w - apart, body.h};
    }
    const int key_h = (keys.h - 4 * gap) / 5, key_w = (keys.w - 9 * gap) / 10;
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (int k = 0; k < 10; ++k)
            add(l, TargetKind::note_key, rows[r][k],
                {keys.x + k * (key_w + gap), keys.y + static_cast<int>(r) * (key_h + gap), key_w, key_h});
    const int y = keys.y + 4 * (key_h + gap), two = 2 * key_w + gap;
    add(l, TargetKind::note_caps, 0, {keys.x, y, two, key_h});
    add(l, TargetKind::note_key, ' ', {keys.x + two + gap, y, keys.w - 2 * (two + gap), key_h});
    add(l, TargetKind::note_erase, 0, {keys.x + keys.w - two, y, two, key_h});
}

}  // namespace antre::kiosk::detail
