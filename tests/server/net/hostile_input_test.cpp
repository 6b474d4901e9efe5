// Bad input over the real socket, against the real antre-server executable: each
// gets the answer docs/protocol.md §2 and §7 promise, the server's memory stays
// bounded, and a well-behaved client is served all along.
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <random>
#include <thread>

#include <catch2/catch.hpp>

#include "raw_connection.hpp"
#include "test_support.hpp"

namespace antre::test::hostile_input_test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

json reply(RawConnection& c) {
    auto line = c.read_line();
    REQUIRE(line);
    json j = json::parse(*line, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

void require_error(RawConnection& c, const std::string& code) {
    const json j = reply(c);
    INFO(j.dump());
    CHECK(j["ok"] == false);
    CHECK(j["error"]["code"] == code);
}

/// The connection still works: a ping gets its answer.
void require_alive(RawConnection& c) {
    REQUIRE(c.send("{\"id\":\"alive\",\"op\":\"ping\"}\n"));
    const json j = reply(c);
    CHECK(j["id"] == "alive");
    CHECK(j["ok"] == true);
}

const std::string kiosk_hello = "{\"id\":0,\"op\":\"hello\",\"role\":\"kiosk\"}\n";

void say_hello(RawConnection& c) {
    REQUIRE(c.send(kiosk_hello));
    REQUIRE(reply(c)["ok"] == true);
}

std::string garbage(std::mt19937& rng, std::size_t lines) {
    // Control bytes and bytes >= 0x80: never JSON, never valid UTF-8 text on their own.
    std::string out;
    for (std::size_t i = 0; i < lines; ++i) {
        const std::size_t n = 1 + rng() % 500;
        for (std::size_t k = 0; k < n; ++k) {
            char b = static_cast<char>(rng() % 2 ? 0x80 + rng() % 0x80 : rng() % 0x20);
            if (b == '\n' || b == '\r' || b == '\t') b = '\x01';
            out += b;
        }
        out += '\n';
    }
    return out;
}

struct HostileOffice {
    TempDir dir;
    std::string config = write_test_config(dir);
    ServerProcess server{config, dir.file("antre.db"), 0, {"--idle-timeout", "1"}};
};

}  // namespace

TEST_CASE("bad input over the socket gets its documented answer", "[hostile]") {
    HostileOffice office;
    const auto port = office.server.port();

    SECTION("invalid UTF-8 in a string: bad_json, the connection stays") {
        RawConnection c(port);
        say_hello(c);
        REQUIRE(c.send("{\"id\":1,\"op\":\"issue\",\"service\":\"KT\xff\xfe\"}\n"));
        require_error(c, "bad_json");
        REQUIRE(c.send("{\"id\":2,\"op\":\"issue\",\"service\":\"\xc3\x28\"}\n"));  // a broken 2-byte sequence
        require_error(c, "bad_json");
        require_alive(c);
    }
    SECTION("deep nesting: parsed when it is well formed, bad_json when it is not") {
        RawConnection c(port);
        say_hello(c);
        const std::string deep = std::string(30000, '[') + std::string(30000, ']');
        REQUIRE(c.send("{\"id\":1,\"op\":\"ping\",\"x\":" + deep + "}\n"));
        CHECK(reply(c)["ok"] == true);  // unknown fields are ignored, however deep
        REQUIRE(c.send("{\"id\":2,\"op\":\"ping\",\"x\":" + std::string(60000, '[') + "}\n"));
        require_error(c, "bad_json");
        REQUIRE(c.send(std::string(60000, '{') + "\n"));
        require_error(c, "bad_json");
        require_alive(c);
    }
    SECTION("huge numbers: bad_json past a double, bad_request where an integer is due") {
        RawConnection c(port);
        say_hello(c);
        REQUIRE(c.send("{\"id\":1e999,\"op\":\"ping\"}\n"));
        require_error(c, "bad_json");
        REQUIRE(c.send("{\"id\":123456789012345678901234567890,\"op\":\"ping\"}\n"));
        const json j = reply(c);
        CHECK(j["id"].is_null());
        CHECK(j["error"]["code"] == "bad_request");
        REQUIRE(c.send("{\"id\":3,\"op\":\"ticket\",\"ticket\":18446744073709551615}\n"));
        require_error(c, "bad_request");  // out of range, not wrapped round to a negative id
        REQUIRE(c.send("{\"id\":4,\"op\":\"ticket\",\"ticket\":1.5e300}\n"));
        require_error(c, "bad_request");
        REQUIRE(c.send("{\"id\":5,\"op\":\"ticket\",\"ticket\":-99999999999999999999}\n"));
        require_error(c, "bad_request");
        require_alive(c);
    }
    SECTION("a 10 MB line: line_too_long, then the connection closes") {
        RawConnection c(port);
        std::atomic<bool> writer_stopped{false};
        std::thread writer([&] {
            const std::string chunk(1 << 20, 'x');
            for (int i = 0; i < 10 && c.send(chunk); ++i) {}
            writer_stopped = true;
        });
        auto line = c.read_line();
        writer.join();
        REQUIRE(line);
        const json j = json::parse(*line);
        CHECK(j["error"]["code"] == "line_too_long");
        CHECK(j["id"].is_null());
        CHECK(c.wait_closed(10s));
        CHECK(writer_stopped);
    }
    SECTION("binary garbage: bad_json for each line, the connection stays") {
        std::mt19937 rng(8);
        RawConnection c(port);
        say_hello(c);
        REQUIRE(c.send(garbage(rng, 200)));
        for (int i = 0; i < 200; ++i) require_error(c, "bad_json");
        require_alive(c);
    }
    SECTION("half a line, then silence: closed at the idle timeout, with no answer") {
        RawConnection c(port);
        REQUIRE(c.send("{\"id\":1,\"op\":\"hel"));
        std::size_t lines = 0;
        CHECK(c.wait_closed(20s, &lines));
        CHECK(lines == 0);
    }
}

TEST_CASE("hostile clients all at once: bounded server memory, a well-behaved client served", "[hostile]") {
    const WithoutAsanHoldings measurable;
    HostileOffice office;
    const auto port = office.server.port();
    auto kiosk_client = connect(port, {{"role", "kiosk"}});
    const long rss_before = peak_rss_kib(office.server.pid());

    std::atomic<int> served{0}, refused{0};
    std::atomic<bool> hostile_done{false};
    std::thread well_behaved([&] {
        // Keeps issuing while the others misbehave, and a while after.
        while (!hostile_done || served + refused < 200) {
            auto r = kiosk_client->call("issue", {{"service", "KTP"}});
            ++(r.ok ? served : refused);
        }
    });
    std::vector<std::thread> hostile;
    std::atomic<std::size_t> unread_replies{0}, flood_sent{0};
    std::atomic<bool> flood_dropped{false};
    // Thousands of snapshot requests, none of their replies read.
    hostile.emplace_back([&] {
        RawConnection c(port);  // no Catch assertion on these threads
        c.send(kiosk_hello);
        std::string burst;
        for (int i = 0; i < 100; ++i) burst += "{\"id\":" + std::to_string(i) + ",\"op\":\"snapshot\"}\n";
        for (int i = 0; i < 100 && c.send(burst); ++i) flood_sent += 100;
        std::size_t lines = 0;
        flood_dropped = c.wait_closed(60s, &lines);
        unread_replies = lines;
    });
    for (int k = 0; k < 3; ++k)  // 10 MB lines
        hostile.emplace_back([&] {
            RawConnection c(port);
            const std::string chunk(1 << 20, 'x');
            for (int i = 0; i < 10 && c.send(chunk); ++i) {}
            c.wait_closed(20s);
        });
    hostile.emplace_back([&] {  // garbage
        std::mt19937 rng(9);
        RawConnection c(port);  // no Catch assertion on these threads
        c.send(kiosk_hello);
        c.send(garbage(rng, 2000));
        c.wait_closed(20s);  // the idle timeout ends it
    });
    for (auto& t : hostile) t.join();
    hostile_done = true;
    well_behaved.join();

    CHECK(refused == 0);
    // The snapshot flood is cut off once its replies fill the output queue.
    CHECK(flood_dropped);
    CHECK(unread_replies < flood_sent);
    CHECK(office.server.log_text().find("not reading its messages, dropping the connection") != std::string::npos);
    // A generous bound: what the queue limits allow (16 MiB per reader), not the
    // 30 MB of long lines nor all the replies the flood asked for.
    const long rss_after = peak_rss_kib(office.server.pid());
    std::cout << "hostile clients: server peak RSS " << rss_before << " KiB before, " << rss_after << " KiB after; "
              << served << " requests of a well-behaved kiosk served; " << unread_replies << " of " << flood_sent
              << " flood replies delivered before the drop" << std::endl;
    CHECK(rss_after - rss_before < 64 * 1024);
}

}  // namespace antre::test::hostile_input_test
