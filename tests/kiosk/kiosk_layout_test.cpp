// The kiosk's layout: the rectangles drawn are the rectangles touched, in
// portrait and landscape; and the office-local date and clock it shows.
#include <catch2/catch.hpp>

#include "antre/calendar.hpp"
#include "antre/gui/dates.hpp"
#include "antre/kiosk/layout.hpp"
#include "kiosk_fixtures.hpp"

namespace kiosk_layout_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;

namespace {

bool overlap(const gui::Rect& a, const gui::Rect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

void check_buttons(const KioskState& s, int w, int h) {
    const auto l = compute_layout(s, w, h);
    INFO("screen " << static_cast<int>(s.screen) << " at " << w << "x" << h);
    REQUIRE_FALSE(l.buttons.empty());
    for (std::size_t i = 0; i < l.buttons.size(); ++i) {
        const auto& r = l.buttons[i].rect;
        CHECK(r.x >= 0);
        CHECK(r.y >= 0);
        CHECK(r.x + r.w <= w);
        CHECK(r.y + r.h <= h);
        // Big enough for an unsteady finger: at least about 1.5 cm on a 21" screen.
        CHECK(std::min(r.w, r.h) >= 100);
        const auto hit = hit_test(l, r.x + r.w / 2, r.y + r.h / 2);
        CHECK(hit.kind == l.buttons[i].target.kind);
        CHECK(hit.index == l.buttons[i].target.index);
        for (std::size_t j = i + 1; j < l.buttons.size(); ++j) CHECK_FALSE(overlap(r, l.buttons[j].rect));
    }
    CHECK(hit_test(l, 1, 1).kind == TargetKind::none);
}

}  // namespace

TEST_CASE("every button fits the screen, is large and is hit where it is drawn", "[kiosk][layout]") {
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        auto s = connected_state();
        check_buttons(s, w, h);
        CHECK(compute_layout(s, w, h).portrait == (h > w));
        tap(s, {TargetKind::priority_open, 0}, monday_0900);
        check_buttons(s, w, h);
        tap(s, {TargetKind::priority_group, 1}, monday_0900);
        check_buttons(s, w, h);  // home with the cancel button
        open_admin(s, monday_0900);
        check_buttons(s, w, h);
    }
}

TEST_CASE("feedback and survey screens: large buttons, hit where they are drawn", "[kiosk][layout]") {
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        auto s = feedback_state(2);
        check_buttons(s, w, h);  // idle, with the survey button
        apply_event(s, finished_event(41, "A-007", 2), monday_0900);
        check_buttons(s, w, h);  // four faces
        const auto faces = compute_layout(s, w, h);
        for (int rating = 1; rating <= 4; ++rating) REQUIRE(faces.find(TargetKind::rate, rating));
        // The best face first: left of (or above) the worst.
        const auto best = faces.find(TargetKind::rate, 4)->rect, worst = faces.find(TargetKind::rate, 1)->rect;
        CHECK(best.x + best.y < worst.x + worst.y);
        tap(s, {TargetKind::rate, 4}, monday_0900);
        apply_rating_reply(s, 41, Reply{true, nlohmann::json::object(), "", ""}, monday_0900);
        // Thanks: a full-screen tap area, with the survey button on top of it.
        const auto thanks = compute_layout(s, w, h);
        const auto* survey = thanks.find(TargetKind::survey_open);
        REQUIRE(survey);
        CHECK(hit_test(thanks, survey->rect.x + 5, survey->rect.y + 5).kind == TargetKind::survey_open);
        CHECK(hit_test(thanks, 5, 5).kind == TargetKind::dismiss);

        auto k = connected_state();
        tap(k, {TargetKind::survey_open, 0}, monday_0900);
        check_buttons(k, w, h);  // which service
        tap(k, {TargetKind::survey_skip, 0}, monday_0900);
        check_buttons(k, w, h);  // a question
        CHECK(compute_layout(k, w, h).find(TargetKind::survey_answer, 4));
    }
}

TEST_CASE("the survey button on home is modest beside the services", "[kiosk][layout]") {
    const auto s = connected_state();
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}}) {
        const auto l = compute_layout(s, w, h);
        const auto* survey = l.find(TargetKind::survey_open);
        const auto* service = l.find(TargetKind::service, 0);
        REQUIRE(survey);
        REQUIRE(service);
        CHECK(survey->rect.w * survey->rect.h < service->rect.w * service->rect.h);
        CHECK(survey->rect.h < service->rect.h);
    }
}

TEST_CASE("home lays services out in a grid that suits the orientation", "[kiosk][layout]") {
    const auto s = connected_state();
    const auto landscape = compute_layout(s, 1920, 1080);
    const auto* a = landscape.find(TargetKind::service, 0);
    const auto* d = landscape.find(TargetKind::service, 3);
    REQUIRE(a);
    REQUIRE(d);
    CHECK(d->rect.y > a->rect.y);  // two rows of three
    CHECK(d->rect.x == a->rect.x);
    const auto portrait = compute_layout(s, 1080, 1920);
    for (int i = 1; i < 6; ++i)  // one column
        CHECK(portrait.find(TargetKind::service, i)->rect.x == portrait.find(TargetKind::service, 0)->rect.x);
    // A smaller window scales everything down in proportion.
    const auto small = compute_layout(s, 960, 540);
    CHECK(small.find(TargetKind::service, 0)->rect.w == Approx(a->rect.w / 2).margin(2));
}

TEST_CASE("the language button stays pressable over a full-screen tap area", "[kiosk][layout]") {
    auto s = connected_state();
    apply_connection(s, ConnectionState::connecting, "", monday_0900);
    const auto l = compute_layout(s, 1920, 1080);
    const auto* lang = l.find(TargetKind::language);
    REQUIRE(lang);
    CHECK(hit_test(l, lang->rect.x + 5, lang->rect.y + 5).kind == TargetKind::language);
}

TEST_CASE("dates and clock read in the office's zone and language", "[kiosk][dates]") {
    const OfficeCalendar wit("Asia/Jayapura");
    const auto t = wit.local(monday_0900 + 41 * 60000);
    CHECK(gui::long_date(t, "id") == "Senin, 30 November 2026");
    CHECK(gui::long_date(t, "en") == "Monday, 30 November 2026");
    CHECK(gui::clock_text(t, "Asia/Jayapura") == "09:41 WIT");
    CHECK(gui::clock_text(OfficeCalendar("Asia/Jakarta").local(monday_0900), "Asia/Jakarta") == "07:00 WIB");
    CHECK(gui::clock_text(OfficeCalendar("Asia/Makassar").local(monday_0900), "Asia/Makassar") == "08:00 WITA");
    CHECK(gui::zone_abbreviation("Europe/Amsterdam").empty());
    // Midnight WIT is still the same office day, though UTC says yesterday.
    CHECK(gui::long_date(wit.local(monday_0900 - 9 * 3600000), "id") == "Senin, 30 November 2026");
}

TEST_CASE("every service keeps room for its names in every orientation, with any notice", "[kiosk][layout]") {
    const auto all = sorong_snapshot()["services"];
    for (const auto& [w, h] :
         {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{1366, 768}, std::pair{768, 1366}}) {
        for (std::size_t n = 1; n <= 8; ++n) {
            for (const bool printer_trouble : {false, true}) {
                for (const bool priority_chosen : {false, true}) {
                    auto snapshot = sorong_snapshot();
                    snapshot["services"] = nlohmann::json::array();
                    for (std::size_t i = 0; i < n; ++i) {
                        auto sv = all[i % all.size()];
                        sv["code"] = "S" + std::to_string(i);
                        snapshot["services"].push_back(sv);
                    }
                    auto s = connected_state(snapshot);
                    if (printer_trouble) s.printer_problem = "offline";
                    if (priority_chosen) s.priority = Priority::ibu_hamil;
                    const auto l = compute_layout(s, w, h);
                    INFO(w << "x" << h << ", " << n << " services" << (printer_trouble ? ", printer notice" : "")
                           << (priority_chosen ? ", priority chosen" : ""));
                    REQUIRE(l.tiles.size() == n);
                    for (std::size_t i = 0; i < n; ++i) {
                        const auto& t = l.tiles[i];
                        const auto* b = l.find(TargetKind::service, static_cast<int>(i));
                        REQUIRE(b);
                        INFO("service " << i << ": names " << t.names.w << "x" << t.names.h);
                        CHECK(t.names.w >= l.px(min_names_width));
                        CHECK(t.names.h >= l.px(min_names_height));
                        for (const auto& part : {t.badge, t.names, t.figures}) {
                            CHECK(part.x >= b->rect.x);
                            CHECK(part.y >= b->rect.y);
                            CHECK(part.x + part.w <= b->rect.x + b->rect.w);
                            CHECK(part.y + part.h <= b->rect.y + b->rect.h);
                        }
                        CHECK_FALSE(overlap(t.names, t.badge));
                        CHECK_FALSE(overlap(t.names, t.figures));
                        if (l.notice.h > 0) CHECK_FALSE(overlap(l.notice, b->rect));
                    }
                }
            }
        }
    }
}

}  // namespace kiosk_layout_test
