#include <catch2/catch.hpp>

#include <cstdio>

#include "antre/errors.hpp"
#include "bookings.hpp"

namespace bookings_test {

using namespace antre;

namespace {

// Thursday 3 December 2026 in Sorong; the 5th and 6th are a weekend, the 25th a holiday.
OfficeConfig office() {
    OfficeConfig o;
    o.office_name = "Dukcapil Uji";
    o.time_zone = "Asia/Jayapura";
    o.nik_retention_days = 10;
    o.holidays = {{"2026-12-25", "Hari Natal"}};
    Service ktp;
    ktp.code = "KTP";
    ktp.prefix = "A";
    ktp.name_id = "KTP-el";
    ktp.name_en = "ID card";
    ktp.daily_quota = 100;
    for (int d = 1; d <= 4; ++d) ktp.hours.push_back({d, 8 * 60, 15 * 60});
    ktp.hours.push_back({5, 8 * 60, 11 * 60 + 30});  // Friday: the afternoon session is not offered
    ktp.booking.sessions = {{8 * 60, 9 * 60, 3}, {13 * 60, 14 * 60, 2}};
    ktp.booking.days_ahead = 7;
    ktp.booking.opens_minute = 7 * 60;
    ktp.booking.grace_minutes = 30;
    Service kk = ktp;
    kk.code = "KK";
    kk.prefix = "B";
    kk.booking = {};
    o.services = {ktp, kk};
    return o;
}

std::string nik(int serial) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", serial);
    return "927101120590" + std::string(buf);
}

std::string code(int n) {
    std::string c = "AAAAAAAA";
    for (int i = 7; n > 0 && i >= 0; --i, n /= 10) c[static_cast<std::size_t>(i)] = "23456789AB"[n % 10];
    return c;
}

struct Fixture {
    OfficeConfig config = office();
    Bookings book{config, {}, {}, 1};
    ServiceState ktp{config.services[0]};
    int codes = 0;
    Millis at(const std::string& day, int hh, int mm = 0) const {
        return book.calendar().day_start(day) + (hh * 60 + mm) * 60000LL;
    }
    Effect take(const std::string& day, int session_hh, int serial, Millis now) {
        return book.book(ktp, {"KTP", day, session_hh * 60, nik(serial), "Budi", "0812"}, code(++codes), now);
    }
};

std::string refusal_code(const std::function<void()>& f) {
    try {
        f();
    } catch (const Refusal& r) {
        return r.code();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("a booking takes a place of its session", "[bookings]") {
    Fixture f;
    const Millis now = f.at("2026-12-03", 10);
    const Effect fx = f.take("2026-12-07", 8, 1, now);
    REQUIRE(fx.records.bookings.size() == 1);
    const Booking& b = fx.records.bookings[0];
    CHECK(b.status == BookingStatus::active);
    CHECK(b.session_end == 9 * 60);
    CHECK(b.nik == nik(1));
    REQUIRE(fx.events.size() == 1);
    CHECK(fx.events[0].type == "booking_made");
    CHECK(fx.events[0].detail.find(nik(1)) == std::string::npos);  // no NIK in the log
    CHECK(fx.events[0].detail.find(b.code) == std::string::npos);
    const auto s = f.book.sessions(f.ktp, "2026-12-07");
    REQUIRE(s.size() == 2);
    CHECK(s[0].booked == 1);
    CHECK(s[0].remaining == 2);
    CHECK(s[1].remaining == 2);
    CHECK(f.book.find(nik(1), b.code)->id == b.id);
    CHECK(f.book.find(nik(1), "aaaa-aaa3") != nullptr);  // typed loosely
    CHECK(f.book.find(nik(2), b.code) == nullptr);       // the code alone finds nothing
}

TEST_CASE("a session's places are never exceeded", "[bookings]") {
    Fixture f;
    const Millis now = f.at("2026-12-03", 10);
    for (int i = 1; i <= 3; ++i) f.take("2026-12-07", 8, i, now);
    CHECK(refusal_code([&] { f.take("2026-12-07", 8, 4, now); }) == errc::booking_full);
    CHECK(f.book.sessions(f.ktp, "2026-12-07")[0].remaining == 0);
    SECTION("a cancellation frees its place") {
        const Booking* b = f.book.of_day("KTP", "2026-12-07")[1];
        const std::string c = b->code;
        f.book.cancel(nik(2), c, now);
        CHECK(f.book.find(nik(2), c)->status == BookingStatus::cancelled);
        CHECK(refusal_code([&] { f.book.cancel(nik(2), c, now); }) == errc::invalid_state);
        f.take("2026-12-07", 8, 4, now);
        CHECK(refusal_code([&] { f.take("2026-12-07", 8, 5, now); }) == errc::booking_full);
    }
    SECTION("bookings restored from the store hold their places") {
        std::vector<Booking> kept;
        for (const Booking* b : f.book.of_day("KTP", "2026-12-07")) kept.push_back(*b);
        Bookings again(f.config, kept, {}, 1);
        CHECK(again.sessions(f.ktp, "2026-12-07")[0].remaining == 0);
        CHECK(refusal_code([&] {
                  again.book(f.ktp, {"KTP", "2026-12-07", 8 * 60, nik(9), "X", ""}, "BBBBBBBB", now);
              }) == errc::booking_full);
        CHECK(again.book(f.ktp, {"KTP", "2026-12-07", 13 * 60, nik(9), "X", ""}, "BBBBBBBB", now)
                  .records.bookings[0]
                  .id == 4);  // ids go on after the kept ones
    }
}

TEST_CASE("one active booking per NIK, service and day", "[bookings]") {
    Fixture f;
    const Millis now = f.at("2026-12-03", 10);
    const std::string c = f.take("2026-12-07", 8, 1, now).records.bookings[0].code;
    CHECK(refusal_code([&] { f.take("2026-12-07", 13, 1, now); }) == errc::already_booked);
    f.take("2026-12-08", 8, 1, now);  // another day is another booking
    f.book.cancel(nik(1), c, now);
    f.take("2026-12-07", 13, 1, now);
}

TEST_CASE("only open office days in the window can be booked", "[bookings]") {
    Fixture f;
    const Millis morning = f.at("2026-12-03", 6, 59), later = f.at("2026-12-03", 7);
    CHECK(refusal_code([&] { f.take("2026-12-03", 8, 1, morning); }) == errc::not_bookable);   // today
    CHECK(refusal_code([&] { f.take("2026-12-05", 8, 1, morning); }) == errc::not_bookable);   // Saturday
    CHECK(refusal_code([&] { f.take("2026-12-06", 8, 1, morning); }) == errc::not_bookable);   // Sunday
    CHECK(refusal_code([&] { f.take("2026-12-04", 13, 1, morning); }) == errc::not_bookable);  // Friday afternoon
    f.take("2026-12-04", 8, 1, morning);
    // The last day of the window opens at 07:00.
    CHECK(refusal_code([&] { f.take("2026-12-10", 8, 2, morning); }) == errc::not_bookable);
    f.take("2026-12-10", 8, 2, later);
    CHECK(refusal_code([&] { f.take("2026-12-11", 8, 3, later); }) == errc::not_bookable);
    CHECK(refusal_code([&] { f.take("2026-12-07", 10, 3, later); }) == errc::not_bookable);  // no such session
    CHECK(refusal_code([&] { f.take("2026-13-07", 8, 3, later); }) == errc::bad_request);
    CHECK(f.book.open_days(f.ktp, morning) ==
          std::vector<std::string>{"2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09"});
    SECTION("holidays and closed services") {
        const Millis dec20 = f.at("2026-12-20", 8);
        CHECK(refusal_code([&] { f.take("2026-12-25", 8, 4, dec20); }) == errc::not_bookable);
        f.ktp.closed = true;
        CHECK(refusal_code([&] { f.take("2026-12-22", 8, 4, dec20); }) == errc::not_bookable);
        const ServiceState kk{f.config.services[1]};
        CHECK(refusal_code([&] {
                  f.book.book(kk, {"KK", "2026-12-22", 8 * 60, nik(4), "X", ""}, "CCCCCCCC", dec20);
              }) == errc::not_bookable);
    }
}

TEST_CASE("bad NIK, name and phone are refused", "[bookings]") {
    Fixture f;
    const Millis now = f.at("2026-12-03", 10);
    auto try_book = [&](std::string n, std::string name, std::string phone) {
        return refusal_code([&] {
            f.book.book(f.ktp, {"KTP", "2026-12-07", 8 * 60, n, name, phone}, code(++f.codes), now);
        });
    };
    CHECK(try_book("9271011205900000", "Budi", "") == errc::invalid_nik);
    CHECK(try_book("927101120590001", "Budi", "") == errc::invalid_nik);
    CHECK(try_book(nik(1), "  ", "") == errc::bad_request);
    CHECK(try_book(nik(1), "Budi\n", "") == errc::bad_request);
    CHECK(try_book(nik(1), "Budi", "0812<script>") == errc::bad_request);
    CHECK(try_book(nik(1), " Budi ", "+62 812-1") == "(accepted)");
}

TEST_CASE("a closed day or session cancels its bookings with the reason", "[bookings]") {
    Fixture f;
    const Millis now = f.at("2026-12-03", 10);
    f.take("2026-12-07", 8, 1, now);
    f.take("2026-12-07", 13, 2, now);
    SECTION("a session") {
        const Effect fx = f.book.close("KTP", "2026-12-07", 13 * 60, "Listrik padam", "198001012005011001", now);
        REQUIRE(fx.records.bookings.size() == 1);
        CHECK(fx.records.bookings[0].reason == "Listrik padam");
        CHECK(fx.records.closures.size() == 1);
        CHECK(f.book.sessions(f.ktp, "2026-12-07")[1].closed == "Listrik padam");
        CHECK(refusal_code([&] { f.take("2026-12-07", 13, 3, now); }) == errc::not_bookable);
        f.take("2026-12-07", 8, 3, now);
    }
    SECTION("a day of every service") {
        const Effect fx = f.book.close("", "2026-12-07", -1, "Banjir", "198001012005011001", now);
        CHECK(fx.records.bookings.size() == 2);
        CHECK(refusal_code([&] { f.take("2026-12-07", 8, 3, now); }) == errc::not_bookable);
        CHECK(refusal_code([&] { f.book.close("KTP", "2026-12-07", -1, "lagi", "x", now); }) == errc::already_exists);
        CHECK(f.book.open_days(f.ktp, now).front() == "2026-12-04");
        CHECK(f.book.open_days(f.ktp, now).at(1) == "2026-12-08");
    }
    SECTION("without a reason, or in the past") {
        CHECK(refusal_code([&] { f.book.close("KTP", "2026-12-07", -1, " ", "x", now); }) == errc::bad_request);
        CHECK(refusal_code([&] { f.book.close("KTP", "2026-12-02", -1, "x", "x", now); }) == errc::invalid_value);
    }
}

TEST_CASE("a booking not checked in by its session's end plus grace is missed", "[bookings]") {
    Fixture f;
    f.take("2026-12-04", 8, 1, f.at("2026-12-03", 10));
    const std::vector<ServiceState> services{f.ktp};
    CHECK(f.book.sweep(services, f.at("2026-12-04", 9, 29)).records.bookings.empty());
    const Effect fx = f.book.sweep(services, f.at("2026-12-04", 9, 30));
    REQUIRE(fx.records.bookings.size() == 1);
    CHECK(fx.records.bookings[0].status == BookingStatus::missed);
    CHECK(fx.events.at(0).type == "booking_missed");
    CHECK(f.book.sessions(f.ktp, "2026-12-04")[0].remaining == 3);
    CHECK(f.book.counts(f.ktp, "2026-12-04")[0].missed == 1);
    SECTION("past days leave memory; personal data past retention is erased once a day") {
        CHECK(f.book.sweep(services, f.at("2026-12-04", 9, 31)).records.erase_personal_before.empty());
        const Effect next = f.book.sweep(services, f.at("2026-12-05", 0, 1));
        CHECK(next.records.erase_personal_before == "2026-11-25");
        CHECK(f.book.of_day("KTP", "2026-12-04").empty());
    }
}

TEST_CASE("booking codes are read as typed", "[bookings]") {
    CHECK(normalize_booking_code("k7qm-4xrp") == "K7QM4XRP");
    CHECK(normalize_booking_code("K7QM 4XRP") == "K7QM4XRP");
    CHECK(normalize_booking_code("K7QM4XR") == "");
    CHECK(normalize_booking_code("K7QM4XRP2") == "");
    CHECK(normalize_booking_code("O7QM4XRP") == "");  // O is not in the alphabet
}

}  // namespace bookings_test
