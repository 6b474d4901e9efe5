// The kiosk against the real server on port 0, through the real client library:
// a tap issues the next number, shows it and prints it; a stopped server gives
// the offline notice and a restarted one the home screen; the operator's PIN is
// checked by the server.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <thread>

#include <catch2/catch.hpp>

#include "antre/kiosk/controller.hpp"
#include "antre/kiosk/layout.hpp"
#include "kiosk_pump.hpp"
#include "test_support.hpp"

namespace kiosk_integration_test {

using namespace antre;
using namespace antre::kiosk;
using json = nlohmann::json;
using antre::test::pump_until;

namespace {

// Where the service's button is on the home screen (1920x1080).
std::pair<int, int> service_point(const KioskState& s, const std::string& code) {
    KioskState home = s;
    home.screen = Screen::home;
    const auto layout = compute_layout(home, 1920, 1080);
    const auto* b = layout.find(TargetKind::service, find_service(s, code));
    REQUIRE(b);
    return {b->rect.x + b->rect.w / 2, b->rect.y + b->rect.h / 2};
}

void tap_service(Controller& c, const std::string& code, const Clock& clock) {
    const auto [x, y] = service_point(c.state(), code);
    c.tap(x, y, 1920, 1080, clock.now());
}

void press(Controller& c, TargetKind kind, int index, const Clock& clock) { c.press({kind, index}, clock.now()); }

void type_digits(Controller& c, const std::string& digits, const Clock& clock) {
    for (char d : digits) press(c, TargetKind::key_digit, d - '0', clock);
    press(c, TargetKind::key_ok, 0, clock);
}

std::vector<std::uint8_t> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

bool contains(const std::vector<std::uint8_t>& hay, const std::vector<std::uint8_t>& needle) {
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

}  // namespace

TEST_CASE("a tap issues the next number, shows it and prints it to a file", "[kiosk][integration]") {
    antre::test::TempDir dir;
    const auto config = antre::test::write_test_config(dir);
    ManualClock clock(antre::test::monday_0900_wit);
    antre::test::RunningServer server(config, dir.file("antre.db"), &clock);
    // Someone took A-001 before.
    auto other = antre::test::connect(server.port(), {{"role", "kiosk"}});
    REQUIRE(other->call("issue", {{"service", "KTP"}}).body["ticket"]["label"] == "A-001");

    ControllerOptions o;
    o.port = server.port();
    o.printer = parse_printer_target(dir.file("printer.bin"));
    o.paper = Paper::mm58;
    Controller kiosk(o);
    kiosk.start();
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::home; }));
    CHECK(kiosk.state().services.size() == 6);

    // A double tap: one request, one ticket.
    const auto [x, y] = service_point(kiosk.state(), "KTP");
    kiosk.tap(x, y, 1920, 1080, clock.now());
    kiosk.tap(x, y, 1920, 1080, clock.now());
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::ticket; }));
    const auto ticket = *kiosk.state().ticket;
    CHECK(ticket.label == "A-002");
    CHECK(ticket.people_ahead == 1);
    CHECK(ticket.service_name_id == "KTP-el");
    REQUIRE(ticket.estimated_wait_s);

    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.print_status != PrintStatus::printing; }));
    CHECK(kiosk.state().print_status == PrintStatus::printed);
    const auto printed = read_file(dir.file("printer.bin"));
    CHECK(contains(printed, {'A', '-', '0', '0', '2', 0x0a}));
    CHECK(contains(printed, {0x1d, 0x56, 66, 0x00}));  // and cut

    // The server kept the estimate with the ticket, and issued nothing more.
    const auto stored = other->call("ticket", {{"ticket", ticket.id}});
    REQUIRE(stored.ok);
    CHECK(stored.body["ticket"]["estimated_wait_s"] == *ticket.estimated_wait_s);
    const auto snap = other->call("snapshot");
    CHECK(snap.body["snapshot"]["services"][0]["last_number"] == 2);
    // The kiosk's figures follow the server's events.
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.services[0].waiting == 2; }));
}

TEST_CASE("a refusal from the server is shown, not a number", "[kiosk][integration]") {
    antre::test::TempDir dir;
    const auto config = antre::test::write_test_config(dir);
    json office = json::parse(std::ifstream(config));
    office["services"][1]["daily_quota"] = 1;  // KK: one number a day
    std::ofstream(config) << office.dump();
    ManualClock clock(antre::test::monday_0900_wit);
    antre::test::RunningServer server(config, dir.file("antre.db"), &clock);
    ControllerOptions o;
    o.port = server.port();
    Controller kiosk(o);
    kiosk.start();
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::home; }));
    // Another kiosk takes the last number before this one hears of it.
    auto other = antre::test::connect(server.port(), {{"role", "kiosk"}});
    REQUIRE(other->call("issue", {{"service", "KK"}}).ok);
    tap_service(kiosk, "KK", clock);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::refused; }));
    CHECK(kiosk.state().refusal_code == "quota_reached");
    CHECK_FALSE(kiosk.state().ticket);
    CHECK(availability(kiosk.state().services[1]) == Availability::quota_used_up);
}

TEST_CASE("server stopped gives the offline notice and server back the home screen", "[kiosk][integration]") {
    antre::test::TempDir dir;
    const auto config = antre::test::write_test_config(dir);
    const auto db = dir.file("antre.db");
    std::optional<antre::test::ServerProcess> server;
    server.emplace(config, db);
    const auto port = server->port();
    SystemClock clock;
    ControllerOptions o;
    o.port = port;
    Controller kiosk(o);
    kiosk.start();
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::home; }));
    const auto [x, y] = service_point(kiosk.state(), "KTP");

    server->kill_hard();
    server.reset();
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::offline; }));
    CHECK_FALSE(kiosk.state().connected);
    // Nothing can be taken meanwhile.
    kiosk.tap(x, y, 1920, 1080, clock.now());
    kiosk.pump(clock.now());
    CHECK(kiosk.state().screen == Screen::offline);
    CHECK_FALSE(kiosk.state().ticket);

    server.emplace(config, db, port);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::home; }));
    tap_service(kiosk, "KTP", clock);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::ticket; }));
    CHECK(kiosk.state().ticket->label == "A-001");
}

TEST_CASE("leaving kiosk mode needs an administrator's NIP and PIN, checked by the server", "[kiosk][integration]") {
    antre::test::TempDir dir;
    const auto config = antre::test::write_test_config(dir);
    const auto db = dir.file("antre.db");
    antre::test::add_officer(db, "198203172009031001", "Agus Rumbiak", OfficerRole::admin, "55190327");
    antre::test::add_officer(db, "198507142010011002", "Yohanes Kambuaya", OfficerRole::officer, "482915");
    ManualClock clock(antre::test::monday_0900_wit);
    antre::test::RunningServer server(config, db, &clock);
    ControllerOptions o;
    o.port = server.port();
    Controller kiosk(o);
    kiosk.start();
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::home; }));

    kiosk.admin_keys(clock.now());
    REQUIRE(kiosk.state().screen == Screen::admin);
    type_digits(kiosk, "198203172009031001", clock);
    type_digits(kiosk, "1111", clock);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return !s.admin.checking; }));
    CHECK(kiosk.state().admin.error == "bad_credentials");
    CHECK_FALSE(kiosk.exit_requested());

    press(kiosk, TargetKind::key_cancel, 0, clock);
    kiosk.admin_keys(clock.now());
    type_digits(kiosk, "198507142010011002", clock);
    type_digits(kiosk, "482915", clock);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return !s.admin.checking; }));
    CHECK(kiosk.state().admin.error == "forbidden");  // an officer, not an administrator

    press(kiosk, TargetKind::key_cancel, 0, clock);
    kiosk.admin_keys(clock.now());
    type_digits(kiosk, "198203172009031001", clock);
    type_digits(kiosk, "55190327", clock);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.exit_requested; }));
}

TEST_CASE("the kiosk shows a priority group the wait its ticket will print", "[kiosk][integration]") {
    for (const int between : {0, 2}) {
        INFO("regular_between_priority " << between);
        antre::test::TempDir dir;
        const auto config = antre::test::write_test_config(dir);
        json office = json::parse(std::ifstream(config));
        office["call_policy"]["regular_between_priority"] = between;
        std::ofstream(config) << office.dump();
        ManualClock clock(antre::test::monday_0900_wit);
        antre::test::RunningServer server(config, dir.file("antre.db"), &clock);
        // Six regular tickets and one priority ticket wait for KTP.
        auto other = antre::test::connect(server.port(), {{"role", "kiosk"}});
        for (int i = 0; i < 6; ++i) REQUIRE(other->call("issue", {{"service", "KTP"}}).ok);
        REQUIRE(other->call("issue", {{"service", "KTP"}, {"priority", "lansia"}}).ok);

        ControllerOptions o;
        o.port = server.port();
        Controller kiosk(o);
        kiosk.start();
        REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) {
            return s.screen == Screen::home && !s.services.empty() && s.services[0].waiting == 7;
        }));
        press(kiosk, TargetKind::priority_open, 0, clock);
        press(kiosk, TargetKind::priority_group, static_cast<int>(Priority::lansia), clock);
        const auto& ktp = kiosk.state().services[static_cast<std::size_t>(find_service(kiosk.state(), "KTP"))];
        REQUIRE(ktp.priority_estimated_wait_s);
        const int shown = estimated_wait_for(ktp, kiosk.state().priority);
        CHECK(shown < ktp.estimated_wait_s);

        tap_service(kiosk, "KTP", clock);
        REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::ticket; }));
        const auto ticket = *kiosk.state().ticket;
        CHECK(ticket.priority == Priority::lansia);
        REQUIRE(ticket.estimated_wait_s);
        CHECK(*ticket.estimated_wait_s == shown);  // the tile told the truth the ticket prints
    }
}

}  // namespace kiosk_integration_test
