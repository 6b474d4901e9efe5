// The SKM survey of PermenPANRB 14/2017 on the kiosk: an optional service, then
// the nine unsur one per screen, four answers each, then the respondent's profile
// and a saran/pengaduan (survey_profile.cpp, both optional), then one anonymous `survey`.
#include "antre/errors.hpp"
#include "state_parts.hpp"

namespace antre::kiosk {

namespace detail {

namespace {

void end_survey(KioskState& s, Millis now) {
    s.survey = SurveyEntry{};
    settle(s, now);
}

void first_question(KioskState& s, Millis now) {
    s.survey.question = 0;
    show(s, Screen::survey_question, now);
}

}  // namespace

Command survey_command(const SurveyEntry& v) {
    Command c;
    c.kind = Command::Kind::submit_survey;
    c.service = v.service;
    c.answers.assign(v.answers.begin(), v.answers.end());
    c.profile = v.profile;
    // Spaces around the saran say nothing; a saran of spaces only is no saran.
    const auto first = v.note.find_first_not_of(' ');
    if (first != std::string::npos) c.note = v.note.substr(first, v.note.find_last_not_of(' ') + 1 - first);
    return c;
}

void open_survey(KioskState& s, bool service_known, Millis now) {
    s.survey = SurveyEntry{};
    s.last_input = now;
    if (service_known || s.services.empty()) {
        s.survey.service = service_known ? s.rated_service : "";
        return first_question(s, now);
    }
    s.survey.asked_service = true;
    show(s, Screen::survey_service, now);
}

Command tap_survey(KioskState& s, const Target& t, Millis now) {
    auto& v = s.survey;
    if (s.screen == Screen::survey_sending) return {};
    if (t.kind == TargetKind::survey_cancel) {
        end_survey(s, now);
        return {};
    }
    if (s.screen == Screen::survey_profile || s.screen == Screen::survey_note) return tap_survey_more(s, t, now);
    if (s.screen == Screen::survey_service) {
        if (t.kind == TargetKind::survey_service && t.index >= 0 && t.index < static_cast<int>(s.services.size())) {
            v.service = s.services[static_cast<std::size_t>(t.index)].code;
            first_question(s, now);
        } else if (t.kind == TargetKind::survey_skip) {
            v.service.clear();
            first_question(s, now);
        }
        return {};
    }
    const auto q = static_cast<std::size_t>(v.question);
    switch (t.kind) {
        case TargetKind::survey_answer:
            if (t.index >= 1 && t.index <= 4) v.answers[q] = t.index;
            return {};
        case TargetKind::survey_next:
            if (v.answers[q] == 0) return {};  // the button is grey until an answer is chosen
            if (v.question + 1 < survey_questions) {
                ++v.question;
                s.screen_since = now;
                return {};
            }
            open_profile(s, 0, now);
            return {};
        case TargetKind::survey_back:
            if (v.question > 0) {
                --v.question;
                s.screen_since = now;
            } else if (v.asked_service) {
                show(s, Screen::survey_service, now);
            }
            return {};
        default:
            return {};
    }
}

}  // namespace detail

Command apply_survey_reply(KioskState& s, const Reply& reply, Millis now) {
    if (s.screen != Screen::survey_sending) return {};
    s.submission = Submission::survey;
    s.refusal_code.clear();
    s.refusal_message.clear();
    if (reply.ok) {
        s.survey = SurveyEntry{};
        s.already_rated = false;
        detail::show(s, Screen::thanks, now);
        return {};
    }
    // A service the office no longer has: the answers still count for the office as a whole.
    if (reply.code == errc::unknown_service && !s.survey.service.empty()) {
        s.survey.service.clear();
        s.screen_since = now;
        return detail::survey_command(s.survey);
    }
    // Nothing was counted: the notice says why, and the next survey starts afresh.
    s.survey = SurveyEntry{};
    s.refusal_code = reply.code;
    s.refusal_message = reply.message;
    detail::show(s, Screen::not_saved, now);
    return {};
}

}  // namespace antre::kiosk
