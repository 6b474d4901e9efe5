// Office-local calendar: which day a moment belongs to, in the office's time zone
// (not the machine's). Wraps the system tz database.
#pragma once

#include <string>

#include "antre/domain.hpp"

namespace antre {

struct LocalTime {
    std::string day;  ///< "YYYY-MM-DD"
    int weekday = 0;  ///< 0 = Sunday .. 6 = Saturday
    int minute_of_day = 0;
    int second_of_minute = 0;
};

class OfficeCalendar {
public:
    /// Throws std::runtime_error when the IANA zone name is unknown.
    explicit OfficeCalendar(const std::string& zone_name);

    LocalTime local(Millis t) const;
    std::string day_of(Millis t) const { return local(t).day; }
    /// The first millisecond of the office-local day after the one holding `t`.
    Millis next_day_start(Millis t) const;
    /// UTC milliseconds of office-local midnight starting `day` ("YYYY-MM-DD");
    /// throws std::invalid_argument when `day` is not such a date.
    Millis day_start(const std::string& day) const;
    const std::string& zone_name() const { return zone_name_; }

private:
    std::string zone_name_;
    const void* zone_;  // const date::time_zone*, kept out of this header
};

/// "HH:MM" <-> minutes after midnight (00:00..24:00); parse returns -1 when
/// malformed, format returns "" when out of range.
int parse_hhmm(const std::string& s);
std::string format_hhmm(int minute_of_day);

}  // namespace antre
