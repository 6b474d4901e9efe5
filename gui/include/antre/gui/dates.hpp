// Office-local dates and clock times as people read them on a screen, in
// Bahasa Indonesia or English: "Senin, 30 November 2026", "09:41 WIT".
#pragma once

#include <string>
#include <string_view>

#include "antre/calendar.hpp"

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
    static constexpr const char* days_id[] = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};
    static constexpr const char* days_en[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                              "Thursday", "Friday", "Saturday"};
    static constexpr const char* months_id[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                                "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
    static constexpr const char* months_en[] = {"January", "February", "March",     "April",   "May",      "June",
                                                "July",    "August",   "September", "October", "November", "December"};
    if (t.day.size() != 10 || t.weekday < 0 || t.weekday > 6) return t.day;
    const bool id = language == "id";
    const int month = std::stoi(t.day.substr(5, 2));
    if (month < 1 || month > 12) return t.day;
    const int day = std::stoi(t.day.substr(8, 2));
    return std::string(id ? days_id[t.weekday] : days_en[t.weekday]) + ", " + std::to_string(day) + " " +
           (id ? months_id[month - 1] : months_en[month - 1]) + " " + t.day.substr(0, 4);
}

/// "09:41 WIT": the office-local time with the zone's Indonesian abbreviation, if any.
inline std::string clock_text(const LocalTime& t, std::string_view zone_name) {
    const auto zone = zone_abbreviation(zone_name);
    const auto hhmm = format_hhmm(t.minute_of_day);
    return zone.empty() ? hhmm : hhmm + " " + zone;
}

}  // namespace antre::gui
