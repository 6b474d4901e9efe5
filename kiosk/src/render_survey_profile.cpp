// The SKM survey's last screens: a profile question with its choices as large
// buttons ("Lewati" while none is chosen), and the saran/pengaduan with its field,
// its count and the screen's keyboard.
#include <algorithm>

#include "antre/gui/shapes.hpp"
#include "antre/gui/text_wrap.hpp"
#include "render_parts.hpp"

namespace antre::kiosk::detail {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

// The cancel button in the title band, back and next (or skip, or send) in the footer.
void draw_survey_buttons(Frame& f, const std::string& next, SDL_Color next_fill) {
    for (const auto& b : f.layout.buttons) {
        if (b.target.kind == TargetKind::survey_cancel)
            draw_label_button(f, b.rect, button_dark, theme::text, f.texts.cancel, f.px(40));
        else if (b.target.kind == TargetKind::survey_back)
            draw_label_button(f, b.rect, button_dark, theme::text, f.texts.back, f.px(44));
        else if (b.target.kind == TargetKind::survey_next)
            draw_label_button(f, b.rect, next_fill, theme::text, next, f.px(50));
    }
    draw_language_button(f);
}

int title_reserve(const Frame& f) {
    const auto* cancel = f.layout.find(TargetKind::survey_cancel);
    return cancel ? cancel->rect.w + f.px(24) : 0;
}

}  // namespace

void draw_survey_profile(Frame& f) {
    const auto& v = f.state.survey;
    const auto& q = profile_question(f.language(), v.profile_step);
    const auto& chosen = v.profile[static_cast<std::size_t>(v.profile_step)];
    draw_title(
        f, q.title,
        profile_progress(f.language(), v.profile_step) + "  \u00b7  " + survey_more_texts(f.language()).profile_hint,
        title_reserve(f));
    for (const auto& b : f.layout.buttons) {
        if (b.target.kind != TargetKind::survey_choice) continue;
        const auto& c = q.choices[static_cast<std::size_t>(b.target.index)];
        const bool on = chosen == c.code;
        gui::fill_rounded(f.painter, b.rect, f.px(24), on ? theme::accent : theme::panel_light);
        draw_fitted_paragraph(f, c.label, b.rect.inset(f.px(24)), f.px(52), on ? theme::dark_text : theme::text, true);
    }
    draw_survey_buttons(f, chosen.empty() ? f.feedback.skip : f.feedback.next,
                        chosen.empty() ? button_dark : theme::go);
}

void draw_survey_note(Frame& f) {
    const auto& l = f.layout;
    const auto& v = f.state.survey;
    const auto& more = survey_more_texts(f.language());
    draw_title(f, more.note_title, more.note_hint, title_reserve(f));

    // The field: white like paper, the newest lines of the saran with a caret, its count.
    gui::fill_rounded(f.painter, l.prompt, f.px(20), paper);
    const Rect inner = l.prompt.inset(f.px(24));
    const int count_h = f.px(36), size = f.px(40), line_h = size * 13 / 10;
    const Rect text_box{inner.x, inner.y, inner.w, inner.h - count_h};
    if (v.note.empty()) {
        draw_paragraph(f, more.note_placeholder, text_box, size, paper_muted, Align::left);
    } else {
        const auto lines = gui::wrap_text(f.painter, v.note + "|", text_box.w, size, false);
        const std::size_t fit = static_cast<std::size_t>(std::max(1, text_box.h / line_h));
        const std::size_t first = lines.size() > fit ? lines.size() - fit : 0;
        for (std::size_t i = first; i < lines.size(); ++i)
            f.painter.text(lines[i],
                           {text_box.x, text_box.y + static_cast<int>(i - first) * line_h, text_box.w, line_h}, size,
                           qr_dark, Align::left);
    }
    f.painter.text(note_count_text(f.language(), v.note.size()),
                   {inner.x, inner.y + inner.h - count_h, inner.w, count_h}, f.px(28), paper_muted, Align::right);

    const int key_size = f.px(44);
    for (const auto& b : l.buttons) {
        switch (b.target.kind) {
            case TargetKind::note_key: {
                char c = static_cast<char>(b.target.index);
                if (v.caps && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
                const bool full = v.note.size() >= survey_note_max;
                draw_label_button(f, b.rect, full ? theme::panel : theme::panel_light,
                                  full ? theme::disabled_text : theme::text, c == ' ' ? more.space : std::string(1, c),
                                  key_size);
                break;
            }
            case TargetKind::note_caps:
                draw_label_button(f, b.rect, v.caps ? theme::accent : button_dark,
                                  v.caps ? theme::dark_text : theme::text, "ABC", key_size);
                break;
            case TargetKind::note_erase:
                draw_label_button(f, b.rect, button_dark, theme::text, more.erase, key_size);
                break;
            default:
                break;
        }
    }
    draw_survey_buttons(f, f.feedback.send, theme::go);
}

}  // namespace antre::kiosk::detail
