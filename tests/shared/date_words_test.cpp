// Dates as people write them: the one table of month and weekday names the screens,
// the what-if page and the SKM report share.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "antre/calendar.hpp"
#include "antre/date_words.hpp"

namespace date_words_test {

using namespace antre;

TEST_CASE("dates worded in Bahasa Indonesia and English", "[dates]") {
    SECTION("a day: no leading zero, the month by name") {
        CHECK(day_text("2026-11-30") == "30 November 2026");
        CHECK(day_text("2026-12-01") == "1 Desember 2026");
        CHECK(day_text("2027-01-05", "id") == "5 Januari 2027");
        CHECK(day_text("2027-08-17", "en") == "17 August 2027");
    }
    SECTION("every month and weekday has its name; outside the range none") {
        const char* id[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                            "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
        for (int m = 1; m <= 12; ++m) {
            CHECK(std::string(month_name(m)) == id[m - 1]);
            char day[11];
            std::snprintf(day, sizeof day, "2026-%02d-15", m);
            CHECK(day_text(day) == std::string("15 ") + id[m - 1] + " 2026");
        }
        CHECK(std::string(month_name(0)).empty());
        CHECK(std::string(month_name(13)).empty());
        CHECK(std::string(weekday_name(0)) == "Minggu");
        CHECK(std::string(weekday_name(5)) == "Jumat");
        CHECK(std::string(weekday_name(1, "en")) == "Monday");
        CHECK(std::string(weekday_name(7)).empty());
    }
    SECTION("the day the office calendar gives, worded") {
        const OfficeCalendar wit("Asia/Jayapura");
        // 2026-11-30T00:00:00Z is 09:00 on Monday 30 November in WIT.
        const auto local = wit.local(1'795'996'800'000);
        CHECK(day_text(local.day) == "30 November 2026");
        CHECK(std::string(weekday_name(local.weekday)) == "Senin");
    }
    SECTION("a month") {
        CHECK(month_text("2026-11") == "November 2026");
        CHECK(month_text("2026-12", "en") == "December 2026");
    }
    SECTION("text that is not a date is left as it is") {
        for (const char* odd :
             {"", "2026-13-01", "2026-11-00", "2026-11-32", "2026/11/30", "30-11-2026", "2026-11-3x", "20261130"})
            CHECK(day_text(odd) == odd);
        CHECK(month_text("2026-00") == "2026-00");
        CHECK(month_text("2026-11-30") == "2026-11-30");
    }
}

}  // namespace date_words_test
