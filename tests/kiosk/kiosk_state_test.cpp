// The kiosk's screen state without SDL or sockets: what taps, server events,
// replies and the passing of time do to it.
#include <catch2/catch.hpp>

#include "antre/errors.hpp"
#include "antre/kiosk/layout.hpp"
#include "antre/kiosk/texts.hpp"
#include "kiosk_fixtures.hpp"

namespace kiosk_state_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;
using nlohmann::json;

namespace {

Reply issued(const std::string& label, std::int64_t id = 7, const std::string& service = "KTP") {
    Reply r;
    r.ok = true;
    r.body = {{"id", 3},
              {"ok", true},
              {"ticket",
               {{"id", id},
                {"label", label},
                {"service", service},
                {"priority", "none"},
                {"people_ahead", 12},
                {"estimated_wait_s", 1575},
                {"issued_at", monday_0900},
                {"status", "waiting"}}}};
    return r;
}

const Target ktp{TargetKind::service, 0};

}  // namespace

TEST_CASE("the kiosk starts offline and shows home only with a snapshot and a link", "[kiosk][state]") {
    KioskState s;
    CHECK(s.screen == Screen::offline);
    SECTION("ready without a snapshot stays offline") {
        apply_connection(s, ConnectionState::ready, "", monday_0900);
        CHECK(s.screen == Screen::offline);
    }
    SECTION("a snapshot, then ready: home, with the office's services") {
        s = connected_state();
        CHECK(s.screen == Screen::home);
        REQUIRE(s.services.size() == 6);
        CHECK(s.services[0].code == "KTP");
        CHECK(s.services[0].estimated_wait_s == 1575);
        CHECK(s.office_name == "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong");
        CHECK(s.clock_offset == 0);
    }
    SECTION("a lost link shows the notice and forgets the figures; nothing can be issued") {
        s = connected_state();
        apply_connection(s, ConnectionState::connecting, "server closed the connection", monday_0900 + 5);
        CHECK(s.screen == Screen::offline);
        CHECK_FALSE(s.has_snapshot);
        CHECK(tap(s, ktp, monday_0900 + 10).kind == Command::Kind::none);
        // Back: the library's fresh snapshot comes first, then ready.
        apply_event(s, {{"event", "snapshot"}, {"snapshot", sorong_snapshot()}}, monday_0900 + 20);
        CHECK(s.screen == Screen::offline);
        apply_connection(s, ConnectionState::ready, "", monday_0900 + 21);
        CHECK(s.screen == Screen::home);
    }
}

TEST_CASE("queue_changed updates the figures of the services it names", "[kiosk][state]") {
    auto s = connected_state();
    json e = {{"event", "queue_changed"},
              {"services", json::array({service_json("KK", "B", "Kartu Keluarga", "Family card", 9, 2700, 83)})}};
    apply_event(s, e, monday_0900);
    CHECK(s.services[1].waiting == 9);
    CHECK(s.services[1].estimated_wait_s == 2700);
    CHECK(s.services[0].waiting == 12);
    // A service created by an administrator appears at the end.
    e["services"] = json::array({service_json("SKPWNI", "G", "Surat Pindah", "Moving certificate", 0, 0, 40)});
    apply_event(s, e, monday_0900);
    REQUIRE(s.services.size() == 7);
    CHECK(s.services[6].code == "SKPWNI");
}

TEST_CASE("a service without quota, closed or outside its hours cannot be pressed", "[kiosk][state]") {
    auto snap = sorong_snapshot();
    snap["services"][0]["quota_left"] = 0;
    snap["services"][1]["closed"] = true;
    snap["services"][1]["open_now"] = false;
    snap["services"][2]["open_now"] = false;
    auto s = connected_state(snap);
    CHECK(availability(s.services[0]) == Availability::quota_used_up);
    CHECK(availability(s.services[1]) == Availability::closed);
    CHECK(availability(s.services[2]) == Availability::outside_hours);
    CHECK(availability(s.services[3]) == Availability::available);
    CHECK(availability_text(Language::id, Availability::quota_used_up) == "Kuota hari ini habis");
    for (int i = 0; i < 3; ++i) {
        CHECK(tap(s, {TargetKind::service, i}, monday_0900).kind == Command::Kind::none);
        CHECK(s.screen == Screen::home);
    }
    const auto c = tap(s, {TargetKind::service, 3}, monday_0900);
    CHECK(c.kind == Command::Kind::issue);
    CHECK(c.service == "AKTA_MATI");
}

TEST_CASE("a double tap gives one ticket, shown only once the server acknowledged it", "[kiosk][state]") {
    auto s = connected_state();
    s.printer_configured = true;
    const auto first = tap(s, ktp, monday_0900);
    REQUIRE(first.kind == Command::Kind::issue);
    CHECK(first.service == "KTP");
    CHECK(first.priority == Priority::none);
    CHECK(s.screen == Screen::issuing);
    CHECK_FALSE(s.ticket);
    // The second tap of the double tap lands while the first is in flight...
    CHECK(tap(s, ktp, monday_0900 + 120).kind == Command::Kind::none);
    const auto print = apply_issue_reply(s, issued("A-013"), monday_0900 + 200);
    CHECK(print.kind == Command::Kind::print);
    REQUIRE(s.screen == Screen::ticket);
    CHECK(s.ticket->label == "A-013");
    CHECK(s.ticket->service_name_id == "KTP-el");
    CHECK(s.ticket->estimated_wait_s == 1575);
    CHECK(s.print_status == PrintStatus::printing);
    // ...or just after the ticket appeared: it neither hides it nor asks again.
    CHECK(tap(s, ktp, monday_0900 + 400).kind == Command::Kind::none);
    CHECK(tap(s, {TargetKind::dismiss, 0}, monday_0900 + 500).kind == Command::Kind::none);
    CHECK(s.screen == Screen::ticket);
    // A deliberate tap later goes home.
    tap(s, {TargetKind::dismiss, 0}, monday_0900 + 3000);
    CHECK(s.screen == Screen::home);
}

TEST_CASE("the ticket screen goes back home by itself, forgetting the citizen's choices", "[kiosk][state]") {
    auto s = connected_state();
    tap(s, {TargetKind::language, 0}, monday_0900);
    tap(s, {TargetKind::priority_open, 0}, monday_0900);
    tap(s, {TargetKind::priority_group, static_cast<int>(Priority::ibu_hamil)}, monday_0900);
    CHECK(s.priority == Priority::ibu_hamil);
    CHECK(s.language == Language::en);
    const auto c = tap(s, ktp, monday_0900 + 1000);
    CHECK(c.priority == Priority::ibu_hamil);
    apply_issue_reply(s, issued("A-001"), monday_0900 + 1100);
    tick(s, monday_0900 + 1100 + s.timings.ticket_shown - 1);
    CHECK(s.screen == Screen::ticket);
    tick(s, monday_0900 + 1100 + s.timings.ticket_shown);
    CHECK(s.screen == Screen::home);
    CHECK(s.priority == Priority::none);
    CHECK(s.language == Language::id);
}

TEST_CASE("a refusal says why, marks the service and goes back home", "[kiosk][state]") {
    auto s = connected_state();
    tap(s, ktp, monday_0900);
    CHECK(apply_issue_reply(s, refused(errc::quota_reached), monday_0900 + 50).kind == Command::Kind::none);
    CHECK(s.screen == Screen::refused);
    CHECK_FALSE(s.ticket);
    CHECK(availability(s.services[0]) == Availability::quota_used_up);
    CHECK(refusal_text(Language::id, s.refusal_code, "KTP-el") == "Kuota hari ini untuk KTP-el sudah habis.");
    tick(s, monday_0900 + 50 + s.timings.refused_shown);
    CHECK(s.screen == Screen::home);

    SECTION("a lost link during the request is no ticket either") {
        tap(s, {TargetKind::service, 1}, monday_0900 + 20000);
        apply_connection(s, ConnectionState::connecting, "read: eof", monday_0900 + 20010);
        CHECK(s.screen == Screen::issuing);  // waits for its own answer
        apply_issue_reply(s, refused(errc::connection_lost), monday_0900 + 20020);
        CHECK(s.screen == Screen::refused);
        tick(s, monday_0900 + 20020 + s.timings.refused_shown);
        CHECK(s.screen == Screen::offline);
    }
    SECTION("no answer at all gives up") {
        tap(s, {TargetKind::service, 1}, monday_0900 + 20000);
        tick(s, monday_0900 + 20000 + s.timings.issue_guard);
        CHECK(s.screen == Screen::refused);
        CHECK(s.refusal_code == errc::timeout);
    }
}

TEST_CASE("a late acknowledgement is still shown: that ticket exists", "[kiosk][state]") {
    auto s = connected_state();
    tap(s, ktp, monday_0900);
    tick(s, monday_0900 + s.timings.issue_guard);
    REQUIRE(s.screen == Screen::refused);
    apply_issue_reply(s, issued("A-002"), monday_0900 + s.timings.issue_guard + 10);
    CHECK(s.screen == Screen::ticket);
    CHECK(s.ticket->label == "A-002");
}

TEST_CASE("an acknowledged ticket stays on screen when the link drops", "[kiosk][state]") {
    auto s = connected_state();
    tap(s, ktp, monday_0900);
    apply_issue_reply(s, issued("A-003"), monday_0900 + 10);
    apply_connection(s, ConnectionState::connecting, "read: eof", monday_0900 + 20);
    CHECK(s.screen == Screen::ticket);
    tick(s, monday_0900 + 10 + s.timings.ticket_shown);
    CHECK(s.screen == Screen::offline);
}

TEST_CASE("printer results reach the ticket and the home screen's notice", "[kiosk][state]") {
    auto s = connected_state();
    s.printer_configured = true;
    tap(s, ktp, monday_0900);
    apply_issue_reply(s, issued("A-004", 44), monday_0900 + 10);
    apply_print_result(s, 44, false, "no_paper");
    CHECK(s.print_status == PrintStatus::failed);
    CHECK(s.print_error == "no_paper");
    CHECK(s.printer_problem == "no_paper");
    CHECK(s.screen == Screen::ticket);  // the number is still shown
    // Without a paper ticket the citizen needs time to note the number: at least a minute.
    CHECK(ticket_shown_for(s) >= 60000);
    tick(s, monday_0900 + 10 + s.timings.ticket_shown);
    CHECK(s.screen == Screen::ticket);
    tick(s, monday_0900 + 10 + 60000);
    CHECK(s.screen == Screen::ticket);
    tick(s, monday_0900 + 10 + ticket_shown_for(s));
    CHECK(s.screen == Screen::home);
    CHECK_FALSE(compute_layout(s, 1920, 1080).notice.h == 0);
    apply_print_result(s, 45, true, "");
    CHECK(s.printer_problem.empty());
}

TEST_CASE("choices left idle are forgotten", "[kiosk][state]") {
    auto s = connected_state();
    tap(s, {TargetKind::priority_open, 0}, monday_0900);
    CHECK(s.screen == Screen::priority);
    tick(s, monday_0900 + s.timings.choice_idle);
    CHECK(s.screen == Screen::home);
    tap(s, {TargetKind::priority_open, 0}, monday_0900 + 100000);
    tap(s, {TargetKind::back, 0}, monday_0900 + 100001);
    CHECK(s.screen == Screen::home);
    CHECK(s.priority == Priority::none);
}

TEST_CASE("the operator's keypad takes a NIP and a PIN and asks the server", "[kiosk][state]") {
    auto s = connected_state();
    open_admin(s, monday_0900);
    REQUIRE(s.screen == Screen::admin);
    auto press = [&](TargetKind k, int i = 0) { return tap(s, {k, i}, monday_0900 + 1); };
    for (int d : {1, 9, 8, 0}) press(TargetKind::key_digit, d);
    press(TargetKind::key_erase);
    CHECK(s.admin.nip == "198");
    press(TargetKind::key_ok);
    CHECK(s.admin.entering_pin);
    CHECK(press(TargetKind::key_ok).kind == Command::Kind::none);  // no PIN yet
    for (int d : {5, 5, 1, 9}) press(TargetKind::key_digit, d);
    const auto c = press(TargetKind::key_ok);
    REQUIRE(c.kind == Command::Kind::verify_admin);
    CHECK(c.nip == "198");
    CHECK(c.pin == "5519");
    CHECK(press(TargetKind::key_digit, 1).kind == Command::Kind::none);  // checking: keys wait

    SECTION("refused: the PIN is cleared and the reason shown") {
        apply_admin_result(s, errc::bad_credentials, monday_0900 + 2);
        CHECK(s.admin.pin.empty());
        CHECK(admin_error_text(Language::id, s.admin.error) == "NIP atau PIN salah");
        CHECK_FALSE(s.exit_requested);
        press(TargetKind::key_cancel);
        CHECK(s.screen == Screen::home);
    }
    SECTION("accepted: the kiosk may end") {
        apply_admin_result(s, "", monday_0900 + 2);
        CHECK(s.exit_requested);
    }
}

TEST_CASE("the keypad closes by itself when left alone", "[kiosk][state]") {
    auto s = connected_state();
    open_admin(s, monday_0900);
    tick(s, monday_0900 + s.timings.admin_idle);
    CHECK(s.screen == Screen::home);
}

TEST_CASE("words for people", "[kiosk][texts]") {
    // No-break spaces (U+00A0) keep each value with its unit when a line wraps.
    CHECK(wait_text(Language::id, 1575) == "\u00b1\u00a027\u00a0menit");
    CHECK(wait_text(Language::id, 4800) == "\u00b1\u00a01\u00a0jam 20\u00a0menit");
    CHECK(wait_text(Language::en, 600) == "about\u00a010\u00a0min");
    CHECK(wait_text(Language::id, 0) == "Segera dipanggil");
    CHECK(people_waiting(Language::id, 12) == "12 orang menunggu");
    CHECK(people_waiting(Language::en, 1) == "1 person waiting");
    CHECK(people_ahead(Language::id, 0) == "Tidak ada");
    CHECK(priority_name(Language::id, Priority::disabilitas) == "Penyandang\u00a0disabilitas");
    CHECK(std::string(texts(Language::id).please_wait) == "Silakan menunggu nomor antrean Anda dipanggil");
    CHECK(std::string(texts(Language::id).offline_title) == "Layanan antrean sedang tidak tersedia");
}

TEST_CASE("an unprinted ticket stays until touched, and a touch still takes it away", "[kiosk][state]") {
    auto s = connected_state();
    s.printer_configured = true;
    tap(s, ktp, monday_0900);
    apply_issue_reply(s, issued("A-004", 44), monday_0900 + 10);
    apply_print_result(s, 44, false, "offline");
    tick(s, monday_0900 + 10 + 59000);
    CHECK(s.screen == Screen::ticket);
    tap(s, {TargetKind::dismiss, 0}, monday_0900 + 10 + 59000);
    CHECK(s.screen == Screen::home);
    // A printed ticket goes back after the usual time.
    tap(s, ktp, monday_0900 + 70000);
    apply_issue_reply(s, issued("A-005", 45), monday_0900 + 70010);
    apply_print_result(s, 45, true, "");
    tick(s, monday_0900 + 70010 + s.timings.ticket_shown);
    CHECK(s.screen == Screen::home);
}

TEST_CASE("with a priority group chosen, the buttons show the wait of a priority ticket", "[kiosk][state]") {
    auto snapshot = sorong_snapshot();
    snapshot["services"][0]["estimated_wait_s"] = 3180;  // 12 waiting, 2 of them priority
    snapshot["services"][0]["priority_estimated_wait_s"] = 480;
    auto s = connected_state(snapshot);
    CHECK(estimated_wait_for(s.services[0], s.priority) == 3180);
    tap(s, {TargetKind::priority_open, 0}, monday_0900);
    tap(s, {TargetKind::priority_group, static_cast<int>(Priority::lansia)}, monday_0900);
    REQUIRE(s.priority == Priority::lansia);
    CHECK(estimated_wait_for(s.services[0], s.priority) == 480);
    // queue_changed carries it too.
    auto changed = sorong_snapshot()["services"][0];
    changed["priority_estimated_wait_s"] = 900;
    apply_event(s, {{"event", "queue_changed"}, {"services", {changed}}}, monday_0900 + 10);
    CHECK(estimated_wait_for(s.services[0], s.priority) == 900);
    // From a server that does not send it, the regular estimate stays.
    apply_event(s, {{"event", "queue_changed"}, {"services", {sorong_snapshot()["services"][0]}}}, monday_0900 + 20);
    CHECK(estimated_wait_for(s.services[0], s.priority) == 1575);
}

}  // namespace kiosk_state_test
