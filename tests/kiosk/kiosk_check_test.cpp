// "Cek nomor" at the kiosk (docs/kiosk.md): what a scan or a typed number asks, the
// screens' reducer, their pixels, and the whole path through the real server.
#include <catch2/catch.hpp>

#include "antre/gui/theme.hpp"
#include "antre/kiosk/check.hpp"
#include "antre/kiosk/controller.hpp"
#include "antre/kiosk/texts_phone.hpp"
#include "kiosk_pump.hpp"
#include "kiosk_shot.hpp"
#include "test_support.hpp"

namespace kiosk_check_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;
using json = nlohmann::json;
namespace theme = antre::gui::theme;

namespace {

constexpr const char* qr_link = "http://192.168.10.5:7412/t/k3xq7m2bzt5vwy4n";

// The phone page's JSON for A-013, called to Loket 3, or waiting with 2 ahead.
json status(bool called) {
    json j = {{"office", {{"name", "Dukcapil Kota Sorong"}, {"time", "09:01"}}},
              {"label", "A-013"},
              {"service", {{"code", "KTP"}, {"name_id", "KTP-el"}, {"name_en", "Electronic ID card (KTP-el)"}}},
              {"state", called ? "called" : "waiting"},
              {"counter", called ? json(3) : json(nullptr)},
              {"counter_name", called ? json("Loket 3") : json(nullptr)},
              {"people_ahead", called ? json(nullptr) : json(2)},
              {"soon", !called},
              {"estimated_wait_s", called ? json(nullptr) : json(600)},
              {"estimated_call_time", called ? json(nullptr) : json("09:11")},
              {"now_called", json::array()}};
    return j;
}

Reply answer(const json& body) {
    Reply r;
    r.ok = true;
    r.body = {{"status", body}};
    return r;
}

bool drew(const Shot& shot, const std::string& text) {
    for (const auto& t : shot.texts)
        if (t.text.find(text) != std::string::npos) return true;
    return false;
}

void scan(KioskState& s, const std::string& text, Millis now) {
    for (const char c : text) scanner_text(s, std::string(1, c), now);
}

}  // namespace

TEST_CASE("check: what a scan or a typed number asks", "[kiosk][check]") {
    CHECK(check_query(qr_link).code == "k3xq7m2bzt5vwy4n");
    CHECK(check_query(" HTTP://192.168.10.5:7412/T/K3XQ7M2BZT5VWY4N\r").code == "k3xq7m2bzt5vwy4n");  // Caps Lock
    CHECK(check_query("http://antrean.example.go.id/t/K3XQ7M2BZT5VWY4N").code == "k3xq7m2bzt5vwy4n");
    CHECK(check_query("https://a.b/t/k3xq7m2bzt5vwy4n?x=1").code == "k3xq7m2bzt5vwy4n");
    CHECK(check_query("http://a.b/t/k3xq7m2bzt5vwy4").code.empty());   // 15 characters
    CHECK(check_query("http://a.b/t/k3xq7m2bzt5vwy41").code.empty());  // '1' is not base32
    CHECK(check_query("A-013").label == "A-013");
    CHECK(check_query(" a13 ").label == "a13");
    CHECK(check_query("A 013").label == "A 013");
    for (const char* nothing : {"", "   ", "ANTRE:TICKET:11", "8991234567890", "A-", "-13", "ABCDE-1", "A-1234567"}) {
        INFO(nothing);
        const auto q = check_query(nothing);
        CHECK(q.code.empty());
        CHECK(q.label.empty());
    }
}

TEST_CASE("check: a scan at the home screen asks the server, and the answer shows", "[kiosk][check]") {
    auto s = connected_state();
    const Millis t0 = monday_0900;
    scan(s, qr_link, t0);
    const Command c = scanner_enter(s, t0 + 50);
    CHECK(c.kind == Command::Kind::check_ticket);
    CHECK(c.code == "k3xq7m2bzt5vwy4n");
    CHECK(c.label.empty());
    REQUIRE(s.screen == Screen::check_waiting);
    apply_check_reply(s, answer(status(true)), t0 + 200);
    REQUIRE(s.screen == Screen::check_result);
    REQUIRE(s.check.result);
    CHECK(s.check.result->state == "called");
    CHECK(check_state_text(Language::id, *s.check.result) == "Dipanggil \u2014 silakan ke Loket 3");
    CHECK(check_state_text(Language::en, *s.check.result) == "Called \u2014 please go to Loket 3");

    SECTION("the answer goes after its time, or at a touch") {
        tick(s, t0 + 200 + check_result_shown - 1);
        CHECK(s.screen == Screen::check_result);
        tick(s, t0 + 200 + check_result_shown);
        CHECK(s.screen == Screen::home);
    }
    SECTION("another scan on the answer asks again") {
        scan(s, "B-002", t0 + 5000);
        const Command again = scanner_enter(s, t0 + 5010);
        CHECK(again.kind == Command::Kind::check_ticket);
        CHECK(again.label == "B-002");
    }
    SECTION("a touch goes home") {
        tap(s, {TargetKind::dismiss, 0}, t0 + 1000);
        CHECK(s.screen == Screen::home);
    }
}

TEST_CASE("check: stray keys, other barcodes and late answers", "[kiosk][check]") {
    auto s = connected_state();
    SECTION("keys long before the Enter are forgotten") {
        scan(s, "A-013", monday_0900);
        CHECK(scanner_enter(s, monday_0900 + scan_key_gap + 1).kind == Command::Kind::none);
        CHECK(s.screen == Screen::home);
    }
    SECTION("a product's barcode says it is no ticket") {
        scan(s, "8991234567890", monday_0900);
        CHECK(scanner_enter(s, monday_0900).kind == Command::Kind::none);
        CHECK(s.screen == Screen::check_result);
        CHECK(s.check.error == "unreadable");
    }
    SECTION("an answer after the citizen left changes nothing") {
        scan(s, qr_link, monday_0900);
        scanner_enter(s, monday_0900);
        apply_connection(s, ConnectionState::connecting, "lost", monday_0900 + 10);
        apply_check_reply(s, refused("connection_lost"), monday_0900 + 20);
        CHECK(s.screen == Screen::check_result);
        CHECK(s.check.error == "connection_lost");
        apply_check_reply(s, answer(status(false)), monday_0900 + 30);  // a second answer: not waiting any more
        CHECK_FALSE(s.check.result);
    }
    SECTION("keys elsewhere are ignored") {
        tap(s, {TargetKind::priority_open, 0}, monday_0900);
        scan(s, qr_link, monday_0900);
        CHECK(scanner_enter(s, monday_0900).kind == Command::Kind::none);
        CHECK(s.screen == Screen::priority);
    }
    SECTION("the scan buffer is bounded") {
        for (int i = 0; i < 1000; ++i) scanner_text(s, "xxxxxxxxxx", monday_0900);
        CHECK(s.check.scanned.size() <= 256);
    }
}

TEST_CASE("check: the keypad types a letter and digits", "[kiosk][check]") {
    auto s = connected_state();
    tap(s, {TargetKind::check_open, 0}, monday_0900);
    REQUIRE(s.screen == Screen::check_entry);
    tap(s, {TargetKind::check_letter, 1}, monday_0900);  // KK's B
    for (int d : {0, 0, 7}) tap(s, {TargetKind::key_digit, d}, monday_0900);
    CHECK(s.check.typed == "B-007");
    tap(s, {TargetKind::key_erase, 0}, monday_0900);
    tap(s, {TargetKind::key_digit, 4}, monday_0900);
    const Command c = tap(s, {TargetKind::key_ok, 0}, monday_0900);
    CHECK(c.kind == Command::Kind::check_ticket);
    CHECK(c.label == "B-004");
    CHECK(s.screen == Screen::check_waiting);

    auto idle = connected_state();
    tap(idle, {TargetKind::check_open, 0}, monday_0900);
    tick(idle, monday_0900 + check_idle);
    CHECK(idle.screen == Screen::home);
}

TEST_CASE("check screens: keypad, called, waiting and not found, in both orientations", "[kiosk][check][screens]") {
    for (const bool portrait : {false, true}) {
        const int w = portrait ? 1080 : 1920, h = portrait ? 1920 : 1080;
        const std::string suffix = portrait ? "_portrait.png" : ".png";
        Shot shot(w, h);
        auto s = connected_state();
        // The home screen offers the button.
        shot.draw(s, monday_0900);
        const auto home = compute_layout(s, w, h);
        REQUIRE(home.find(TargetKind::check_open));
        CHECK(drew(shot, "Cek nomor"));

        tap(s, {TargetKind::check_open, 0}, monday_0900);
        tap(s, {TargetKind::check_letter, 0}, monday_0900);
        tap(s, {TargetKind::key_digit, 1}, monday_0900);
        shot.draw(s, monday_0900);
        const auto keypad = compute_layout(s, w, h);
        for (int i = 0; i < 6; ++i) {
            const auto* b = keypad.find(TargetKind::check_letter, i);
            REQUIRE(b);
            CHECK(same(shot.edge_of(b->rect), theme::service_colour(static_cast<std::size_t>(i))));
        }
        CHECK(drew(shot, "A-1_"));
        shot.save("kiosk_check_keypad" + suffix);

        Command c = tap(s, {TargetKind::key_ok, 0}, monday_0900);
        REQUIRE(c.kind == Command::Kind::check_ticket);
        apply_check_reply(s, answer(status(true)), monday_0900);
        shot.draw(s, monday_0900 + 1000);
        CHECK(drew(shot, "Dipanggil"));  // "Giliran Anda! Dipanggil — silakan ke Loket 3", on two lines
        CHECK(drew(shot, "Loket 3"));
        CHECK(drew(shot, "A-013"));
        // The state's band is green: go now.
        CHECK(shot.count({0, h / 3, w, h / 2}, theme::go, 4) > 2000);
        shot.save("kiosk_check_called" + suffix);

        tap(s, {TargetKind::dismiss, 0}, monday_0900 + 2000);
        scan(s, "A-013", monday_0900 + 3000);
        scanner_enter(s, monday_0900 + 3000);
        apply_check_reply(s, answer(status(false)), monday_0900 + 3000);
        shot.draw(s, monday_0900 + 4000);
        CHECK(drew(shot, "Menunggu"));
        CHECK(drew(shot, "2\u00a0orang"));
        CHECK(drew(shot, "09:11"));
        CHECK(drew(shot, phone_texts(Language::id).soon));
        CHECK(shot.count({0, h / 3, w, h / 2}, theme::accent, 4) > 2000);  // yellow: waiting
        shot.save("kiosk_check_waiting" + suffix);

        tap(s, {TargetKind::dismiss, 0}, monday_0900 + 5000);
        scan(s, "A-099", monday_0900 + 6000);
        scanner_enter(s, monday_0900 + 6000);
        apply_check_reply(s, refused("unknown_ticket"), monday_0900 + 6000);
        shot.draw(s, monday_0900 + 6000);
        CHECK(drew(shot, phone_texts(Language::id).not_found_title));
        CHECK(drew(shot, "A-099"));
        shot.save("kiosk_check_not_found" + suffix);
    }
}

TEST_CASE("check through the real server: scan the link, then see the call", "[kiosk][check][integration]") {
    const antre::test::OfficerSeed officer{"198507142010011002", "Yohanes Kambuaya", OfficerRole::officer, "482915"};
    antre::test::TestOffice office({officer});
    auto issuer = antre::test::connect(office.port(), {{"role", "kiosk"}});
    REQUIRE(issuer->call("issue", {{"service", "KTP"}}).ok);
    const auto issued = issuer->call("issue", {{"service", "KTP"}});
    REQUIRE(issued.ok);
    const std::string ticket_link = issued.body["link"];

    ControllerOptions o;
    o.port = office.port();
    Controller kiosk(o);
    kiosk.start();
    auto& clock = office.clock();
    REQUIRE(antre::test::pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::home; }));
    auto check = [&](const std::string& typed) {
        kiosk.scanner_text(typed, clock.now());
        kiosk.scanner_enter(clock.now());
        REQUIRE(antre::test::pump_until(kiosk, clock,
                                        [](const KioskState& s) { return s.screen == Screen::check_result; }));
        return kiosk.state().check;
    };
    auto seen = check(ticket_link);
    REQUIRE(seen.result);
    CHECK(seen.result->label == "A-002");
    CHECK(seen.result->state == "waiting");
    CHECK(seen.result->people_ahead == 1);

    auto counter = antre::test::connect(
        office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer.nip}, {"pin", officer.pin}});
    REQUIRE(counter->call("call", {{"ticket", "A-002"}}).ok);
    seen = check("a2");
    REQUIRE(seen.result);
    CHECK(seen.result->state == "called");
    CHECK(check_state_text(Language::id, *seen.result) == "Dipanggil \u2014 silakan ke Loket 1");

    seen = check("A-077");
    CHECK_FALSE(seen.result);
    CHECK(seen.error == "unknown_ticket");
}

}  // namespace kiosk_check_test
