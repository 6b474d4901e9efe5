// Every word the kiosk shows or prints, in Bahasa Indonesia (KBBI spelling) and
// English. Kept in one place so that a change of wording is one edit.
#pragma once

#include <string>

#include "antre/kiosk/state.hpp"

namespace antre::kiosk {

/// The fixed phrases of one language.
struct Texts {
    const char* language_code;       ///< "id" or "en"
    const char* other_language;      ///< the language button's label
    const char* choose_service;
    const char* choose_service_hint;
    const char* priority_button;
    const char* priority_groups;     ///< the four groups in one line
    const char* priority_title;
    const char* priority_subtitle;
    const char* priority_chosen;     ///< banner on home after a group is chosen
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
    const char* priority_label;      ///< "Prioritas" on tickets
    const char* queue_number;        ///< "NOMOR ANTREAN" on the printed ticket
};

const Texts& texts(Language language);

/// "12 orang menunggu" / "12 people waiting".
std::string people_waiting(Language language, int people);
/// "3 orang" / "3 people"; "Tidak ada" / "No one" for 0.
std::string people_ahead(Language language, int people);
/// "± 25 menit", "± 1 jam 20 menit" / "about 25 min"; soon-words for 0.
std::string wait_text(Language language, int seconds);
/// "Tunggu ± 25 menit" / "Wait about 25 min": a service button's estimate.
std::string wait_line(Language language, int seconds);
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

}  // namespace antre::kiosk
