// Who may do and see what, over the real socket: a token opens only the session
// it was issued for, an officer who is deactivated or demoted loses the sessions
// the new record does not allow, kiosks and boards never see an officer's NIP, and
// a NIP is checked wherever it enters.
#include <sys/wait.h>
#include <cstdio>
#include <regex>

#include <catch2/catch.hpp>

#include "antre/ids.hpp"
#include "raw_connection.hpp"
#include "test_support.hpp"

namespace roles_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

using namespace antre::test::seeded;
const std::string second_admin_nip = "197905052005011002";
const std::string second_admin_pin = "31415926";

const std::vector<OfficerSeed> staff = {{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin},
                                        {manager_nip, "Yohanis Mambrasar", OfficerRole::manager, manager_pin},
                                        {admin_nip, "Admin Dukcapil", OfficerRole::admin, admin_pin},
                                        {second_admin_nip, "Admin Kedua", OfficerRole::admin, second_admin_pin}};

json pin_hello(const std::string& role, const std::string& nip, const std::string& pin) {
    return {{"role", role}, {"nip", nip}, {"pin", pin}};
}

// A connection that reads every line itself (what a hostile or a plain client sees).
class Line {
public:
    Line(unsigned short port, json hello) : c_(port) {
        hello["id"] = 0;
        hello["op"] = "hello";
        reply_ = request(hello);
    }
    /// Sends one request and reads lines until its reply (events before it are kept).
    json request(json r) {
        const int id = ++next_id_;
        r["id"] = id;
        REQUIRE(c_.send(r.dump() + "\n"));
        for (;;) {
            const auto line = c_.read_line(std::chrono::seconds(30));
            REQUIRE(line);
            lines_.push_back(*line);
            const json j = json::parse(*line);
            if (j.contains("id") && j["id"] == id) return j;
        }
    }
    json call(const std::string& op, json fields = json::object()) {
        fields["op"] = op;
        return request(std::move(fields));
    }
    const json& hello_reply() const { return reply_; }
    const std::vector<std::string>& lines() const { return lines_; }
    RawConnection& connection() { return c_; }

private:
    RawConnection c_;
    json reply_;
    std::vector<std::string> lines_;
    int next_id_ = 0;
};

}  // namespace

TEST_CASE("A token opens only the kind of session it was issued for") {
    TestOffice office(staff);
    const auto port = office.port();
    const Reply as_manager = try_hello(port, pin_hello("manager", admin_nip, admin_pin));
    REQUIRE(as_manager.ok);
    const std::string manager_token = as_manager.body["token"];
    const Reply as_admin = try_hello(port, pin_hello("admin", admin_nip, admin_pin));
    REQUIRE(as_admin.ok);
    const std::string admin_token = as_admin.body["token"];
    const Reply at_counter =
        try_hello(port, {{"role", "counter"}, {"counter", 2}, {"nip", admin_nip}, {"pin", admin_pin}});
    REQUIRE(at_counter.ok);
    const std::string counter_token = at_counter.body["token"];

    SECTION("an administrator's manager-session token opens no administrator session") {
        CHECK(try_hello(port, {{"role", "admin"}, {"token", manager_token}}).code == "bad_credentials");
        CHECK(try_hello(port, {{"role", "manager"}, {"token", manager_token}}).ok);
    }
    SECTION("an administrator's token opens no manager session, a counter token neither") {
        CHECK(try_hello(port, {{"role", "manager"}, {"token", admin_token}}).code == "bad_credentials");
        CHECK(try_hello(port, {{"role", "admin"}, {"token", counter_token}}).code == "bad_credentials");
        CHECK(try_hello(port, {{"role", "manager"}, {"token", counter_token}}).code == "bad_credentials");
        CHECK(try_hello(port, {{"role", "admin"}, {"token", admin_token}}).ok);
        CHECK(try_hello(port, {{"role", "counter"}, {"counter", 2}, {"token", counter_token}}).ok);
    }
    SECTION("a manager-session token cannot reach officer_add") {
        Line line(port, {{"role", "admin"}, {"token", manager_token}});
        CHECK(line.hello_reply()["error"]["code"] == "bad_credentials");
        const json r = line.call("officer_add", {{"nip", "200101012024011001"}, {"name", "Penyusup"}, {"pin", "2468"}});
        CHECK(r["error"]["code"] == "hello_required");
    }
}

TEST_CASE("A log-in just after midnight, before the day's close has run, gets a token for the new day") {
    TestOffice office(staff);
    const auto port = office.port();
    constexpr Millis hour = 3'600'000;
    // Tuesday 00:00:30 WIT: nothing has asked the server anything since Monday.
    office.clock().set(monday_0900_wit + 15 * hour + 30'000);
    const Reply first = try_hello(port, pin_hello("manager", admin_nip, admin_pin));
    REQUIRE(first.ok);
    const std::string token = first.body["token"];
    CHECK(try_hello(port, {{"role", "manager"}, {"token", token}}).ok);
    office.clock().set(monday_0900_wit + 15 * hour + 15 * hour);  // Tuesday 15:00
    CHECK(try_hello(port, {{"role", "manager"}, {"token", token}}).ok);
    office.clock().set(monday_0900_wit + 15 * hour + 16 * hour + 31'000);  // past its 16 hours
    CHECK(try_hello(port, {{"role", "manager"}, {"token", token}}).code == "bad_credentials");
}

TEST_CASE("Deactivating or demoting an officer ends the sessions the new record does not allow") {
    TestOffice office(staff);
    const auto port = office.port();
    auto admin = connect(port, pin_hello("admin", second_admin_nip, second_admin_pin));

    SECTION("a deactivated officer's counter session is closed and its token refused") {
        Line counter(port, {{"role", "counter"}, {"counter", 1}, {"nip", officer_nip}, {"pin", officer_pin}});
        REQUIRE(counter.hello_reply()["ok"] == true);
        const std::string token = counter.hello_reply()["token"];
        REQUIRE(admin->call("officer_set", {{"nip", officer_nip}, {"active", false}}).ok);
        CHECK(counter.connection().wait_closed(patience));
        CHECK(try_hello(port, {{"role", "counter"}, {"counter", 1}, {"token", token}}).code == "bad_credentials");
    }
    SECTION("an administrator made manager loses the administrator session and keeps the manager one") {
        Line as_admin(port, pin_hello("admin", admin_nip, admin_pin));
        Line as_manager(port, pin_hello("manager", admin_nip, admin_pin));
        REQUIRE(as_admin.hello_reply()["ok"] == true);
        REQUIRE(as_manager.hello_reply()["ok"] == true);
        const std::string admin_token = as_admin.hello_reply()["token"];
        const std::string manager_token = as_manager.hello_reply()["token"];
        REQUIRE(admin->call("officer_set", {{"nip", admin_nip}, {"role", "manager"}}).ok);
        CHECK(as_admin.connection().wait_closed(patience));
        CHECK(as_manager.call("ping")["ok"] == true);
        CHECK(try_hello(port, {{"role", "admin"}, {"token", admin_token}}).code == "bad_credentials");
        CHECK(try_hello(port, {{"role", "manager"}, {"token", manager_token}}).ok);
    }
    SECTION("a manager made officer loses the manager session") {
        Line as_manager(port, pin_hello("manager", manager_nip, manager_pin));
        REQUIRE(as_manager.hello_reply()["ok"] == true);
        REQUIRE(admin->call("officer_set", {{"nip", manager_nip}, {"role", "officer"}}).ok);
        CHECK(as_manager.connection().wait_closed(patience));
        // Another officer's sessions are untouched.
        CHECK(admin->call("ping").ok);
    }
}

TEST_CASE("Kiosks and boards never see an officer's NIP, counter sessions do") {
    TestOffice office(staff);
    const auto port = office.port();
    const std::regex nip_pattern("[0-9]{18}");
    auto has_nip = [&](const std::string& line) { return std::regex_search(line, nip_pattern); };

    Line board(port, {{"role", "display"}});
    Line kiosk(port, {{"role", "kiosk"}});
    REQUIRE(board.call("subscribe")["ok"] == true);
    REQUIRE(kiosk.call("subscribe")["ok"] == true);
    Line desk(port, {{"role", "counter"}, {"counter", 1}, {"nip", officer_nip}, {"pin", officer_pin}});
    REQUIRE(desk.hello_reply()["ok"] == true);
    REQUIRE(desk.call("subscribe")["ok"] == true);

    // A morning: tickets, calls, a service, a no-show, a pause, a counter closed by a
    // manager and one by its own officer; lookups and snapshots from the lobby between.
    auto second = connect(port, {{"role", "counter"}, {"counter", 2}, {"nip", admin_nip}, {"pin", admin_pin}});
    auto manager = connect(port, pin_hello("manager", manager_nip, manager_pin));
    for (int i = 0; i < 4; ++i) REQUIRE(kiosk.call("issue", {{"service", "KTP"}})["ok"] == true);
    const json called = desk.call("call_next");
    REQUIRE(called["ok"] == true);
    CHECK(called["ticket"]["officer"] == officer_nip);
    const std::string label = called["ticket"]["label"];
    CHECK(kiosk.call("ticket", {{"ticket", label}})["ok"] == true);
    CHECK(board.call("snapshot")["ok"] == true);
    REQUIRE(desk.call("start")["ok"] == true);
    REQUIRE(desk.call("finish")["ok"] == true);
    CHECK(kiosk.call("ticket", {{"ticket", label}})["ok"] == true);
    REQUIRE(second->call("call_next").ok);
    REQUIRE(second->call("no_show").ok);
    REQUIRE(desk.call("call_next")["ok"] == true);
    REQUIRE(desk.call("transfer", {{"service", "KK"}})["ok"] == true);
    CHECK(kiosk.call("ticket", {{"ticket", label}})["ok"] == true);
    REQUIRE(desk.call("pause", {{"reason", "istirahat"}})["ok"] == true);
    REQUIRE(manager->call("close_counter", {{"counter", 2}}).ok);
    CHECK(board.call("snapshot")["ok"] == true);
    REQUIRE(desk.call("resume")["ok"] == true);
    REQUIRE(desk.call("logout")["ok"] == true);
    CHECK(board.call("snapshot")["ok"] == true);
    CHECK(kiosk.call("snapshot")["ok"] == true);

    std::size_t events_seen = 0;
    for (const Line* lobby : {&board, &kiosk}) {
        for (const auto& line : lobby->lines()) {
            INFO(line);
            CHECK_FALSE(has_nip(line));
            if (line.find("\"event\"") != std::string::npos) ++events_seen;
        }
    }
    CHECK(events_seen > 20);
    // The same events reach the counter with the officers named.
    std::size_t with_nip = 0;
    for (const auto& line : desk.lines())
        if (line.find(officer_nip) != std::string::npos || line.find(manager_nip) != std::string::npos) ++with_nip;
    CHECK(with_nip > 5);
}

TEST_CASE("A NIP is exactly 18 digits wherever it enters") {
    TestOffice office(staff);
    const auto port = office.port();
    auto admin = connect(port, pin_hello("admin", admin_nip, admin_pin));
    auto manager = connect(port, pin_hello("manager", manager_nip, manager_pin));
    const std::vector<std::string> bad = {"199002022015032002\n\a",
                                          "19900202201503200",
                                          "1990020220150320021",
                                          "19900202201503200x",
                                          " 199002022015032002",
                                          "",
                                          "１９９００２０２２０１５０３２００２"};
    for (const auto& nip : bad) {
        INFO(json(nip).dump());
        const Reply add = admin->call("officer_add", {{"nip", nip}, {"name", "Petugas"}, {"pin", "2468"}});
        CHECK(add.code == "invalid_value");
        CHECK(add.message == nip_rule);
        CHECK(admin->call("officer_set", {{"nip", nip}, {"active", false}}).code == "invalid_value");
        const Reply hello = try_hello(port, pin_hello("manager", nip, "2468"));
        CHECK(hello.code == "invalid_value");
        CHECK(hello.message == nip_rule);
        CHECK(manager->call("officer_sheet", {{"officer", nip}, {"from", "2026-11-30"}, {"to", "2026-11-30"}}).code ==
              "invalid_value");
    }
    // Nothing of them was stored.
    CHECK(admin->call("officers").body["officers"].size() == staff.size());
    CHECK(admin->call("officer_add", {{"nip", "200101012024011001"}, {"name", "Petugas Baru"}, {"pin", "2468"}}).ok);

    SECTION("the command line refuses one before it reaches the server") {
        const std::string command = std::string("ANTRE_PIN=2468 ") + ANTRE_CLI_BIN + " --port " + std::to_string(port) +
                                    " login --role admin --nip 12345 2>&1";
        FILE* pipe = ::popen(command.c_str(), "r");
        REQUIRE(pipe);
        std::string out;
        char buf[4096];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
        const int status = ::pclose(pipe);
        INFO(out);
        CHECK(WEXITSTATUS(status) == 2);
        CHECK(out.find(nip_rule) != std::string::npos);
    }
}

}  // namespace roles_test
