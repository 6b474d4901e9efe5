// Every word the kiosk shows or prints, in Bahasa Indonesia (KBBI spelling) and
// English. Kept in one place so that a change of wording is one edit.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "antre/kiosk/state.hpp"

namespace antre::kiosk {

/// The fixed phrases of one language.
struct Texts {
    const char* language_code;   ///< "id" or "en"
    const char* other_language;  ///< the language button's label
    const char* choose_service;
    const char* choose_service_hint;
    const char* priority_button;
    const char* priority_groups;  ///< the four groups in one line
    const char* priority_title;
    const char* priority_subtitle;
    const char* priority_chosen;  ///< banner on home after a group is chosen
    const char* cancel;
    const char* back;
    const char* nobody_waiting;
    const char* issuing;
    const char* ticket_heading;
    const char* people_ahead;
    const char* estimated_wait;
    const char* please_wait;
    const char* printing;
    const char* printed;
    const char* print_failed;
    const char* touch_to_return;
    const char* offline_title;
    const char* offline_body;
    const char* offline_help;
    const char* refused_title;
    const char* printer_notice;
    const char* admin_title;
    const char* admin_nip;
    const char* admin_pin;
    const char* admin_checking;
    const char* admin_hint;
    const char* ok;
    const char* priority_label;  ///< "Prioritas" on tickets
    const char* queue_number;    ///< "NOMOR ANTREAN" on the printed ticket
    const char* late_title;      ///< "Kemungkinan tidak terlayani hari ini"
    const char* late_body;
    const char* late_take;  ///< take the number anyway
    const char* late_tile;  ///< a service button's line when a ticket taken now is likely too late
};

const Texts& texts(Language language);

/// "12 orang menunggu" / "12 people waiting".
std::string people_waiting(Language language, int people);
/// "3 orang" / "3 people"; "Tidak ada" / "No one" for 0.
std::string people_ahead(Language language, int people);
/// "± 25 menit", "± 1 jam 20 menit" / "about 25 min"; soon-words for 0.
using gui::wait_text;
/// "Tunggu ± 25 menit" / "Wait about 25 min": a service button's estimate.
std::string wait_line(Language language, int seconds);
/// "Perkiraan dipanggil 10.40–11.05 WIT" / "Expected call 10:40–11:05 WIT": the
/// interval widened to whole 5 minutes (from rounded down, to rounded up), in the
/// office's zone.
using gui::call_interval_text;
/// A service button's estimate line: the interval of a ticket taken now (`late_tile`
/// when it is likely called after closing), or the wait from servers without one.
std::string door_line(Language language, const std::string& time_zone, const ServiceView& s, Priority priority);
/// Why a service cannot be pressed ("Kuota hari ini habis"), or "" when it can.
std::string availability_text(Language language, Availability a);
/// "Lansia", "Penyandang disabilitas", "Ibu hamil", "Anak-anak" / English.
std::string priority_name(Language language, Priority p);
/// The service's name in the language, and the other language's line below it.
std::string service_title(Language language, const ServiceView& s);
std::string service_subtitle(Language language, const ServiceView& s);
/// Why a ticket for `service` (its name) was not issued, from the refusal's code.
std::string refusal_text(Language language, const std::string& code, const std::string& service);
/// Why the administrator's NIP and PIN were not accepted.
std::string admin_error_text(Language language, const std::string& code);
/// What went wrong with the printer, from a printer fault code.
std::string printer_fault_text(Language language, const std::string& fault);

/// The phrases of feedback mode and the SKM survey in one language.
struct FeedbackTexts {
    const char* idle_title;  ///< feedback mode between citizens
    const char* idle_hint;
    const char* desk_serving;  ///< over the number the desk's counter serves
    const char* desk_called;   ///< over the number it has called
    const char* rating_title;  ///< "Bagaimana pelayanan kami?"
    const char* rating_hint;
    const char* ticket_number;  ///< before the ticket's label
    const char* sending_rating;
    const char* thanks_title;
    const char* thanks_rating;
    const char* thanks_already;  ///< the ticket had been rated before
    const char* thanks_survey;
    const char* survey_invite;  ///< the thank-you screen's survey button
    const char* survey_button;  ///< the home screen's modest survey button
    const char* survey_title;
    const char* service_question;
    const char* service_hint;
    const char* skip;
    const char* next;
    const char* send;
    const char* sending_survey;
    const char* not_saved_rating;
    const char* not_saved_survey;
    const char* offline_title;   ///< feedback mode without a link
    const char* rating_offline;  ///< the faces stay while the link is down
};

const FeedbackTexts& feedback_texts(Language language);

/// One unsur of the SKM questionnaire (PermenPANRB 14/2017): its name, the question
/// and its four answers, scored 1 (first) to 4 (last).
struct SurveyQuestion {
    const char* unsur;
    const char* question;
    std::array<const char*, 4> answers;
};

/// The question for unsur `index` (0..8, the regulation's order).
const SurveyQuestion& survey_question(Language language, int index);
/// "Sangat Puas" (4), "Puas", "Kurang Puas", "Tidak Puas" (1) / English.
std::string rating_name(Language language, int rating);
/// "Pertanyaan 3 dari 9" / "Question 3 of 9" for `question` 0..8.
std::string survey_progress(Language language, int question);
/// One answer of a profile question: the code the `survey` op takes, and its label.
struct ProfileChoice {
    const char* code;
    const char* label;
};
/// A profile question of the SKM form: the `survey` field, its title and its choices.
struct ProfileQuestion {
    const char* key;
    const char* title;
    std::vector<ProfileChoice> choices;
};
/// Profile question `index` (0..3: jenis kelamin, umur, pendidikan, pekerjaan).
const ProfileQuestion& profile_question(Language language, int index);

/// The phrases of the survey's profile and saran/pengaduan screens.
struct SurveyMoreTexts {
    const char* profile_title;  ///< "Tentang Anda"
    const char* profile_hint;   ///< skippable, for the report
    const char* note_title;     ///< "Saran atau pengaduan"
    const char* note_hint;
    const char* note_placeholder;  ///< in the empty field
    const char* space;
    const char* erase;
};
const SurveyMoreTexts& survey_more_texts(Language language);
/// "Tentang Anda 2 dari 4" / "About you 2 of 4" for `step` 0..3.
std::string profile_progress(Language language, int step);
/// "12 / 1000 huruf" / "12 / 1000 characters".
std::string note_count_text(Language language, std::size_t used);
/// Why a rating or a survey was not saved, from the refusal's code.
std::string not_saved_text(Language language, Submission what, const std::string& code);

}  // namespace antre::kiosk
