// The check-in's screens: the keyboard of the booking code's characters with the
// code's field and the hint to scan the QR, the wait for the server, and a refusal
// in the server's words with the way to a walk-in ticket.
#include <algorithm>

#include "antre/booking_code.hpp"
#include "antre/gui/shapes.hpp"
#include "antre/kiosk/texts_checkin.hpp"
#include "render_parts.hpp"

namespace antre::kiosk::detail {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

void draw_checkin_button(Frame& f, const Rect& r) {
    const auto& words = checkin_texts(f.language());
    gui::fill_rounded(f.painter, r, f.px(24), theme::go);
    const Rect inner = r.inset(f.px(14));
    const int size = f.px(f.layout.portrait ? 44 : 38);
    const std::string line = std::string(words.home_question) + " " + words.home_action;
    // One line when it fits, else the question over the action.
    if (f.painter.text_width(line, size, true) <= inner.w) {
        f.painter.text(line, inner, size, theme::text, Align::center, true);
        return;
    }
    f.painter.text(words.home_question, {inner.x, inner.y, inner.w, inner.h / 2}, f.px(30), theme::text, Align::center);
    f.painter.text(words.home_action, {inner.x, inner.y + inner.h / 2, inner.w, inner.h / 2}, size, theme::text,
                   Align::center, true);
}

void draw_checkin_entry(Frame& f) {
    const auto& l = f.layout;
    const auto& words = checkin_texts(f.language());
    const auto& typed = f.state.checkin.typed;
    draw_title(f, words.title, words.hint);
    gui::fill_rounded(f.painter, l.notice, f.px(20), paper);
    const Rect field = l.notice.inset(f.px(18));
    if (typed.empty()) {
        f.painter.text("K7QM-4XRP", field, f.px(84), paper_rule, Align::center, true);
    } else {
        const bool complete = typed.size() == booking_code_length;
        f.painter.text(spaced_booking_code(typed) + (complete ? "" : "_"), field, f.px(84), theme::dark_text,
                       Align::center, true);
    }
    // Under the field: how many characters are missing, then where to scan.
    Rect hint = l.prompt;
    if (!typed.empty() && typed.size() < booking_code_length) {
        const int missing = static_cast<int>(booking_code_length - typed.size());
        f.painter.text(code_missing_text(f.language(), missing), {hint.x, hint.y, hint.w, f.px(50)}, f.px(34),
                       theme::accent, Align::center, true);
    }
    hint.y += f.px(60);
    hint.h -= f.px(60);
    draw_paragraph(f, words.scan_hint, hint, f.px(34), theme::muted, l.portrait ? Align::center : Align::left);
    for (const auto& b : l.buttons) {
        switch (b.target.kind) {
            case TargetKind::code_key: {
                const auto i = static_cast<std::size_t>(b.target.index);
                if (i < booking_code_alphabet.size())
                    draw_label_button(f, b.rect, theme::panel_light, theme::text,
                                      std::string(1, booking_code_alphabet[i]), f.px(52));
                break;
            }
            case TargetKind::key_erase:
                draw_label_button(f, b.rect, theme::panel, theme::text, words.erase, f.px(40));
                break;
            case TargetKind::key_ok: {
                const bool ready = typed.size() == booking_code_length;
                draw_label_button(f, b.rect, ready ? theme::go : theme::disabled, ready ? theme::text : theme::muted,
                                  words.ok, f.px(44));
                break;
            }
            case TargetKind::back:
                draw_label_button(f, b.rect, button_dark, theme::text, f.texts.back, f.px(44));
                break;
            default:
                break;
        }
    }
    draw_language_button(f);
}

void draw_checkin_waiting(Frame& f) {
    draw_waiting(f, checkin_texts(f.language()).checking, spaced_booking_code(f.state.checkin.sent));
}

void draw_checkin_refused(Frame& f) {
    const auto& l = f.layout;
    const auto& c = f.state.checkin;
    const auto& words = checkin_texts(f.language());
    draw_title(f, checkin_refusal_title(f.language(), c.refusal_code),
               c.sent.empty() ? "" : std::string(words.code) + " " + spaced_booking_code(c.sent));
    gui::fill_rounded(f.painter, l.notice, f.px(24), theme::panel);
    gui::fill_rounded(f.painter, {l.notice.x, l.notice.y, l.notice.w, f.px(20)}, f.px(10), theme::warning);
    Rect inner = l.notice.inset(f.px(48));
    inner.y += f.px(10);
    const std::string text = checkin_refusal_text(f.language(), c.refusal_code, c.refusal_message);
    // In English the server's own Indonesian sentence follows: it names the day and hours.
    const bool both = f.language() == Language::en && !c.refusal_message.empty() &&
                      checkin_refusal_text(Language::id, c.refusal_code, c.refusal_message) == c.refusal_message;
    const int used = draw_paragraph(f, text, inner, f.px(50), theme::text, Align::center, true);
    if (both)
        draw_paragraph(f, c.refusal_message, {inner.x, inner.y + used + f.px(30), inner.w, inner.h - used}, f.px(36),
                       theme::muted, Align::center);
    f.painter.text(touch_to_return_text(f, checkin_refusal_shown),
                   {inner.x, inner.y + inner.h - f.px(50), inner.w, f.px(50)}, f.px(34), theme::muted, Align::center);
    if (const auto* b = l.find(TargetKind::checkin_retry))
        draw_label_button(f, b->rect, button_dark, theme::text, words.retry, f.px(46));
    if (const auto* b = l.find(TargetKind::walk_in)) {
        const bool walk_in = refusal_offers_walk_in(c.refusal_code);
        draw_label_button(f, b->rect, walk_in ? theme::accent : button_dark, walk_in ? theme::dark_text : theme::text,
                          walk_in ? words.walk_in : words.back, f.px(46));
    }
}

}  // namespace antre::kiosk::detail
