// Feedback mode: the kiosk program as the small screen on a counter's desk. A
// ticket that counter finishes brings up four faces; a touch rates it once.
#include "antre/errors.hpp"
#include "state_parts.hpp"

namespace antre::kiosk {

using json = nlohmann::json;

namespace detail {

namespace {

bool in_survey(Screen screen) {
    return screen == Screen::survey_service || screen == Screen::survey_question || screen == Screen::survey_profile ||
           screen == Screen::survey_note || screen == Screen::survey_sending;
}

}  // namespace

void apply_feedback_event(KioskState& s, const json& event, Millis now) {
    if (s.feedback_counter == 0 || !event.contains("ticket") || !event["ticket"].is_object()) return;
    const auto& ticket = event["ticket"];
    const auto id = ticket.value("id", std::int64_t{0});
    if (event.value("event", "") == "ticket_rated") {
        // Rated elsewhere (a web page, another screen): nothing left to ask.
        if (s.rating && s.rating->ticket_id == id && s.rating->chosen == 0) {
            s.rating.reset();
            if (s.screen == Screen::rating) settle(s, now);
        }
        return;
    }
    if (event.value("counter", 0) != s.feedback_counter) return;
    // A newer finish replaces the one still waiting: its citizen has gone.
    s.rating = RatingPrompt{id, ticket.value("label", ""), ticket.value("service", event.value("service", "")), now, 0};
    s.language = s.default_language;
    // A survey in progress or the operator's keypad keeps the screen; settle() shows
    // the prompt afterwards if it is still fresh.
    if (in_survey(s.screen) || s.screen == Screen::admin || s.screen == Screen::offline) return;
    s.last_input = now;
    show(s, Screen::rating, now);
}

void apply_desk_counter(KioskState& s, const json& counter) {
    if (s.feedback_counter == 0 || !counter.is_object()) return;
    const auto number = counter.find("number");
    if (number == counter.end() || !number->is_number_integer() || number->get<int>() != s.feedback_counter) return;
    s.desk_ticket.reset();
    const auto active = counter.find("active");
    if (active == counter.end() || !active->is_object()) return;
    const auto label = active->find("label");
    const auto status = active->find("status");
    if (label == active->end() || !label->is_string() || label->get<std::string>().empty()) return;
    const std::string state = status != active->end() && status->is_string() ? status->get<std::string>() : "";
    if (state != "called" && state != "serving") return;
    s.desk_ticket = DeskTicket{label->get<std::string>(), state == "serving"};
}

Command tap_feedback(KioskState& s, const Target& t, Millis now) {
    switch (s.screen) {
        case Screen::feedback_idle:
            if (t.kind == TargetKind::survey_open) open_survey(s, false, now);
            return {};
        case Screen::rating: {
            if (t.kind != TargetKind::rate || t.index < 1 || t.index > 4 || !s.rating || s.rating->chosen != 0)
                return {};
            s.rating->chosen = t.index;
            s.screen_since = now;  // the wait for the answer starts
            Command c;
            c.kind = Command::Kind::rate;
            c.ticket = s.rating->ticket_id;
            c.rating = t.index;
            c.counter = s.feedback_counter;
            return c;
        }
        case Screen::thanks:
            if (t.kind == TargetKind::survey_open && s.submission == Submission::rating) {
                open_survey(s, !s.rated_service.empty(), now);
                return {};
            }
            if (now - s.screen_since < s.timings.ticket_tap_guard) return {};  // the rating's own second tap
            reset_choices(s);
            settle(s, now);
            return {};
        case Screen::not_saved:
            settle(s, now);
            return {};
        default:
            return {};
    }
}

void tick_feedback(KioskState& s, Millis now) {
    const Millis on_screen = now - s.screen_since;
    const Millis idle = now - s.last_input;
    switch (s.screen) {
        case Screen::feedback_idle:
            if (s.language != s.default_language && idle >= s.timings.choice_idle) reset_choices(s);
            break;
        case Screen::rating:
            if (!s.rating) return settle(s, now);
            if (s.rating->chosen == 0 && now - s.rating->since >= s.timings.rating_prompt) {
                // Nobody answered: nothing is sent.
                s.rating.reset();
                reset_choices(s);
                settle(s, now);
            } else if (s.rating->chosen != 0 && on_screen >= s.timings.issue_guard) {
                s.rating.reset();
                s.submission = Submission::rating;
                s.refusal_code = errc::timeout;
                show(s, Screen::not_saved, now);
            }
            break;
        case Screen::survey_service:
        case Screen::survey_question:
        case Screen::survey_profile:
        case Screen::survey_note:
            if (idle >= s.timings.survey_idle) {
                s.survey = SurveyEntry{};
                reset_choices(s);
                settle(s, now);
            }
            break;
        case Screen::survey_sending:
            if (on_screen >= s.timings.issue_guard) {
                s.submission = Submission::survey;
                s.refusal_code = errc::timeout;
                show(s, Screen::not_saved, now);
            }
            break;
        default:
            break;
    }
}

}  // namespace detail

void enter_feedback_mode(KioskState& s, int counter) {
    s.feedback_counter = counter;
    s.counter_name = "Loket " + std::to_string(counter);
}

void apply_rating_reply(KioskState& s, std::int64_t ticket_id, const Reply& reply, Millis now) {
    // A newer finish took the screen meanwhile: this answer is about a citizen who has gone.
    if (!s.rating || s.rating->ticket_id != ticket_id || s.rating->chosen == 0) return;
    const RatingPrompt done = *s.rating;
    s.rating.reset();
    s.submission = Submission::rating;
    s.refusal_code.clear();
    s.refusal_message.clear();
    // Already rated (say, from a web page): the citizen's opinion is on record either way.
    if (reply.ok || reply.code == errc::already_exists) {
        s.already_rated = !reply.ok;
        s.rated_service = done.service;
        detail::show(s, Screen::thanks, now);
        return;
    }
    s.refusal_code = reply.code;
    s.refusal_message = reply.message;
    detail::show(s, Screen::not_saved, now);
}

}  // namespace antre::kiosk
