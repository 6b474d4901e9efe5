// Dates as people write them, in Bahasa Indonesia or English: "30 November 2026",
// "Senin", "November 2026". One table of names for every program that words a date:
// the kiosk, board and counter screens (antre/gui/dates.hpp), the dashboard's what-if
// and the SKM report's PDF.
#pragma once

#include <string>
#include <string_view>

namespace antre {

/// The month's name, 1 Januari .. 12 Desember (language "id"; English in any other); "" outside 1-12.
const char* month_name(int month, std::string_view language = "id");
/// The weekday's name, 0 Minggu (Sunday) .. 6 Sabtu; "" outside 0-6.
const char* weekday_name(int weekday, std::string_view language = "id");
/// "30 November 2026" for the day "2026-11-30" (the day without a leading zero);
/// `day` as it is when it is not a date written YYYY-MM-DD.
std::string day_text(std::string_view day, std::string_view language = "id");
/// "November 2026" for the month "2026-11"; `month` as it is when it is not one (YYYY-MM).
std::string month_text(std::string_view month, std::string_view language = "id");

}  // namespace antre
