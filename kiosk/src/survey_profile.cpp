// The end of the SKM survey: the respondent's profile (jenis kelamin, umur,
// pendidikan, pekerjaan), one question per screen, each skippable, and then an
// optional saran/pengaduan typed on the screen's keyboard; "Kirim" sends it all.
#include "antre/kiosk/texts.hpp"
#include "state_parts.hpp"

namespace antre::kiosk::detail {

namespace {

void open_note(KioskState& s, Millis now) {
    s.survey.caps = false;
    show(s, Screen::survey_note, now);
}

Command send(KioskState& s, Millis now) {
    show(s, Screen::survey_sending, now);
    return survey_command(s.survey);
}

void tap_profile(KioskState& s, const Target& t, Millis now) {
    auto& v = s.survey;
    auto& chosen = v.profile[static_cast<std::size_t>(v.profile_step)];
    switch (t.kind) {
        case TargetKind::survey_choice: {
            const auto& choices = profile_question(s.language, v.profile_step).choices;
            if (t.index < 0 || t.index >= static_cast<int>(choices.size())) return;
            const std::string code = choices[static_cast<std::size_t>(t.index)].code;
            chosen = chosen == code ? "" : code;  // a second touch takes the answer back
            return;
        }
        case TargetKind::survey_next:  // "Lewati" while nothing is chosen: the same step
            if (v.profile_step + 1 < survey_profile_questions) return open_profile(s, v.profile_step + 1, now);
            return open_note(s, now);
        case TargetKind::survey_back:
            if (v.profile_step > 0) return open_profile(s, v.profile_step - 1, now);
            v.question = survey_questions - 1;
            return show(s, Screen::survey_question, now);
        default:
            return;
    }
}

Command tap_note(KioskState& s, const Target& t, Millis now) {
    auto& v = s.survey;
    switch (t.kind) {
        case TargetKind::note_key: {
            // The keyboard types printable ASCII only: one byte is one character.
            if (t.index < 0x20 || t.index > 0x7e || v.note.size() >= survey_note_max) return {};
            char c = static_cast<char>(t.index);
            if (v.caps && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            if (c == ' ' && (v.note.empty() || v.note.back() == ' ')) return {};  // no runs of spaces
            v.note += c;
            return {};
        }
        case TargetKind::note_erase:
            if (!v.note.empty()) v.note.pop_back();
            return {};
        case TargetKind::note_caps:
            v.caps = !v.caps;
            return {};
        case TargetKind::survey_next:
            return send(s, now);
        case TargetKind::survey_back:
            open_profile(s, survey_profile_questions - 1, now);
            return {};
        default:
            return {};
    }
}

}  // namespace

void open_profile(KioskState& s, int step, Millis now) {
    s.survey.profile_step = step;
    show(s, Screen::survey_profile, now);
}

Command tap_survey_more(KioskState& s, const Target& t, Millis now) {
    if (s.screen == Screen::survey_note) return tap_note(s, t, now);
    tap_profile(s, t, now);
    return {};
}

}  // namespace antre::kiosk::detail
