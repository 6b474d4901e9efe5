// Online booking on the citizens' public port (docs/booking.md), against the real
// server: the flow from the services to a booking, its lookup, .ics, QR and
// cancellation; the managers' ops; the throttles; and quota exactness when many
// citizens book the same session at once.
#include <atomic>
#include <cstdio>
#include <thread>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "test_nik.hpp"

namespace booking_http_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

// The test office is Sorong's on Monday 30 November 2026, 09:00 WIT: KTP-el takes
// bookings, 20 places from 08:00 on Tuesday.
constexpr const char* tuesday = "2026-12-01";

HttpReply post(TestOffice& office, const std::string& target, const json& body, const std::string& from = "") {
    return http_request(office.public_port(), "POST", target, body.dump(), {{"Content-Type", "application/json"}},
                        from);
}

json booking(int serial, const std::string& session = "08:00") {
    return {{"service", "KTP"}, {"day", tuesday}, {"session", session}, {"nik", nik(serial)}, {"name", "Warga"}};
}

void generous(AppOptions& o) {
    o.handler.bookings_per_address = {100000, 60'000, 1000};
    o.handler.bookings_per_nik = {100000, 60'000, 1000};
}

}  // namespace

TEST_CASE("booking: a citizen books, looks up, downloads and cancels", "[booking]") {
    TestOffice office({manager}, generous);
    const auto services = http_request(office.public_port(), "GET", "/api/public/booking/services").json();
    REQUIRE(services["services"].size() == 1);  // Sorong books KTP-el only
    CHECK(services["services"][0]["days"][0] == tuesday);
    const auto sessions =
        http_request(office.public_port(), "GET", "/api/public/booking/sessions?service=KTP&day=2026-12-01").json();
    REQUIRE(sessions["sessions"].size() == 4);
    CHECK(sessions["sessions"][0]["remaining"] == 20);

    const HttpReply made = post(office, "/api/public/booking", booking(1));
    INFO(made.body);
    REQUIRE(made.status == 200);
    const json b = made.json()["booking"];
    const std::string code = b["code"];
    CHECK(code.size() == 8);
    CHECK(b["nik"] == "************0001");  // the owner sees the last four digits
    CHECK(b["session"]["end"] == "09:00");
    CHECK(b["requirements"].size() == 3);
    CHECK(made.body.find(nik(1)) == std::string::npos);
    CHECK(http_request(office.public_port(), "GET", "/api/public/booking/sessions?service=KTP&day=2026-12-01")
              .json()["sessions"][0]["remaining"] == 19);

    const HttpReply found = post(office, "/api/public/booking/find", {{"nik", nik(1)}, {"code", code}});
    CHECK(found.status == 200);
    CHECK(found.json()["booking"]["status"] == "active");
    const HttpReply ics = post(office, "/api/public/booking/ics", {{"nik", nik(1)}, {"code", code}});
    CHECK(ics.status == 200);
    CHECK(ics.header("content-type").find("text/calendar") == 0);
    CHECK(ics.body.find("DTSTART:20261130T230000Z") != std::string::npos);  // 08:00 WIT
    CHECK(ics.body.find(nik(1)) == std::string::npos);
    const HttpReply qr = http_request(office.public_port(), "GET", "/api/public/booking/qr/" + code);
    CHECK(qr.status == 200);
    CHECK(qr.body.find("<svg") == 0);

    CHECK(post(office, "/api/public/booking", booking(1, "09:00")).json()["error"]["code"] == "already_booked");
    CHECK(post(office, "/api/public/booking/find", {{"nik", nik(2)}, {"code", code}}).status == 404);
    const HttpReply bad = post(office, "/api/public/booking", booking(0));
    CHECK(bad.status == 400);
    CHECK(bad.json()["error"]["code"] == "invalid_nik");
    CHECK(bad.json()["error"]["message"].get<std::string>().find("serial") != std::string::npos);

    auto mgr = connect(office.port(), {{"role", "manager"}, {"nip", manager.nip}, {"pin", manager.pin}});
    auto list = mgr->call("bookings", {{"day", tuesday}, {"service", "KTP"}});
    REQUIRE(list.ok);
    CHECK(list.body["services"][0]["sessions"][0]["active"] == 1);
    CHECK(list.body["services"][0]["bookings"][0]["nik"] == nik(1));  // managers serve with it

    const HttpReply cancelled = post(office, "/api/public/booking/cancel", {{"nik", nik(1)}, {"code", code}});
    CHECK(cancelled.json()["booking"]["status"] == "cancelled");
    CHECK(post(office, "/api/public/booking", booking(1, "09:00")).status == 200);

    SECTION("a manager closes the day: its bookings are cancelled with the reason") {
        auto closed = mgr->call("booking_close", {{"day", tuesday}, {"reason", "Rapat dinas"}});
        REQUIRE(closed.ok);
        CHECK(closed.body["cancelled"] == 1);
        CHECK(post(office, "/api/public/booking", booking(3)).json()["error"]["code"] == "not_bookable");
        auto again = mgr->call("bookings", {{"day", tuesday}});
        CHECK(again.body["services"][0]["sessions"][1]["closed"] == "Rapat dinas");
    }
    SECTION("a kiosk may not list bookings") {
        auto kiosk = connect(office.port(), {{"role", "kiosk"}});
        CHECK(kiosk->call("bookings").code == "forbidden");
    }
}

TEST_CASE("booking: lookups that name no booking are throttled per address", "[booking]") {
    TestOffice office({}, generous);
    int refused = 0;
    for (int i = 0; i < 15; ++i) {
        const auto r = post(office, "/api/public/booking/find", {{"nik", nik(1)}, {"code", "AAAAAAAA"}}, "127.0.0.5");
        if (r.status == 429) ++refused;
    }
    CHECK(refused > 0);
    // Another address is not held up.
    CHECK(post(office, "/api/public/booking/find", {{"nik", nik(9)}, {"code", "AAAAAAAA"}}, "127.0.0.6").status == 404);
}

TEST_CASE("booking: bookings are throttled per address and per NIK", "[booking]") {
    TestOffice office({}, [](AppOptions& o) {
        o.handler.bookings_per_address = {3, 60'000, 1000};
        o.handler.bookings_per_nik = {2, 60'000, 1000};
    });
    CHECK(post(office, "/api/public/booking", booking(1), "127.0.0.7").status == 200);
    CHECK(post(office, "/api/public/booking", booking(1), "127.0.0.8").status == 409);  // already booked
    CHECK(post(office, "/api/public/booking", booking(1), "127.0.0.9").status == 429);  // the NIK's third try
    CHECK(post(office, "/api/public/booking", booking(2), "127.0.0.7").status == 200);
    CHECK(post(office, "/api/public/booking", booking(3), "127.0.0.7").status == 200);
    CHECK(post(office, "/api/public/booking", booking(4), "127.0.0.7").status == 429);  // the address's fourth
}

TEST_CASE("booking: many citizens at once never get more than the session's places", "[booking]") {
    TestOffice office({}, generous);
    constexpr int threads = 24, per_thread = 10;  // 240 attempts for 20 places
    std::atomic<int> accepted{0}, full{0}, other{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                const auto r = post(office, "/api/public/booking", booking(1 + t * per_thread + i));
                const json j = json::parse(r.body, nullptr, false);
                if (r.status == 200 && j.value("ok", false))
                    ++accepted;
                else if (r.status == 409 && j["error"]["code"] == "booking_full" &&
                         j["error"]["message"].get<std::string>().find("penuh") != std::string::npos)
                    ++full;
                else
                    ++other;
            }
        });
    for (auto& th : pool) th.join();
    CHECK(accepted == 20);
    CHECK(full == threads * per_thread - 20);
    CHECK(other == 0);
    CHECK(http_request(office.public_port(), "GET", "/api/public/booking/sessions?service=KTP&day=2026-12-01")
              .json()["sessions"][0]["remaining"] == 0);
}

}  // namespace booking_http_test
