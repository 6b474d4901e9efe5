// display/board_state.cpp: the board's state driven by server events, without SDL.
#include <catch2/catch.hpp>

#include "board_state.hpp"
#include "display_events.hpp"

namespace display_board_state_test {

using namespace antre;
using namespace antre::display;
using namespace antre::display::test;

namespace {

constexpr Millis t0 = monday_0941_wit;

BoardState started_board(BoardFilter filter = {}) {
    BoardState s;
    s.filter = std::move(filter);
    apply_event(s, snapshot(sorong_services(), sorong_counters(), json::array()));
    return s;
}

std::vector<std::string> pending_labels(const BoardState& s) {
    std::vector<std::string> out;
    for (const auto& c : s.pending) out.push_back(c.label);
    return out;
}

std::vector<std::string> announce_all(BoardState& s, Millis now) {
    std::vector<std::string> spoken;
    while (auto call = start_announcement(s, now)) {
        spoken.push_back(call->label + (call->recall ? " ulang" : "") + " @" + std::to_string(call->counter));
        finish_announcement(s);
    }
    return spoken;
}

}  // namespace

TEST_CASE("display: a snapshot shows the office as it is, and announces nothing", "[display][state]") {
    BoardState s;
    CHECK_FALSE(s.has_snapshot);
    CHECK(featured_call(s) == nullptr);
    const json recent = json::array(
        {ticket(12, "B-003", "KK", 3, "called", t0 - 60000), ticket(11, "A-007", "KTP", 1, "serving", t0 - 120000, 1)});
    json counters = sorong_counters();
    counters[0]["active"] = recent[1];
    counters[2]["active"] = recent[0];
    counters[3]["state"] = "paused";
    counters[3]["pause_reason"] = "sholat";
    apply_event(s, snapshot(sorong_services(), counters, recent));

    CHECK(s.has_snapshot);
    CHECK(s.connected);
    CHECK(s.office_name == "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong");
    CHECK(s.time_zone == "Asia/Jayapura");
    CHECK(s.day == "2026-11-30");
    REQUIRE(s.services.size() == 6);
    CHECK(s.services[0].name == "KTP-el");
    CHECK(s.services[0].waiting == 12);
    CHECK(s.services[0].priority_waiting == 2);
    CHECK(s.services[5].colour == 5);
    REQUIRE(s.counters.size() == 6);
    REQUIRE(s.counters[0].held);
    CHECK(s.counters[0].held->label == "A-007");
    CHECK(s.counters[0].held->status == TicketStatus::serving);
    CHECK(s.counters[3].state == CounterState::paused);
    CHECK(s.counters[3].pause_reason == "sholat");
    CHECK_FALSE(s.counters[4].held);
    REQUIRE(s.recent.size() == 2);
    CHECK(s.recent[0].label == "B-003");
    CHECK(s.recent[1].recall);
    CHECK(featured_call(s)->label == "B-003");
    CHECK(s.pending.empty());  // history is shown, not spoken, at start-up
}

TEST_CASE("display: a call is shown, featured and announced", "[display][state]") {
    BoardState s = started_board();
    apply_event(s, called(21, "A-001", "KTP", 3, t0));

    REQUIRE(s.recent.size() == 1);
    CHECK(s.recent[0] == Call{21, "A-001", "KTP", 3, t0, false});
    REQUIRE(s.counters[2].held);
    CHECK(s.counters[2].held->label == "A-001");
    CHECK(s.counters[2].held->status == TicketStatus::called);
    CHECK(pending_labels(s) == std::vector<std::string>{"A-001"});

    SECTION("the announcement blinks for a few seconds, then keeps the call featured") {
        const auto call = start_announcement(s, t0 + 100);
        REQUIRE(call);
        CHECK(featured_call(s)->label == "A-001");
        CHECK(highlight_lit(s, t0 + 100));
        CHECK_FALSE(highlight_lit(s, t0 + 100 + blink_period_ms - 1));  // the dark half of a blink
        CHECK(highlight_active(s, t0 + 100 + highlight_ms - 1));
        CHECK_FALSE(highlight_active(s, t0 + 100 + highlight_ms));
        CHECK_FALSE(highlight_lit(s, t0 + 100 + highlight_ms));
        finish_announcement(s);
        CHECK_FALSE(s.announcing);
        CHECK(featured_call(s)->label == "A-001");
    }
    SECTION("service start and finish update the counter, and the call stays in the list") {
        json t = ticket(21, "A-001", "KTP", 3, "serving", t0);
        apply_event(s,
                    ticket_event("service_started", t, counter(3, sorong_counter_services(3), "open", t), t0 + 5000));
        CHECK(s.counters[2].held->status == TicketStatus::serving);
        t["status"] = "done";
        apply_event(s, ticket_event("ticket_finished", t, counter(3, sorong_counter_services(3), "open"), t0 + 9000));
        CHECK_FALSE(s.counters[2].held);
        CHECK(s.recent.size() == 1);
        CHECK(s.pending.size() == 1);  // every call is spoken, even one finished quickly
    }
}

TEST_CASE("display: a recall is announced again and moves to the top", "[display][state]") {
    BoardState s = started_board();
    apply_event(s, called(21, "A-001", "KTP", 1, t0));
    apply_event(s, called(22, "B-001", "KK", 2, t0 + 1000));
    CHECK(announce_all(s, t0 + 2000) == std::vector<std::string>{"A-001 @1", "B-001 @2"});

    apply_event(s, recalled(21, "A-001", "KTP", 1, t0, t0 + 30000));
    REQUIRE(s.recent.size() == 2);  // one line per ticket
    CHECK(s.recent[0].label == "A-001");
    CHECK(s.recent[0].recall);
    CHECK(s.recent[0].at == t0 + 30000);
    CHECK(announce_all(s, t0 + 31000) == std::vector<std::string>{"A-001 ulang @1"});

    SECTION("and again at every further recall, even one made before the last was spoken") {
        apply_event(s, recalled(21, "A-001", "KTP", 1, t0, t0 + 60000, 2));
        apply_event(s, recalled(21, "A-001", "KTP", 1, t0, t0 + 61000, 3));
        CHECK(announce_all(s, t0 + 62000) == std::vector<std::string>{"A-001 ulang @1", "A-001 ulang @1"});
    }
}

TEST_CASE("display: a burst of ten calls is announced one by one, in order", "[display][state]") {
    BoardState s = started_board();
    apply_event(s, snapshot(sorong_services(), sorong_counters(10), json::array()));
    std::vector<std::string> expected;
    for (int i = 1; i <= 10; ++i) {
        const std::string label = "A-0" + std::string(i < 10 ? "0" : "") + std::to_string(i);
        apply_event(s, called(100 + i, label, "KTP", i, t0 + i));
        expected.push_back(label + " @" + std::to_string(i));
    }
    CHECK(s.pending.size() == 10);
    CHECK(s.recent.size() == 10);
    CHECK(s.recent.front().label == "A-010");  // the list is newest first...

    // ...and the featured call follows the voice: first the first call.
    const auto first = start_announcement(s, t0 + 100);
    REQUIRE(first);
    CHECK(first->label == "A-001");
    CHECK(featured_call(s)->label == "A-001");
    CHECK_FALSE(start_announcement(s, t0 + 200));  // one at a time: the next waits for the first
    CHECK(featured_call(s)->label == "A-001");
    finish_announcement(s);
    expected.erase(expected.begin());
    CHECK(announce_all(s, t0 + 300) == expected);
    CHECK(s.pending.empty());
}

TEST_CASE("display: the announcement queue has a bound: the oldest waiting call gives way", "[display][state]") {
    BoardState s = started_board();
    for (std::size_t i = 0; i < announcement_queue_limit + 3; ++i)
        apply_event(s, called(static_cast<TicketId>(i + 1), "A-" + std::to_string(100 + i), "KTP", 1,
                              t0 + static_cast<Millis>(i)));
    CHECK(s.pending.size() == announcement_queue_limit);
    CHECK(s.dropped_announcements == 3);
    CHECK(s.pending.front().label == "A-103");
    CHECK(s.recent.size() == display::recent_calls_kept);
}

TEST_CASE("display: filters limit a board to some services or counters", "[display][state]") {
    SECTION("by service: calls, counters serving them, and their waiting counts") {
        BoardState s = started_board({{"KK", "PINDAH"}, {}});
        apply_event(s, called(1, "A-001", "KTP", 1, t0));
        apply_event(s, called(2, "B-001", "KK", 2, t0 + 1));
        apply_event(s, called(3, "F-001", "PINDAH", 6, t0 + 2));
        CHECK(pending_labels(s) == std::vector<std::string>{"B-001", "F-001"});
        CHECK(s.recent.size() == 2);
        std::vector<int> counters;
        for (const auto* c : shown_counters(s)) counters.push_back(c->number);
        CHECK(counters == std::vector<int>{2, 3, 6});
        std::vector<std::string> services;
        for (const auto* v : shown_services(s)) services.push_back(v->code);
        CHECK(services == std::vector<std::string>{"KK", "PINDAH"});
    }
    SECTION("by counter: one floor's counters and the services they serve") {
        BoardState s = started_board({{}, {4, 5}});
        apply_event(s, called(1, "C-001", "AKTA_LAHIR", 4, t0));
        apply_event(s, called(2, "C-002", "AKTA_LAHIR", 3, t0 + 1));
        apply_event(s, called(3, "E-001", "KIA", 5, t0 + 2));
        CHECK(pending_labels(s) == std::vector<std::string>{"C-001", "E-001"});
        std::vector<int> counters;
        for (const auto* c : shown_counters(s)) counters.push_back(c->number);
        CHECK(counters == std::vector<int>{4, 5});
        std::vector<std::string> services;
        for (const auto* v : shown_services(s)) services.push_back(v->code);
        CHECK(services == std::vector<std::string>{"AKTA_LAHIR", "AKTA_MATI", "KIA"});
    }
    SECTION("both: a service at some counters") {
        BoardState s = started_board({{"KTP"}, {1}});
        apply_event(s, called(1, "A-001", "KTP", 1, t0));
        apply_event(s, called(2, "E-001", "KIA", 1, t0 + 1));
        apply_event(s, called(3, "A-002", "KTP", 2, t0 + 2));
        CHECK(pending_labels(s) == std::vector<std::string>{"A-001"});
    }
    SECTION("the snapshot's history is filtered too") {
        BoardState s;
        s.filter.counters = {2};
        apply_event(s, snapshot(sorong_services(), sorong_counters(),
                                json::array({ticket(2, "A-002", "KTP", 2, "called", t0),
                                             ticket(1, "A-001", "KTP", 1, "called", t0 - 1)})));
        REQUIRE(s.recent.size() == 1);
        CHECK(s.recent[0].label == "A-002");
    }
}

TEST_CASE("display: after a reconnect the snapshot replaces the state at once", "[display][state]") {
    BoardState s = started_board();
    apply_event(s, called(1, "A-001", "KTP", 1, t0));
    announce_all(s, t0 + 10);
    set_connected(s, false);
    CHECK_FALSE(s.connected);
    CHECK(s.has_snapshot);
    CHECK(s.recent.size() == 1);  // the last state is kept while the link is down

    // Meanwhile: A-001 finished, counter 2 called B-001 and is still waiting for
    // its citizen, counter 3 called and finished F-001, KK has 3 waiting, counter 6 closed.
    json services = sorong_services();
    services[1]["waiting"] = 3;
    json counters = sorong_counters();
    const json b001 = ticket(2, "B-001", "KK", 2, "called", t0 + 20000);
    counters[1]["active"] = b001;
    counters[5]["state"] = "closed";
    const json recent = json::array(
        {b001, ticket(3, "F-001", "PINDAH", 3, "done", t0 + 15000), ticket(1, "A-001", "KTP", 1, "done", t0)});
    set_connected(s, true);
    apply_event(s, snapshot(services, counters, recent, t0 + 30000));

    CHECK(s.connected);
    CHECK(s.services[1].waiting == 3);
    CHECK_FALSE(s.counters[0].held);
    CHECK(s.counters[1].held->label == "B-001");
    CHECK(s.counters[5].state == CounterState::closed);
    REQUIRE(s.recent.size() == 3);
    CHECK(s.recent[0].label == "B-001");
    // The call the board missed, whose citizen has not come, is announced now;
    // the finished one and the one already announced are not.
    CHECK(pending_labels(s) == std::vector<std::string>{"B-001"});

    SECTION("the same snapshot again announces nothing new") {
        s.pending.clear();
        apply_event(s, snapshot(services, counters, recent, t0 + 40000));
        CHECK(s.pending.empty());
    }
}

TEST_CASE("display: the connection flag follows the link", "[display][state]") {
    BoardState s;
    CHECK_FALSE(s.connected);
    set_connected(s, true);
    CHECK(s.connected);
    set_connected(s, false);
    CHECK_FALSE(s.connected);
    apply_event(s, snapshot(sorong_services(), sorong_counters(), json::array()));
    CHECK(s.connected);  // a snapshot is proof of a live link
}

TEST_CASE("display: queue, counter and day events update what is shown", "[display][state]") {
    BoardState s = started_board();
    SECTION("queue_changed carries the waiting counts, and new services") {
        apply_event(s, {{"event", "queue_changed"},
                        {"services", json::array({service("KK", "B", "Kartu Keluarga", 9, 1),
                                                  service("SKPWNI", "G", "Surat Pindah", 1)})}});
        CHECK(s.services[1].waiting == 9);
        CHECK(s.services[1].priority_waiting == 1);
        CHECK(s.services[1].colour == 1);
        REQUIRE(s.services.size() == 7);
        CHECK(s.services[6].code == "SKPWNI");
        CHECK(s.services[6].colour == 6);
    }
    SECTION("counter events carry the counter") {
        apply_event(s, {{"event", "counter_paused"},
                        {"counter", 2},
                        {"detail", "sholat"},
                        {"counter_state", counter(2, {"KTP", "KK"}, "paused", nullptr, "sholat")}});
        CHECK(s.counters[1].state == CounterState::paused);
        CHECK(s.counters[1].pause_reason == "sholat");
        apply_event(s,
                    {{"event", "counter_created"}, {"counter", 7}, {"counter_state", counter(7, {"KTP"}, "closed")}});
        REQUIRE(s.counters.size() == 7);
        CHECK(s.counters[6].number == 7);
    }
    SECTION("a new day clears the list of calls") {
        apply_event(s, called(1, "A-001", "KTP", 1, t0));
        apply_event(s, {{"event", "day_started"}, {"detail", "2026-12-01"}});
        CHECK(s.day == "2026-12-01");
        CHECK(s.recent.empty());
    }
    SECTION("whatever arrives malformed is ignored") {
        apply_event(s, json("not an object"));
        apply_event(s, {{"event", "ticket_called"}, {"ticket", "A-001"}});
        apply_event(s, {{"event", "ticket_called"}, {"ticket", {{"label", 5}}}});
        apply_event(s, {{"event", "queue_changed"}, {"services", {{"code", 1}}}});
        apply_event(s, {{"event", "counter_opened"}, {"counter_state", {{"number", "x"}}}});
        apply_event(s, {{"event", "snapshot"}, {"snapshot", 3}});
        apply_event(s, {{"event", "no_such_event"}});
        CHECK(s.recent.empty());
        CHECK(s.pending.empty());
    }
}

TEST_CASE("display: a snapshot's history shows each call at the counter it was made to, not LOKET 0",
          "[display][state]") {
    // A-007 was called to counter 2 for KTP, then transferred to KK: its ticket record
    // now says counter 0, KK, waiting; B-003 was recalled at counter 3 after C-001's call.
    json requeued = ticket(11, "A-007", "KK", 0, "waiting", t0 - 300000);
    requeued["call"] = {{"service", "KTP"}, {"counter", 2}, {"at", t0 - 300000}, {"recall", false}};
    json recalled_ticket = ticket(12, "B-003", "KK", 3, "called", t0 - 200000, 1);
    recalled_ticket["call"] = {{"counter", 3}, {"at", t0 - 60000}, {"recall", true}};
    json plain = ticket(13, "C-001", "AKTA_LAHIR", 4, "serving", t0 - 100000);
    plain["call"] = {{"counter", 4}, {"at", t0 - 100000}, {"recall", false}};
    BoardState s;
    apply_event(s, snapshot(sorong_services(), sorong_counters(), json::array({recalled_ticket, plain, requeued})));
    REQUIRE(s.recent.size() == 3);
    CHECK(s.recent[0] == Call{12, "B-003", "KK", 3, t0 - 60000, true});
    CHECK(s.recent[1] == Call{13, "C-001", "AKTA_LAHIR", 4, t0 - 100000, false});
    CHECK(s.recent[2] == Call{11, "A-007", "KTP", 2, t0 - 300000, false});
    REQUIRE(featured_call(s) != nullptr);
    CHECK(featured_call(s)->counter == 3);

    // A board filtered to counter 2 still shows A-007's call there.
    BoardState only_two;
    only_two.filter.counters = {2};
    apply_event(only_two,
                snapshot(sorong_services(), sorong_counters(), json::array({recalled_ticket, plain, requeued})));
    REQUIRE(only_two.recent.size() == 1);
    CHECK(only_two.recent[0].label == "A-007");

    // On a reconnect a call made meanwhile is announced only while its ticket is
    // still called at that counter: not A-007, which went back to the queue.
    BoardState back = started_board();
    apply_event(back, snapshot(sorong_services(), sorong_counters(), json::array({recalled_ticket, plain, requeued})));
    CHECK(announce_all(back, t0) == std::vector<std::string>{"B-003 ulang @3"});
}

}  // namespace display_board_state_test
