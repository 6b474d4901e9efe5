// The figures of past days' online bookings (docs/booking.md "Figures of past days",
// protocol §5.42 booking_report) against the real server: bookings made on the public
// port, checked in at a kiosk and called at a counter on Tuesday, read by a manager
// on Wednesday through the line protocol and through the dashboard's CSV.
#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "test_nik.hpp"

namespace booking_report_http_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

constexpr const char* day = "2026-12-01";

json body(int serial, const std::string& session) {
    return {{"service", "KTP"}, {"day", day}, {"session", session}, {"nik", nik(serial)}, {"name", "Warga"}};
}

std::string book(TestOffice& office, int serial, const std::string& session) {
    const HttpReply r = http_request(office.public_port(), "POST", "/api/public/booking", body(serial, session).dump(),
                                     {{"Content-Type", "application/json"}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json()["booking"]["code"].get<std::string>();
}

void check_in(Client& kiosk, const std::string& code) {
    const Reply r = kiosk.call("booking_checkin", {{"code", code}});
    INFO(r.message);
    REQUIRE(r.ok);
}

std::string call_next(Client& counter) {
    const Reply r = counter.call("call_next");
    INFO(r.message);
    REQUIRE(r.ok);
    return r.body["ticket"]["label"].get<std::string>();
}

}  // namespace

TEST_CASE("booking report: a past day's bookings, who came and who was called within the session", "[booking]") {
    const OfficerSeed& officer = counter_officers[0];
    TestOffice office({manager, officer});
    // Monday: seven citizens book Tuesday's KTP-el sessions.
    const std::string a = book(office, 1, "10:00");  // checks in on time, called in the session
    book(office, 2, "08:00");                        // never comes: missed
    const std::string c = book(office, 3, "09:00");  // cancels
    const std::string d = book(office, 4, "09:00");  // checks in during the grace after the session
    const std::string f = book(office, 6, "10:00");  // on time, called after the session
    book(office, 7, "13:00");                        // the office closes the session
    const HttpReply cancelled =
        http_request(office.public_port(), "POST", "/api/public/booking/cancel",
                     json{{"nik", nik(3)}, {"code", c}}.dump(), {{"Content-Type", "application/json"}});
    REQUIRE(cancelled.status == 200);
    auto mgr = connect(office.port(), {{"role", "manager"}, {"nip", manager.nip}, {"pin", manager.pin}});
    REQUIRE(
        mgr->call("booking_close", {{"day", day}, {"service", "KTP"}, {"session", "13:00"}, {"reason", "Rapat"}}).ok);

    // Tuesday 09:45: the 08:00 session's grace is over, whether or not a sweep has run.
    office.clock().set(tuesday_wit(9, 45));
    Reply r = mgr->call("booking_report", {{"from", day}, {"to", day}});
    INFO(r.message);
    REQUIRE(r.ok);
    CHECK(r.body["by"] == "day");
    CHECK(r.body["total"]["missed"] == 1);
    CHECK(r.body["total"]["active"] == 3);
    CHECK(r.body["total"]["checked_in"] == 0);

    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    auto counter =
        connect(office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer.nip}, {"pin", officer.pin}});
    office.clock().set(tuesday_wit(10));
    check_in(*kiosk, a);
    check_in(*kiosk, f);
    office.clock().set(tuesday_wit(10, 5));
    const std::string first = call_next(*counter);
    office.clock().set(tuesday_wit(10, 6));
    REQUIRE(counter->call("finish").ok);
    office.clock().set(tuesday_wit(10, 10));
    check_in(*kiosk, d);  // 09:00-10:00, within its 30 minutes' grace
    office.clock().set(tuesday_wit(11, 10));
    call_next(*counter);
    REQUIRE(counter->call("finish").ok);
    office.clock().set(tuesday_wit(11, 12));
    call_next(*counter);
    REQUIRE(counter->call("finish").ok);
    CHECK(first.rfind("A-", 0) == 0);

    // Wednesday: the day is in the past and its bookings only in the store.
    office.clock().set(tuesday_wit(24 + 9));
    r = mgr->call("booking_report", {{"from", "2026-11-30"}, {"to", "2026-12-02"}, {"by", "day"}});
    INFO(r.message);
    REQUIRE(r.ok);
    REQUIRE(r.body["rows"].size() == 1);
    const json& row = r.body["rows"][0];
    CHECK(row["key"] == day);
    CHECK(row["booked"] == 4);  // a, the missed one, d, f: cancellations hold no place
    CHECK(row["checked_in"] == 3);
    CHECK(row["missed"] == 1);
    CHECK(row["cancelled"] == 1);
    CHECK(row["closed"] == 1);
    CHECK(row["active"] == 0);
    CHECK(row["attendance"] == Approx(0.75));
    CHECK(row["on_time"] == 2);            // a and f; d came after its session's end
    CHECK(row["called_in_session"] == 1);  // a; f was called at 11:10
    CHECK(row["called_in_session_share"] == Approx(0.5));
    CHECK(r.body["total"] == [&] {
        json t = row;
        t.erase("key");
        return t;
    }());
    CHECK(r.body.dump().find(nik(1)) == std::string::npos);  // counts, never a NIK

    const Reply by_service = mgr->call("booking_report", {{"from", day}, {"to", day}, {"by", "service"}});
    REQUIRE(by_service.ok);
    REQUIRE(by_service.body["rows"].size() == 1);
    CHECK(by_service.body["rows"][0]["key"] == "KTP");
    CHECK(by_service.body["rows"][0]["booked"] == 4);

    SECTION("the dashboard's CSV is the CLI's table of the same reply") {
        const HttpReply login = http_request(office.http_port(), "POST", "/api/login",
                                             json{{"nip", manager.nip}, {"pin", manager.pin}}.dump(),
                                             {{"Content-Type", "application/json"}});
        REQUIRE(login.status == 200);
        const std::string cookie = cookie_of(login);
        const HttpReply csv =
            http_request(office.http_port(), "GET", "/api/booking_report.csv?by=day&from=2026-12-01&to=2026-12-01", "",
                         {{"Cookie", cookie}});
        INFO(csv.body);
        REQUIRE(csv.status == 200);
        CHECK(csv.body ==
              "day,booked,active,checked_in,missed,cancelled,closed,on_time,called_in_session,attendance,"
              "called_in_session_share\n"
              "2026-12-01,4,0,3,1,1,1,2,1,0.750,0.500\n"
              "total,4,0,3,1,1,1,2,1,0.750,0.500\n");
    }
    SECTION("refusals") {
        CHECK(mgr->call("booking_report", {{"from", day}, {"to", day}, {"by", "officer"}}).code == "invalid_value");
        CHECK(mgr->call("booking_report", {{"from", "2026-12-02"}, {"to", day}}).code == "invalid_value");
        CHECK(mgr->call("booking_report", {{"from", day}}).code == "bad_request");
        CHECK(kiosk->call("booking_report", {{"from", day}, {"to", day}}).code == "forbidden");
    }
}

}  // namespace booking_report_http_test
