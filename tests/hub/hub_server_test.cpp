#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "antre/tls.hpp"
#include "hub_line.hpp"
#include "hub_server.hpp"
#include "hub_store.hpp"
#include "password.hpp"
#include "pg_cluster.hpp"

namespace hub_server_test {

using antre::hub::HubStore;
using antre::test::Line;
using antre::test::PgCluster;
using nlohmann::json;
namespace asio = boost::asio;

namespace {

// antre-hub as a child process on a free port (its first line names the port).
class HubProcess {
public:
    explicit HubProcess(const std::string& conninfo) {
        int out[2];
        REQUIRE(::pipe(out) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(out[1], 1);
            ::close(out[0]);
            ::execl(ANTRE_HUB_BIN, ANTRE_HUB_BIN, "--db", conninfo.c_str(), "--port", "0", nullptr);
            ::_exit(127);
        }
        ::close(out[1]);
        std::string line;
        char ch = 0;
        while (::read(out[0], &ch, 1) == 1 && ch != '\n') line += ch;
        ::close(out[0]);
        const auto colon = line.rfind(':');
        REQUIRE(colon != std::string::npos);
        port_ = static_cast<unsigned short>(std::stoi(line.substr(colon + 1)));
    }
    ~HubProcess() { kill(); }
    unsigned short port() const { return port_; }
    void kill() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
    unsigned short port_ = 0;
};

json batch(std::int64_t from, std::int64_t to) {
    json events = json::array();
    for (auto s = from; s <= to; ++s)
        events.push_back({{"seq", s},
                          {"at", 1795996800000 + s},
                          {"day", "2026-11-30"},
                          {"type", "ticket_issued"},
                          {"ticket", s},
                          {"service", "KTP"},
                          {"counter", 0},
                          {"officer", ""},
                          {"detail", ""}});
    return {{"id", 2}, {"op", "ship"}, {"events", events}};
}

json hello(const std::string& office, const std::string& secret) {
    return {{"id", 1}, {"op", "hello"}, {"office", office}, {"secret", secret}};
}

std::string add_office(const std::string& conninfo, const std::string& office) {
    const auto secret = antre::password::new_token();
    HubStore(conninfo).put_office(office, antre::password::hash_pin(secret));
    return secret;
}

}  // namespace

TEST_CASE("hub server: an office authenticates, ships, and is acknowledged") {
    PgCluster pg;
    const auto secret = add_office(pg.conninfo(), "sorong");
    antre::hub::HubServer hub({pg.conninfo(), "127.0.0.1", 0, "", "", 16});
    std::thread runner([&] { hub.run(); });

    SECTION("a wrong secret, an unknown office, and shipping before hello are refused") {
        Line office(hub.port());
        CHECK(office.ask(hello("sorong", "not-the-secret"))["error"]["code"] == "unauthorized");
        CHECK(office.ask(hello("nowhere", secret))["error"]["code"] == "unauthorized");
        CHECK(office.ask(batch(1, 3))["error"]["code"] == "unauthorized");
        CHECK(HubStore(pg.conninfo()).events("sorong").empty());
    }
    SECTION("batches in order, again, and out of order") {
        Line office(hub.port());
        auto h = office.ask(hello("sorong", secret));
        REQUIRE(h["ok"] == true);
        CHECK(h["acked_seq"] == 0);
        CHECK(office.ask(batch(6, 10))["acked_seq"] == 0);
        CHECK(office.ask(batch(1, 5))["acked_seq"] == 10);
        auto again = office.ask(batch(1, 10));
        CHECK(again["acked_seq"] == 10);
        CHECK(again["stored"] == 0);
        Line later(hub.port());
        CHECK(later.ask(hello("sorong", secret))["acked_seq"] == 10);
    }
    SECTION("bad requests get clear codes") {
        Line office(hub.port());
        REQUIRE(office.ask(hello("sorong", secret))["ok"] == true);
        office.send_raw("not json\n");
        CHECK(office.read()["error"]["code"] == "bad_request");
        auto bad_day = batch(1, 1);
        bad_day["events"][0]["day"] = "30/11/2026";
        CHECK(office.ask(bad_day)["error"]["code"] == "invalid_value");
        CHECK(office.ask({{"id", 3}, {"op", "nope"}})["error"]["code"] == "unknown_op");
    }
    SECTION("PostgreSQL restarted: unavailable meanwhile, then shipping goes on") {
        Line office(hub.port());
        REQUIRE(office.ask(hello("sorong", secret))["ok"] == true);
        CHECK(office.ask(batch(1, 5))["acked_seq"] == 5);
        pg.stop();
        CHECK(office.ask(batch(6, 10))["error"]["code"] == "unavailable");
        pg.start();
        CHECK(office.ask(batch(6, 10))["acked_seq"] == 10);
        CHECK(HubStore(pg.conninfo()).events("sorong").size() == 10);
    }
    hub.stop();
    runner.join();
}

TEST_CASE("hub process: killed with kill -9 mid-batch and started again, nothing lost or doubled") {
    PgCluster pg;
    const auto secret = add_office(pg.conninfo(), "sorong");
    std::int64_t acked = 0;
    for (int round = 0; round < 3; ++round) {
        HubProcess hub(pg.conninfo());
        // A writer that keeps shipping big batches from its last ack, killed while it does.
        std::thread office([&] {
            try {
                Line line(hub.port());
                acked = line.ask(hello("sorong", secret))["acked_seq"].get<std::int64_t>();
                for (;;) acked = line.ask(batch(acked + 1, acked + 1000))["acked_seq"].get<std::int64_t>();
            } catch (const std::exception&) {
                // The hub went away mid-batch.
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300 + 200 * round));
        hub.kill();
        office.join();
    }
    HubProcess hub(pg.conninfo());
    Line line(hub.port());
    const auto held = line.ask(hello("sorong", secret))["acked_seq"].get<std::int64_t>();
    CHECK(held >= acked);  // an ack once given is never taken back
    // Old seqs again (at most a batch's worth) with ten new ones.
    const auto reply = line.ask(batch(std::max<std::int64_t>(1, held - 1000), held + 10));
    CHECK(reply["acked_seq"] == held + 10);
    const auto events = HubStore(pg.conninfo()).events("sorong");
    REQUIRE(events.size() == static_cast<std::size_t>(held + 10));
    for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].seq == static_cast<std::int64_t>(i + 1));
}

}  // namespace hub_server_test
