// kill -9 and online bookings (docs/booking.md "Exact under a rush, and durable"): the
// real antre-server is killed while citizens book one session from many threads, and
// again while kiosks check bookings in. After each restart every acknowledged booking
// and check-in is in the file, the ticket of each check-in carries its booking, the
// session never holds more than its places, and it fills to exactly its places.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "sqlite.hpp"
#include "store_check.hpp"

namespace antre::test::booking_crash_test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

constexpr Millis tuesday_1000_wit = monday_0900_wit + 25 * 3'600'000;
constexpr int places = 20;  // KTP's 10:00 session in config/sorong.json

std::string nik(int serial) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", serial);
    return "927101120590" + std::string(buf);
}

// The public port, from the line the server writes once it serves the public page.
unsigned short public_port(const ServerProcess& server) {
    const std::string mark = "public page (ticket links) at http://127.0.0.1:";
    for (int i = 0; i < 500; ++i) {
        const std::string log = server.log_text();
        if (const auto at = log.find(mark); at != std::string::npos && log.find('\n', at) != std::string::npos)
            return static_cast<unsigned short>(std::stoi(log.substr(at + mark.size())));
        std::this_thread::sleep_for(10ms);
    }
    FAIL("no public port in " << server.log());
    return 0;
}

ServerProcess start(const std::string& config, const std::string& db, Millis at) {
    return ServerProcess(config, db, 0, {"--test-clock", std::to_string(at)});
}

struct Stored {
    std::map<std::string, std::string> status;  // code -> status
    std::map<std::string, BookingId> id;        // code -> id
    int holding = 0;                            // active or checked in, 10:00 session
    std::map<BookingId, std::string> tickets;   // booking -> label of its ticket
};

Stored read_store(const std::string& db) {
    sql::Database file(db, true);
    Stored s;
    sql::Statement q(file, "SELECT code, id, status, session_start FROM bookings");
    while (q.step()) {
        s.status[q.text(0)] = q.text(2);
        s.id[q.text(0)] = q.int64(1);
        if (q.integer(3) == 600 && (q.text(2) == "active" || q.text(2) == "checked_in")) ++s.holding;
    }
    sql::Statement t(file, "SELECT booking, label FROM tickets WHERE booking IS NOT NULL");
    while (t.step()) s.tickets[t.int64(0)] = t.text(1);
    return s;
}

// Citizens booking Tuesday's 10:00 session from `threads` threads, `per_thread` each,
// with NIK serials from `first`; the codes of acknowledged bookings and the refusals.
struct Rush {
    std::mutex mutex;
    std::map<std::string, int> acked;  // code -> NIK serial
    std::map<std::string, int> refused;
    void run(unsigned short port, int first, int threads, int per_thread) {
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                for (int i = 0; i < per_thread; ++i) {
                    const int serial = first + t * per_thread + i;
                    const json body = {{"service", "KTP"},
                                       {"day", "2026-12-01"},
                                       {"session", "10:00"},
                                       {"nik", nik(serial)},
                                       {"name", "Warga"}};
                    HttpReply r;
                    try {
                        r = http_request(port, "POST", "/api/public/booking", body.dump(),
                                         {{"Content-Type", "application/json"}}, "127.0.0." + std::to_string(10 + t));
                    } catch (const std::exception&) {
                        continue;  // killed: no answer, nothing acknowledged
                    }
                    std::lock_guard lock(mutex);
                    if (r.status == 200)
                        acked[r.json()["booking"]["code"].get<std::string>()] = serial;
                    else if (r.status != 0 && r.body.find("\"code\"") != std::string::npos)
                        ++refused[r.json()["error"]["code"].get<std::string>()];
                }
            });
        for (auto& t : pool) t.join();
    }
};

}  // namespace

TEST_CASE("kill -9 keeps every acknowledged booking and check-in, and the session's places exact", "[crash]") {
    TempDir dir;
    const std::string config = write_test_config(dir);
    const std::string db = dir.file("antre.db");
    std::mt19937 rng(std::random_device{}());
    Rush rush;
    {
        // Monday 09:00: 120 citizens for 20 places, killed while they book.
        ServerProcess server = start(config, db, monday_0900_wit);
        const unsigned short port = public_port(server);
        std::thread killer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 60));
            server.kill_hard();
        });
        rush.run(port, 1, 6, 20);
        killer.join();
    }
    Stored s = read_store(db);
    CHECK(check_store(db).problems.empty());
    for (const auto& [code, serial] : rush.acked) {
        INFO("acknowledged booking " << code);
        CHECK(s.status[code] == "active");
    }
    CHECK(s.holding <= places);
    {
        // After the restart the session fills to exactly its places, never one more.
        ServerProcess server = start(config, db, monday_0900_wit + 60'000);
        Rush more;
        more.run(public_port(server), 1001, 6, 10);
        CHECK(more.refused["booking_full"] == 60 - (places - s.holding));
        for (const auto& a : more.acked) rush.acked.insert(a);
        server.kill_hard();
    }
    s = read_store(db);
    CHECK(s.holding == places);
    REQUIRE(!rush.acked.empty());

    // Tuesday 10:00: kiosks check in every acknowledged booking, killed on the way.
    std::set<std::string> checked;
    std::mutex mutex;
    {
        ServerProcess server = start(config, db, tuesday_1000_wit);
        std::vector<std::string> codes;
        for (const auto& [code, serial] : rush.acked) codes.push_back(code);
        std::atomic<std::size_t> next{0};
        std::vector<std::thread> kiosks;
        for (int k = 0; k < 3; ++k)
            kiosks.emplace_back([&] {
                ClientOptions o;
                o.port = server.port();
                o.hello = {{"role", "kiosk"}};
                Client kiosk(o);
                kiosk.start();
                for (std::size_t i; (i = next++) < codes.size();) {
                    const Reply r = kiosk.call("booking_checkin", {{"code", codes[i]}}, 2s);
                    if (r.code == "connection_lost" || r.code == "timeout") return;
                    if (r.ok) {
                        std::lock_guard lock(mutex);
                        checked.insert(codes[i]);
                    }
                }
            });
        std::this_thread::sleep_for(std::chrono::milliseconds(30 + rng() % 50));
        server.kill_hard();
        for (auto& k : kiosks) k.join();
    }
    s = read_store(db);
    CHECK(check_store(db).problems.empty());
    CHECK(s.holding == places);  // a check-in keeps its place
    for (const auto& code : checked) {
        INFO("acknowledged check-in " << code);
        CHECK(s.status[code] == "checked_in");
        CHECK(s.tickets.count(s.id[code]) == 1);
    }
    // Every stored check-in has exactly its ticket, acknowledged or not.
    for (const auto& [code, status] : s.status)
        if (status == "checked_in") CHECK(s.tickets.count(s.id[code]) == 1);
    std::size_t booked_tickets = s.tickets.size();
    {
        // After the restart: a checked-in booking is used; the rest check in now.
        ServerProcess server = start(config, db, tuesday_1000_wit + 60'000);
        auto kiosk = connect(server.port(), {{"role", "kiosk"}});
        for (const auto& [code, serial] : rush.acked) {
            const Reply r = kiosk->call("booking_checkin", {{"code", code}});
            if (s.status[code] == "checked_in") {
                CHECK(r.code == "booking_used");
            } else {
                INFO(r.message);
                CHECK(r.ok);
                ++booked_tickets;
            }
        }
        server.kill_hard();
    }
    s = read_store(db);
    CHECK(s.tickets.size() == booked_tickets);
    CHECK(check_store(db).problems.empty());
}

}  // namespace antre::test::booking_crash_test
