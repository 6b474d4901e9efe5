#include <catch2/catch.hpp>

#include <stdexcept>

#include "antre/calendar.hpp"

namespace calendar_test {

using namespace antre;

namespace {

// 2026-11-28T15:00:00Z, which is midnight starting Sunday 2026-11-29 in WIT.
constexpr Millis wit_midnight = 1'795'878'000'000;
constexpr Millis hour = 3'600'000;

}  // namespace

TEST_CASE("office-local day in Asia/Jayapura") {
    const OfficeCalendar cal("Asia/Jayapura");
    CHECK(cal.zone_name() == "Asia/Jayapura");

    SECTION("midnight WIT is 15:00 UTC") {
        const auto before = cal.local(wit_midnight - 1);
        CHECK(before.day == "2026-11-28");
        CHECK(before.weekday == 6);  // Saturday
        CHECK(before.minute_of_day == 23 * 60 + 59);
        CHECK(before.second_of_minute == 59);

        const auto at = cal.local(wit_midnight);
        CHECK(at.day == "2026-11-29");
        CHECK(at.weekday == 0);  // Sunday
        CHECK(at.minute_of_day == 0);
        CHECK(at.second_of_minute == 0);
        CHECK(cal.day_of(wit_midnight) == "2026-11-29");
    }
    SECTION("office hours map to the right minute") {
        // Monday 2026-11-30 08:00 WIT = 2026-11-29T23:00Z.
        const auto opening = cal.local(wit_midnight + 32 * hour + 30'500);
        CHECK(opening.day == "2026-11-30");
        CHECK(opening.weekday == 1);
        CHECK(opening.minute_of_day == 8 * 60);
        CHECK(opening.second_of_minute == 30);
    }
    SECTION("day starts") {
        CHECK(cal.day_start("2026-11-29") == wit_midnight);
        CHECK(cal.day_start("2026-11-28") == wit_midnight - 24 * hour);
        CHECK(cal.next_day_start(wit_midnight - 1) == wit_midnight);
        CHECK(cal.next_day_start(wit_midnight) == wit_midnight + 24 * hour);
        CHECK(cal.next_day_start(wit_midnight - 20 * hour) == wit_midnight);
        CHECK(cal.day_start(cal.day_of(wit_midnight + 5 * hour)) == wit_midnight);
    }
    SECTION("malformed days are refused") {
        CHECK_THROWS_AS(cal.day_start("2026-11-31"), std::invalid_argument);
        CHECK_THROWS_AS(cal.day_start("2026-2-01"), std::invalid_argument);
        CHECK_THROWS_AS(cal.day_start(""), std::invalid_argument);
    }
}

TEST_CASE("the office's zone, not the machine's, decides the day") {
    const OfficeCalendar jakarta("Asia/Jakarta");  // WIB, UTC+7
    CHECK(jakarta.day_of(wit_midnight) == "2026-11-28");
    CHECK(jakarta.local(wit_midnight).minute_of_day == 22 * 60);
    CHECK(jakarta.next_day_start(wit_midnight) == wit_midnight + 2 * hour);
}

TEST_CASE("a zone that skips midnight starts its day at the transition") {
    // Santiago moved clocks 00:00 -> 01:00 on 2022-09-11.
    const OfficeCalendar santiago("America/Santiago");
    const Millis transition = 1'662'868'800'000;  // 2022-09-11T04:00:00Z
    CHECK(santiago.day_start("2022-09-11") == transition);
    CHECK(santiago.next_day_start(transition - 1) == transition);
    CHECK(santiago.local(transition).minute_of_day == 60);
}

TEST_CASE("unknown zones are refused") {
    CHECK_THROWS_AS(OfficeCalendar("Asia/Sorong"), std::runtime_error);
    CHECK_THROWS_AS(OfficeCalendar(""), std::runtime_error);
    CHECK_THROWS_WITH(OfficeCalendar("Mars/Olympus"), Catch::Contains("Mars/Olympus"));
}

TEST_CASE("HH:MM parsing and formatting") {
    CHECK(parse_hhmm("08:00") == 480);
    CHECK(parse_hhmm("00:00") == 0);
    CHECK(parse_hhmm("11:30") == 690);
    CHECK(parse_hhmm("23:59") == 1439);
    CHECK(parse_hhmm("24:00") == 1440);

    CHECK(parse_hhmm("8:00") == -1);
    CHECK(parse_hhmm("08:0") == -1);
    CHECK(parse_hhmm("08.00") == -1);
    CHECK(parse_hhmm("08:60") == -1);
    CHECK(parse_hhmm("24:01") == -1);
    CHECK(parse_hhmm("25:00") == -1);
    CHECK(parse_hhmm("08:00 ") == -1);
    CHECK(parse_hhmm("-1:00") == -1);
    CHECK(parse_hhmm("") == -1);
    CHECK(parse_hhmm("ab:cd") == -1);

    CHECK(format_hhmm(0) == "00:00");
    CHECK(format_hhmm(480) == "08:00");
    CHECK(format_hhmm(690) == "11:30");
    CHECK(format_hhmm(1440) == "24:00");
    CHECK(format_hhmm(-1).empty());
    CHECK(format_hhmm(1441).empty());
    for (int m = 0; m <= 1440; m += 7) CHECK(parse_hhmm(format_hhmm(m)) == m);
}

}  // namespace calendar_test
