// Check-in of online bookings (docs/booking.md "Check-in") and how their tickets are
// ordered against walk-ins and priority tickets (docs/queue.md "Booked tickets"), on
// the pure domain: Bookings decides whether a code may check in, the Engine issues
// and orders the ticket.
#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>

#include "antre/errors.hpp"
#include "bookings.hpp"
#include "engine.hpp"

namespace booking_checkin_test {

using namespace antre;

namespace {

// Thursday 3 December 2026 in Sorong (WIT): KTP-el books 08:00-09:00 and 10:00-11:00,
// grace 30 minutes; its standard wait is 60 minutes. Counter 1 serves KTP and KK.
OfficeConfig office(CallRule rule = CallRule::urgency) {
    OfficeConfig o;
    o.office_name = "Dukcapil Uji";
    o.time_zone = "Asia/Jayapura";
    o.policy.rule = rule;
    Service ktp;
    ktp.code = "KTP";
    ktp.prefix = "A";
    ktp.name_id = "KTP-el";
    ktp.name_en = "ID card";
    ktp.max_wait_minutes = 60;
    for (int d = 1; d <= 5; ++d) ktp.hours.push_back({d, 8 * 60, 15 * 60});
    ktp.booking.sessions = {{8 * 60, 9 * 60, 5}, {10 * 60, 11 * 60, 5}};
    ktp.booking.days_ahead = 7;
    ktp.booking.grace_minutes = 30;
    Service kk = ktp;
    kk.code = "KK";
    kk.prefix = "B";
    kk.booking = {};
    o.services = {ktp, kk};
    o.counters = {{1, "Loket 1", {"KTP", "KK"}}};
    return o;
}

std::string nik(int serial) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", serial);
    return "927101120590" + std::string(buf);
}

struct Desk {
    explicit Desk(CallRule rule = CallRule::urgency) : config(office(rule)), engine(config, at("2026-12-02", 12)) {}
    OfficeConfig config;
    Bookings book{config, {}, {}, 1};
    Engine engine;
    int codes = 0;

    Millis at(const std::string& day, int hh, int mm = 0) const {
        return book.calendar().day_start(day) + (hh * 60 + mm) * 60000LL;
    }
    Millis today(int hh, int mm = 0) const { return at("2026-12-03", hh, mm); }
    /// The engine at `now`, the day closed first as the server's handler does.
    Engine& on(Millis now) {
        engine.roll_over(now);
        return engine;
    }
    // A booking made on Wednesday for `day`'s session at `session_hh`; its code.
    std::string take(const std::string& day, int session_hh, int serial) {
        std::string code = "AAAAAAA" + std::string(1, booking_code_alphabet[static_cast<std::size_t>(++codes)]);
        book.book(*engine.find_service("KTP"), {"KTP", day, session_hh * 60, nik(serial), "Warga", ""}, code,
                  at("2026-12-02", 12));
        return code;
    }
    // The kiosk's check-in: what the handler does with op booking_checkin.
    TicketId check_in(const std::string& code, Millis now) {
        const Booking& b = book.checkable(code, engine.state().services, now);
        const BookingId id = b.id;
        const Millis start = book.calendar().day_start(b.day) + Millis{b.session_start} * 60000;
        const Effect fx = on(now).check_in(b.service, id, start, now);
        book.check_in(id, *fx.ticket, now);
        return *fx.ticket;
    }
    std::string refusal(const std::string& code, Millis now) {
        try {
            book.checkable(code, engine.state().services, now);
        } catch (const Refusal& r) {
            return r.code();
        }
        return "(accepted)";
    }
    TicketId walk_in(Millis now, Priority p = Priority::none, const std::string& service = "KTP") {
        return *on(now).issue(service, p, now).ticket;
    }
    TicketId call(Millis now) { return *on(now).call_next(1, now).ticket; }
    void serve(Millis now) { on(now).finish(1, now); }
};

}  // namespace

TEST_CASE("check-in: a code of today inside its window checks in once", "[booking_checkin]") {
    Desk d;
    const std::string code = d.take("2026-12-03", 10, 1);
    const std::string later = d.take("2026-12-04", 10, 2);
    const std::string gone = d.take("2026-12-03", 8, 3);
    const std::string dropped = d.take("2026-12-03", 10, 4);
    d.book.cancel(nik(4), dropped, d.at("2026-12-02", 13));

    CHECK(d.refusal("ZZZZZZZZ", d.today(10)) == errc::unknown_booking);
    CHECK(d.refusal("", d.today(10)) == errc::unknown_booking);
    CHECK(d.refusal(later, d.today(10)) == errc::booking_other_day);
    CHECK(d.refusal(dropped, d.today(10)) == errc::booking_cancelled);
    CHECK(d.refusal(code, d.today(8, 59)) == errc::booking_too_early);  // opens an hour before, at 09:00
    // 08:00-09:00 plus 30 minutes' grace: missed from 09:30, and the citizen is told to
    // take a walk-in ticket.
    CHECK(d.refusal(gone, d.today(9, 29)) == "(accepted)");
    CHECK(d.refusal(gone, d.today(9, 30)) == errc::booking_missed);
    try {
        d.book.checkable(gone, d.engine.state().services, d.today(9, 30));
    } catch (const Refusal& r) {
        CHECK(std::string(r.what()).find("nomor antrean biasa") != std::string::npos);
    }

    // Typed on the kiosk's keypad: lower case, a dash; the ticket carries the booking.
    std::string typed = code;
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    typed.insert(4, "-");
    const TicketId t = d.check_in(typed, d.today(9));
    const Ticket& ticket = *d.engine.find_ticket(t);
    CHECK(ticket.booking == d.book.by_id(1)->id);
    CHECK(ticket.label == "A-001");
    CHECK(d.book.by_id(1)->status == BookingStatus::checked_in);
    CHECK(d.refusal(code, d.today(9, 1)) == errc::booking_used);
    // A swept booking is missed for good.
    d.book.sweep(d.engine.state().services, d.today(9, 45));
    CHECK(d.book.by_id(3)->status == BookingStatus::missed);
    CHECK(d.refusal(gone, d.today(9, 45)) == errc::booking_missed);
}

TEST_CASE("check-in is refused while the service is closed, and then changes nothing", "[booking_checkin]") {
    Desk d;
    const std::string code = d.take("2026-12-03", 10, 1);
    d.on(d.today(9)).set_service_closed("KTP", true, "admin", d.today(9));
    const Booking& b = d.book.checkable(code, d.engine.state().services, d.today(9, 30));
    CHECK_THROWS_AS(d.on(d.today(9, 30)).check_in("KTP", b.id, d.today(10), d.today(9, 30)), Refusal);
    CHECK(d.book.by_id(b.id)->status == BookingStatus::active);
    CHECK(d.engine.find_service("KTP")->last_number == 0);
}

TEST_CASE("a booked citizen on time is called before walk-ins who came up to the standard earlier",
          "[booking_checkin]") {
    Desk d;
    const std::string code = d.take("2026-12-03", 10, 1);
    d.on(d.today(8)).login(1, "198003152006041001", d.today(8));
    const TicketId early = d.walk_in(d.today(8, 50));  // waited more than the standard by 10:00
    const TicketId w1 = d.walk_in(d.today(9, 10));
    const TicketId w2 = d.walk_in(d.today(9, 30));
    const TicketId w3 = d.walk_in(d.today(9, 55));
    const TicketId booked = d.check_in(code, d.today(10));
    // It counts as waiting from 10:00 less the 60-minute standard: after the one who came
    // at 08:50, before everyone who came from 09:10.
    CHECK(d.engine.find_ticket(booked)->waits_from == d.today(9));
    CHECK(d.engine.waiting("KTP") == std::vector<TicketId>{early, booked, w1, w2, w3});
    CHECK(d.engine.people_ahead(booked) == 1);
    CHECK(d.call(d.today(10, 1)) == early);
    (void)d.walk_in(d.today(10, 2), Priority::none, "KK");
    d.serve(d.today(10, 5));
    // Within its session 10:00-11:00; a KK walk-in within the standard does not take the
    // counter from a booking that counts as waiting past it.
    CHECK(d.call(d.today(10, 6)) == booked);
    d.serve(d.today(10, 10));
    CHECK(d.call(d.today(10, 11)) == w1);
}

TEST_CASE("an early check-in holds the place of a walk-in arriving a standard before the session",
          "[booking_checkin]") {
    Desk d;
    const std::string code = d.take("2026-12-03", 10, 1);
    const TicketId w1 = d.walk_in(d.today(9, 5));  // after 09:00
    const TicketId booked = d.check_in(code, d.today(9, 20));
    const TicketId w2 = d.walk_in(d.today(9, 25));
    // Checked in at 09:20 for 10:00: counts from 09:00, so before 09:05's walk-in.
    CHECK(d.engine.waiting("KTP") == std::vector<TicketId>{booked, w1, w2});
    // Late within the grace, at 11:20: counts from 10:20, behind those who came before.
    Desk late;
    const std::string code2 = late.take("2026-12-03", 10, 2);
    const TicketId x = late.walk_in(late.today(10, 10));
    const TicketId y = late.walk_in(late.today(10, 40));
    const TicketId b2 = late.check_in(code2, late.today(11, 20));
    CHECK(late.engine.waiting("KTP") == std::vector<TicketId>{x, b2, y});
}

TEST_CASE("priority tickets keep their rule against booked tickets", "[booking_checkin]") {
    SECTION("urgency: a priority ticket counts 20 minutes earlier, a booked one a standard before its session") {
        Desk d;
        const std::string code = d.take("2026-12-03", 10, 1);
        d.on(d.today(8)).login(1, "198003152006041001", d.today(8));
        const TicketId p_early = d.walk_in(d.today(8, 30), Priority::lansia);      // counts from 08:10
        const TicketId p_late = d.walk_in(d.today(9, 50), Priority::disabilitas);  // counts from 09:30
        const TicketId booked = d.check_in(code, d.today(10));                     // counts from 09:00
        CHECK(d.call(d.today(10, 1)) == p_early);
        d.serve(d.today(10, 2));
        CHECK(d.call(d.today(10, 3)) == booked);
        d.serve(d.today(10, 4));
        CHECK(d.call(d.today(10, 5)) == p_late);
    }
    SECTION("strict: priority first, then the booked ticket ahead of the walk-ins") {
        Desk d(CallRule::strict);
        const std::string code = d.take("2026-12-03", 10, 1);
        const TicketId w1 = d.walk_in(d.today(9, 10));
        const TicketId p = d.walk_in(d.today(9, 58), Priority::ibu_hamil);
        const TicketId booked = d.check_in(code, d.today(10));
        CHECK(d.engine.waiting("KTP") == std::vector<TicketId>{p, booked, w1});
    }
}

TEST_CASE("check-in is not held back by the daily quota or the opening hours", "[booking_checkin]") {
    Desk d;
    d.config.services[0].daily_quota = 1;
    Engine engine(d.config, d.today(7));
    (void)engine.issue("KTP", Priority::none, d.today(8));
    CHECK_THROWS_AS(engine.issue("KTP", Priority::none, d.today(8, 1)), Refusal);
    // The quota is used up by walk-ins: the booked place is kept all the same.
    const Effect fx = engine.check_in("KTP", 7, d.today(10), d.today(9, 30));
    REQUIRE(fx.ticket);
    CHECK(engine.find_ticket(*fx.ticket)->label == "A-002");
    CHECK(engine.find_ticket(*fx.ticket)->booking == 7);
    CHECK(fx.events.at(0).type == "ticket_issued");
    // Before the office opens (07:30), for the 08:00 session.
    Engine before(d.config, d.today(7));
    CHECK(before.check_in("KTP", 8, d.today(8), d.today(7, 30)).ticket.has_value());
    CHECK_THROWS_AS(before.issue("KTP", Priority::none, d.today(7, 31)), Refusal);
}

}  // namespace booking_checkin_test
