// The server's forward estimate as the screens say it (docs/queue.md "Estimates on
// the screens"): the door of a service (what a ticket taken now would be told), read
// from the wire, and the words for a wait and a call interval. One piece of code for
// the kiosk's tiles and printed ticket and the board's queue panel.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "antre/domain.hpp"
#include "antre/gui/language.hpp"

namespace antre::gui {

/// What a ticket taken now would be told (a service's `estimate.regular` or `priority`).
struct DoorEstimate {
    int wait_s = 0;
    std::optional<Millis> call_from, call_to;  ///< the interval; none when not reached today
    bool past_closing = false;                 ///< likely called after the service closes
};

/// The door of a service record's `estimate` object, or nothing for `null` and
/// anything that is not an object (a server that sends no estimate).
std::optional<DoorEstimate> door_from_json(const nlohmann::json& door);

/// "± 25 menit", "± 1 jam 20 menit" / "about 25 min"; "Segera dipanggil" / "Called
/// soon" for 0 or less. Minutes rounded up; U+00A0 keeps each figure with its unit.
std::string wait_text(Language language, int seconds);

/// "10.40–11.05" / "10:40–11:05": the interval widened to whole 5 minutes (from
/// rounded down, to rounded up), in the office's zone (`time_zone`, IANA name; an
/// unknown one reads as Asia/Jayapura).
std::string call_times(Language language, const std::string& time_zone, Millis from, Millis to);

/// "Perkiraan dipanggil 10.40–11.05 WIT" / "Expected call 10:40–11:05 WIT": the times
/// and the zone's abbreviation (gui::zone_abbreviation), if it has one.
std::string call_interval_text(Language language, const std::string& time_zone, Millis from, Millis to);

}  // namespace antre::gui
