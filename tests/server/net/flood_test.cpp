// Floods aimed at the server's limits rather than its parser: more connections than
// it has file descriptors for or allows, log-ins pipelined to fill its log, and idle
// connections that would hold the dashboard's port. The first three run against the
// real antre-server executable; the dashboard's against the server in this process.
#include <atomic>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include <sys/resource.h>

#include <catch2/catch.hpp>

#include "raw_connection.hpp"
#include "test_support.hpp"

namespace antre::test::flood_test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

const std::string kiosk_hello = "{\"id\":0,\"op\":\"hello\",\"role\":\"kiosk\"}\n";

/// Sends a kiosk's hello and waits for its answer: true when it was accepted.
bool hello_answered(RawConnection& c, std::chrono::milliseconds timeout = 20s) {
    if (!c.send(kiosk_hello)) return false;
    const auto line = c.read_line(timeout);
    return line && json::parse(*line, nullptr, false).value("ok", false);
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

/// Waits (up to 20 s) until the server's log holds `what`.
bool log_shows(const ServerProcess& server, const std::string& what) {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (server.log_text().find(what) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

}  // namespace

TEST_CASE("at the open-file limit the server pauses accepting, logs once, serves its sessions and accepts again",
          "[flood]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    ServerProcess server(config, dir.file("antre.db"), 0, {"--idle-timeout", "120"});
    auto kiosk = connect(server.port(), {{"role", "kiosk"}});
    REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);

    // A few descriptors to spare and no more, as when an office PC's limit is reached.
    const auto limit = static_cast<rlim_t>(open_files(server.pid()) + 8);
    const rlimit low{limit, limit};
    REQUIRE(::prlimit(server.pid(), RLIMIT_NOFILE, &low, nullptr) == 0);
    std::vector<std::unique_ptr<RawConnection>> extra;
    for (int i = 0; i < 40; ++i) extra.push_back(std::make_unique<RawConnection>(server.port()));
    REQUIRE(log_shows(server, "Too many open files"));

    const std::size_t log_before = server.log_text().size();
    const long cpu_before = cpu_time_ms(server.pid());
    std::this_thread::sleep_for(4s);
    int served = 0;
    for (int i = 0; i < 5; ++i) served += kiosk->call("issue", {{"service", "KTP"}}).ok ? 1 : 0;
    const std::size_t log_growth = server.log_text().size() - log_before;
    const long cpu_ms = cpu_time_ms(server.pid()) - cpu_before;
    std::cout << "open-file limit " << limit << ": " << log_growth << " bytes of log and " << cpu_ms
              << " ms of server CPU in 4 s with 40 connections waiting" << std::endl;
    CHECK(served == 5);  // the session that was there before goes on being served
    CHECK(log_growth < 1024);
    // Generous: a server that tries again at once spends these 4 s on a whole core.
    CHECK(cpu_ms < 1000);

    // The limit stays; once the extra connections are gone, new ones are accepted again.
    extra.clear();
    bool accepted = false;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!accepted && std::chrono::steady_clock::now() < deadline) {
        RawConnection late(server.port());
        accepted = hello_answered(late, 5s);
    }
    CHECK(accepted);
    CHECK(log_shows(server, "accepting again"));
    const std::string log = server.log_text();
    INFO(log);
    CHECK(count_of(log, "Too many open files") == 1);  // once for the whole episode
}

TEST_CASE("connections past --max-connections are closed at once, and the others are served", "[flood]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    ServerProcess server(config, dir.file("antre.db"), 0, {"--max-connections", "5"});
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 5; ++i) {
        held.push_back(std::make_unique<RawConnection>(server.port()));
        REQUIRE(hello_answered(*held.back()));
    }
    for (int i = 0; i < 20; ++i) {
        RawConnection turned_away(server.port());
        std::size_t lines = 0;
        CHECK(turned_away.wait_closed(20s, &lines));
        CHECK(lines == 0);
    }
    for (auto& c : held) {
        REQUIRE(c->send("{\"id\":\"alive\",\"op\":\"ping\"}\n"));
        const auto line = c->read_line();
        REQUIRE(line);
        CHECK(json::parse(*line)["ok"] == true);
    }
    // One session leaves: its place is given to the next connection.
    held.pop_back();
    bool accepted = false;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!accepted && std::chrono::steady_clock::now() < deadline) {
        RawConnection next(server.port());
        accepted = hello_answered(next, 5s);
    }
    CHECK(accepted);
    const std::string log = server.log_text();
    INFO(log);
    CHECK(count_of(log, "--max-connections") <= 2);  // not a line per refused connection
}

TEST_CASE("log-ins pipelined by the thousand cannot flood the log", "[flood]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    const std::string nip = "198001012005011001";
    add_officer(db, nip, "Manajer Satu", OfficerRole::manager, "111111");
    ServerProcess server(config, db);
    const std::size_t log_before = server.log_text().size();

    const auto pipeline = [&](const std::string& hello, int count, std::map<std::string, int>& codes) {
        RawConnection c(server.port());
        std::atomic<bool> sent{true};
        std::thread writer([&] {
            for (int i = 0; i < count && sent; ++i) sent = c.send(hello);
        });
        for (int i = 0; i < count; ++i) {
            const auto line = c.read_line(60s);
            if (!line) break;
            ++codes[json::parse(*line)["error"].value("code", "")];
        }
        sent = false;
        writer.join();
    };
    SECTION("a 65,000-byte NIP is refused as invalid before anything is logged") {
        const std::string hello =
            json{{"id", 1}, {"op", "hello"}, {"role", "manager"}, {"nip", std::string(65000, '9')}, {"pin", "000000"}}
                .dump() +
            "\n";
        std::map<std::string, int> codes;
        pipeline(hello, 1000, codes);
        CHECK(codes["invalid_value"] == 1000);
    }
    SECTION("wrong PINs for a real NIP: refused, and logged at a bounded rate") {
        const std::string hello =
            json{{"id", 1}, {"op", "hello"}, {"role", "manager"}, {"nip", nip}, {"pin", "000000"}}.dump() + "\n";
        std::map<std::string, int> codes;
        pipeline(hello, 3000, codes);
        CHECK(codes["bad_credentials"] + codes["too_many_attempts"] == 3000);
        CHECK(codes["too_many_attempts"] > 2900);
    }
    const std::size_t growth = server.log_text().size() - log_before;
    std::cout << "pipelined log-ins: the log grew by " << growth << " bytes" << std::endl;
    INFO(server.log_text().substr(log_before, 4096));
    CHECK(growth < 4096);
}

TEST_CASE("idle connections from one address do not lock the dashboard for another", "[flood]") {
    TestOffice office({}, [](AppOptions& o) { o.http.request_timeout = 120s; });
    const auto port = office.http_port();
    const auto page_from = [&](const std::string& address) {
        RawConnection c(port, {address, 0});
        if (!c.send("GET /login.html HTTP/1.1\r\nHost: antre\r\nConnection: close\r\n\r\n")) return false;
        const auto status = c.read_line(20s);
        return status && status->rfind("HTTP/1.1 200", 0) == 0;
    };
    REQUIRE(page_from("127.0.0.1"));

    SECTION("more connections than the port takes, all from one address, sending nothing") {
        std::vector<std::unique_ptr<RawConnection>> idle;
        for (int i = 0; i < 300; ++i) idle.push_back(std::make_unique<RawConnection>(port));
        CHECK(page_from("127.0.0.2"));
        CHECK(page_from("127.0.0.3"));
    }
    SECTION("a connection that never finishes its request is closed long before the request timeout") {
        RawConnection slow(port);
        REQUIRE(slow.send("GET /login.html HTTP/1.1\r\nHost: an"));
        std::size_t lines = 0;
        CHECK(slow.wait_closed(60s, &lines));  // the request timeout is 120 s here
        CHECK(lines == 0);
    }
}

}  // namespace antre::test::flood_test
