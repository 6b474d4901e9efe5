// The ticket screen when the ticket could not be printed and the server gave it a
// link: the ticket's QR, large, beside its number, so that the citizen can
// photograph it and follow the queue on the phone (docs/public-page.md).
#include <algorithm>

#include "antre/gui/qr.hpp"
#include "antre/gui/shapes.hpp"
#include "antre/kiosk/qr.hpp"
#include "antre/kiosk/texts_checkin.hpp"
#include "antre/kiosk/texts_phone.hpp"
#include "render_parts.hpp"

namespace antre::kiosk::detail {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

void draw_ticket_qr(Frame& f) {
    const auto& t = *f.state.ticket;
    const auto& l = f.layout;
    const PhoneTexts& words = phone_texts(f.language());
    const int top = l.header.y + l.header.h + f.px(36);
    const int back_h = f.px(56);
    const int bottom = l.height - f.px(l.portrait ? 48 : 40) - back_h;
    // A checked-in booking keeps its mark here too: "KTP-el · Daring".
    std::string service = gui::in_language(f.language(), t.service_name_id, t.service_name_en);
    if (t.booking) service += std::string(" \u00b7 ") + checkin_texts(f.language()).mark;
    Rect number_box{}, qr_box{}, note{};
    if (l.portrait) {
        number_box = {l.header.x, top, l.header.w, f.px(380)};
        const int note_h = f.px(330);
        qr_box = {l.header.x, number_box.y + number_box.h + f.px(24), l.header.w,
                  bottom - note_h - f.px(48) - (number_box.y + number_box.h + f.px(24))};
        note = {l.header.x, bottom - note_h - f.px(24), l.header.w, note_h};
    } else {
        const int qr_side = std::min(bottom - top, l.header.w * 46 / 100);
        qr_box = {l.header.x + l.header.w - qr_side, top, qr_side, qr_side};
        const int left_w = l.header.w - qr_side - f.px(48);
        number_box = {l.header.x, top, left_w, f.px(440)};
        note = {l.header.x, number_box.y + number_box.h + f.px(24), left_w,
                bottom - f.px(24) - (number_box.y + number_box.h + f.px(24))};
    }
    // The number on a white card, as on the ticket screen.
    gui::fill_rounded(f.painter, number_box, f.px(28), paper);
    const Rect inner = number_box.inset(f.px(24));
    f.painter.text(f.texts.ticket_heading, {inner.x, inner.y, inner.w, f.px(56)}, f.px(40), paper_muted, Align::center);
    const int number_h = inner.h - f.px(56 + 80);
    f.painter.text(t.label, {inner.x, inner.y + f.px(56), inner.w, number_h}, f.px(l.portrait ? 230 : 210),
                   theme::dark_text, Align::center, true);
    f.painter.text(service, {inner.x, inner.y + f.px(56) + number_h, inner.w, f.px(80)}, f.px(54), theme::dark_text,
                   Align::center, true);
    // What happened and what to do, in amber like the printer's notice.
    gui::fill_rounded(f.painter, note, f.px(24), theme::warning);
    const Rect words_box = note.inset(f.px(28));
    const int title_h = f.px(l.portrait ? 70 : 80);
    f.painter.text(words.qr_title, {words_box.x, words_box.y, words_box.w, title_h}, f.px(48), theme::dark_text,
                   Align::center, true);
    draw_fitted_paragraph(
        f, words.qr_instruction,
        {words_box.x, words_box.y + title_h + f.px(12), words_box.w, words_box.h - title_h - f.px(12)},
        f.px(l.portrait ? 40 : 42), theme::dark_text, false);
    gui::draw_qr(f.painter, ticket_qr_text(t.id, t.link), qr_box, qr_dark, paper);
    f.painter.text(touch_to_return_text(f, ticket_shown_for(f.state)), {l.header.x, bottom, l.header.w, back_h},
                   f.px(34), theme::muted, Align::center);
}

}  // namespace antre::kiosk::detail
