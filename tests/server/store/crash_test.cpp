// kill -9 under load: the real antre-server executable, several clients of the
// client library, the server killed at random moments (also around an office-local
// midnight) and restarted on the same database file. After each kill the file is
// read as it lies on disk (store_check.hpp) and every acknowledged operation must
// be in it. The seed is printed; ANTRE_TEST_SEED=N repeats a run's choices.
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "sqlite.hpp"
#include "store_check.hpp"
#include "test_support.hpp"

namespace antre::test::crash_test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

std::uint32_t test_seed() {
    if (const char* s = std::getenv("ANTRE_TEST_SEED")) return static_cast<std::uint32_t>(std::stoul(s));
    return std::random_device{}();
}

// How many seeds a randomised test runs, one after the other from test_seed():
// ANTRE_TEST_SEEDS=30 for a thorough run (about 6 s each); 1 by default.
int test_seed_count() {
    if (const char* s = std::getenv("ANTRE_TEST_SEEDS")) return std::max(1, std::stoi(s));
    return 1;
}

/// What the server acknowledged (an ok reply): it must all be on disk.
struct Acknowledged {
    std::mutex mutex;
    std::map<TicketId, std::string> issued;  // id -> label
    std::set<TicketId> called;
    std::set<TicketId> finished;
};

const std::vector<OfficerSeed> counter_officers = {
    {"198001012005011001", "Petugas Satu", OfficerRole::officer, "111111"},
    {"198001012005011002", "Petugas Dua", OfficerRole::officer, "222222"},
};

ClientOptions quick_reconnect(unsigned short port, json hello) {
    ClientOptions o;
    o.port = port;
    o.hello = std::move(hello);
    o.min_backoff = 20ms;  // back within a few tens of ms of each restart
    o.max_backoff = 200ms;
    return o;
}

/// Kiosks issuing and counters calling and finishing, each on its own thread,
/// until destroyed. Failed calls (the server was killed) are simply not counted.
class Load {
public:
    Load(unsigned short port, std::uint32_t seed, Acknowledged& acked, bool with_counters) : acked_(acked) {
        for (int k = 0; k < 2; ++k)
            threads_.emplace_back([this, port, seed, k] { kiosk(port, seed + static_cast<std::uint32_t>(k)); });
        if (with_counters)
            for (int c = 0; c < static_cast<int>(counter_officers.size()); ++c)
                threads_.emplace_back(
                    [this, port, seed, c] { counter(port, seed + 100 + static_cast<std::uint32_t>(c), c); });
    }
    ~Load() {
        stop_ = true;
        for (auto& t : threads_) t.join();
    }

private:
    void kiosk(unsigned short port, std::uint32_t seed) {
        std::mt19937 rng(seed);
        Client client(quick_reconnect(port, {{"role", "kiosk"}}));
        client.start();
        while (!stop_) {
            const char* service = rng() % 2 ? "KTP" : "KK";
            auto r = client.call("issue", {{"service", service}}, 2s);
            if (r.ok) {
                std::lock_guard lock(acked_.mutex);
                acked_.issued[r.body["ticket"]["id"].get<TicketId>()] = r.body["ticket"]["label"].get<std::string>();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(r.ok ? 2 + rng() % 8 : 20));
        }
    }

    void counter(unsigned short port, std::uint32_t seed, int index) {
        std::mt19937 rng(seed);
        const auto& o = counter_officers[static_cast<std::size_t>(index)];
        Client client(
            quick_reconnect(port, {{"role", "counter"}, {"counter", index + 1}, {"nip", o.nip}, {"pin", o.pin}}));
        client.start();
        bool holding = false;
        while (!stop_) {
            auto r = client.call(holding ? "finish" : "call_next", json::object(), 2s);
            if (r.ok && !holding) {
                std::lock_guard lock(acked_.mutex);
                acked_.called.insert(r.body["ticket"]["id"].get<TicketId>());
            } else if (r.ok) {
                std::lock_guard lock(acked_.mutex);
                acked_.finished.insert(r.body["ticket"]["id"].get<TicketId>());
            }
            // After a kill the counter may hold a ticket whose call was never answered.
            if (r.ok)
                holding = !holding;
            else if (r.code == "counter_busy")
                holding = true;
            else if (r.code == "no_active_ticket")
                holding = false;
            if (!r.ok) std::this_thread::sleep_for(std::chrono::milliseconds(10 + rng() % 20));
        }
    }

    Acknowledged& acked_;
    std::atomic<bool> stop_{false};
    std::vector<std::thread> threads_;
};

/// Checks the file after a kill: consistent in itself, and holding every acknowledged operation.
StoreCheck require_consistent(const std::string& db, Acknowledged& acked) {
    StoreCheck check = check_store(db);
    for (const auto& p : check.problems) UNSCOPED_INFO(p);
    CHECK(check.problems.empty());
    std::lock_guard lock(acked.mutex);
    for (const auto& [id, label] : acked.issued) {
        auto it = check.tickets.find(id);
        INFO("acknowledged ticket " << label);
        REQUIRE(it != check.tickets.end());
        CHECK(it->second.label == label);
    }
    for (auto id : acked.called) CHECK(check.tickets.at(id).called);
    for (auto id : acked.finished) CHECK(check.tickets.at(id).status == "done");
    return check;
}

/// The server's clock option that carries on from where the killed one stopped.
struct CarriedClock {
    Millis start;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::vector<std::string> option() {
        started = std::chrono::steady_clock::now();
        return {"--test-clock", std::to_string(start)};
    }
    // The test's own stopwatch began before the server's, so this never runs backwards.
    void stopped() {
        start +=
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    }
};

/// One run's seed (printed, so that a failure can be repeated), its random choices and its files.
struct CrashRun {
    explicit CrashRun(const char* name, std::uint32_t seed_ = test_seed()) : seed(seed_), rng(seed) {
        std::cout << name << " seed " << seed << " (ANTRE_TEST_SEED to repeat)" << std::endl;
    }
    std::uint32_t seed;
    std::mt19937 rng;
    TempDir dir;
    std::string config = write_test_config(dir);
    std::string db = dir.file("antre.db");
};

constexpr Millis day_ms = 86'400'000;
constexpr Millis tuesday_0000_wit = monday_0900_wit + 15 * 3'600'000;

}  // namespace

TEST_CASE("kill -9 at random moments under load loses no acknowledged operation and no number", "[crash]") {
    CrashRun run("crash test");
    INFO("seed " << run.seed);
    const std::string &config = run.config, &db = run.db;
    for (const auto& o : counter_officers) add_officer(db, o.nip, o.name, o.role, o.pin);

    Acknowledged acked;
    CarriedClock clock{monday_0900_wit};
    auto server = std::make_unique<ServerProcess>(config, db, 0, clock.option());
    const unsigned short port = server->port();
    {
        Load load(port, run.seed, acked, true);
        for (int round = 0; round < 6; ++round) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300 + run.rng() % 1200));
            server->kill_hard();
            clock.stopped();
            INFO("after kill " << round + 1);
            require_consistent(db, acked);
            server = std::make_unique<ServerProcess>(config, db, port, clock.option());
        }
    }
    server->kill_hard();
    clock.stopped();
    const StoreCheck final_check = require_consistent(db, acked);
    std::cout << "crash test: " << acked.issued.size() << " issues, " << acked.called.size() << " calls and "
              << acked.finished.size() << " finishes acknowledged over 6 kills; " << final_check.events
              << " events on disk" << std::endl;
    CHECK(acked.issued.size() > 50);  // the load really ran between the kills
    CHECK(acked.finished.size() > 5);

    // The restarted server continues the numbering from the file: the next KTP
    // number is one past the last one stored, whatever was in flight at the kill.
    int last_ktp = 0;
    for (const auto& [id, t] : final_check.tickets)
        if (t.origin_service == "KTP" && t.day == final_check.day) last_ktp = std::max(last_ktp, t.number);
    ServerProcess restarted(config, db, port, clock.option());
    auto kiosk = connect(restarted.port(), {{"role", "kiosk"}});
    auto r = kiosk->call("issue", {{"service", "KTP"}});
    REQUIRE(r.ok);
    CHECK(r.body["ticket"]["number"] == last_ktp + 1);
    // And what it holds in memory is what the file says, for every ticket of the day.
    for (const auto& [id, t] : final_check.tickets) {
        auto got = kiosk->call("ticket", {{"ticket", id}});
        REQUIRE(got.ok);
        CHECK(got.body["ticket"]["status"] == t.status);
    }
}

namespace {

// One run of the midnight test: five midnights, each with a kill somewhere around it.
void kill_around_midnights(std::uint32_t seed) {
    CrashRun run("midnight crash test", seed);
    INFO("seed " << run.seed);
    const std::string &config = run.config, &db = run.db;
    const OfficeCalendar calendar(load_config(config).time_zone);
    Acknowledged acked;
    std::unique_ptr<ServerProcess> server;
    unsigned short port = 0;
    int closed_before_kill = 0;
    for (const auto& o : counter_officers) add_officer(db, o.nip, o.name, o.role, o.pin);
    for (int round = 0; round < 5; ++round) {
        // Each round starts 0.6 s before the next midnight, with kiosks issuing and
        // counters calling (logged in afresh: tokens end with the day), and
        // the kill falls somewhere from 0.3 s before midnight to 0.4 s after it.
        const Millis midnight = tuesday_0000_wit + round * day_ms;
        server = std::make_unique<ServerProcess>(
            config, db, port, std::vector<std::string>{"--test-clock", std::to_string(midnight - 600)});
        port = server->port();
        {
            Load load(port, run.seed + static_cast<std::uint32_t>(round), acked, true);
            std::this_thread::sleep_for(std::chrono::milliseconds(300 + run.rng() % 700));
            server->kill_hard();
        }
        INFO("round " << round);
        const StoreCheck check = require_consistent(db, acked);
        // Each day the database reached is either the day before this midnight
        // (the close never committed) or the day after (it committed whole).
        const std::string before = calendar.day_of(midnight - 1);
        const std::string after = calendar.day_of(midnight);
        CHECK((check.day == before || check.day == after));
        if (check.day == after) {
            ++closed_before_kill;
            for (const auto& [id, t] : check.tickets) CHECK((t.day == after || t.status != "waiting"));
        } else {
            for (const auto& [id, t] : check.tickets) CHECK(t.day <= before);
        }
    }
    std::cout << "midnight crash test: the day's close was committed before " << closed_before_kill << " of 5 kills; "
              << acked.issued.size() << " issues, " << acked.called.size() << " calls and " << acked.finished.size()
              << " finishes acknowledged" << std::endl;
    CHECK(acked.issued.size() > 20);
}

}  // namespace

TEST_CASE("kill -9 around midnight leaves the day closed completely or not at all", "[crash]") {
    const std::uint32_t first = test_seed();
    for (int i = 0; i < test_seed_count(); ++i) kill_around_midnights(first + static_cast<std::uint32_t>(i));
}

}  // namespace antre::test::crash_test

namespace antre::test::crash_test {

TEST_CASE("the store check notices a skipped number, a status its events disagree with, and half a day's close",
          "[crash]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    {
        ServerProcess server(config, db);
        auto kiosk = connect(server.port(), {{"role", "kiosk"}});
        for (int i = 0; i < 3; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
    }
    REQUIRE(check_store(db).problems.empty());
    auto tamper = [&](const std::string& statement) {
        sql::Database(db).exec(statement);
        return check_store(db).problems.size();
    };
    CHECK(tamper("UPDATE tickets SET number = 4, label = 'A-004' WHERE number = 3") == 1);  // a gap
    CHECK(tamper("UPDATE tickets SET number = 3, label = 'A-003' WHERE number = 4") == 0);
    CHECK(tamper("UPDATE tickets SET status = 'done' WHERE number = 1") == 1);
    CHECK(tamper("UPDATE tickets SET status = 'waiting' WHERE number = 1") == 0);
    CHECK(tamper("UPDATE meta SET value = '2099-01-01' WHERE key = 'day'") == 4);  // 3 still waiting, no day_started
}

}  // namespace antre::test::crash_test

namespace antre::test::crash_test {

TEST_CASE("a keyed issue answered before a restart is answered the same after it, and not applied again", "[crash]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    const bool hard = GENERATE(false, true);
    INFO((hard ? "kill -9" : "clean stop (SIGTERM)"));
    json first;
    {
        ServerProcess server(config, db);
        auto kiosk = connect(server.port(), {{"role", "kiosk"}});
        const Reply r = kiosk->call("issue", {{"service", "KTP"}, {"key", "kiosk1-run7-0001"}});
        REQUIRE(r.ok);
        first = r.body["ticket"];
        // A keyed retry before the restart is answered from memory, as before.
        CHECK(kiosk->call("issue", {{"service", "KTP"}, {"key", "kiosk1-run7-0001"}}).body["ticket"]["id"] ==
              first["id"]);
        if (hard)
            server.kill_hard();
        else
            CHECK(server.stop() == 0);
    }
    ServerProcess server(config, db);
    auto kiosk = connect(server.port(), {{"role", "kiosk"}});
    // The reply was lost with the server; the kiosk retries with the same key.
    const Reply retry = kiosk->call("issue", {{"service", "KTP"}, {"key", "kiosk1-run7-0001"}});
    REQUIRE(retry.ok);
    CHECK(retry.body["ticket"]["id"] == first["id"]);
    CHECK(retry.body["ticket"]["label"] == first["label"]);
    const Reply snapshot = kiosk->call("snapshot");  // kept: the loop reads into it
    REQUIRE(snapshot.ok);
    for (const auto& s : snapshot.body["snapshot"]["services"])
        if (s["code"] == "KTP") CHECK(s["last_number"] == 1);  // no second ticket
    // Another key is another request.
    const Reply next = kiosk->call("issue", {{"service", "KTP"}, {"key", "kiosk1-run7-0002"}});
    REQUIRE(next.ok);
    CHECK(next.body["ticket"]["label"] == "A-002");
}

}  // namespace antre::test::crash_test

namespace antre::test::crash_test {

TEST_CASE("an acknowledged officer_add and log-in survive kill -9", "[crash]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    const std::string admin_nip = "197001012000011001", admin_pin = "246810";
    const std::string new_nip = "199505052020122003", new_pin = "135792";
    add_officer(db, admin_nip, "Admin", OfficerRole::admin, admin_pin);
    std::string token;
    {
        ServerProcess server(config, db);
        auto admin = connect(server.port(), {{"role", "admin"}, {"nip", admin_nip}, {"pin", admin_pin}});
        REQUIRE(admin
                    ->call("officer_add",
                           {{"nip", new_nip}, {"name", "Maria Wonda"}, {"pin", new_pin}, {"key", "add-maria"}})
                    .ok);
        const Reply login =
            try_hello(server.port(), {{"role", "counter"}, {"counter", 1}, {"nip", new_nip}, {"pin", new_pin}});
        REQUIRE(login.ok);
        token = login.body.value("token", "");
        REQUIRE(!token.empty());
        server.kill_hard();
    }
    ServerProcess server(config, db);
    // The officer, the counter log-in and the token are all there.
    const Reply by_token = try_hello(server.port(), {{"role", "counter"}, {"counter", 1}, {"token", token}});
    REQUIRE(by_token.ok);
    CHECK(by_token.body["counter"]["officer"] == new_nip);
    CHECK(try_hello(server.port(), {{"role", "manager"}, {"nip", new_nip}, {"pin", new_pin}}).code == "forbidden");
    // The keyed officer_add is answered again, not refused as already_exists.
    auto admin = connect(server.port(), {{"role", "admin"}, {"nip", admin_nip}, {"pin", admin_pin}});
    const Reply again =
        admin->call("officer_add", {{"nip", new_nip}, {"name", "Maria Wonda"}, {"pin", new_pin}, {"key", "add-maria"}});
    REQUIRE(again.ok);
    CHECK(again.body["officer"]["nip"] == new_nip);
}

}  // namespace antre::test::crash_test
