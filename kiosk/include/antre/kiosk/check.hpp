// "Cek nomor" at the kiosk (docs/kiosk.md): a citizen scans the ticket's QR with
// the kiosk's barcode scanner (a USB scanner types the link like a keyboard and
// ends with Enter) or types the number, and sees the ticket's status as the phone
// page shows it, from the server's ticket_status op. The reducer's part for it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "antre/kiosk/state.hpp"

namespace antre::kiosk {

/// What a scanned or typed text asks about: a ticket link's code, or a number.
/// Both empty when it is neither (another barcode, a stray key).
struct CheckQuery {
    std::string code;
    std::string label;
};
CheckQuery check_query(const std::string& text);

/// A ticket's status from the ticket_status reply's `status`.
CheckedTicket checked_ticket(const nlohmann::json& status);

/// Keys from a barcode scanner or a keyboard (SDL text input). Taken on the home
/// screen, the check screens and the check-in's keyboard and refusal; elsewhere ignored.
void scanner_text(KioskState& s, const std::string& text, Millis now);
/// Enter from the scanner or a keyboard: a scan holding a booking code checks the
/// booking in (booking_code_in); otherwise asks the server about what was scanned,
/// or, on a keypad, about the number or code typed.
Command scanner_enter(KioskState& s, Millis now);
/// The server's answer to ticket_status (an answer the citizen no longer waits for changes nothing).
void apply_check_reply(KioskState& s, const Reply& reply, Millis now);

}  // namespace antre::kiosk
