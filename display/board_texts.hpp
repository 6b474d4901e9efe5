// The words of the board's queue panel: per service, what a citizen who takes a
// number now would be told, from the server's forward estimate (docs/display.md
// "What it shows", docs/queue.md "Estimates on the screens"). Plain functions, no SDL.
#pragma once

#include <string>

#include "board_state.hpp"

namespace antre::display {

/// What a service's tile says under its waiting count.
struct EstimateLine {
    enum class Kind {
        none,        ///< nothing to say: closed, nobody waiting and nothing known, or the link is down
        interval,    ///< "Perkiraan dipanggil" over "10.40–11.05" "WIT"
        wait,        ///< "Perkiraan tunggu" over "± 25 menit": the queue-length figure, no door known yet
        late,        ///< "Mungkin tidak terlayani hari ini": the door is past closing
        no_tickets,  ///< "Kuota hari ini habis", "Di luar jam pelayanan": no number can be taken now
    };
    Kind kind = Kind::none;
    std::string label;  ///< the small line over `value`; "" for late and no_tickets
    std::string value;
    std::string unit;  ///< small after `value`: the zone of an interval ("WIT"), else ""
    bool operator==(const EstimateLine&) const = default;
};

/// The line for `s` on a board in `time_zone` (the office's), whose link is up or not.
EstimateLine estimate_line(const ServiceView& s, const std::string& time_zone, bool connected);

}  // namespace antre::display
