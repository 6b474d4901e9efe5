// The kiosk's "Cek nomor" as plain data (docs/kiosk.md): what the citizen typed or
// scanned, and the status the server answered, as the phone page shows it.
#pragma once

#include <optional>
#include <string>

#include "antre/clock.hpp"

namespace antre::kiosk {

/// One ticket's status from the server's ticket_status op (docs/protocol.md §5.35).
struct CheckedTicket {
    std::string label;
    std::string service_name_id, service_name_en;
    std::string state;         ///< waiting, requeued, transferred, called, serving, done, no_show, cancelled
    std::string counter_name;  ///< while called or served
    std::optional<int> people_ahead;
    bool soon = false;
    std::string estimated_call_time;  ///< "HH:MM", office time; empty when none
    std::string transferred_id, transferred_en;
};

/// The check in progress.
struct TicketCheck {
    std::string typed;    ///< the number typed on the keypad ("A-013" as it grows)
    std::string scanned;  ///< keys from a barcode scanner (or a keyboard), until Enter
    Millis scanned_at = 0;
    std::string asked;  ///< what was sent: the label, or "QR" for a code
    std::optional<CheckedTicket> result;
    std::string error;  ///< the refusal's code, or "unreadable" for a scan that holds no ticket
};

/// How long the check screens stay: the answer, and the keypad when untouched.
inline constexpr Millis check_result_shown = 20000;
inline constexpr Millis check_idle = 60000;
/// A scanner types a code in well under a second: keys further apart start afresh.
inline constexpr Millis scan_key_gap = 2000;

}  // namespace antre::kiosk
