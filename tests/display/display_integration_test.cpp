// The board against the real server: a counter calls, the board's state shows the
// call (the latency is measured and printed, not asserted); the server goes away
// and comes back, and the board shows the truth again.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <thread>

#include <catch2/catch.hpp>

#include "antre/gui/estimate_text.hpp"
#include "board_feed.hpp"
#include "board_texts.hpp"
#include "board_view.hpp"
#include "test_support.hpp"

namespace display_integration_test {

using namespace antre;
using namespace antre::display;
using namespace antre::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

const std::string officer_nip = "199002022015032002";
const std::string officer_pin = "135790";

// Pumps the feed into the board until `done` holds or `limit` passes.
template <class Pred>
bool pump_until(BoardFeed& feed, BoardState& board, Pred done, std::chrono::milliseconds limit = 30s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        feed.pump(board);
        if (done()) return true;
        std::this_thread::sleep_for(200us);
    }
    return false;
}

double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

TEST_CASE("display: each call-next reaches the board's state, in order", "[display][integration]") {
    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin}});
    auto& clock = office.clock();

    BoardState board;
    BoardFeed feed("127.0.0.1", office.port());
    feed.start();
    REQUIRE(pump_until(feed, board, [&] { return board.has_snapshot && board.connected; }));
    CHECK(board.office_name == "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong");
    // The board's clock follows the server's (here the test's manual clock).
    CHECK(std::llabs(SystemClock().now() + board.server_clock_offset - monday_0900_wit) < 5000);
    CHECK(board.counters.size() == 6);
    CHECK(board.recent.empty());

    constexpr int calls = 20;
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    for (int i = 0; i < calls; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
    REQUIRE(pump_until(feed, board, [&] { return board.services[0].waiting == calls; }));

    auto officer =
        connect(office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer_nip}, {"pin", officer_pin}});
    std::vector<double> to_board, to_reply;
    for (int i = 1; i <= calls; ++i) {
        clock.advance(60000);
        const auto started = std::chrono::steady_clock::now();
        const Reply reply = officer->call("call_next");
        to_reply.push_back(ms_since(started));
        REQUIRE(reply.ok);
        const std::string label = reply.body["ticket"]["label"];
        REQUIRE(pump_until(feed, board, [&] { return !board.recent.empty() && board.recent.front().label == label; }));
        to_board.push_back(ms_since(started));

        CHECK(board.recent.front().counter == 1);
        CHECK(board.pending.back().label == label);
        REQUIRE(board.counters[0].held);
        CHECK(board.counters[0].held->label == label);
        REQUIRE(officer->call("finish").ok);
    }
    // Every call queued for the voice, in the order made.
    REQUIRE(board.pending.size() == calls);
    for (int i = 0; i < calls; ++i) CHECK(board.pending[static_cast<std::size_t>(i)].label == ticket_label("A", i + 1));
    REQUIRE(pump_until(feed, board, [&] { return board.services[0].waiting == 0 && !board.counters[0].held; }));

    // Reported, not asserted: the figure goes to docs/benchmarks.md.
    std::sort(to_board.begin(), to_board.end());
    std::sort(to_reply.begin(), to_reply.end());
    std::cout << "display call-to-board latency over " << calls << " calls (ms): median " << to_board[calls / 2]
              << ", p90 " << to_board[calls * 9 / 10] << ", max " << to_board.back()
              << "; the counter's call_next reply: median " << to_reply[calls / 2] << ", max " << to_reply.back()
              << "\n";
}

TEST_CASE("display: the board marks a lost link, keeps its state, and shows the truth on return",
          "[display][integration]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    add_officer(db, officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin);
    auto server = std::make_unique<ServerProcess>(config, db);
    const auto port = server->port();

    BoardState board;
    BoardFeed feed("127.0.0.1", port);
    feed.start();
    REQUIRE(pump_until(feed, board, [&] { return board.has_snapshot && board.connected; }));
    {
        auto kiosk = connect(port, {{"role", "kiosk"}});
        REQUIRE(kiosk->call("issue", {{"service", "KK"}}).ok);
        REQUIRE(kiosk->call("issue", {{"service", "KK"}}).ok);
        auto officer = connect(port, {{"role", "counter"}, {"counter", 2}, {"nip", officer_nip}, {"pin", officer_pin}});
        REQUIRE(officer->call("call_next").ok);
    }
    REQUIRE(pump_until(feed, board, [&] { return !board.recent.empty(); }));
    CHECK(board.recent.front().label == "B-001");

    server->kill_hard();
    REQUIRE(pump_until(feed, board, [&] { return !board.connected; }));
    CHECK(board.recent.front().label == "B-001");  // the last state stays on the board
    CHECK(board.counters[1].held);

    // Back on the same port: the restarted server has kept the day (B-001 held by
    // counter 2, B-002 waiting), and the board takes it from the new snapshot.
    server = std::make_unique<ServerProcess>(config, db, port);
    REQUIRE(pump_until(
        feed, board, [&] { return board.connected; }, 20s));
    REQUIRE(pump_until(feed, board, [&] { return board.has_snapshot && board.services[1].waiting == 1; }));
    CHECK(board.counters[1].held->label == "B-001");
    CHECK(board.recent.front().label == "B-001");
}

TEST_CASE("display: a board that starts late shows the same history as one that saw every call, also after a restart",
          "[display][integration]") {
    const std::string second_nip = "198806062012062006";
    const std::string second_pin = "246802";
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    add_officer(db, officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin);
    add_officer(db, second_nip, "Yohanes Kambu", OfficerRole::officer, second_pin);
    auto server = std::make_unique<ServerProcess>(config, db);
    const auto port = server->port();

    BoardState live;
    BoardFeed live_feed("127.0.0.1", port);
    live_feed.start();
    REQUIRE(pump_until(live_feed, live, [&] { return live.has_snapshot && live.connected; }));
    {
        auto kiosk = connect(port, {{"role", "kiosk"}});
        for (int i = 0; i < 8; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        auto one = connect(port, {{"role", "counter"}, {"counter", 1}, {"nip", officer_nip}, {"pin", officer_pin}});
        auto two = connect(port, {{"role", "counter"}, {"counter", 2}, {"nip", second_nip}, {"pin", second_pin}});
        // A no-show puts its ticket back in the queue, a transfer sends one to KK: both
        // tickets then hold counter 0, yet the board showed them called to 1 and 2.
        REQUIRE(one->call("call_next").ok);
        REQUIRE(one->call("no_show").ok);
        REQUIRE(two->call("call_next").ok);
        REQUIRE(two->call("transfer", {{"service", "KK"}}).ok);
        // A recall puts an older call back on top.
        REQUIRE(one->call("call_next").ok);
        REQUIRE(two->call("call_next").ok);
        REQUIRE(one->call("recall").ok);
        REQUIRE(two->call("finish").ok);
        REQUIRE(two->call("call_next").ok);
        REQUIRE(one->call("finish").ok);
    }
    REQUIRE(pump_until(live_feed, live, [&] { return live.recent.size() == 5; }));
    const std::vector<Call> seen = live.recent;
    CHECK(std::none_of(seen.begin(), seen.end(), [](const Call& c) { return c.counter == 0; }));

    auto fresh_board = [&] {
        BoardState fresh;
        BoardFeed feed("127.0.0.1", port);
        feed.start();
        REQUIRE(pump_until(feed, fresh, [&] { return fresh.has_snapshot; }));
        return fresh;
    };
    const BoardState fresh = fresh_board();
    CHECK(fresh.recent == seen);
    REQUIRE(featured_call(fresh) != nullptr);
    CHECK(*featured_call(fresh) == seen.front());

    // The history is rebuilt from the event log after a restart.
    server->kill_hard();
    server = std::make_unique<ServerProcess>(config, db, port);
    CHECK(fresh_board().recent == seen);
}

TEST_CASE("display: the queue panel shows the server's door estimate, from the snapshot and queue_changed",
          "[display][integration][estimate]") {
    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin}});
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    for (int i = 0; i < 5; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);

    // Before any counter opens: no door, the queue-length figure for the five waiting.
    BoardState board;
    BoardFeed feed("127.0.0.1", office.port());
    feed.start();
    REQUIRE(pump_until(feed, board, [&] { return board.has_snapshot && board.services[0].waiting == 5; }));
    // Looked up each time: a new snapshot rebuilds the list.
    const auto ktp = [&] { return find_service(board, "KTP"); };
    REQUIRE(ktp());
    CHECK_FALSE(ktp()->door);
    REQUIRE(ktp()->estimated_wait_s);
    CHECK(*ktp()->estimated_wait_s > 0);
    CHECK(estimate_line(*ktp(), board.time_zone, board.connected).kind == EstimateLine::Kind::wait);
    CHECK(estimate_line(*find_service(board, "KK"), board.time_zone, board.connected).kind ==
          EstimateLine::Kind::none);  // nobody waits, nothing is known

    // Counter 1 opens (it serves every service): the refresh's queue_changed brings the doors.
    auto officer =
        connect(office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer_nip}, {"pin", officer_pin}});
    REQUIRE(pump_until(feed, board, [&] { return ktp()->door && ktp()->door->call_from; }));
    const Millis first_to = *ktp()->door->call_to;
    CHECK(*ktp()->door->call_from >= monday_0900_wit);
    CHECK(*ktp()->door->call_from <= first_to);
    CHECK_FALSE(ktp()->door->past_closing);
    const EstimateLine line = estimate_line(*ktp(), board.time_zone, board.connected);
    CHECK(line.kind == EstimateLine::Kind::interval);
    CHECK(line.unit == "WIT");

    // What the board holds is what the server says now (a board's snapshot).
    auto display = connect(office.port(), {{"role", "display"}});
    const Reply snap = display->call("snapshot");
    REQUIRE(snap.ok);
    const json* record = nullptr;
    for (const auto& s : snap.body["snapshot"]["services"])
        if (s["code"] == "KTP") record = &s;
    REQUIRE(record);
    const json& regular = (*record)["estimate"]["regular"];
    REQUIRE(regular.is_object());
    CHECK(line.value == gui::call_times(gui::Language::id, board.time_zone, regular["call_from"].get<Millis>(),
                                        regular["call_to"].get<Millis>()));

    // Ten more citizens take a KTP number: the door moves later, on the board too.
    for (int i = 0; i < 10; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
    REQUIRE(pump_until(feed, board,
                       [&] { return ktp()->waiting == 15 && ktp()->door && *ktp()->door->call_to > first_to; }));

    // Drawn: the interval is on the screen, in KTP's tile.
    gui::SdlLibrary sdl(0);
    gui::OffscreenCanvas canvas(1920, 1080);
    gui::Painter painter(canvas.renderer.get());
    std::vector<gui::DrawnText> texts;
    painter.record_texts(&texts);
    draw(board, painter, 1920, 1080, monday_0900_wit);
    const std::string shown = estimate_line(*ktp(), board.time_zone, board.connected).value;
    CHECK(std::any_of(texts.begin(), texts.end(), [&](const gui::DrawnText& t) { return t.text == shown; }));
}

}  // namespace display_integration_test
