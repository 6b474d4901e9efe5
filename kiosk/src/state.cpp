#include "antre/kiosk/state.hpp"

#include <algorithm>

#include "antre/errors.hpp"
#include "state_parts.hpp"

namespace antre::kiosk {

using json = nlohmann::json;

namespace {

constexpr std::size_t max_nip_digits = 20;
constexpr std::size_t max_pin_digits = 12;

using detail::reset_choices;
using detail::show;

Command issue_now(KioskState& s, Millis now) {
    show(s, Screen::issuing, now);
    Command c;
    c.kind = Command::Kind::issue;
    c.service = s.issuing_service;
    c.priority = s.priority;
    return c;
}

Command tap_home(KioskState& s, const Target& t, Millis now) {
    switch (t.kind) {
        case TargetKind::service: {
            if (t.index < 0 || t.index >= static_cast<int>(s.services.size())) return {};
            const auto& service = s.services[static_cast<std::size_t>(t.index)];
            if (availability(service) != Availability::available) return {};
            s.issuing_service = service.code;
            // Honesty at the door: a number that will likely not be served today is
            // taken only when the citizen says so.
            if (const auto* door = door_for(service, s.priority); door && door->past_closing) {
                show(s, Screen::late, now);
                return {};
            }
            return issue_now(s, now);
        }
        case TargetKind::priority_open:
            show(s, Screen::priority, now);
            return {};
        case TargetKind::priority_cancel:
            s.priority = Priority::none;
            return {};
        case TargetKind::survey_open:
            detail::open_survey(s, false, now);
            return {};
        case TargetKind::check_open:
            detail::open_check(s, now);
            return {};
        case TargetKind::checkin_open:
            if (takes_bookings(s)) detail::open_checkin(s, now);
            return {};
        default:
            return {};
    }
}

Command tap_priority(KioskState& s, const Target& t, Millis now) {
    if (t.kind == TargetKind::priority_group && t.index >= 1 && t.index <= 4) {
        s.priority = static_cast<Priority>(t.index);
        show(s, Screen::home, now);
    } else if (t.kind == TargetKind::back) {
        s.priority = Priority::none;
        show(s, Screen::home, now);
    }
    return {};
}

void leave_admin(KioskState& s, Millis now) {
    s.admin = AdminEntry{};
    settle(s, now);
}

Command tap_admin(KioskState& s, const Target& t, Millis now) {
    auto& a = s.admin;
    if (a.checking) return {};
    std::string& field = a.entering_pin ? a.pin : a.nip;
    switch (t.kind) {
        case TargetKind::key_digit:
            if (field.size() < (a.entering_pin ? max_pin_digits : max_nip_digits) && t.index >= 0 && t.index <= 9)
                field.push_back(static_cast<char>('0' + t.index));
            a.error.clear();
            return {};
        case TargetKind::key_erase:
            if (!field.empty())
                field.pop_back();
            else if (a.entering_pin)
                a.entering_pin = false;
            return {};
        case TargetKind::key_cancel:
            leave_admin(s, now);
            return {};
        case TargetKind::key_ok: {
            if (!a.entering_pin) {
                if (!a.nip.empty()) a.entering_pin = true;
                return {};
            }
            if (a.pin.empty()) return {};
            a.checking = true;
            a.error.clear();
            Command c;
            c.kind = Command::Kind::verify_admin;
            c.nip = a.nip;
            c.pin = a.pin;
            return c;
        }
        default:
            return {};
    }
}

}  // namespace

namespace detail {

void show(KioskState& s, Screen screen, Millis now) {
    s.screen = screen;
    s.screen_since = now;
}

void reset_choices(KioskState& s) {
    s.priority = Priority::none;
    s.language = s.default_language;
}

}  // namespace detail

// Nothing going on: the offline notice without a link; otherwise the home screen,
// or in feedback mode a rating still waiting for its citizen, else the idle screen.
void settle(KioskState& s, Millis now) {
    if (!s.connected || !s.has_snapshot) return show(s, Screen::offline, now);
    if (s.feedback_counter == 0) return show(s, Screen::home, now);
    if (s.rating && s.rating->chosen == 0 && now - s.rating->since < s.timings.rating_prompt)
        return show(s, Screen::rating, now);
    s.rating.reset();
    show(s, Screen::feedback_idle, now);
}

Availability availability(const ServiceView& s) {
    if (s.closed) return Availability::closed;
    if (s.quota_left && *s.quota_left <= 0) return Availability::quota_used_up;
    if (!s.open_now) return Availability::outside_hours;
    return Availability::available;
}

const DoorEstimate* door_for(const ServiceView& s, Priority priority) {
    const auto& door = priority != Priority::none && s.door_priority ? s.door_priority : s.door_regular;
    return door ? &*door : nullptr;
}

int estimated_wait_for(const ServiceView& s, Priority priority) {
    if (priority != Priority::none && s.priority_estimated_wait_s) return *s.priority_estimated_wait_s;
    return s.waiting > 0 ? s.estimated_wait_s : 0;
}

Millis ticket_shown_for(const KioskState& s) {
    return s.print_status == PrintStatus::failed ? std::max(s.timings.ticket_shown, s.timings.unprinted_ticket_shown)
                                                 : s.timings.ticket_shown;
}

int find_service(const KioskState& s, const std::string& code) {
    for (std::size_t i = 0; i < s.services.size(); ++i)
        if (s.services[i].code == code) return static_cast<int>(i);
    return -1;
}

void apply_snapshot(KioskState& s, const json& snapshot, Millis now) {
    if (!snapshot.is_object()) return;
    if (snapshot.contains("office") && snapshot["office"].is_object()) {
        const auto& office = snapshot["office"];
        s.office_name = office.value("name", s.office_name);
        s.time_zone = office.value("time_zone", s.time_zone);
        if (office.contains("now") && office["now"].is_number_integer())
            s.clock_offset = office["now"].get<Millis>() - now;
        if (s.language_from_office) {
            const auto lang = gui::parse_language(office.value("language", "id")).value_or(Language::id);
            if (s.language == s.default_language) s.language = lang;
            s.default_language = lang;
        }
    }
    s.services.clear();
    if (snapshot.contains("services") && snapshot["services"].is_array())
        for (const auto& j : snapshot["services"])
            if (j.is_object()) s.services.push_back(detail::service_from_json(j));
    s.desk_ticket.reset();
    if (snapshot.contains("counters") && snapshot["counters"].is_array())
        for (const auto& c : snapshot["counters"])
            if (c.is_object() && c.value("number", 0) == s.feedback_counter && s.feedback_counter > 0) {
                s.counter_name = c.value("name", s.counter_name);
                detail::apply_desk_counter(s, c);
            }
    s.has_snapshot = true;
}

void apply_event(KioskState& s, const json& event, Millis now) {
    const auto type = event.value("event", "");
    if (type == "snapshot") return apply_snapshot(s, event.value("snapshot", json::object()), now);
    // Every counter event carries the counter's record after the change.
    if (event.contains("counter_state")) detail::apply_desk_counter(s, event["counter_state"]);
    if (type == "ticket_finished" || type == "ticket_rated") return detail::apply_feedback_event(s, event, now);
    if (type != "queue_changed" || !event.contains("services") || !event["services"].is_array()) return;
    for (const auto& j : event["services"]) {
        if (!j.is_object()) continue;
        auto view = detail::service_from_json(j);
        const int at = find_service(s, view.code);
        if (at < 0)
            s.services.push_back(std::move(view));
        else
            s.services[static_cast<std::size_t>(at)] = std::move(view);
    }
}

void apply_connection(KioskState& s, ConnectionState state, const std::string& reason, Millis now) {
    if (state == ConnectionState::ready) {
        s.connected = true;
        s.offline_reason.clear();
        if (s.screen == Screen::offline) settle(s, now);
        return;
    }
    s.connected = false;
    // Whatever the kiosk knew is stale from now on; the reconnect brings a new snapshot.
    s.has_snapshot = false;
    s.offline_reason = reason;
    // An acknowledged ticket stays on screen, a pending tap waits for its failure,
    // and the operator's keypad stays open; everything else shows the notice.
    // A rating prompt or a survey stays: what is sent waits for the reconnect.
    if (s.screen == Screen::home || s.screen == Screen::priority || s.screen == Screen::late ||
        s.screen == Screen::refused || s.screen == Screen::feedback_idle || s.screen == Screen::not_saved ||
        s.screen == Screen::check_entry || s.screen == Screen::check_result || s.screen == Screen::checkin_entry ||
        s.screen == Screen::checkin_refused) {
        s.checkin = BookingCheckin{};
        reset_choices(s);
        show(s, Screen::offline, now);
    }
}

Command tap(KioskState& s, const Target& target, Millis now) {
    s.last_input = now;
    if (target.kind == TargetKind::language && has_language_button(s.screen)) {
        s.language = gui::other_language(s.language);
        return {};
    }
    switch (s.screen) {
        case Screen::home:
            return tap_home(s, target, now);
        case Screen::priority:
            return tap_priority(s, target, now);
        case Screen::late:
            if (target.kind == TargetKind::late_take) return issue_now(s, now);
            if (target.kind == TargetKind::late_cancel) {
                reset_choices(s);
                settle(s, now);
            }
            return {};
        case Screen::admin:
            return tap_admin(s, target, now);
        case Screen::ticket:
            // The second tap of a double tap must not hide the number it just produced.
            if (now - s.screen_since < s.timings.ticket_tap_guard) return {};
            reset_choices(s);
            settle(s, now);
            return {};
        case Screen::refused:
            settle(s, now);
            return {};
        case Screen::offline:
        case Screen::issuing:
            return {};
        case Screen::feedback_idle:
        case Screen::rating:
        case Screen::thanks:
        case Screen::not_saved:
            return detail::tap_feedback(s, target, now);
        case Screen::survey_service:
        case Screen::survey_question:
        case Screen::survey_profile:
        case Screen::survey_note:
        case Screen::survey_sending:
            return detail::tap_survey(s, target, now);
        case Screen::check_entry:
        case Screen::check_waiting:
        case Screen::check_result:
            return detail::tap_check(s, target, now);
        case Screen::checkin_entry:
        case Screen::checkin_waiting:
        case Screen::checkin_refused:
            return detail::tap_checkin(s, target, now);
    }
    return {};
}

Command apply_issue_reply(KioskState& s, const Reply& reply, Millis now) {
    if (reply.ok && reply.body.contains("ticket") && reply.body["ticket"].is_object()) {
        // An acknowledged ticket is shown even when it comes late: it exists.
        const auto& j = reply.body["ticket"];
        IssuedTicket t;
        t.id = j.value("id", std::int64_t{0});
        t.label = j.value("label", "");
        t.service = j.value("service", "");
        t.priority = parse_priority(j.value("priority", "none")).value_or(Priority::none);
        t.people_ahead = j.value("people_ahead", 0);
        if (j.contains("estimated_wait_s") && j["estimated_wait_s"].is_number_integer())
            t.estimated_wait_s = j["estimated_wait_s"].get<int>();
        if (j.contains("estimated_call_from") && j["estimated_call_from"].is_number_integer() &&
            j.contains("estimated_call_to") && j["estimated_call_to"].is_number_integer()) {
            t.estimated_call_from = j["estimated_call_from"].get<Millis>();
            t.estimated_call_to = j["estimated_call_to"].get<Millis>();
        }
        t.issued_at = j.value("issued_at", Millis{0});
        if (reply.body.contains("link") && reply.body["link"].is_string())
            t.link = reply.body["link"].get<std::string>();
        detail::read_booking(t, j, reply.body);
        t.service_name_id = t.service;
        t.service_name_en = t.service;
        if (const int at = find_service(s, t.service); at >= 0) {
            t.service_name_id = s.services[static_cast<std::size_t>(at)].name_id;
            t.service_name_en = s.services[static_cast<std::size_t>(at)].name_en;
        }
        s.ticket = t;
        s.print_status = s.printer_configured ? PrintStatus::printing : PrintStatus::none;
        s.print_error.clear();
        s.issuing_service.clear();
        show(s, Screen::ticket, now);
        Command c;
        c.kind = s.printer_configured ? Command::Kind::print : Command::Kind::none;
        return c;
    }
    if (s.screen != Screen::issuing) return {};
    s.refusal_code = reply.ok ? std::string(errc::internal_error) : reply.code;
    s.refusal_message = reply.message;
    // The refusal is news about the service: show it at once, before the next update.
    if (const int at = find_service(s, s.issuing_service); at >= 0) {
        auto& v = s.services[static_cast<std::size_t>(at)];
        if (reply.code == errc::quota_reached) v.quota_left = 0;
        if (reply.code == errc::service_closed) v.open_now = false;
    }
    show(s, Screen::refused, now);
    return {};
}

void apply_print_result(KioskState& s, std::int64_t ticket_id, bool ok, const std::string& error) {
    if (ok)
        s.printer_problem.clear();
    else
        s.printer_problem = error;
    if (!s.ticket || s.ticket->id != ticket_id) return;
    s.print_status = ok ? PrintStatus::printed : PrintStatus::failed;
    s.print_error = error;
}

void open_admin(KioskState& s, Millis now) {
    if (s.screen == Screen::admin || s.screen == Screen::issuing) return;
    s.admin = AdminEntry{};
    s.last_input = now;
    show(s, Screen::admin, now);
}

void apply_admin_result(KioskState& s, const std::string& code, Millis now) {
    if (s.screen != Screen::admin) return;
    s.admin.checking = false;
    s.last_input = now;
    if (code.empty()) {
        s.exit_requested = true;
        return;
    }
    s.admin.error = code;
    s.admin.pin.clear();
}

void tick(KioskState& s, Millis now) {
    const Millis on_screen = now - s.screen_since;
    const Millis idle = now - s.last_input;
    switch (s.screen) {
        case Screen::ticket:
        case Screen::thanks:
            if (on_screen >= (s.screen == Screen::ticket ? ticket_shown_for(s) : s.timings.thanks_shown)) {
                reset_choices(s);
                settle(s, now);
            }
            break;
        case Screen::refused:
        case Screen::not_saved:
            if (on_screen >= s.timings.refused_shown) settle(s, now);
            break;
        case Screen::late:
            if (idle >= s.timings.choice_idle) {
                reset_choices(s);
                settle(s, now);
            }
            break;
        case Screen::priority:
        case Screen::home:
        case Screen::offline:
            if ((s.priority != Priority::none || s.language != s.default_language || s.screen == Screen::priority) &&
                idle >= s.timings.choice_idle) {
                reset_choices(s);
                if (s.screen == Screen::priority) settle(s, now);
            }
            break;
        case Screen::admin:
            if (!s.admin.checking && idle >= s.timings.admin_idle) leave_admin(s, now);
            break;
        case Screen::issuing:
            if (on_screen >= s.timings.issue_guard) {
                s.refusal_code = errc::timeout;
                s.refusal_message.clear();
                show(s, Screen::refused, now);
            }
            break;
        case Screen::check_entry:
        case Screen::check_waiting:
        case Screen::check_result:
            detail::tick_check(s, now);
            break;
        case Screen::checkin_entry:
        case Screen::checkin_waiting:
        case Screen::checkin_refused:
            detail::tick_checkin(s, now);
            break;
        default:
            detail::tick_feedback(s, now);
            break;
    }
}

bool has_language_button(Screen screen) {
    switch (screen) {
        case Screen::home:
        case Screen::priority:
        case Screen::offline:
        case Screen::feedback_idle:
        case Screen::rating:
        case Screen::survey_service:
        case Screen::survey_question:
        case Screen::survey_profile:
        case Screen::survey_note:
        case Screen::checkin_entry:
            return true;
        default:
            return false;
    }
}

}  // namespace antre::kiosk
