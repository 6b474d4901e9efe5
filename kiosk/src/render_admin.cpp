// The operator's keypad for leaving kiosk mode: NIP, then PIN (shown as dots).
#include "antre/gui/shapes.hpp"
#include "render_parts.hpp"

namespace antre::kiosk::detail {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

void draw_admin(Frame& f) {
    const auto& l = f.layout;
    const auto& a = f.state.admin;
    const auto& t = l.title;
    f.painter.text(f.texts.admin_title, {t.x, t.y + t.h / 2 - f.px(64), t.w, f.px(72)}, f.px(56), theme::text,
                   Align::left, true);
    f.painter.text(f.texts.admin_hint, {t.x, t.y + t.h / 2 + f.px(12), t.w, f.px(44)}, f.px(30), theme::muted);

    const Rect field = l.notice;
    gui::fill_rounded(f.painter, field, f.px(20), theme::panel);
    const Rect inner = field.inset(f.px(18));
    const int half = inner.h / 2;
    std::string pin_dots;
    for (std::size_t i = 0; i < a.pin.size(); ++i) pin_dots += "\u25cf ";
    const std::string nip_line = std::string(f.texts.admin_nip) + ":  " + a.nip + (a.entering_pin ? "" : "_");
    const std::string pin_line =
        std::string(f.texts.admin_pin) + ":  " + (a.checking ? f.texts.admin_checking : pin_dots);
    f.painter.text(nip_line, {inner.x, inner.y, inner.w, half}, f.px(38), a.entering_pin ? theme::muted : theme::text,
                   Align::left, !a.entering_pin);
    f.painter.text(pin_line, {inner.x, inner.y + half, inner.w, half}, f.px(38),
                   a.entering_pin ? theme::text : theme::muted, Align::left, a.entering_pin);
    if (!a.error.empty())
        f.painter.text(admin_error_text(f.language(), a.error),
                       {field.x, field.y + field.h + f.px(12), field.w, f.px(56)}, f.px(34), theme::danger_text,
                       Align::left, true);

    for (const auto& b : l.buttons) {
        switch (b.target.kind) {
            case TargetKind::key_digit:
                draw_label_button(f, b.rect, theme::panel_light, theme::text, std::to_string(b.target.index), f.px(64));
                break;
            case TargetKind::key_erase:
                draw_label_button(f, b.rect, theme::panel, theme::text,
                                  gui::is_indonesian(f.language()) ? "Hapus" : "Erase", f.px(40));
                break;
            case TargetKind::key_ok:
                draw_label_button(f, b.rect, theme::go, theme::text, f.texts.ok, f.px(56));
                break;
            case TargetKind::key_cancel:
                draw_label_button(f, b.rect, button_dark, theme::text, f.texts.cancel, f.px(44));
                break;
            default:
                break;
        }
    }
}

}  // namespace antre::kiosk::detail
