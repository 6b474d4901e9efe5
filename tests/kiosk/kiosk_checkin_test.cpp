// Check-in of an online booking at the kiosk (docs/booking.md "Check-in at the
// kiosk"): what a scan or a typed code sends, the screens' reducer (success, every
// refusal, timeouts), the printed ticket's "Daring" mark, and the whole path through
// the real server: a booking made on the public port, checked in by the kiosk's client.
#include <algorithm>

#include <catch2/catch.hpp>

#include "antre/booking_code.hpp"
#include "antre/errors.hpp"
#include "antre/kiosk/check.hpp"
#include "antre/kiosk/controller.hpp"
#include "antre/kiosk/escpos.hpp"
#include "antre/kiosk/texts_checkin.hpp"
#include "antre/kiosk/ticket_print.hpp"
#include "dashboard_support.hpp"
#include "kiosk_fixtures.hpp"
#include "kiosk_pump.hpp"

namespace kiosk_checkin_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;
using json = nlohmann::json;

namespace {

void scan(KioskState& s, const std::string& text, Millis now) {
    for (const char c : text) scanner_text(s, std::string(1, c), now);
}

void type(KioskState& s, const std::string& code, Millis now) {
    for (const char c : code) tap(s, {TargetKind::code_key, static_cast<int>(booking_code_alphabet.find(c))}, now);
}

Reply refusal(const std::string& code, const std::string& message) {
    Reply r;
    r.code = code;
    r.message = message;
    return r;
}

}  // namespace

TEST_CASE("check-in: the booking code in a scan or a typed text", "[kiosk][checkin]") {
    CHECK(booking_code_in("K7QM4XRP") == "K7QM4XRP");
    CHECK(booking_code_in(" k7qm-4xrp\r\n") == "K7QM4XRP");
    CHECK(booking_code_in("K7QM 4XRP") == "K7QM4XRP");
    CHECK(booking_code_in("https://antrean.example.go.id/booking#K7QM4XRP") == "K7QM4XRP");
    CHECK(booking_code_in("https://antrean.example.go.id/booking?code=k7qm-4xrp") == "K7QM4XRP");
    CHECK(booking_code_in("http://10.0.0.5:7412/api/public/booking/qr/K7QM4XRP/") == "K7QM4XRP");
    CHECK(booking_code_in("KODE: K7QM 4XRP") == "K7QM4XRP");
    CHECK(booking_code_in("Antrean daring K7QM4XRP") == "K7QM4XRP");
    for (const char* nothing : {"", "K7QM4XR", "K7QM4XRPP", "O7QM4XRP", "K7QM1XRP", "A-013", "8991234567890",
                                "http://192.168.10.5:7412/t/k3xq7m2bzt5vwy4n", "http://a.b/t/K7QM4XRP"}) {
        INFO(nothing);
        CHECK(booking_code_in(nothing).empty());
    }
    CHECK(spaced_booking_code("K7QM4XRP") == "K7QM-4XRP");
    CHECK(spaced_booking_code("K7Q") == "K7Q");
    CHECK(spaced_booking_code("K7QM4") == "K7QM-4");
}

TEST_CASE("check-in: the home screen offers it only when a service takes bookings", "[kiosk][checkin]") {
    auto plain = connected_state();
    CHECK_FALSE(takes_bookings(plain));
    tap(plain, {TargetKind::checkin_open, 0}, monday_0900);
    CHECK(plain.screen == Screen::home);
    auto s = connected_state(booking_snapshot());
    CHECK(takes_bookings(s));
    CHECK(s.services[0].takes_bookings);
    CHECK_FALSE(s.services[1].takes_bookings);
    tap(s, {TargetKind::checkin_open, 0}, monday_0900);
    CHECK(s.screen == Screen::checkin_entry);
}

TEST_CASE("check-in: the code typed on the keyboard, then the ticket with its mark", "[kiosk][checkin]") {
    auto s = connected_state(booking_snapshot());
    s.printer_configured = true;
    const Millis t0 = monday_0900;
    s.priority = Priority::lansia;  // chosen before: a booked ticket has none
    tap(s, {TargetKind::checkin_open, 0}, t0);
    type(s, "K7QM4XR", t0);
    CHECK(s.checkin.typed == "K7QM4XR");
    // Seven characters are not sent; erase and type again.
    CHECK(tap(s, {TargetKind::key_ok, 0}, t0).kind == Command::Kind::none);
    CHECK(s.screen == Screen::checkin_entry);
    tap(s, {TargetKind::key_erase, 0}, t0);
    type(s, "RP", t0);
    CHECK(s.checkin.typed == "K7QM4XRP");
    type(s, "2", t0);  // a ninth character is not taken
    CHECK(s.checkin.typed == "K7QM4XRP");
    const Command c = tap(s, {TargetKind::key_ok, 0}, t0 + 100);
    CHECK(c.kind == Command::Kind::booking_checkin);
    CHECK(c.code == "K7QM4XRP");
    CHECK(s.screen == Screen::checkin_waiting);
    CHECK(s.priority == Priority::none);
    // Taps while waiting do nothing.
    CHECK(tap(s, {TargetKind::key_ok, 0}, t0 + 150).kind == Command::Kind::none);

    const Command print = apply_checkin_reply(s, checked_in(), t0 + 200);
    CHECK(print.kind == Command::Kind::print);
    REQUIRE(s.screen == Screen::ticket);
    REQUIRE(s.ticket);
    CHECK(s.ticket->label == "A-012");
    CHECK(s.ticket->booking == 3);
    CHECK(s.ticket->booking_code == "K7QM4XRP");
    CHECK(s.ticket->booking_session == "10:00\u201311:00");
    CHECK(s.ticket->service_name_id == "KTP-el");
    CHECK(booking_mark_text(Language::id, *s.ticket) == "Daring \u00b7 Sesi 10:00\u201311:00");
    CHECK(booking_mark_text(Language::en, *s.ticket) == "Daring \u00b7 Session 10:00\u201311:00");
    // Back home after the ticket's time, like any ticket.
    tick(s, t0 + 200 + ticket_shown_for(s));
    CHECK(s.screen == Screen::home);
}

TEST_CASE("check-in: the scanner's keys check in from home and from the keyboard", "[kiosk][checkin]") {
    auto s = connected_state(booking_snapshot());
    const Millis t0 = monday_0900;
    SECTION("a booking QR scanned on the home screen") {
        scan(s, "K7QM4XRP", t0);
        const Command c = scanner_enter(s, t0 + 30);
        CHECK(c.kind == Command::Kind::booking_checkin);
        CHECK(c.code == "K7QM4XRP");
        CHECK(s.screen == Screen::checkin_waiting);
    }
    SECTION("a link holding the code, on the check-in screen") {
        tap(s, {TargetKind::checkin_open, 0}, t0);
        scan(s, "https://antrean.example.go.id/booking#k7qm4xrp", t0);
        const Command c = scanner_enter(s, t0 + 30);
        CHECK(c.kind == Command::Kind::booking_checkin);
        CHECK(c.code == "K7QM4XRP");
    }
    SECTION("a ticket's link on the home screen is still Cek nomor's") {
        scan(s, "http://192.168.10.5:7412/t/k3xq7m2bzt5vwy4n", t0);
        CHECK(scanner_enter(s, t0).kind == Command::Kind::check_ticket);
    }
    SECTION("a booking QR scanned on Cek nomor's keypad checks in") {
        tap(s, {TargetKind::check_open, 0}, t0);
        scan(s, "K7QM-4XRP", t0);
        CHECK(scanner_enter(s, t0).kind == Command::Kind::booking_checkin);
    }
    SECTION("a keyboard types the code, only in its alphabet, then Enter") {
        tap(s, {TargetKind::checkin_open, 0}, t0);
        scanner_text(s, "k7qm-", t0);
        scanner_text(s, "O", t0 + 3000);  // O is no code character; a pause longer than a scanner's
        scanner_text(s, "4xrp", t0 + 6000);
        CHECK(s.checkin.typed == "K7QM4XRP");
        const Command c = scanner_enter(s, t0 + 9000);
        CHECK(c.kind == Command::Kind::booking_checkin);
        CHECK(c.code == "K7QM4XRP");
    }
    SECTION("another barcode on the check-in screen says it is no booking code") {
        tap(s, {TargetKind::checkin_open, 0}, t0);
        scan(s, "8991234567890", t0);
        CHECK(scanner_enter(s, t0).kind == Command::Kind::none);
        CHECK(s.screen == Screen::checkin_refused);
        CHECK(s.checkin.refusal_code == "unreadable");
        CHECK(refusal_offers_retry("unreadable"));
        tap(s, {TargetKind::checkin_retry, 0}, t0 + 100);
        CHECK(s.screen == Screen::checkin_entry);
        CHECK(s.checkin.typed.empty());
    }
    SECTION("keys elsewhere are ignored") {
        tap(s, {TargetKind::priority_open, 0}, t0);
        scan(s, "K7QM4XRP", t0);
        CHECK(scanner_enter(s, t0).kind == Command::Kind::none);
        CHECK(s.screen == Screen::priority);
    }
}

TEST_CASE("check-in: every refusal shows the server's sentence and the way on", "[kiosk][checkin]") {
    struct Case {
        const char* code;
        const char* message;
        bool walk_in, retry;
    };
    const Case cases[] = {
        {errc::unknown_booking,
         "Kode pemesanan tidak dikenal: periksa kodenya lagi. Silakan ambil nomor antrean biasa.", true, true},
        {errc::booking_other_day,
         "Pemesanan ini untuk tanggal 2026-12-01, sesi 10:00-11:00. Silakan datang pada hari itu.", false, false},
        {errc::booking_cancelled, "Pemesanan ini sudah dibatalkan (Listrik padam). Silakan ambil nomor antrean biasa.",
         true, false},
        {errc::booking_used, "Pemesanan ini sudah dipakai: nomor antreannya sudah diambil.", false, false},
        {errc::booking_too_early, "Terlalu awal: check-in untuk sesi 10:00-11:00 dibuka pukul 09:00.", false, false},
        {errc::booking_missed, "Sesi 08:00-09:00 sudah lewat (batas pukul 09:30). Silakan ambil nomor antrean biasa.",
         true, false},
        {errc::service_closed, "Layanan KTP-el sedang ditutup", false, false},
    };
    for (const auto& k : cases) {
        INFO(k.code);
        auto s = connected_state(booking_snapshot());
        scan(s, "K7QM4XRP", monday_0900);
        REQUIRE(scanner_enter(s, monday_0900).kind == Command::Kind::booking_checkin);
        CHECK(apply_checkin_reply(s, refusal(k.code, k.message), monday_0900 + 100).kind == Command::Kind::none);
        REQUIRE(s.screen == Screen::checkin_refused);
        CHECK(s.checkin.refusal_code == k.code);
        CHECK_FALSE(s.ticket);
        CHECK(checkin_refusal_text(Language::id, k.code, k.message) == k.message);
        const auto english = checkin_refusal_text(Language::en, k.code, k.message);
        CHECK_FALSE(english.empty());
        CHECK(english != k.message);
        CHECK(checkin_refusal_title(Language::id, k.code) != checkin_refusal_title(Language::id, "other"));
        CHECK(refusal_offers_walk_in(k.code) == k.walk_in);
        CHECK(refusal_offers_retry(k.code) == k.retry);
        // The way back to the tiles, where a walk-in ticket is a tap away.
        tap(s, {TargetKind::walk_in, 0}, monday_0900 + 200);
        CHECK(s.screen == Screen::home);
        CHECK(s.checkin.sent.empty());
    }
    // A lost link: the kiosk's own sentence, never the client library's.
    CHECK(checkin_refusal_text(Language::id, errc::connection_lost, "connection lost") ==
          "Check-in belum dapat dilakukan. Silakan coba lagi atau hubungi petugas.");
    CHECK(refusal_offers_retry(errc::connection_lost));
}

TEST_CASE("check-in: timeouts go home, and a late ticket still shows", "[kiosk][checkin]") {
    auto s = connected_state(booking_snapshot());
    const Millis t0 = monday_0900;
    SECTION("the keyboard left alone") {
        tap(s, {TargetKind::checkin_open, 0}, t0);
        type(s, "K7Q", t0 + 1000);
        tick(s, t0 + 1000 + checkin_idle - 1);
        CHECK(s.screen == Screen::checkin_entry);
        tick(s, t0 + 1000 + checkin_idle);
        CHECK(s.screen == Screen::home);
        CHECK(s.checkin.typed.empty());
    }
    SECTION("a refusal") {
        scan(s, "K7QM4XRP", t0);
        scanner_enter(s, t0);
        apply_checkin_reply(s, refusal(errc::booking_missed, "lewat"), t0 + 100);
        tick(s, t0 + 100 + checkin_refusal_shown - 1);
        CHECK(s.screen == Screen::checkin_refused);
        tick(s, t0 + 100 + checkin_refusal_shown);
        CHECK(s.screen == Screen::home);
    }
    SECTION("no answer, then the ticket after all") {
        scan(s, "K7QM4XRP", t0);
        scanner_enter(s, t0);
        tick(s, t0 + s.timings.issue_guard);
        REQUIRE(s.screen == Screen::checkin_refused);
        CHECK(s.checkin.refusal_code == errc::timeout);
        apply_checkin_reply(s, checked_in(), t0 + s.timings.issue_guard + 500);
        CHECK(s.screen == Screen::ticket);
        CHECK(s.ticket->booking == 3);
    }
    SECTION("a refusal arriving after the citizen left changes nothing") {
        scan(s, "K7QM4XRP", t0);
        scanner_enter(s, t0);
        tick(s, t0 + s.timings.issue_guard);
        tap(s, {TargetKind::walk_in, 0}, t0 + s.timings.issue_guard + 10);
        apply_checkin_reply(s, refusal(errc::booking_used, "dipakai"), t0 + s.timings.issue_guard + 20);
        CHECK(s.screen == Screen::home);
    }
    SECTION("the link lost on the keyboard") {
        tap(s, {TargetKind::checkin_open, 0}, t0);
        type(s, "K7Q", t0);
        apply_connection(s, ConnectionState::connecting, "lost", t0 + 10);
        CHECK(s.screen == Screen::offline);
        CHECK(s.checkin.typed.empty());
    }
    SECTION("back to the tiles") {
        tap(s, {TargetKind::checkin_open, 0}, t0);
        tap(s, {TargetKind::back, 0}, t0 + 10);
        CHECK(s.screen == Screen::home);
    }
}

TEST_CASE("check-in: the printed ticket carries the Daring mark, a walk-in's does not", "[kiosk][checkin][escpos]") {
    auto s = connected_state(booking_snapshot());
    apply_checkin_reply(s, checked_in(), monday_0900);
    REQUIRE(s.ticket);
    const auto text_of = [](const IssuedTicket& t, Language lang, Paper paper) {
        std::string all;
        for (const auto& l : ticket_document("Dukcapil Kota Sorong", "Asia/Jayapura", t, lang, paper).lines)
            all += l.text + "\n";
        const auto bytes = escpos::encode(ticket_document("Dukcapil Kota Sorong", "Asia/Jayapura", t, lang, paper));
        return std::make_pair(all, std::string(bytes.begin(), bytes.end()));
    };
    for (const Paper paper : {Paper::mm58, Paper::mm80}) {
        const auto [lines, bytes] = text_of(*s.ticket, Language::id, paper);
        INFO(lines);
        CHECK(lines.find("Daring - Sesi 10:00-11:00\n") != std::string::npos);
        CHECK(lines.find("Kode pemesanan: K7QM-4XRP\n") != std::string::npos);
        // What the printer receives: the same words, in plain ASCII.
        CHECK(bytes.find("Daring - Sesi 10:00-11:00") != std::string::npos);
    }
    CHECK(text_of(*s.ticket, Language::en, Paper::mm80).first.find("Daring - Session 10:00-11:00") !=
          std::string::npos);
    IssuedTicket walk_in = *s.ticket;
    walk_in.booking.reset();
    CHECK(text_of(walk_in, Language::id, Paper::mm80).first.find("Daring") == std::string::npos);
}

TEST_CASE("check-in through the real server: a booking made on the public port, scanned and typed at the kiosk",
          "[kiosk][checkin][integration]") {
    using antre::test::pump_until;
    antre::test::TestOffice office({antre::test::manager});
    auto book = [&](int serial, const std::string& session) {
        const json body = {{"service", "KTP"},
                           {"day", "2026-12-01"},
                           {"session", session},
                           {"nik", "92710112059000" + std::to_string(10 + serial)},
                           {"name", "Warga"}};
        const auto r = antre::test::http_request(office.public_port(), "POST", "/api/public/booking", body.dump(),
                                                 {{"Content-Type", "application/json"}});
        INFO(r.body);
        REQUIRE(r.status == 200);
        return r.json()["booking"]["code"].get<std::string>();
    };
    const std::string on_time = book(1, "10:00"), typed = book(2, "10:00"), gone = book(3, "08:00");
    // Tuesday 1 December 2026, 10:00 WIT.
    auto& clock = office.clock();
    clock.set(antre::test::monday_0900_wit + 25 * 3600 * 1000LL);

    ControllerOptions o;
    o.port = office.port();
    Controller kiosk(o);
    kiosk.start();
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::home; }));
    CHECK(takes_bookings(kiosk.state()));  // the snapshot's KTP has sessions

    // The scanner types the QR's text (the bare code) and Enter, on the home screen.
    kiosk.scanner_text(on_time, clock.now());
    kiosk.scanner_enter(clock.now());
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::ticket; }));
    const IssuedTicket ticket = *kiosk.state().ticket;
    REQUIRE(ticket.booking);
    CHECK(ticket.booking_code == on_time);
    CHECK(ticket.booking_session == "10:00\u201311:00");
    CHECK(ticket.label.rfind("A-", 0) == 0);
    auto staff = antre::test::connect(office.port(), {{"role", "kiosk"}});
    const Reply stored = staff->call("ticket", {{"ticket", ticket.id}});
    REQUIRE(stored.ok);
    CHECK(stored.body["ticket"]["booking"] == *ticket.booking);

    // The same QR again: already used, said in the server's words.
    kiosk.press({TargetKind::dismiss, 0}, clock.now() + 5000);
    REQUIRE(kiosk.state().screen == Screen::home);
    kiosk.scanner_text(on_time, clock.now() + 5000);
    kiosk.scanner_enter(clock.now() + 5000);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::checkin_refused; }));
    CHECK(kiosk.state().checkin.refusal_code == errc::booking_used);
    kiosk.press({TargetKind::walk_in, 0}, clock.now() + 6000);

    // The second citizen types the code on the screen's keyboard.
    kiosk.press({TargetKind::checkin_open, 0}, clock.now() + 7000);
    REQUIRE(kiosk.state().screen == Screen::checkin_entry);
    for (const char c : typed)
        kiosk.press({TargetKind::code_key, static_cast<int>(booking_code_alphabet.find(c))}, clock.now() + 7000);
    kiosk.press({TargetKind::key_ok, 0}, clock.now() + 7000);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::ticket; }));
    REQUIRE(kiosk.state().ticket->booking);
    CHECK(*kiosk.state().ticket->booking != *ticket.booking);

    // The 08:00 session is over with its grace: missed, and the walk-in ticket follows.
    kiosk.press({TargetKind::dismiss, 0}, clock.now() + 30000);
    kiosk.scanner_text(gone, clock.now() + 30000);
    kiosk.scanner_enter(clock.now() + 30000);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::checkin_refused; }));
    CHECK(kiosk.state().checkin.refusal_code == errc::booking_missed);
    CHECK(kiosk.state().checkin.refusal_message.find("nomor antrean biasa") != std::string::npos);
    kiosk.press({TargetKind::walk_in, 0}, clock.now() + 31000);
    REQUIRE(kiosk.state().screen == Screen::home);
    kiosk.press({TargetKind::service, find_service(kiosk.state(), "KTP")}, clock.now() + 31000);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::ticket; }));
    CHECK_FALSE(kiosk.state().ticket->booking);  // a walk-in ticket, no mark

    // A code nobody booked.
    kiosk.press({TargetKind::dismiss, 0}, clock.now() + 60000);
    kiosk.scanner_text("ZZZZ-ZZZZ", clock.now() + 60000);
    kiosk.scanner_enter(clock.now() + 60000);
    REQUIRE(pump_until(kiosk, clock, [](const KioskState& s) { return s.screen == Screen::checkin_refused; }));
    CHECK(kiosk.state().checkin.refusal_code == errc::unknown_booking);
}

}  // namespace kiosk_checkin_test
