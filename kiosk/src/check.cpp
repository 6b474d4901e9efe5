#include "antre/kiosk/check.hpp"

#include <algorithm>
#include <cctype>

#include "antre/booking_code.hpp"
#include "state_parts.hpp"

namespace antre::kiosk {

using json = nlohmann::json;
using detail::show;

namespace {

constexpr std::size_t max_scanned = 256;  // a link is under 100 characters
constexpr std::size_t max_typed = 10;     // "ABCD-123456"

bool is_code(const std::string& text) {
    if (text.size() != 16) return false;
    for (const char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) return false;
    return true;
}

// A letter prefix and digits, with a space or '-' between them at most.
bool is_label(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    if (i == 0 || i > 4) return false;
    if (i < text.size() && (text[i] == '-' || text[i] == ' ')) ++i;
    const std::size_t digits = text.size() - i;
    if (digits == 0 || digits > 6) return false;
    for (; i < text.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    return true;
}

// The screens where a scan is taken: nothing else is going on there.
bool takes_keys(Screen screen) {
    return screen == Screen::home || screen == Screen::check_entry || screen == Screen::check_result ||
           screen == Screen::checkin_entry || screen == Screen::checkin_refused;
}

Command ask(KioskState& s, const CheckQuery& q, Millis now) {
    s.check.scanned.clear();
    s.check.result.reset();
    s.check.error.clear();
    if (q.code.empty() && q.label.empty()) {
        s.check.error = "unreadable";
        show(s, Screen::check_result, now);
        return {};
    }
    s.check.asked = q.code.empty() ? q.label : "QR";
    show(s, Screen::check_waiting, now);
    Command c;
    c.kind = Command::Kind::check_ticket;
    c.code = q.code;
    c.label = q.label;
    return c;
}

std::string names(const json& j, const char* field) {
    return j.is_object() && j.contains(field) && j[field].is_string() ? j[field].get<std::string>() : "";
}

}  // namespace

CheckQuery check_query(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const std::string t = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    // A link "{public_base_url}/t/{code}", maybe typed with Caps Lock by a scanner.
    std::string lower = t;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (const auto at = lower.rfind("/t/"); at != std::string::npos) {
        const std::string code = lower.substr(at + 3, lower.find_first_of("/?#", at + 3) - (at + 3));
        return is_code(code) ? CheckQuery{code, ""} : CheckQuery{};
    }
    return is_label(t) ? CheckQuery{"", t} : CheckQuery{};
}

CheckedTicket checked_ticket(const json& j) {
    CheckedTicket t;
    if (!j.is_object()) return t;
    t.label = j.value("label", "");
    const json none = json::object();
    const json& service = j.contains("service") ? j["service"] : none;
    t.service_name_id = names(service, "name_id");
    t.service_name_en = names(service, "name_en");
    t.state = j.value("state", "");
    if (j.contains("counter_name") && j["counter_name"].is_string())
        t.counter_name = j["counter_name"].get<std::string>();
    if (j.contains("people_ahead") && j["people_ahead"].is_number_integer())
        t.people_ahead = j["people_ahead"].get<int>();
    t.soon = j.contains("soon") && j["soon"].is_boolean() && j["soon"].get<bool>();
    if (j.contains("estimated_call_time") && j["estimated_call_time"].is_string())
        t.estimated_call_time = j["estimated_call_time"].get<std::string>();
    if (j.contains("transferred_to")) {
        t.transferred_id = names(j["transferred_to"], "name_id");
        t.transferred_en = names(j["transferred_to"], "name_en");
    }
    return t;
}

void scanner_text(KioskState& s, const std::string& text, Millis now) {
    if (!takes_keys(s.screen)) return;
    auto& c = s.check;
    if (now - c.scanned_at > scan_key_gap) c.scanned.clear();
    c.scanned_at = now;
    s.last_input = now;
    if (c.scanned.size() + text.size() <= max_scanned) c.scanned += text;
    // A keyboard on the keypad screen types into the number's field too.
    if (s.screen == Screen::check_entry)
        for (const char ch : text)
            if (std::isalnum(static_cast<unsigned char>(ch)) && c.typed.size() < max_typed)
                c.typed.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    // And on the check-in's keyboard into the booking code, in its alphabet.
    if (s.screen == Screen::checkin_entry)
        for (const char ch : text) detail::type_code(s, ch);
}

Command scanner_enter(KioskState& s, Millis now) {
    if (!takes_keys(s.screen)) return {};
    s.last_input = now;
    const bool fresh = !s.check.scanned.empty() && now - s.check.scanned_at <= scan_key_gap;
    // A booking's QR checks in wherever a scan is taken (docs/booking.md "Check-in at the kiosk").
    if (fresh)
        if (auto code = booking_code_in(s.check.scanned); !code.empty()) {
            s.check.scanned.clear();
            return detail::send_checkin(s, code, now);
        }
    if (s.screen == Screen::checkin_entry || s.screen == Screen::checkin_refused) {
        s.check.scanned.clear();
        // Keys in a scanner's burst that hold no code are another barcode, even where
        // some of them landed in the field (a product's digits are code characters).
        if (fresh) return detail::send_checkin(s, "", now);
        if (s.screen == Screen::checkin_entry && s.checkin.typed.size() == booking_code_length)
            return detail::send_checkin(s, s.checkin.typed, now);
        return {};
    }
    if (fresh && check_query(s.check.scanned).code.size() > 0) return ask(s, check_query(s.check.scanned), now);
    if (s.screen == Screen::check_entry && !s.check.typed.empty()) return ask(s, {"", s.check.typed}, now);
    if (!fresh) return {};
    return ask(s, check_query(s.check.scanned), now);
}

void apply_check_reply(KioskState& s, const Reply& reply, Millis now) {
    if (s.screen != Screen::check_waiting) return;
    if (reply.ok && reply.body.contains("status") && reply.body["status"].is_object()) {
        s.check.result = checked_ticket(reply.body["status"]);
        s.check.error.clear();
    } else {
        s.check.error = reply.ok ? "internal_error" : reply.code;
    }
    show(s, Screen::check_result, now);
}

namespace detail {

void open_check(KioskState& s, Millis now) {
    s.check = TicketCheck{};
    show(s, Screen::check_entry, now);
}

Command tap_check(KioskState& s, const Target& t, Millis now) {
    auto& typed = s.check.typed;
    if (s.screen == Screen::check_result) {
        settle(s, now);
        return {};
    }
    if (s.screen != Screen::check_entry) return {};
    switch (t.kind) {
        case TargetKind::check_letter:
            if (t.index >= 0 && t.index < static_cast<int>(s.services.size()))
                typed = s.services[static_cast<std::size_t>(t.index)].prefix + "-";
            return {};
        case TargetKind::key_digit:
            if (t.index >= 0 && t.index <= 9 && typed.size() < max_typed)
                typed.push_back(static_cast<char>('0' + t.index));
            return {};
        case TargetKind::key_erase:
            if (!typed.empty()) typed.pop_back();
            if (!typed.empty() && typed.back() == '-') typed.pop_back();
            return {};
        case TargetKind::key_ok:
            return typed.empty() ? Command{} : ask(s, {"", typed}, now);
        case TargetKind::back:
            settle(s, now);
            return {};
        default:
            return {};
    }
}

void tick_check(KioskState& s, Millis now) {
    const Millis on_screen = now - s.screen_since;
    if (s.screen == Screen::check_result && on_screen >= check_result_shown) settle(s, now);
    if (s.screen == Screen::check_entry && now - std::max(s.last_input, s.screen_since) >= check_idle) settle(s, now);
    // check_waiting ends with the reply: the client's timeout answers it at the latest.
}

}  // namespace detail

}  // namespace antre::kiosk
