// The kiosk's words for checking in an online booking (docs/booking.md "Check-in at
// the kiosk"), Indonesian and English like texts.hpp. The server's refusals come
// with an Indonesian sentence (docs/protocol.md §5.40), shown as it is.
#pragma once

#include <string>

#include "antre/kiosk/state.hpp"

namespace antre::kiosk {

struct CheckinTexts {
    const char* home_question;  ///< home: "Sudah pesan online?"
    const char* home_action;    ///< home: "Check-in"
    const char* title;
    const char* hint;       ///< the title's line: scan the QR or type the code
    const char* scan_hint;  ///< beside the keyboard: where the scanner is, what the code looks like
    const char* erase;
    const char* ok;
    const char* checking;   ///< while the server is asked
    const char* walk_in;    ///< refusal: back to the service tiles for a walk-in ticket
    const char* back;       ///< refusal that offers no walk-in: back to the start
    const char* retry;      ///< refusal: type the code again
    const char* mark;       ///< the ticket's mark: "Daring"
    const char* mark_note;  ///< beside the mark: "Pemesanan daring"
    const char* session;    ///< "Sesi" before the booked session's hours
    const char* code;       ///< "Kode pemesanan" before the code
};

const CheckinTexts& checkin_texts(Language language);

/// The ticket's mark, on screen and printed: "Daring · Sesi 10:00–11:00" (the mark alone
/// when the reply named no session).
std::string booking_mark_text(Language language, const IssuedTicket& t);
/// "Kurang 3 karakter" under a code typed in part.
std::string code_missing_text(Language language, int missing);
/// The refusal's heading for `code` (the server's error code, or "unreadable").
std::string checkin_refusal_title(Language language, const std::string& code);
/// What the citizen reads: the server's sentence in Indonesian when it sent one, the
/// kiosk's own sentence otherwise (and always in English).
std::string checkin_refusal_text(Language language, const std::string& code, const std::string& server_message);
/// Whether the refusal sends the citizen to a walk-in ticket (missed, cancelled, unknown code).
bool refusal_offers_walk_in(const std::string& code);
/// Whether typing the code again may help (an unknown code, a scan of something else, a failed link).
bool refusal_offers_retry(const std::string& code);

}  // namespace antre::kiosk
