// booking_report (server/domain/booking_report.cpp): the figures of a period's online
// bookings, on facts handed in as the store would, and their text and CSV
// (shared/src/report_text.cpp).
#include <catch2/catch.hpp>

#include "antre/report_text.hpp"
#include "booking_report.hpp"

namespace booking_report_test {

using namespace antre;
using booking_report::Fact;

namespace {

const OfficeCalendar calendar("Asia/Jayapura");

// 1 December 2026 in Sorong (WIT, UTC+9), hh:mm office time.
Millis at(int hh, int mm, const std::string& day = "2026-12-01") {
    return calendar.day_start(day) + (hh * 60 + mm) * 60'000LL;
}

Fact fact(const std::string& service, BookingStatus status, const std::string& day = "2026-12-01") {
    Fact f;
    f.day = day;
    f.service = service;
    f.session_start = 10 * 60;
    f.session_end = 11 * 60;
    f.status = status;
    return f;
}

Fact came(Millis checked_in, std::optional<Millis> called, const std::string& day = "2026-12-01") {
    Fact f = fact("KTP", BookingStatus::checked_in, day);
    f.checked_in_at = checked_in;
    f.first_called_at = called;
    return f;
}

}  // namespace

TEST_CASE("booking report: counts, attendance and calls within the session", "[booking_report]") {
    Fact closed = fact("KK", BookingStatus::cancelled);
    closed.by_office = true;
    const std::vector<Fact> facts = {
        came(at(9, 55), at(11, 0)),          // called at the session's last minute: within it
        came(at(10, 30), at(11, 0) + 1),     // one millisecond after: not within it
        came(at(11, 0), std::nullopt),       // checked in at the end: on time, never called
        came(at(11, 10), at(11, 20)),        // checked in during the grace: promised no call
        fact("KTP", BookingStatus::missed),  //
        fact("KTP", BookingStatus::active),  //
        fact("KTP", BookingStatus::cancelled),
        closed,
    };
    const auto r = booking_report::reply(facts, calendar, "day", "2026-12-01", "2026-12-01");
    REQUIRE(r["rows"].size() == 1);
    const auto& row = r["rows"][0];
    CHECK(row["key"] == "2026-12-01");
    CHECK(row["booked"] == 6);  // the two cancellations hold no place
    CHECK(row["checked_in"] == 4);
    CHECK(row["missed"] == 1);
    CHECK(row["active"] == 1);
    CHECK(row["cancelled"] == 1);
    CHECK(row["closed"] == 1);
    CHECK(row["attendance"] == Approx(0.8));
    CHECK(row["on_time"] == 3);
    CHECK(row["called_in_session"] == 1);
    CHECK(row["called_in_session_share"] == Approx(1.0 / 3));

    const auto by_service = booking_report::reply(facts, calendar, "service", "2026-12-01", "2026-12-01");
    REQUIRE(by_service["rows"].size() == 2);
    CHECK(by_service["rows"][0]["key"] == "KK");
    CHECK(by_service["rows"][0]["booked"] == 0);
    CHECK(by_service["rows"][0]["attendance"].is_null());  // nobody came or missed
    CHECK(by_service["rows"][1]["key"] == "KTP");
    CHECK(by_service["total"] == r["total"]);
}

TEST_CASE("booking report: days in order, each session's end on its own day", "[booking_report]") {
    const std::vector<Fact> facts = {came(at(10, 0, "2026-12-02"), at(10, 59, "2026-12-02"), "2026-12-02"),
                                     came(at(10, 0), at(10, 59, "2026-12-02"))};  // called the next day
    const auto r = booking_report::reply(facts, calendar, "day", "2026-12-01", "2026-12-02");
    REQUIRE(r["rows"].size() == 2);
    CHECK(r["rows"][0]["key"] == "2026-12-01");
    CHECK(r["rows"][0]["called_in_session"] == 0);
    CHECK(r["rows"][1]["key"] == "2026-12-02");
    CHECK(r["rows"][1]["called_in_session"] == 1);
    CHECK(r["total"]["on_time"] == 2);
}

TEST_CASE("booking report: an empty period, as text and CSV", "[booking_report]") {
    const auto r = booking_report::reply({}, calendar, "day", "2026-11-01", "2026-11-30");
    CHECK(r["rows"].empty());
    CHECK(r["total"]["booked"] == 0);
    CHECK(r["total"]["called_in_session_share"].is_null());
    CHECK(report_text::booking_report_csv(r) ==
          "day,booked,active,checked_in,missed,cancelled,closed,on_time,called_in_session,attendance,"
          "called_in_session_share\n"
          "total,0,0,0,0,0,0,0,0,,\n");
    const std::string table = report_text::booking_report_table(r);
    CHECK(table.find("jumlah") != std::string::npos);
    CHECK(table.find("      -") != std::string::npos);  // no share without a count
}

TEST_CASE("booking report: the table shows percentages, the CSV fractions", "[booking_report]") {
    const auto r = booking_report::reply({came(at(10, 0), at(10, 30)), fact("KTP", BookingStatus::missed)}, calendar,
                                         "service", "2026-12-01", "2026-12-01");
    const std::string csv = report_text::booking_report_csv(r);
    CHECK(csv.find("\nKTP,2,0,1,1,0,0,1,1,0.500,1.000\n") != std::string::npos);
    const std::string table = report_text::booking_report_table(r);
    CHECK(table.find("KTP") != std::string::npos);
    CHECK(table.find("50%") != std::string::npos);
    CHECK(table.find("100%") != std::string::npos);
}

}  // namespace booking_report_test
