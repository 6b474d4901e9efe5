// What the server feeds the forward estimate, through the real server: the holding
// times learned from the office's last eight weeks, at start and at each new hour (with
// no history the configured typical duration speaks; docs/queue.md "Learned holding
// times"), and the break roster of the config (docs/queue.md "Pause roster").
#include <chrono>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "estimate_support.hpp"
#include "test_support.hpp"

namespace estimate_inputs_test {

using namespace antre;
using namespace antre::test;
using namespace antre::test::estimate;
using json = nlohmann::json;

namespace {

constexpr Millis week = 7 * 24 * 60 * minute;
/// How long each citizen of the history held the counter: far from KTP's configured
/// typical duration (half of max_service_minutes 15: 7.5 minutes).
constexpr Millis long_hold = 40 * minute;

// On the four Mondays before monday_0900_wit, from 08:00 WIT, counter 1 serves six KTP
// citizens one after the other, each for `long_hold`: 24 finished tickets, all of them
// on the weekday of the day under test.
void live_four_mondays(unsigned short port, ManualClock& clock) {
    for (int w = 4; w >= 1; --w) {
        clock.set(monday_0900_wit - w * week - 60 * minute);
        auto kiosk = connect(port, {{"role", "kiosk"}});
        auto counter = connect(port, counter_hello(1));
        for (int i = 0; i < 6; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        for (int i = 0; i < 6; ++i) {
            REQUIRE(counter->call("call_next").ok);
            clock.advance(long_hold);
            REQUIRE(counter->call("finish").ok);
        }
    }
}

// Issues three KTP tickets at once with counter 1 open and idle; the third's promised
// wait: two citizens are served before it.
int third_ticket_wait_s(unsigned short port) {
    auto counter = connect(port, counter_hello(1));
    auto kiosk = connect(port, {{"role", "kiosk"}});
    json ticket;
    for (int i = 0; i < 3; ++i) {
        const auto r = kiosk->call("issue", {{"service", "KTP"}});
        REQUIRE(r.ok);
        ticket = r.body["ticket"];
    }
    INFO(ticket.dump());
    REQUIRE(ticket["estimated_wait_s"].is_number_integer());
    return ticket["estimated_wait_s"].get<int>();
}

}  // namespace

TEST_CASE("a new ticket's promise follows the holding times learned from the office's history",
          "[integration][estimate][history]") {
    TempDir dir;
    const std::string config = write_test_config(dir);
    const std::string db = dir.file("antre.db");
    add_officer(db, officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin);

    SECTION("learned at start: the server opens on a database with four Mondays of 40-minute citizens") {
        {
            ManualClock clock(monday_0900_wit - 4 * week - 60 * minute);
            RunningServer history(config, db, &clock);
            live_four_mondays(history.port(), clock);
        }
        ManualClock clock(monday_0900_wit);
        RunningServer server(config, db, &clock);
        // Two 40-minute citizens ahead: about 80 minutes, not two typical 7.5-minute ones.
        const int wait = third_ticket_wait_s(server.port());
        CHECK(wait >= 60 * 60);
        CHECK(wait <= 100 * 60);
    }

    SECTION("learned again at the new hour: the same server lives the four Mondays, then today") {
        ManualClock clock(monday_0900_wit - 4 * week - 60 * minute);
        RunningServer server(config, db, &clock);
        live_four_mondays(server.port(), clock);
        clock.set(monday_0900_wit);
        auto counter = connect(server.port(), counter_hello(1));
        auto kiosk = connect(server.port(), {{"role", "kiosk"}});
        for (int i = 0; i < 2; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        // The change of hour is noticed by the next refresh, the table read on the pool,
        // then the estimates refreshed: the door (a third ticket) follows.
        json door;
        for (int i = 0; i < 200; ++i) {
            const json snapshot = kiosk->call("snapshot").body["snapshot"];
            for (const auto& s : snapshot["services"])
                if (s["code"] == "KTP") door = s["estimate"]["regular"];
            if (door.is_object() && door["wait_s"].get<int>() >= 60 * 60) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        INFO(door.dump());
        REQUIRE(door.is_object());
        CHECK(door["wait_s"].get<int>() >= 60 * 60);
        CHECK(door["wait_s"].get<int>() <= 100 * 60);
        // And the ticket issued now is promised the same.
        const auto r = kiosk->call("issue", {{"service", "KTP"}});
        REQUIRE(r.ok);
        CHECK(r.body["ticket"]["estimated_wait_s"].get<int>() >= 60 * 60);
    }

    SECTION("no history: the configured typical duration") {
        ManualClock clock(monday_0900_wit);
        RunningServer server(config, db, &clock);
        // Two citizens of about 7.5 minutes (and the walk) ahead.
        const int wait = third_ticket_wait_s(server.port());
        CHECK(wait >= 5 * 60);
        CHECK(wait <= 35 * 60);
    }
}

TEST_CASE("a break on the office's roster shifts the promise of the tickets behind it",
          "[integration][estimate][roster]") {
    TempDir dir;
    const std::string db = dir.file("antre.db");
    add_officer(db, officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin);
    json config;
    {
        std::ifstream in(write_test_config(dir));
        config = json::parse(in);
    }
    const std::string path = dir.file("roster.json");
    // Counter 1, the one at work, goes on a one-hour break at 09:05 on some days.
    auto with_break_on = [&](const std::string& day) {
        config["breaks"] = json::array({{{"counters", {1}}, {"days", {day}}, {"start", "09:05"}, {"minutes", 60}}});
        std::ofstream(path) << config.dump(2);
        return path;
    };

    SECTION("on Monday, today: the citizen in hand is served, then the counter is away an hour") {
        ManualClock clock(monday_0900_wit);
        RunningServer server(with_break_on("mon"), db, &clock);
        // Two typical KTP citizens ahead, with the hour's break between the first and the second.
        const int wait = third_ticket_wait_s(server.port());
        CHECK(wait >= 65 * 60);
        CHECK(wait <= 100 * 60);
    }

    SECTION("on Tuesday only: today's promise does not wait for it") {
        ManualClock clock(monday_0900_wit);
        RunningServer server(with_break_on("tue"), db, &clock);
        const int wait = third_ticket_wait_s(server.port());
        CHECK(wait >= 5 * 60);
        CHECK(wait <= 35 * 60);
    }
}

}  // namespace estimate_inputs_test
