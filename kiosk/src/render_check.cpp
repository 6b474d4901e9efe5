// "Cek nomor"'s screens: the keypad for the number (a scanned QR needs none), the
// wait for the server, and the ticket's status in the phone page's words.
#include <algorithm>

#include "antre/gui/shapes.hpp"
#include "antre/kiosk/texts_phone.hpp"
#include "render_parts.hpp"

namespace antre::kiosk::detail {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

// The state's band: green when called (go now), yellow while waiting, grey when over.
void draw_state_band(Frame& f, const CheckedTicket& t, const Rect& band) {
    const bool go = t.state == "called" || t.state == "serving";
    const bool over = t.state == "done" || t.state == "no_show" || t.state == "cancelled";
    const SDL_Color fill = go ? theme::go : over ? theme::disabled : theme::accent;
    const SDL_Color ink = go || over ? theme::text : theme::dark_text;
    gui::fill_rounded(f.painter, band, f.px(24), fill);
    std::string text = check_state_text(f.language(), t);
    if (t.state == "called") text = std::string(phone_texts(f.language()).go) + " " + text;
    draw_fitted_paragraph(f, text, band.inset(f.px(20)), f.px(54), ink, true);
}

// "Di depan Anda" over "3 orang", centred in `box` on the white card.
void draw_card_figure(Frame& f, const std::string& label, const std::string& value, const Rect& box) {
    f.painter.text(label, {box.x, box.y, box.w, box.h * 2 / 5}, f.px(34), paper_muted, Align::center);
    f.painter.text(value, {box.x, box.y + box.h * 2 / 5, box.w, box.h * 3 / 5}, f.px(58), theme::dark_text,
                   Align::center, true);
}

}  // namespace

void draw_check_entry(Frame& f) {
    const auto& l = f.layout;
    const PhoneTexts& words = phone_texts(f.language());
    draw_title(f, words.check_title, words.check_hint);
    const Rect field = l.notice;
    gui::fill_rounded(f.painter, field, f.px(20), paper);
    const std::string typed = f.state.check.typed;
    f.painter.text(typed.empty() ? "A-013" : typed + "_", field.inset(f.px(18)), f.px(84),
                   typed.empty() ? paper_muted : theme::dark_text, Align::center, true);
    for (const auto& b : l.buttons) {
        switch (b.target.kind) {
            case TargetKind::check_letter: {
                const auto i = static_cast<std::size_t>(b.target.index);
                if (i < f.state.services.size())
                    draw_label_button(f, b.rect, theme::service_colour(i), theme::text, f.state.services[i].prefix,
                                      f.px(64));
                break;
            }
            case TargetKind::key_digit:
                draw_label_button(f, b.rect, theme::panel_light, theme::text, std::to_string(b.target.index), f.px(64));
                break;
            case TargetKind::key_erase:
                draw_label_button(f, b.rect, theme::panel, theme::text, words.check_erase, f.px(40));
                break;
            case TargetKind::key_ok:
                draw_label_button(f, b.rect, theme::go, theme::text, words.check_ok, f.px(50));
                break;
            case TargetKind::back:
                draw_label_button(f, b.rect, button_dark, theme::text, f.texts.back, f.px(44));
                break;
            default:
                break;
        }
    }
}

void draw_check_waiting(Frame& f) {
    const auto& asked = f.state.check.asked;
    draw_waiting(f, phone_texts(f.language()).checking, asked == "QR" ? "" : asked);
}

void draw_check_result(Frame& f) {
    const auto& s = f.state;
    const PhoneTexts& words = phone_texts(f.language());
    if (!s.check.result) {
        draw_notice_panel(f, words.not_found_title, check_error_text(f.language(), s.check.error, s.check.asked));
        return;
    }
    const CheckedTicket& t = *s.check.result;
    const auto& l = f.layout;
    const Language lang = f.language();
    const int top = l.header.y + l.header.h + f.px(36);
    const int back_h = f.px(56);
    const int bottom = l.height - f.px(40) - back_h;
    const int card_w = l.portrait ? l.header.w : std::min(l.header.w, f.px(1500));
    const Rect card{(l.width - card_w) / 2, top, card_w, bottom - top - f.px(20)};
    gui::fill_rounded(f.painter, card, f.px(28), paper);
    const Rect inner = card.inset(f.px(36));
    int y = inner.y;
    f.painter.text(words.result_heading, {inner.x, y, inner.w, f.px(56)}, f.px(40), paper_muted, Align::center);
    y += f.px(56);
    const int number_h = f.px(l.portrait ? 300 : 220);
    f.painter.text(t.label, {inner.x, y, inner.w, number_h}, f.px(l.portrait ? 250 : 190), theme::dark_text,
                   Align::center, true);
    y += number_h;
    f.painter.text(gui::in_language(lang, t.service_name_id, t.service_name_en), {inner.x, y, inner.w, f.px(72)},
                   f.px(54), theme::dark_text, Align::center, true);
    y += f.px(90);
    const int band_h = f.px(l.portrait ? 220 : 150);
    draw_state_band(f, t, {inner.x, y, inner.w, band_h});
    y += band_h + f.px(24);
    if (t.people_ahead) {
        const int fig_h = f.px(130);
        const int half = inner.w / 2;
        draw_card_figure(f, f.texts.people_ahead, people_ahead(lang, *t.people_ahead), {inner.x, y, half, fig_h});
        draw_card_figure(f, words.estimated_call, t.estimated_call_time.empty() ? "\u2014" : t.estimated_call_time,
                         {inner.x + half, y, inner.w - half, fig_h});
        y += fig_h + f.px(16);
        if (t.soon)
            f.painter.text(words.soon, {inner.x, y, inner.w, f.px(64)}, f.px(44), theme::dark_text, Align::center,
                           true);
    }
    f.painter.text(touch_to_return_text(f, check_result_shown), {l.header.x, bottom, l.header.w, back_h}, f.px(34),
                   theme::muted, Align::center);
}

}  // namespace antre::kiosk::detail
