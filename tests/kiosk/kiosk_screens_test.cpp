// The kiosk's screens drawn headless (SDL's offscreen driver) and checked by
// pixel; each is also saved as a PNG under $ANTRE_SCREENSHOT_DIR for people to look at.
#include <fstream>
#include <iterator>
#include <vector>

#include <catch2/catch.hpp>

#include "antre/gui/painter.hpp"
#include "antre/gui/theme.hpp"
#include "antre/kiosk/layout.hpp"
#include "antre/kiosk/render.hpp"
#include "antre/kiosk/ticket_png.hpp"
#include "kiosk_fixtures.hpp"
#include "kiosk_shot.hpp"

namespace kiosk_screens_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;
namespace theme = antre::gui::theme;

namespace {

void check_home(Shot& shot, const KioskState& s) {
    const auto layout = compute_layout(s, shot.canvas.width, shot.canvas.height);
    for (std::size_t i = 0; i < s.services.size(); ++i) {
        const auto* b = layout.find(TargetKind::service, static_cast<int>(i));
        REQUIRE(b);
        CHECK(same(shot.edge_of(b->rect), theme::service_colour(i)));
        // White text (name, figures) inside each button.
        CHECK(shot.count(b->rect, theme::text) > 50);
    }
    const auto* priority = layout.find(TargetKind::priority_open);
    REQUIRE(priority);
    CHECK(same(shot.edge_of(priority->rect), theme::accent));
    CHECK(same(shot.at(2, shot.canvas.height / 2), theme::background));
}

// The pixels of `r`, read back at once.
std::vector<Uint32> pixels(Shot& shot, const gui::Rect& r) {
    std::vector<Uint32> out(static_cast<std::size_t>(r.w) * static_cast<std::size_t>(r.h));
    const SDL_Rect area{r.x, r.y, r.w, r.h};
    REQUIRE(SDL_RenderReadPixels(shot.canvas.renderer.get(), &area, SDL_PIXELFORMAT_RGBA32, out.data(), r.w * 4) == 0);
    return out;
}

}  // namespace

TEST_CASE("home screen, landscape: one coloured button per service and the priority choice", "[kiosk][screens]") {
    Shot shot(1920, 1080);
    const auto s = connected_state();
    shot.draw(s, monday_0900 + 41 * 60000);
    check_home(shot, s);
    shot.save("kiosk_home_landscape.png");
}

TEST_CASE("home screen, portrait: the same buttons stacked", "[kiosk][screens]") {
    Shot shot(1080, 1920);
    const auto s = connected_state();
    shot.draw(s, monday_0900 + 41 * 60000);
    check_home(shot, s);
    const auto layout = compute_layout(s, 1080, 1920);
    // One column: every service button is nearly the screen's width and tall enough to hit.
    for (const auto& b : layout.buttons)
        if (b.target.kind == TargetKind::service) {
            CHECK(b.rect.w > 900);
            CHECK(b.rect.h > 150);
        }
    shot.save("kiosk_home_portrait.png");
}

TEST_CASE("a service whose quota is used up or that is closed is grey", "[kiosk][screens]") {
    auto snap = sorong_snapshot();
    snap["services"][0]["quota_left"] = 0;  // KTP-el
    snap["services"][5]["closed"] = true;   // Pindah/Datang
    snap["services"][5]["open_now"] = false;
    Shot shot(1920, 1080);
    const auto s = connected_state(snap);
    shot.draw(s, monday_0900);
    const auto layout = compute_layout(s, 1920, 1080);
    CHECK(same(shot.edge_of(layout.find(TargetKind::service, 0)->rect), theme::disabled));
    CHECK(same(shot.edge_of(layout.find(TargetKind::service, 5)->rect), theme::disabled));
    CHECK(same(shot.edge_of(layout.find(TargetKind::service, 1)->rect), theme::service_colour(1)));
    shot.save("kiosk_quota.png");
}

TEST_CASE("ticket screen: the number large on a white card", "[kiosk][screens]") {
    for (const bool portrait : {false, true}) {
        Shot shot(portrait ? 1080 : 1920, portrait ? 1920 : 1080);
        auto s = connected_state();
        s.printer_configured = true;
        tap(s, {TargetKind::service, 0}, monday_0900);
        Reply r;
        r.ok = true;
        r.body = {{"ticket",
                   {{"id", 1842},
                    {"label", "A-013"},
                    {"service", "KTP"},
                    {"priority", "lansia"},
                    {"people_ahead", 12},
                    {"estimated_wait_s", 1575},
                    {"issued_at", monday_0900 + 41 * 60000}}}};
        apply_issue_reply(s, r, monday_0900 + 41 * 60000);
        apply_print_result(s, 1842, true, "");
        shot.draw(s, monday_0900 + 41 * 60000 + 2000);
        // The card is white, and the number in dark text fills its upper middle.
        const int w = shot.canvas.width;
        CHECK(same(shot.at(w / 2, portrait ? 300 : 250), SDL_Color{0xff, 0xff, 0xff, 0xff}));
        const gui::Rect number_area = portrait ? gui::Rect{100, 300, 880, 700} : gui::Rect{200, 330, 700, 260};
        CHECK(shot.count(number_area, theme::dark_text) > 400);
        shot.save(portrait ? "kiosk_ticket_portrait.png" : "kiosk_ticket.png");
    }
}

TEST_CASE("offline screen: a calm notice and no service buttons", "[kiosk][screens]") {
    Shot shot(1920, 1080);
    auto s = connected_state();
    apply_connection(s, ConnectionState::connecting, "connect: Connection refused", monday_0900);
    REQUIRE(s.screen == Screen::offline);
    shot.draw(s, monday_0900);
    int coloured = 0;
    for (std::size_t i = 0; i < 6; ++i) coloured += shot.count({0, 0, 1920, 1080}, theme::service_colour(i), 8);
    CHECK(coloured == 0);
    CHECK(shot.count({200, 300, 1520, 400}, theme::text) > 200);  // the notice, in white
    CHECK_FALSE(same(shot.at(960, 540), theme::danger));
    shot.save("kiosk_offline.png");
}

TEST_CASE("the other screens draw without trouble", "[kiosk][screens]") {
    Shot shot(1920, 1080);
    auto s = connected_state();
    tap(s, {TargetKind::priority_open, 0}, monday_0900);
    shot.draw(s, monday_0900);
    shot.save("kiosk_priority.png");
    tap(s, {TargetKind::priority_group, 1}, monday_0900);
    shot.draw(s, monday_0900);
    shot.save("kiosk_home_priority.png");
    tap(s, {TargetKind::service, 1}, monday_0900);
    Reply refused;
    refused.code = "quota_reached";
    refused.message = "Kuota hari ini untuk Kartu Keluarga habis (100 nomor)";
    apply_issue_reply(s, refused, monday_0900);
    shot.draw(s, monday_0900);
    shot.save("kiosk_refused.png");
    open_admin(s, monday_0900);
    for (int d : {1, 9, 8, 0}) tap(s, {TargetKind::key_digit, d}, monday_0900);
    shot.draw(s, monday_0900);
    shot.save("kiosk_admin.png");
    Shot tall(1080, 1920);
    tall.draw(s, monday_0900);
    tall.save("kiosk_admin_portrait.png");
}

TEST_CASE("every service name is drawn in every orientation, with or without a notice", "[kiosk][screens]") {
    // Each service's names are blanked in turn: where they were drawn, the button's
    // pixels change. Notices: the printer's trouble, a chosen priority group, both.
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        for (const bool printer_trouble : {false, true}) {
            for (const bool priority_chosen : {false, true}) {
                for (const auto language : {Language::id, Language::en}) {
                    auto s = connected_state();
                    s.language = language;
                    if (printer_trouble) s.printer_problem = "paper_out";
                    if (priority_chosen) s.priority = Priority::lansia;
                    INFO(w << "x" << h << (printer_trouble ? ", printer notice" : "")
                           << (priority_chosen ? ", priority chosen" : "") << (language == Language::en ? ", en" : ""));
                    Shot shot(w, h);
                    shot.draw(s, monday_0900 + 41 * 60000);
                    const std::string name = std::string("kiosk_home_") + (w > h ? "landscape" : "portrait") +
                                             (printer_trouble ? "_printer" : "") +
                                             (priority_chosen ? "_priority" : "") +
                                             (language == Language::en ? "_en" : "") + ".png";
                    shot.save(name);
                    Shot blank(w, h);
                    const auto layout = compute_layout(s, w, h);
                    for (std::size_t i = 0; i < s.services.size(); ++i) {
                        INFO("service " << s.services[i].code);
                        auto nameless = s;
                        nameless.services[i].name_id = nameless.services[i].name_en = "";
                        blank.draw(nameless, monday_0900 + 41 * 60000);
                        const auto* b = layout.find(TargetKind::service, static_cast<int>(i));
                        REQUIRE(b);
                        const auto with = pixels(shot, b->rect), without = pixels(blank, b->rect);
                        std::size_t changed = 0;
                        for (std::size_t p = 0; p < with.size(); ++p) changed += with[p] != without[p] ? 1 : 0;
                        // One line of a name at the smallest size changes well over this.
                        CHECK(changed > 2000);
                    }
                }
            }
        }
    }
}

TEST_CASE("every kiosk screen's texts meet WCAG AA contrast and the documented smallest size",
          "[kiosk][screens][readability]") {
    // Shot::draw checks each text of each screen; here every screen the ticket kiosk
    // has, in both languages and both orientations.
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}})
        for (const Language language : {Language::id, Language::en}) {
            Shot shot(w, h);
            auto s = connected_state();
            s.language = language;
            s.printer_configured = true;
            s.printer_problem = "no_paper";
            shot.draw(s, monday_0900);  // home with the printer's notice
            tap(s, {TargetKind::priority_open, 0}, monday_0900);
            shot.draw(s, monday_0900);
            tap(s, {TargetKind::priority_group, static_cast<int>(Priority::disabilitas)}, monday_0900);
            shot.draw(s, monday_0900);
            tap(s, {TargetKind::service, 4}, monday_0900);
            REQUIRE(s.screen == Screen::issuing);
            shot.draw(s, monday_0900);
            Reply r;
            r.ok = true;
            r.body = {{"ticket",
                       {{"id", 1842},
                        {"label", "E-013"},
                        {"service", "KIA"},
                        {"priority", "disabilitas"},
                        {"people_ahead", 12},
                        {"estimated_wait_s", 4800},
                        {"issued_at", monday_0900}}}};
            apply_issue_reply(s, r, monday_0900);
            apply_print_result(s, 1842, false, "no_paper");
            REQUIRE(s.screen == Screen::ticket);
            shot.draw(s, monday_0900 + 2000);
            if (language == Language::en)
                shot.save(h > w ? "kiosk_ticket_unprinted_portrait_en.png" : "kiosk_ticket_unprinted_en.png");
            settle(s, monday_0900 + 200000);
            tap(s, {TargetKind::service, 1}, monday_0900 + 200000);
            apply_issue_reply(s, refused("service_closed"), monday_0900 + 200000);
            REQUIRE(s.screen == Screen::refused);
            shot.draw(s, monday_0900 + 200000);
            apply_connection(s, ConnectionState::connecting, "connect: Connection refused", monday_0900 + 300000);
            shot.draw(s, monday_0900 + 300000);
        }
}

TEST_CASE("the documented smallest texts are the ones the tests check", "[kiosk][screens][readability]") {
    std::ifstream doc(std::string(ANTRE_SOURCE_DIR) + "/docs/kiosk.md");
    const std::string text{std::istreambuf_iterator<char>(doc), std::istreambuf_iterator<char>()};
    CHECK(text.find("Smallest text: " + std::to_string(min_text_px) + " px") != std::string::npos);
}

}  // namespace kiosk_screens_test
