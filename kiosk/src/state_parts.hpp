// What the kiosk's reducer files share: switching screens, and the parts of
// tap(), apply_event() and tick() that feedback mode and the SKM survey own.
#pragma once

#include <nlohmann/json.hpp>

#include "antre/kiosk/state.hpp"

namespace antre::kiosk::detail {

/// Shows `screen` from `now` on.
void show(KioskState& s, Screen screen, Millis now);
/// The next citizen starts fresh: no priority group, the office's language.
void reset_choices(KioskState& s);

/// ticket_finished and ticket_rated, as feedback mode sees them.
void apply_feedback_event(KioskState& s, const nlohmann::json& event, Millis now);
/// A counter record (a snapshot's or an event's `counter_state`): when it is the
/// desk's own counter, the ticket it holds becomes the desk screen's.
void apply_desk_counter(KioskState& s, const nlohmann::json& counter);
/// Taps on the feedback idle, rating, thank-you and not-saved screens.
Command tap_feedback(KioskState& s, const Target& t, Millis now);
/// Timeouts of the feedback and survey screens.
void tick_feedback(KioskState& s, Millis now);

/// Starts an SKM survey; `service_known` skips the service question (the rated ticket's service).
void open_survey(KioskState& s, bool service_known, Millis now);
/// Taps on the survey's screens.
Command tap_survey(KioskState& s, const Target& t, Millis now);
/// Shows profile question `step` (0..3) after the nine unsur.
void open_profile(KioskState& s, int step, Millis now);
/// Taps on the profile and saran screens (survey_profile.cpp).
Command tap_survey_more(KioskState& s, const Target& t, Millis now);
/// The `survey` request of a filled-in survey: answers, service, profile, saran (trimmed).
Command survey_command(const SurveyEntry& v);

/// Opens "Cek nomor"'s keypad, empty.
void open_check(KioskState& s, Millis now);
/// Taps on the check screens (keypad, answer).
Command tap_check(KioskState& s, const Target& t, Millis now);
/// Timeouts of the check screens.
void tick_check(KioskState& s, Millis now);

}  // namespace antre::kiosk::detail
