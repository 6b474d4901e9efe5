// Access control over the real socket: log-in throttling, what the server's log
// may and may not say, and the audit trail of administrative changes.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "raw_connection.hpp"
#include "test_support.hpp"

namespace security_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

using namespace antre::test::seeded;

const std::vector<OfficerSeed> staff = {{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin},
                                        {manager_nip, "Yohanis Mambrasar", OfficerRole::manager, manager_pin},
                                        {admin_nip, "Admin Dukcapil", OfficerRole::admin, admin_pin}};

json counter_hello(int counter, const std::string& pin) {
    return {{"role", "counter"}, {"counter", counter}, {"nip", officer_nip}, {"pin", pin}};
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("Failed log-ins are throttled per officer with a growing delay, and a success resets") {
    TestOffice office(staff);
    auto& clock = office.clock();
    for (int i = 0; i < 3; ++i) CHECK(try_hello(office.port(), counter_hello(1, "0000")).code == "bad_credentials");

    SECTION("the fourth attempt is refused at once, even with the right PIN, and says how long to wait") {
        const Reply r = try_hello(office.port(), counter_hello(1, officer_pin));
        CHECK(r.code == "too_many_attempts");
        CHECK(r.body["error"]["retry_after_ms"] == 1000);
        CHECK(r.message.find("1 detik") != std::string::npos);
        // Another officer is not held up.
        CHECK(try_hello(office.port(), {{"role", "manager"}, {"nip", manager_nip}, {"pin", manager_pin}}).ok);
    }
    SECTION("each further failure doubles the wait") {
        clock.advance(1000);
        CHECK(try_hello(office.port(), counter_hello(1, "1111")).code == "bad_credentials");
        CHECK(try_hello(office.port(), counter_hello(1, officer_pin)).body["error"]["retry_after_ms"] == 2000);
        clock.advance(1999);
        CHECK(try_hello(office.port(), counter_hello(1, officer_pin)).body["error"]["retry_after_ms"] == 1);
        clock.advance(1);
        CHECK(try_hello(office.port(), counter_hello(1, "2222")).code == "bad_credentials");
        CHECK(try_hello(office.port(), counter_hello(1, officer_pin)).body["error"]["retry_after_ms"] == 4000);
    }
    SECTION("once the wait is over the right PIN logs in, and the count starts afresh") {
        clock.advance(1000);
        REQUIRE(try_hello(office.port(), counter_hello(1, officer_pin)).ok);
        CHECK(try_hello(office.port(), counter_hello(2, "3333")).code == "bad_credentials");
        CHECK(try_hello(office.port(), counter_hello(2, "4444")).code == "bad_credentials");
        CHECK(try_hello(office.port(), counter_hello(2, "5555")).code == "bad_credentials");
        CHECK(try_hello(office.port(), counter_hello(2, officer_pin)).code == "too_many_attempts");
    }
}

TEST_CASE("Failed log-ins from one address are throttled across NIPs") {
    TestOffice office(staff, [](AppOptions& o) { o.handler.login_throttle.free_address_failures = 3; });
    for (const char* nip : {"199101012015011111", "199101012015012222", "199101012015013333"})
        CHECK(try_hello(office.port(), {{"role", "admin"}, {"nip", nip}, {"pin", "0000"}}).code == "bad_credentials");
    // Every test client comes from 127.0.0.1: a fourth NIP from there now waits.
    const Reply r = try_hello(office.port(), {{"role", "admin"}, {"nip", admin_nip}, {"pin", admin_pin}});
    CHECK(r.code == "too_many_attempts");
    CHECK(r.body["error"]["retry_after_ms"] == 1000);
    office.clock().advance(1000);
    CHECK(try_hello(office.port(), {{"role", "admin"}, {"nip", admin_nip}, {"pin", admin_pin}}).ok);
}

TEST_CASE("Guesses sent together from one address: only the free ones are checked, another address is served") {
    TestOffice office(staff);  // 10 free failures per address
    // 120 connections, each with a wrong PIN for a NIP of its own, all sent before
    // any reply is read: the checks on the worker thread all overlap.
    std::vector<std::unique_ptr<RawConnection>> guessers;
    for (int i = 0; i < 120; ++i) guessers.push_back(std::make_unique<RawConnection>(office.port()));
    for (std::size_t i = 0; i < guessers.size(); ++i) {
        const std::string nip = "19900101201501" + std::to_string(1000 + i);
        REQUIRE(guessers[i]->send(
            json{{"id", 1}, {"op", "hello"}, {"role", "manager"}, {"nip", nip}, {"pin", "0000"}}.dump() + "\n"));
    }
    int checked = 0, throttled = 0;
    for (auto& g : guessers) {
        const auto line = g->read_line(std::chrono::seconds(60));
        REQUIRE(line);
        const std::string code = json::parse(*line)["error"]["code"];
        if (code == "bad_credentials") ++checked;
        if (code == "too_many_attempts") ++throttled;
    }
    CHECK(checked == 10);
    CHECK(throttled == 110);
    // A manager at another machine logs in meanwhile.
    RawConnection manager(office.port(), RawOptions{.source_address = "127.0.0.2"});
    REQUIRE(manager.send(
        json{{"id", 1}, {"op", "hello"}, {"role", "manager"}, {"nip", manager_nip}, {"pin", manager_pin}}.dump() +
        "\n"));
    const auto reply = manager.read_line(std::chrono::seconds(60));
    REQUIRE(reply);
    CHECK(json::parse(*reply)["ok"] == true);
}

TEST_CASE("The server's log names NIPs and addresses of failed log-ins but never a PIN or a token") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    for (const auto& o : staff) add_officer(db, o.nip, o.name, o.role, o.pin);
    ServerProcess server(config, db);
    const std::string wrong_pin = "24681357";

    // A log-in that leaves a token, the token reused, wrong PINs until throttled,
    // a token after log-out, and PINs in requests where they do not belong.
    const Reply first = try_hello(server.port(), counter_hello(1, officer_pin));
    REQUIRE(first.ok);
    const std::string token = first.body["token"];
    {
        auto c = connect(server.port(), {{"role", "counter"}, {"counter", 1}, {"token", token}});
        CHECK(c->call("logout", {{"counter", 1}}).ok);
    }
    CHECK(try_hello(server.port(), {{"role", "counter"}, {"counter", 1}, {"token", token}}).code == "bad_credentials");
    for (int i = 0; i < 4; ++i) try_hello(server.port(), counter_hello(1, wrong_pin));
    CHECK(try_hello(server.port(), {{"role", "admin"}, {"nip", admin_nip}, {"pin", wrong_pin}}).code ==
          "bad_credentials");
    auto admin = connect(server.port(), {{"role", "admin"}, {"nip", admin_nip}, {"pin", admin_pin}});
    const std::string new_pin = "13572468";
    CHECK(admin->call("officer_set", {{"nip", officer_nip}, {"pin", new_pin}}).ok);
    CHECK(admin->call("officer_add", {{"nip", "1"}, {"name", "x"}, {"pin", "12ab"}}).code == "invalid_value");
    admin.reset();

    const std::string log = read_file(server.log());
    INFO(log);
    CHECK(log.find("log-in failed for NIP \"" + officer_nip + "\" from 127.0.0.1") != std::string::npos);
    CHECK(log.find("log-in refused for NIP \"" + officer_nip + "\" from 127.0.0.1: too many failed attempts") !=
          std::string::npos);
    for (const std::string& secret : {officer_pin, wrong_pin, admin_pin, new_pin, token, std::string("12ab")})
        CHECK(log.find(secret) == std::string::npos);
}

TEST_CASE("Every administrative change is in the audit with who made it") {
    TestOffice office(staff);
    auto admin = connect(office.port(), {{"role", "admin"}, {"nip", admin_nip}, {"pin", admin_pin}});
    auto manager = connect(office.port(), {{"role", "manager"}, {"nip", manager_nip}, {"pin", manager_pin}});
    auto counter = connect(office.port(), counter_hello(2, officer_pin));
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});

    // KTP as shipped, with a new waiting-time target.
    std::ifstream shipped(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    const json config = json::parse(shipped);
    json service = config["services"][0];
    service["opening_hours"] = config["opening_hours"];
    service["max_wait_minutes"] = 45;
    REQUIRE(admin->call("service_set", {{"service", service}}).ok);
    REQUIRE(admin->call("counter_set", {{"counter", {{"number", 9}, {"name", "Loket 9"}, {"services", {"KK"}}}}}).ok);
    REQUIRE(admin->call("officer_add", {{"nip", "200101012024011001"}, {"name", "Petugas Baru"}, {"pin", "2468"}}).ok);
    REQUIRE(admin->call("officer_set", {{"nip", "200101012024011001"}, {"pin", "8642"}}).ok);
    REQUIRE(manager->call("service_close", {{"service", "KK"}}).ok);
    REQUIRE(manager->call("close_counter", {{"counter", 2}}).ok);
    REQUIRE(kiosk->call("printer_status", {{"state", "no_paper"}}).ok);

    const Reply r = manager->call("audit");
    REQUIRE(r.ok);
    std::vector<std::string> seen;
    for (const auto& e : r.body["entries"])
        seen.push_back(e["type"].get<std::string>() + " " + e["by"].get<std::string>());
    const std::vector<std::string> expected = {"officer_created test",          "officer_created test",
                                               "officer_created test",          "office_created ",
                                               "service_updated " + admin_nip,  "counter_created " + admin_nip,
                                               "officer_created " + admin_nip,  "officer_updated " + admin_nip,
                                               "service_closed " + manager_nip, "counter_closed " + manager_nip,
                                               "printer_status kiosk"};
    CHECK(seen == expected);
    const auto& entries = r.body["entries"];
    // What changed is shown: the new targets, the officer whose PIN was set, the counter's officer.
    CHECK(json::parse(entries[4]["detail"].get<std::string>())["max_wait_minutes"] == 45);
    CHECK(entries[7]["detail"] == "200101012024011001 officer PIN baru");
    CHECK(entries[9]["detail"] == "petugas " + officer_nip);
    CHECK(r.body["next"].is_null());

    SECTION("an officer's own log-out is not an administrative change") {
        auto other = connect(office.port(), counter_hello(3, officer_pin));
        CHECK(other->call("logout", {{"counter", 3}}).ok);
        CHECK(manager->call("audit").body["entries"].size() == entries.size());
    }
    SECTION("a period and pages") {
        CHECK(manager->call("audit", {{"to", "2026-11-29"}}).body["entries"].empty());
        CHECK(manager->call("audit", {{"from", "2026-11-30"}, {"to", "2026-11-30"}}).body["entries"].size() ==
              entries.size());
        auto page = manager->call("audit", {{"limit", 4}}).body;
        CHECK(page["entries"].size() == 4);
        page = manager->call("audit", {{"limit", 100}, {"after", page["next"]}}).body;
        CHECK(page["entries"].size() == entries.size() - 4);
        CHECK(manager->call("audit", {{"from", "30-11-2026"}}).code == "invalid_value");
    }
    SECTION("only managers and administrators may read it") {
        auto officer = connect(office.port(), counter_hello(1, officer_pin));
        CHECK(officer->call("audit").code == "forbidden");
        CHECK(kiosk->call("audit").code == "forbidden");
    }
}

}  // namespace security_test
