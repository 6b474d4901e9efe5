// The check-in's screens drawn off-screen (docs/booking.md "Check-in at the kiosk"):
// the home screen's green check-in button, the code's keyboard, a missed booking's
// refusal with the way to a walk-in ticket, and the ticket with its "Daring" mark,
// in both orientations; every text checked for contrast and size (kiosk_shot.hpp).
#include <catch2/catch.hpp>

#include "antre/booking_code.hpp"
#include "antre/gui/theme.hpp"
#include "antre/kiosk/check.hpp"
#include "antre/kiosk/texts_checkin.hpp"
#include "kiosk_shot.hpp"

namespace kiosk_checkin_screens_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;
using json = nlohmann::json;
namespace theme = antre::gui::theme;

namespace {

// Whether `text` was drawn, on one line or wrapped over lines drawn one after another.
bool drew(const Shot& shot, const std::string& text) {
    std::string all;
    for (const auto& t : shot.texts) all += t.text + " ";
    return all.find(text) != std::string::npos;
}

bool drew_exactly(const Shot& shot, const std::string& text) {
    for (const auto& t : shot.texts)
        if (t.text == text) return true;
    return false;
}

bool overlap(const gui::Rect& a, const gui::Rect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

KioskState booking_kiosk() { return connected_state(booking_snapshot()); }

}  // namespace

TEST_CASE("check-in screens: home button, keyboard, missed booking and the Daring ticket",
          "[kiosk][checkin][screens]") {
    for (const bool portrait : {false, true}) {
        const int w = portrait ? 1080 : 1920, h = portrait ? 1920 : 1080;
        const std::string suffix = portrait ? "_portrait.png" : ".png";
        INFO((portrait ? "portrait" : "landscape"));
        Shot shot(w, h);
        auto s = booking_kiosk();

        // Home: the green check-in button, clear of the service tiles.
        shot.draw(s, monday_0900);
        const auto home = compute_layout(s, w, h);
        const auto* button = home.find(TargetKind::checkin_open);
        REQUIRE(button);
        CHECK(same(shot.edge_of(button->rect), theme::go));
        CHECK(shot.count(button->rect, theme::go) > button->rect.w * button->rect.h / 9 / 3);
        for (const auto& b : home.buttons)
            if (b.target.kind == TargetKind::service) CHECK_FALSE(overlap(b.rect, button->rect));
        CHECK(drew(shot, "Sudah pesan online?"));
        CHECK(drew(shot, "Check-in"));
        shot.save("kiosk_checkin_home" + suffix);
        // Without bookings there is no button.
        auto plain = connected_state();
        CHECK_FALSE(compute_layout(plain, w, h).find(TargetKind::checkin_open));

        // The keyboard: the code's 30 characters, a code typed in part.
        tap(s, {TargetKind::checkin_open, 0}, monday_0900);
        for (const char c : std::string("K7QM4"))
            tap(s, {TargetKind::code_key, static_cast<int>(booking_code_alphabet.find(c))}, monday_0900);
        shot.draw(s, monday_0900);
        const auto keyboard = compute_layout(s, w, h);
        int keys = 0;
        for (const auto& b : keyboard.buttons)
            if (b.target.kind == TargetKind::code_key) {
                ++keys;
                CHECK(same(shot.edge_of(b.rect), theme::panel_light));
                CHECK(b.rect.w >= keyboard.px(80));
                CHECK(b.rect.h >= keyboard.px(80));
            }
        CHECK(keys == 30);
        // Portrait: the hint under the field ends above the keys (landscape: beside them).
        const auto* first_key = keyboard.find(TargetKind::code_key, 0);
        for (const auto& t : shot.texts)
            if (portrait && t.colour.r == theme::muted.r && t.colour.g == theme::muted.g &&
                t.where.y > keyboard.notice.y && t.where.y < first_key->rect.y + first_key->rect.h)
                CHECK(t.where.y + t.where.h <= first_key->rect.y);
        CHECK(drew_exactly(shot, "K"));
        for (const char* absent : {"O", "0", "1", "I", "L", "U"}) CHECK_FALSE(drew_exactly(shot, absent));
        CHECK(drew(shot, "K7QM-4_"));
        CHECK(drew(shot, "Kurang 3 karakter"));
        CHECK(drew(shot, checkin_texts(Language::id).scan_hint));
        // The code's field is white, OK is grey until the code is whole.
        CHECK(same(shot.edge_of(keyboard.notice), theme::text));
        CHECK(same(shot.edge_of(keyboard.find(TargetKind::key_ok)->rect), theme::disabled));
        shot.save("kiosk_checkin_keyboard" + suffix);
        for (const char c : std::string("XRP"))
            tap(s, {TargetKind::code_key, static_cast<int>(booking_code_alphabet.find(c))}, monday_0900);
        shot.draw(s, monday_0900);
        CHECK(drew(shot, "K7QM-4XRP"));
        CHECK(same(shot.edge_of(keyboard.find(TargetKind::key_ok)->rect), theme::go));

        // A missed booking: the server's sentence and the amber walk-in button.
        REQUIRE(tap(s, {TargetKind::key_ok, 0}, monday_0900).kind == Command::Kind::booking_checkin);
        Reply missed;
        missed.code = "booking_missed";
        missed.message = "Sesi 08:00-09:00 sudah lewat (batas pukul 09:30). Silakan ambil nomor antrean biasa.";
        apply_checkin_reply(s, missed, monday_0900);
        shot.draw(s, monday_0900 + 1000);
        const auto refused = compute_layout(s, w, h);
        const auto* walk_in = refused.find(TargetKind::walk_in);
        REQUIRE(walk_in);
        CHECK_FALSE(refused.find(TargetKind::checkin_retry));
        CHECK(same(shot.edge_of(walk_in->rect), theme::accent));
        CHECK(drew(shot, "Sesi sudah lewat"));
        CHECK(drew(shot, "Ambil nomor antrean biasa"));
        CHECK(drew(shot, "batas pukul 09:30"));
        shot.save("kiosk_checkin_missed" + suffix);
        s.language = Language::en;
        shot.draw(s, monday_0900 + 1000);
        CHECK(drew(shot, "Session missed"));
        CHECK(drew(shot, "Take a regular number"));
        CHECK(drew(shot, "batas pukul 09:30"));  // the server's own sentence follows
        s.language = Language::id;

        // The ticket: the green "Daring" pill under the service.
        // A touch outside the buttons goes home too, as the notice says.
        CHECK(hit_test(refused, w / 2, refused.notice.y + refused.notice.h / 2).kind == TargetKind::dismiss);
        tap(s, {TargetKind::dismiss, 0}, monday_0900 + 2000);
        CHECK(s.screen == Screen::home);
        scanner_text(s, "K7QM4XRP", monday_0900 + 3000);
        REQUIRE(scanner_enter(s, monday_0900 + 3000).kind == Command::Kind::booking_checkin);
        apply_checkin_reply(s, checked_in(), monday_0900 + 3000);
        REQUIRE(s.screen == Screen::ticket);
        shot.draw(s, monday_0900 + 4000);
        CHECK(drew(shot, "A-012"));
        CHECK(drew(shot, "Daring \u00b7 Sesi 10:00\u201311:00"));
        CHECK(shot.count({0, 0, w, h}, theme::go, 3) > 1500);
        shot.save("kiosk_checkin_ticket" + suffix);
        // Unprinted, the QR screen keeps the mark beside the service.
        s.printer_configured = true;
        apply_print_result(s, s.ticket->id, false, "offline");
        shot.draw(s, monday_0900 + 5000);
        CHECK(drew(shot, "KTP-el \u00b7 Daring"));
    }
}

}  // namespace kiosk_checkin_screens_test
