// Office-local dates and clock times as people read them on a screen, in
// Bahasa Indonesia or English: "Senin, 30 November 2026", "09:41 WIT".
#pragma once

#include <string>
#include <string_view>

#include "antre/calendar.hpp"
#include "antre/date_words.hpp"

namespace antre::gui {

/// "WIB", "WITA" or "WIT" for Indonesia's zones by IANA name; "" for any other.
inline std::string zone_abbreviation(std::string_view zone_name) {
    if (zone_name == "Asia/Jayapura") return "WIT";
    if (zone_name == "Asia/Makassar" || zone_name == "Asia/Ujung_Pandang") return "WITA";
    if (zone_name == "Asia/Jakarta" || zone_name == "Asia/Pontianak") return "WIB";
    return "";
}

/// "Senin, 30 November 2026" (language "id") or "Monday, 30 November 2026" (any other).
inline std::string long_date(const LocalTime& t, std::string_view language) {
    const std::string day = day_text(t.day, language);
    if (day == t.day || t.weekday < 0 || t.weekday > 6) return t.day;
    return std::string(weekday_name(t.weekday, language)) + ", " + day;
}

/// "09:41 WIT": the office-local time with the zone's Indonesian abbreviation, if any.
inline std::string clock_text(const LocalTime& t, std::string_view zone_name) {
    const auto zone = zone_abbreviation(zone_name);
    const auto hhmm = format_hhmm(t.minute_of_day);
    return zone.empty() ? hhmm : hhmm + " " + zone;
}

}  // namespace antre::gui
