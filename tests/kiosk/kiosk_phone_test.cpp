// The kiosk and the citizen's phone page (docs/public-page.md): when the printer
// fails, the ticket's QR is shown large on screen, and a phone can read it.
#include <catch2/catch.hpp>

#include "antre/kiosk/texts_phone.hpp"
#include "kiosk_shot.hpp"
#include "qr_decode.hpp"

namespace kiosk_phone_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;

namespace {

constexpr const char* qr_link = "http://192.168.10.5:7412/t/k3xq7m2bzt5vwy4n";

// A kiosk with a printer whose KTP ticket A-013 was acknowledged with `ticket_link`.
KioskState issued(const std::string& ticket_link) {
    auto s = connected_state();
    s.printer_configured = true;
    tap(s, {TargetKind::service, 0}, monday_0900);
    Reply r;
    r.ok = true;
    r.body = {{"ticket",
               {{"id", 1842},
                {"label", "A-013"},
                {"service", "KTP"},
                {"people_ahead", 12},
                {"estimated_wait_s", 1575},
                {"issued_at", monday_0900}}}};
    if (!ticket_link.empty()) r.body["link"] = ticket_link;
    apply_issue_reply(s, r, monday_0900);
    return s;
}

bool drew(const Shot& shot, const std::string& text) {
    for (const auto& t : shot.texts)
        if (t.text == text) return true;
    return false;
}

}  // namespace

TEST_CASE("a failed print shows the ticket's QR large, and a phone can read it", "[kiosk][screens][phone]") {
    for (const bool portrait : {false, true}) {
        const int w = portrait ? 1080 : 1920, h = portrait ? 1920 : 1080;
        Shot shot(w, h);
        auto s = issued(qr_link);
        apply_print_result(s, 1842, false, "no_paper");
        REQUIRE(s.screen == Screen::ticket);
        shot.draw(s, monday_0900 + 2000);
        // zbar reads exactly the ticket's link from the whole screen.
        const auto found = antre::test::decode_qr(shot.canvas.renderer.get(), 0, 0, w, h);
        REQUIRE(found.size() == 1);
        CHECK(found[0] == qr_link);
        // Large: the white square with the symbol takes a good part of the short side.
        int white_run = 0, best = 0;
        const int row = portrait ? h / 2 : h / 2 + 40;
        for (int x = 0; x < w; x += 2) {
            white_run = same(shot.at(x, row), SDL_Color{0xff, 0xff, 0xff, 0xff}) ||
                                same(shot.at(x, row), SDL_Color{0, 0, 0, 0xff})
                            ? white_run + 2
                            : 0;
            best = std::max(best, white_run);
        }
        CHECK(best >= std::min(w, h) * 55 / 100);
        // The number, and the instruction in Indonesian.
        CHECK(drew(shot, "A-013"));
        CHECK(drew(shot, phone_texts(Language::id).qr_title));
        shot.save(portrait ? "kiosk_ticket_qr_portrait.png" : "kiosk_ticket_qr.png");
    }
}

TEST_CASE("the QR stays until a touch or the unprinted ticket's timeout", "[kiosk][phone]") {
    auto s = issued(qr_link);
    apply_print_result(s, 1842, false, "no_paper");
    tick(s, monday_0900 + s.timings.ticket_shown + 1000);
    CHECK(s.screen == Screen::ticket);  // longer than a printed ticket's 15 s
    tick(s, monday_0900 + s.timings.unprinted_ticket_shown);
    CHECK(s.screen == Screen::home);

    auto t = issued(qr_link);
    apply_print_result(t, 1842, false, "no_paper");
    tap(t, {TargetKind::dismiss, 0}, monday_0900 + 5000);
    CHECK(t.screen == Screen::home);
}

TEST_CASE("no QR on screen for a printed ticket or a server without links", "[kiosk][screens][phone]") {
    Shot shot(1920, 1080);
    auto printed = issued(qr_link);
    apply_print_result(printed, 1842, true, "");
    shot.draw(printed, monday_0900 + 2000);
    CHECK(antre::test::decode_qr(shot.canvas.renderer.get(), 0, 0, 1920, 1080).empty());

    auto old_server = issued("");
    apply_print_result(old_server, 1842, false, "no_paper");
    shot.draw(old_server, monday_0900 + 2000);
    CHECK(antre::test::decode_qr(shot.canvas.renderer.get(), 0, 0, 1920, 1080).empty());
    CHECK_FALSE(drew(shot, phone_texts(Language::id).qr_title));
    CHECK(drew(shot, "A-013"));  // the ordinary ticket screen with its amber notice
}

TEST_CASE("the QR screen in English", "[kiosk][screens][phone]") {
    Shot shot(1920, 1080);
    auto s = issued(qr_link);
    s.language = Language::en;
    apply_print_result(s, 1842, false, "offline");
    shot.draw(s, monday_0900 + 2000);
    CHECK(drew(shot, phone_texts(Language::en).qr_title));
    CHECK(antre::test::decode_qr(shot.canvas.renderer.get(), 0, 0, 1920, 1080) == std::vector<std::string>{qr_link});
}

}  // namespace kiosk_phone_test
