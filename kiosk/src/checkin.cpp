// Check-in of an online booking at the kiosk (docs/booking.md "Check-in at the
// kiosk"): the citizen types the booking code on the screen's keyboard or shows its
// QR to the scanner; the server's booking_checkin issues the ticket with its
// "Daring" mark, shown and printed like any ticket, or says why not.
#include <algorithm>
#include <cctype>

#include "antre/booking_code.hpp"
#include "antre/errors.hpp"
#include "state_parts.hpp"

namespace antre::kiosk {

using detail::show;

std::string booking_code_in(const std::string& text) {
    std::string t = text;
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    while (!t.empty() && t.back() == '/') t.pop_back();  // ".../booking/K7QM4XRP/"
    std::string lower = t;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("/t/") != std::string::npos) return {};  // a ticket's link: "Cek nomor"'s
    if (auto whole = normalize_booking_code(t); !whole.empty()) return whole;
    // What follows the last separator of a link or a label; then the last word alone.
    const auto mark = t.find_last_of("/=#:?&");
    if (mark != std::string::npos)
        if (auto tail = normalize_booking_code(t.substr(mark + 1)); !tail.empty()) return tail;
    const auto space = t.find_last_of(" \t");
    if (space != std::string::npos) return normalize_booking_code(t.substr(space + 1));
    return {};
}

std::string spaced_booking_code(const std::string& code) {
    return code.size() > booking_code_length / 2
               ? code.substr(0, booking_code_length / 2) + "-" + code.substr(booking_code_length / 2)
               : code;
}

bool takes_bookings(const KioskState& s) {
    return std::any_of(s.services.begin(), s.services.end(), [](const ServiceView& v) { return v.takes_bookings; });
}

Command apply_checkin_reply(KioskState& s, const Reply& reply, Millis now) {
    if (reply.ok && reply.body.contains("ticket") && reply.body["ticket"].is_object())
        return apply_issue_reply(s, reply, now);  // the ticket exists: shown even when it comes late
    if (s.screen != Screen::checkin_waiting) return {};
    s.checkin.refusal_code = reply.ok ? std::string(errc::internal_error) : reply.code;
    s.checkin.refusal_message = reply.ok ? "" : reply.message;
    show(s, Screen::checkin_refused, now);
    return {};
}

namespace detail {

void open_checkin(KioskState& s, Millis now) {
    s.checkin = BookingCheckin{};
    show(s, Screen::checkin_entry, now);
}

Command send_checkin(KioskState& s, std::string code, Millis now) {
    s.checkin.typed.clear();
    s.checkin.refusal_code.clear();
    s.checkin.refusal_message.clear();
    if (code.empty()) {
        s.checkin.refusal_code = "unreadable";
        show(s, Screen::checkin_refused, now);
        return {};
    }
    s.checkin.sent = code;
    s.priority = Priority::none;  // a booked ticket has no priority group; the language stays for it
    show(s, Screen::checkin_waiting, now);
    Command c;
    c.kind = Command::Kind::booking_checkin;
    c.code = code;
    return c;
}

void type_code(KioskState& s, char c) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (booking_code_alphabet.find(c) == std::string_view::npos) return;
    if (s.checkin.typed.size() < booking_code_length) s.checkin.typed.push_back(c);
}

Command tap_checkin(KioskState& s, const Target& t, Millis now) {
    auto& typed = s.checkin.typed;
    if (s.screen == Screen::checkin_refused) {
        if (t.kind == TargetKind::checkin_retry) {
            open_checkin(s, now);
        } else if (t.kind == TargetKind::walk_in || t.kind == TargetKind::dismiss) {
            s.checkin = BookingCheckin{};
            settle(s, now);
        }
        return {};
    }
    if (s.screen != Screen::checkin_entry) return {};
    switch (t.kind) {
        case TargetKind::code_key:
            if (t.index >= 0 && t.index < static_cast<int>(booking_code_alphabet.size()))
                type_code(s, booking_code_alphabet[static_cast<std::size_t>(t.index)]);
            return {};
        case TargetKind::key_erase:
            if (!typed.empty()) typed.pop_back();
            return {};
        case TargetKind::key_ok:
            // An incomplete code is not sent: the field shows how many characters are missing.
            return typed.size() == booking_code_length ? send_checkin(s, typed, now) : Command{};
        case TargetKind::back:
            s.checkin = BookingCheckin{};
            settle(s, now);
            return {};
        default:
            return {};
    }
}

void tick_checkin(KioskState& s, Millis now) {
    if (s.screen == Screen::checkin_refused && now - s.screen_since >= checkin_refusal_shown) {
        s.checkin = BookingCheckin{};
        reset_choices(s);
        settle(s, now);
    }
    if (s.screen == Screen::checkin_entry && now - std::max(s.last_input, s.screen_since) >= checkin_idle) {
        s.checkin = BookingCheckin{};
        reset_choices(s);
        settle(s, now);
    }
    // An unanswered check-in gives up as an unanswered tap does; a ticket answered
    // later is still shown (apply_checkin_reply).
    if (s.screen == Screen::checkin_waiting && now - s.screen_since >= s.timings.issue_guard) {
        s.checkin.refusal_code = errc::timeout;
        s.checkin.refusal_message.clear();
        show(s, Screen::checkin_refused, now);
    }
}

}  // namespace detail

}  // namespace antre::kiosk
