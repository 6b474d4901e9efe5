#include "antre/counter/input.hpp"

#include <algorithm>
#include <cctype>

namespace antre::counter {

using json = nlohmann::json;

namespace {

std::string& field(LoginForm& f, LoginField which) {
    switch (which) {
        case LoginField::counter:
            return f.counter;
        case LoginField::nip:
            return f.nip;
        case LoginField::pin:
            return f.pin;
    }
    return f.nip;
}

std::size_t field_limit(LoginField which) {
    switch (which) {
        case LoginField::counter:
            return max_counter_digits;
        case LoginField::nip:
            return max_nip_chars;
        case LoginField::pin:
            return max_pin_digits;
    }
    return 0;
}

// Drops the last UTF-8 character (its continuation bytes too).
void erase_last(std::string& text) {
    while (!text.empty()) {
        const auto byte = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((byte & 0xC0) != 0x80) break;
    }
}

void type_digit(ScreenState& s, char digit) {
    if (s.phase != Phase::login) return;
    std::string& f = field(s.login, s.login.focus);
    if (f.size() < field_limit(s.login.focus)) f += digit;
    s.login.error.clear();
    s.login.notice.clear();
}

void move_focus(LoginForm& f, int step) {
    const int n = (static_cast<int>(f.focus) + step + 3) % 3;
    f.focus = static_cast<LoginField>(n);
}

bool only_digits(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

Commands submit_dialog(ScreenState& s, Millis now) {
    const auto rows = dialog_rows(s, now);
    const int pick = std::clamp(s.dialog.selected, 0, std::max(0, static_cast<int>(rows.size()) - 1));
    switch (s.dialog.kind) {
        case Dialog::none:
            return {};
        case Dialog::logout:
            return send(s, Action::logout, "logout", json::object(), now);
        case Dialog::transfer:
            if (rows.empty()) return {};
            return send(s, Action::transfer, "transfer", {{"service", rows[pick].value}}, now);
        case Dialog::pause:
            return send(s, Action::pause_resume, "pause", {{"reason", rows[pick].value}}, now);
        case Dialog::call_ticket: {
            const std::string label = rows.empty() ? normalize_label(s.dialog.input) : rows[pick].value;
            if (label.empty()) return {};
            return send(s, Action::call_ticket, "call", {{"ticket", label}}, now);
        }
    }
    return {};
}

Commands dialog_key(ScreenState& s, Key k, Millis now) {
    const int rows = static_cast<int>(dialog_rows(s, 0).size());
    switch (k) {
        case Key::escape:
            s.dialog = {};
            return {};
        case Key::enter:
            return submit_dialog(s, now);
        case Key::down:
        case Key::tab:
            s.dialog.selected = std::min(s.dialog.selected + 1, std::max(0, rows - 1));
            return {};
        case Key::up:
        case Key::back_tab:
            s.dialog.selected = std::max(s.dialog.selected - 1, 0);
            return {};
        case Key::backspace:
            erase_last(s.dialog.input);
            s.dialog.selected = 0;
            return {};
        default:
            return {};
    }
}

Commands dialog_text(ScreenState& s, std::string_view text, Millis now) {
    auto& d = s.dialog;
    // A row's key (a service's letter, a reason's digit) picks and sends it.
    const bool keyed = d.kind == Dialog::transfer || (d.kind == Dialog::pause && d.input.empty());
    if (keyed && text.size() == 1 && std::isalnum(static_cast<unsigned char>(text[0]))) {
        const std::string key(1, static_cast<char>(std::toupper(static_cast<unsigned char>(text[0]))));
        const auto rows = dialog_rows(s, 0);
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (rows[i].key == key) {
                d.selected = static_cast<int>(i);
                return submit_dialog(s, now);
            }
        if (d.kind == Dialog::transfer || std::isdigit(static_cast<unsigned char>(text[0]))) return {};
    }
    if (d.kind == Dialog::transfer) return {};
    if (d.kind == Dialog::call_ticket) {
        for (char c : text)
            if ((std::isalnum(static_cast<unsigned char>(c)) || c == '-') && d.input.size() < max_label_chars)
                d.input += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        d.selected = 0;
    } else if (d.kind == Dialog::pause) {
        if (d.input.size() + text.size() <= max_reason_chars) d.input += text;
        d.selected = static_cast<int>(pause_presets().size());  // the typed reason's row
    }
    return {};
}

}  // namespace

void toggle_language(ScreenState& s) { s.language = gui::other_language(s.language); }

Commands submit_login(ScreenState& s, Millis now) {
    (void)now;
    if (s.phase != Phase::login) return {};
    auto& f = s.login;
    const bool counter_ok = !f.counter.empty() && only_digits(f.counter) && std::stoi(f.counter) >= 1;
    const bool pin_ok = f.pin.size() >= 4 && f.pin.size() <= max_pin_digits && only_digits(f.pin);
    if (!counter_ok || f.nip.empty() || !pin_ok) {
        f.error = texts(s.language).login_missing;
        f.notice.clear();
        if (!counter_ok)
            f.focus = LoginField::counter;
        else if (f.nip.empty())
            f.focus = LoginField::nip;
        else
            f.focus = LoginField::pin;
        return {};
    }
    Command c = command(Command::Kind::sign_in);
    c.counter = std::stoi(f.counter);
    c.nip = f.nip;
    c.pin = f.pin;
    // A new session starts from nothing: only the server's snapshot fills the screen.
    const Language language = s.language;
    const std::string server = s.server;
    LoginForm form = f;
    s = ScreenState{};
    s.language = language;
    s.server = server;
    s.login = form;
    s.login.pin.clear();  // the client library holds it until the token replaces it
    s.login.error.clear();
    s.login.notice.clear();
    s.phase = Phase::signing_in;
    s.counter = c.counter;
    return {c};
}

Commands on_key(ScreenState& s, Key k, Millis now) {
    if (k == Key::f9) {
        toggle_language(s);
        return {};
    }
    if (s.phase == Phase::signing_in) {
        if (k != Key::escape) return {};
        s.phase = Phase::login;
        s.login.link_reason.clear();
        return {command(Command::Kind::cancel_sign_in)};
    }
    if (s.phase == Phase::login) {
        switch (k) {
            case Key::tab:
            case Key::down:
                move_focus(s.login, 1);
                return {};
            case Key::back_tab:
            case Key::up:
                move_focus(s.login, -1);
                return {};
            case Key::enter:
                return submit_login(s, now);
            case Key::backspace:
                erase_last(field(s.login, s.login.focus));
                return {};
            case Key::escape:
                s.login.error.clear();
                s.login.notice.clear();
                return {};
            default:
                return {};
        }
    }
    if (s.dialog.kind != Dialog::none) return dialog_key(s, k, now);
    if (k == Key::escape) {
        s.message.reset();
        return {};
    }
    if (auto a = action_for_key(k)) return trigger(s, *a, now);
    return {};
}

Commands on_text(ScreenState& s, std::string_view text, Millis now) {
    if (s.phase == Phase::login) {
        for (char c : text)
            if (std::isdigit(static_cast<unsigned char>(c))) type_digit(s, c);
        return {};
    }
    if (s.phase == Phase::working && s.dialog.kind != Dialog::none) return dialog_text(s, text, now);
    return {};
}

Commands on_tap(ScreenState& s, const Target& t, Millis now) {
    switch (t.kind) {
        case TargetKind::none:
            return {};
        case TargetKind::language:
            toggle_language(s);
            return {};
        case TargetKind::login_field:
            if (s.phase == Phase::login) s.login.focus = static_cast<LoginField>(t.index);
            return {};
        case TargetKind::key_digit:
            type_digit(s, static_cast<char>('0' + t.index));
            return {};
        case TargetKind::key_erase:
            if (s.phase == Phase::login) erase_last(field(s.login, s.login.focus));
            return {};
        case TargetKind::key_submit:
            return submit_login(s, now);
        case TargetKind::action:
            return trigger(s, static_cast<Action>(t.index), now);
        case TargetKind::dialog_row:
            s.dialog.selected = t.index;
            return submit_dialog(s, now);
        case TargetKind::dialog_ok:
            return submit_dialog(s, now);
        case TargetKind::dialog_cancel:
            s.dialog = {};
            return {};
    }
    return {};
}

}  // namespace antre::counter
