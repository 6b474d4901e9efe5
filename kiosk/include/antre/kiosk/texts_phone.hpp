// The kiosk's words about the citizen's phone page (docs/public-page.md): the QR
// shown when the printer fails, and "Cek nomor", whose states are the phone page's
// own words (web/public/public.js). Indonesian and English, like texts.hpp.
#pragma once

#include <string>

#include "antre/kiosk/state.hpp"

namespace antre::kiosk {

struct PhoneTexts {
    const char* qr_title;        ///< over the QR: the ticket could not be printed
    const char* qr_instruction;  ///< what to do with the QR: photograph it with a phone
    const char* check_button;    ///< home: "Cek nomor"
    const char* check_title;
    const char* check_hint;  ///< scan the QR or type the number
    const char* check_erase;
    const char* check_ok;
    const char* checking;  ///< while the server is asked
    const char* result_heading;
    const char* estimated_call;
    const char* soon;  ///< three places or fewer from the front
    const char* go;    ///< called: "Giliran Anda!"
    const char* not_found_title;
};

const PhoneTexts& phone_texts(Language language);

/// The state in plain words, as the phone page says it ("Dipanggil — silakan ke Loket 3").
std::string check_state_text(Language language, const CheckedTicket& t);
/// Why a check has no answer (a refusal's code, or "unreadable" for a scan of something else).
std::string check_error_text(Language language, const std::string& code, const std::string& asked);

}  // namespace antre::kiosk
