// The log-in screen: counter number, NIP and PIN, with a keypad for touch.
#include "antre/gui/shapes.hpp"
#include "antre/gui/text_wrap.hpp"
#include "antre/gui/theme.hpp"
#include "render_parts.hpp"

namespace antre::counter::render {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

void field(gui::Painter& p, const Layout& l, const Rect& label_box, const Rect& box, const std::string& label,
           const std::string& value, bool focused, bool editable) {
    p.text(label, label_box, l.px(19), theme::muted, Align::left, true);
    gui::fill_rounded(p, box, l.px(8), focused ? theme::accent : theme::panel_light);
    gui::fill_rounded(p, box.inset(focused ? l.px(3) : 1), l.px(7), theme::background);
    const Rect inside = box.inset(l.px(14));
    const std::string shown = value + (focused && editable ? "|" : "");
    p.text(shown, inside, l.px(30), theme::text, Align::left, true);
}

void message(gui::Painter& p, const ScreenState& s, const Layout& l) {
    const Texts& t = texts(s.language);
    std::string text;
    SDL_Color ink = theme::muted;
    bool bold = false;
    if (s.phase == Phase::signing_in) {
        text = s.login.link_reason.empty()
                   ? std::string(t.login_checking)
                   : std::string(t.login_unreachable) + " (" + s.login.link_reason + ") \u00b7 " + t.login_cancel_hint;
        ink = theme::accent;
    } else if (!s.login.error.empty()) {
        text = s.login.error;
        ink = theme::danger_text;
        bold = true;
    } else if (!s.login.notice.empty()) {
        text = s.login.notice;
    }
    if (text.empty()) return;
    const Rect box = l.login_message;
    if (bold) {
        gui::fill_rounded(p, box, l.px(8), theme::danger);
        p.text(text, box.inset(l.px(10)), l.px(22), theme::text, Align::left, true);
        return;
    }
    const auto lines = gui::wrap_text(p, text, box.w, l.px(19));
    const int line_h = box.h / std::max<int>(1, std::min<int>(2, static_cast<int>(lines.size())));
    for (std::size_t i = 0; i < lines.size() && i < 2; ++i)
        p.text(lines[i], {box.x, box.y + static_cast<int>(i) * line_h, box.w, line_h}, l.px(19), ink);
}

}  // namespace

void draw_login(gui::Painter& p, const ScreenState& s, const Layout& l, Millis now) {
    const Texts& t = texts(s.language);
    top_bar(p, s, l, now);
    gui::fill_rounded(p, l.card, l.px(16), theme::panel);
    p.text(t.login_title, l.title, l.px(36), theme::text, Align::left, true);

    const bool editable = s.phase == Phase::login;
    const char* labels[3] = {t.login_counter, t.login_nip, t.login_pin};
    for (int i = 0; i < 3; ++i) {
        const auto which = static_cast<LoginField>(i);
        std::string value = i == 0 ? s.login.counter : i == 1 ? s.login.nip : std::string();
        if (which == LoginField::pin)
            for (std::size_t k = 0; k < s.login.pin.size(); ++k) value += "\u2022";
        const Rect& box = l.fields[i];
        field(p, l, {box.x, box.y - l.px(28), box.w, l.px(26)}, box, labels[i], value,
              editable && s.login.focus == which, editable);
    }
    message(p, s, l);

    for (const auto& b : l.buttons) {
        switch (b.target.kind) {
            case TargetKind::key_submit:
                if (b.target.index == 0) {
                    button(p, b.rect, t.login_submit, "Enter", editable, true, l.unit);
                } else {
                    // While the log-in is checked the key is off: grey words, like the other keys'.
                    gui::fill_rounded(p, b.rect, l.px(10), editable ? theme::accent : theme::panel_light);
                    p.text(t.ok, b.rect, l.px(30), editable ? theme::dark_text : theme::disabled_text, Align::center,
                           true);
                }
                break;
            case TargetKind::key_digit:
                gui::fill_rounded(p, b.rect, l.px(10), theme::panel_light);
                p.text(std::to_string(b.target.index), b.rect, l.px(36), editable ? theme::text : theme::disabled_text,
                       Align::center, true);
                break;
            case TargetKind::key_erase:
                gui::fill_rounded(p, b.rect, l.px(10), theme::panel_light);
                p.text("\u232b", b.rect, l.px(34), editable ? theme::text : theme::disabled_text, Align::center);
                break;
            default:
                break;
        }
    }
    const int foot_y = l.card.y + l.card.h + l.px(6);
    const Rect foot{l.card.x, foot_y, l.card.w, std::min(l.px(34), l.height - foot_y)};
    p.text(std::string(t.server) + " " + s.server + "   \u00b7   " + t.login_hint, foot, l.px(18), theme::muted,
           Align::center);
}

}  // namespace antre::counter::render
