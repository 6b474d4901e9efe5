// A display that stops reading (its program hangs in an event handler) is dropped
// once its output queue is full, and the client library's reconnect brings it the
// truth again from the snapshot, calls made while it hung included.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <future>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "raw_connection.hpp"
#include "test_support.hpp"

namespace antre::test::slow_consumer_test {

using json = nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("a display that stops reading is dropped, reconnects and resyncs from the snapshot", "[slow]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    add_officer(db, "198001012005011001", "Petugas Satu", OfficerRole::officer, "111111");
    ServerProcess server(config, db, 0, {"--send-queue-limit", "64"});

    std::mutex mutex;
    std::condition_variable changed;
    bool hung = true;  // the display's event handler blocks until released
    int snapshots = 0;
    json last_snapshot;
    std::vector<std::string> states;
    ClientOptions o;
    o.port = server.port();
    o.hello = {{"role", "display"}};
    o.subscribe = true;
    o.min_backoff = 50ms;
    Client display(o);
    // Released before the display is destroyed, whatever happens below: a failed check
    // ends the test instead of leaving the display's thread stuck in its handler.
    struct Unhang {
        std::mutex& mutex;
        std::condition_variable& changed;
        bool& hung;
        ~Unhang() {
            {
                std::lock_guard lock(mutex);
                hung = false;
            }
            changed.notify_all();
        }
    } unhang{mutex, changed, hung};
    display.on_event([&](const json& e) {
        std::unique_lock lock(mutex);
        if (e["event"] == "snapshot") {
            ++snapshots;
            last_snapshot = e["snapshot"];
            changed.notify_all();
            return;
        }
        changed.wait(lock, [&] { return !hung; });  // stuck: reads nothing more
    });
    display.on_state([&](ConnectionState s, const std::string&) {
        std::lock_guard lock(mutex);
        states.emplace_back(to_string(s));
    });
    display.start();
    REQUIRE(display.wait_ready(10s));

    // Several kiosks, so that their requests share group commits (one session's
    // requests are answered one after another, each after its commit).
    std::vector<std::unique_ptr<Client>> kiosks;
    for (int k = 0; k < 8; ++k) kiosks.push_back(connect(server.port(), {{"role", "kiosk"}}));
    auto counter =
        connect(server.port(), {{"role", "counter"}, {"counter", 1}, {"nip", "198001012005011001"}, {"pin", "111111"}});
    // Events pile up behind the hung display until its queue is full and the server drops it.
    bool dropped = false;
    std::atomic<int> refused{0};
    std::string first_refusal;  // what the first refused issue was told (under `mutex`)
    for (int burst = 0; burst < 100 && !dropped && refused == 0; ++burst) {
        std::atomic<int> left{200};
        std::promise<void> all_answered;
        for (int i = 0; i < 200; ++i)
            kiosks[static_cast<std::size_t>(i) % kiosks.size()]->call_async(
                "issue", {{"service", "KTP"}}, [&](Reply r) {
                    if (!r.ok && refused++ == 0) {
                        std::lock_guard lock(mutex);
                        first_refusal = r.code + ": " + r.message;
                    }
                    if (--left == 0) all_answered.set_value();
                });
        all_answered.get_future().wait();
        dropped = server.log_text().find("dropping the connection") != std::string::npos;
    }
    {
        std::lock_guard lock(mutex);
        INFO("first refused issue: " << first_refusal);
        REQUIRE(refused == 0);
    }
    REQUIRE(dropped);
    // Calls made while the display hangs and is gone.
    std::set<std::string> called;
    for (int i = 0; i < 3; ++i) {
        auto r = counter->call("call_next");
        REQUIRE(r.ok);
        called.insert(r.body["ticket"]["label"].get<std::string>());
        if (i < 2) REQUIRE(counter->call("finish").ok);
    }

    {
        std::unique_lock lock(mutex);
        hung = false;
        changed.notify_all();
        // The library finds the connection closed, reconnects and subscribes again.
        REQUIRE(changed.wait_for(lock, 20s, [&] { return snapshots >= 2; }));
        CHECK(std::count(states.begin(), states.end(), "connecting") >= 1);
        std::set<std::string> recent;
        for (const auto& t : last_snapshot["recent_calls"]) recent.insert(t["label"].get<std::string>());
        for (const auto& label : called) CHECK(recent.count(label));
        const auto& counters = last_snapshot["counters"];
        const auto one = std::find_if(counters.begin(), counters.end(), [](const json& c) { return c["number"] == 1; });
        REQUIRE(one != counters.end());
        CHECK((*one)["active"]["label"] == *called.rbegin());
    }
}

namespace {

/// Waits until the server has been idle (no CPU time used) for a moment, up to 120 s.
void wait_until_idle(int pid) {
    const auto deadline = std::chrono::steady_clock::now() + 120s;
    long last = cpu_time_ms(pid);
    int quiet = 0;
    while (quiet < 3 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(300ms);
        const long now = cpu_time_ms(pid);
        quiet = now - last <= 10 ? quiet + 1 : 0;
        last = now;
    }
}

}  // namespace

TEST_CASE("after slow readers are dropped for the send budget, a reader that pauses for a moment keeps its connection",
          "[slow]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    add_officer(db, "198001012005011001", "Petugas Satu", OfficerRole::officer, "111111");
    constexpr std::size_t budget = 4 * 1024 * 1024;
    ServerProcess server(config, db, 0, {"--idle-timeout", "600", "--send-bytes-budget", std::to_string(budget)});
    auto kiosk = connect(server.port(), {{"role", "kiosk"}});
    for (int i = 0; i < 200; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
    auto counter =
        connect(server.port(), {{"role", "counter"}, {"counter", 1}, {"nip", "198001012005011001"}, {"pin", "111111"}});

    // 30 clients that never read ask for about 750 KB each, several times the budget:
    // most are dropped, and the bytes they held must leave the budget with them.
    std::string requests = "{\"id\":0,\"op\":\"hello\",\"role\":\"display\"}\n{\"id\":1,\"op\":\"subscribe\"}\n";
    for (int i = 2; i < 12; ++i) requests += "{\"id\":" + std::to_string(i) + ",\"op\":\"snapshot\"}\n";
    std::vector<std::unique_ptr<RawConnection>> stuck;
    for (int i = 0; i < 30; ++i) {
        stuck.push_back(std::make_unique<RawConnection>(server.port(), RawOptions{"", 4096, 1400}));
        REQUIRE(stuck.back()->send(requests));
    }
    wait_until_idle(server.pid());
    REQUIRE(server.log_text().find("--send-bytes-budget") != std::string::npos);

    // A board that reads, but not yet: its snapshots wait in the server while a call is made.
    RawConnection paused(server.port(), RawOptions{"", 4096, 1400});
    REQUIRE(
        paused.send("{\"id\":0,\"op\":\"hello\",\"role\":\"display\"}\n{\"id\":1,\"op\":\"subscribe\"}\n"
                    "{\"id\":2,\"op\":\"snapshot\"}\n"));
    wait_until_idle(server.pid());
    auto called = counter->call("call_next");
    REQUIRE(called.ok);
    const auto label = called.body["ticket"]["label"].get<std::string>();

    // Far below the budget once the dropped queues are let go: it must get everything.
    bool saw_call = false;
    while (!saw_call) {
        const auto line = paused.read_line(30s);
        REQUIRE(line);
        const auto j = json::parse(*line);
        saw_call = j.value("event", "") == "ticket_called" && j["ticket"]["label"] == label;
    }
}

TEST_CASE(
    "200 subscribed clients that never read: the server's memory stays within its send budget, readers get every call",
    "[slow]") {
    const WithoutAsanHoldings measurable;
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    add_officer(db, "198001012005011001", "Petugas Satu", OfficerRole::officer, "111111");
    constexpr long budget_kib = 16 * 1024;
    ServerProcess server(config, db, 0,
                         {"--idle-timeout", "600", "--send-bytes-budget", std::to_string(budget_kib * 1024)});

    // A long waiting list makes each snapshot about 75 KB.
    auto kiosk = connect(server.port(), {{"role", "kiosk"}});
    {
        std::atomic<int> left{200}, refused{0};
        std::promise<void> all_answered;
        for (int i = 0; i < 200; ++i)
            kiosk->call_async("issue", {{"service", "KTP"}}, [&](Reply r) {
                if (!r.ok) ++refused;
                if (--left == 0) all_answered.set_value();
            });
        all_answered.get_future().wait();
        REQUIRE(refused == 0);
    }
    RecordingBoard reader_one(server.port());
    RecordingBoard reader_two(server.port());
    auto counter =
        connect(server.port(), {{"role", "counter"}, {"counter", 1}, {"nip", "198001012005011001"}, {"pin", "111111"}});
    reset_peak_rss(server.pid());
    const long rss_before = peak_rss_kib(server.pid());

    // Each subscribes, asks for 10 snapshots more and reads nothing: about 800 KB of
    // replies each, 150 MB in all, far below the limit per connection (16 MiB).
    std::string requests = "{\"id\":0,\"op\":\"hello\",\"role\":\"display\"}\n{\"id\":1,\"op\":\"subscribe\"}\n";
    for (int i = 2; i < 12; ++i) requests += "{\"id\":" + std::to_string(i) + ",\"op\":\"snapshot\"}\n";
    std::vector<std::unique_ptr<RawConnection>> stuck;
    std::set<std::string> called;
    for (int i = 0; i < 200; ++i) {
        stuck.push_back(std::make_unique<RawConnection>(server.port(), RawOptions{"", 4096, 1400}));
        REQUIRE(stuck.back()->send(requests));
        if (i % 10 == 9) {  // calls go on meanwhile
            auto r = counter->call("call_next");
            REQUIRE(r.ok);
            called.insert(r.body["ticket"]["label"].get<std::string>());
            REQUIRE(counter->call("finish").ok);
        }
    }
    wait_until_idle(server.pid());
    const long rss_after = peak_rss_kib(server.pid());
    std::cout << "200 clients that never read: server peak RSS " << rss_before << " KiB before, " << rss_after
              << " KiB after, with a budget of " << budget_kib << " KiB for all queues" << std::endl;
    // The budget, and as much again and 16 MiB for the rest.
    CHECK(rss_after - rss_before < 2 * budget_kib + 16 * 1024);
    CHECK(server.log_text().find("--send-bytes-budget") != std::string::npos);

    // The clients that read were never dropped and saw every call.
    for (auto* reader : {&reader_one, &reader_two}) {
        std::set<std::string> seen;
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        while (seen.size() < called.size() && std::chrono::steady_clock::now() < deadline) {
            for (const auto& e : reader->events())
                if (e["event"] == "ticket_called") seen.insert(e["ticket"]["label"].get<std::string>());
            std::this_thread::sleep_for(50ms);
        }
        CHECK(seen == called);
        const auto events = reader->events();
        CHECK(std::count_if(events.begin(), events.end(), [](const json& e) { return e["event"] == "snapshot"; }) == 1);
    }
}

TEST_CASE("a board whose socket fills in the middle of a line still gets every line whole and in order", "[slow]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    ServerProcess server(config, db, 0, {"--idle-timeout", "600"});
    auto subscribe = [](RawConnection& board) {
        REQUIRE(board.request({{"id", 1}, {"op", "hello"}, {"role", "display"}})["ok"] == true);
        REQUIRE(board.request({{"id", 2}, {"op", "subscribe"}})["ok"] == true);
    };
    // A small receive buffer and Ethernet-sized segments: the kernel soon takes only
    // part of what the server writes to this board, and the rest must wait in the
    // server's queue and follow in order.
    RawConnection slow(server.port(), RawOptions{"", 4096, 1400});
    subscribe(slow);
    // Another board reads all the time: the same lines, byte for byte, must reach both.
    RawConnection fast(server.port());
    subscribe(fast);
    constexpr int rounds = 3, per_round = 200;
    std::vector<std::string> fast_lines;
    // Joined however the test ends: a failure below ends it within one read's wait.
    std::jthread reader([&] {
        for (int issued = 0; issued < rounds * per_round;) {
            const auto line = fast.read_line(30s);
            if (!line) return;
            fast_lines.push_back(*line);
            if (line->find("\"event\":\"ticket_issued\"") != std::string::npos) ++issued;
        }
    });

    // Each issue is its own commit, and so its own write to the boards; the slow one
    // reads nothing meanwhile, then all. Three times, so that its socket fills afresh.
    auto kiosk = connect(server.port(), {{"role", "kiosk"}});
    std::vector<std::string> slow_lines;
    int read = 0;
    for (int round = 1; round <= rounds; ++round) {
        for (int i = 0; i < per_round; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        while (read < round * per_round) {
            const auto line = slow.read_line(30s);
            REQUIRE(line);
            slow_lines.push_back(*line);
            const json e = json::parse(*line);  // throws on a line cut or spliced
            if (e.value("event", "") == "ticket_issued") REQUIRE(e["ticket"]["number"] == ++read);
        }
    }
    reader.join();
    // The fast board may have the queue figures of the last batch still to come.
    REQUIRE(fast_lines.size() <= slow_lines.size());
    CHECK(std::equal(fast_lines.begin(), fast_lines.end(), slow_lines.begin()));
    CHECK(server.log_text().find("dropping") == std::string::npos);
}

}  // namespace antre::test::slow_consumer_test
