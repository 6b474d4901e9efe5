// What the kiosk's reducer files share: switching screens, and the parts of
// tap(), apply_event() and tick() that feedback mode and the SKM survey own.
#pragma once

#include <nlohmann/json.hpp>

#include "antre/kiosk/state.hpp"

namespace antre::kiosk::detail {

/// A service's record (snapshot, queue_changed) as the kiosk shows it.
ServiceView service_from_json(const nlohmann::json& j);
/// A ticket's "Daring" mark: `booking` from the ticket, its code and session from the reply's `booking`.
void read_booking(IssuedTicket& t, const nlohmann::json& ticket, const nlohmann::json& reply);

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

/// Opens the check-in's keyboard, empty.
void open_checkin(KioskState& s, Millis now);
/// Sends `code` (normalized; "" shows that the scan held no booking code); a copy, as it may be the typed field.
Command send_checkin(KioskState& s, std::string code, Millis now);
/// A keyboard's character into the typed code, when it is in the code's alphabet.
void type_code(KioskState& s, char c);
/// Taps on the check-in screens (keyboard, refusal).
Command tap_checkin(KioskState& s, const Target& t, Millis now);
/// Timeouts of the check-in screens.
void tick_checkin(KioskState& s, Millis now);

}  // namespace antre::kiosk::detail
