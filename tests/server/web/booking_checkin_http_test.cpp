// Check-in at the kiosk against the real server (docs/booking.md "Check-in"): a
// citizen books on the public port, checks in at a kiosk with op booking_checkin, and
// the ticket with the "Daring" mark is called within the session, before walk-ins who
// came earlier and after priority tickets that counted from earlier still; the counter
// reads the booking's NIK with op ticket_booking, the board never sees it.
#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "test_nik.hpp"

namespace booking_checkin_http_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

constexpr Millis minute = 60'000;

std::string book(TestOffice& office, int serial, const std::string& session) {
    const json body = {{"service", "KTP"},
                       {"day", "2026-12-01"},
                       {"session", session},
                       {"nik", nik(serial)},
                       {"name", "Warga " + std::to_string(serial)}};
    const HttpReply r = http_request(office.public_port(), "POST", "/api/public/booking", body.dump(),
                                     {{"Content-Type", "application/json"}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json()["booking"]["code"].get<std::string>();
}

std::string issue(Client& kiosk, Priority priority = Priority::none) {
    const Reply r = kiosk.call("issue", {{"service", "KTP"}, {"priority", to_string(priority)}});
    INFO(r.message);
    REQUIRE(r.ok);
    return r.body["ticket"]["label"].get<std::string>();
}

}  // namespace

TEST_CASE("check-in: the booked ticket is called within its session, ahead of earlier walk-ins", "[booking]") {
    const OfficerSeed& officer = counter_officers[0];
    TestOffice office({manager, officer});
    const std::string code = book(office, 1, "10:00");
    const std::string gone = book(office, 2, "08:00");
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});

    // Monday: the booking is for Tuesday.
    Reply r = kiosk->call("booking_checkin", {{"code", code}});
    CHECK(r.code == "booking_other_day");
    CHECK(r.message.find("2026-12-01") != std::string::npos);

    // Tuesday: walk-ins from 08:30, one of them a priority ticket.
    office.clock().set(tuesday_wit(8, 30));
    const std::string p_early = issue(*kiosk, Priority::lansia);  // counts from 08:10
    office.clock().set(tuesday_wit(8, 50));
    CHECK(kiosk->call("booking_checkin", {{"code", code}}).code == "booking_too_early");  // from 09:00
    office.clock().set(tuesday_wit(9, 5));
    const std::string w1 = issue(*kiosk);
    office.clock().set(tuesday_wit(9, 20));
    const std::string w2 = issue(*kiosk);
    office.clock().set(tuesday_wit(9, 35));
    const std::string p_late = issue(*kiosk, Priority::ibu_hamil);  // counts from 09:15
    office.clock().set(tuesday_wit(9, 58));
    const std::string w3 = issue(*kiosk);

    // 10:00: the citizen scans the code (the scanner types it as printed, dash and all).
    office.clock().set(tuesday_wit(10));
    r = kiosk->call("booking_checkin", {{"code", code.substr(0, 4) + "-" + code.substr(4)}});
    INFO(r.message);
    REQUIRE(r.ok);
    const json ticket = r.body["ticket"];
    const std::string booked = ticket["label"];
    CHECK(ticket["booking"].is_number_integer());  // the "Daring" mark
    CHECK(r.body["booking"]["session"]["start"] == "10:00");
    CHECK(r.body.dump().find(nik(1)) == std::string::npos);  // a kiosk never sees the NIK
    CHECK(kiosk->call("booking_checkin", {{"code", code}}).code == "booking_used");
    // 08:00-09:00 plus 30 minutes' grace is over: the kiosk says to take a walk-in ticket.
    r = kiosk->call("booking_checkin", {{"code", gone}});
    CHECK(r.code == "booking_missed");
    CHECK(r.message.find("nomor antrean biasa") != std::string::npos);

    // The board sees the mark, never the NIK.
    auto board = connect(office.port(), {{"role", "display"}});
    const Reply snap = board->call("snapshot");
    REQUIRE(snap.ok);
    bool marked = false;
    for (const auto& t : snap.body["snapshot"]["waiting"]) {
        if (t["label"] == booked) {
            marked = t["booking"].is_number_integer();
        } else {
            CHECK(t["booking"].is_null());  // a walk-in
        }
    }
    CHECK(marked);
    CHECK(snap.body.dump().find(nik(1)) == std::string::npos);
    CHECK(board->call("ticket_booking", {{"ticket", ticket["id"]}}).code == "forbidden");

    auto counter =
        connect(office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer.nip}, {"pin", officer.pin}});
    std::vector<std::string> called;
    for (int i = 0; i < 6; ++i) {
        office.clock().advance(minute);
        const Reply next = counter->call("call_next");
        INFO(next.message);
        REQUIRE(next.ok);
        called.push_back(next.body["ticket"]["label"].get<std::string>());
        if (called.back() == booked) {
            // The officer serves with the NIK: the counter reads it for the ticket it holds.
            const Reply who = counter->call("ticket_booking", {{"ticket", next.body["ticket"]["id"]}});
            INFO(who.message);
            REQUIRE(who.ok);
            CHECK(who.body["booking"]["nik"] == nik(1));
            CHECK(who.body["booking"]["name"] == "Warga 1");
            CHECK(who.body["booking"]["session"]["end"] == "11:00");
        }
        office.clock().advance(minute);
        REQUIRE(counter->call("finish").ok);
    }
    // Priority from 08:10, then the booking (from 09:00), then walk-ins and the later
    // priority ticket by when they count from.
    CHECK(called == std::vector<std::string>{p_early, booked, w1, p_late, w2, w3});

    auto mgr = connect(office.port(), {{"role", "manager"}, {"nip", manager.nip}, {"pin", manager.pin}});
    const Reply day = mgr->call("bookings", {{"day", "2026-12-01"}, {"service", "KTP"}});
    REQUIRE(day.ok);
    CHECK(day.body["services"][0]["sessions"][0]["missed"] == 1);
    CHECK(day.body["services"][0]["sessions"][2]["checked_in"] == 1);
}

}  // namespace booking_checkin_http_test
