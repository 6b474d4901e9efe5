// The counter's screens rendered headless (SDL's offscreen driver), saved as PNG
// and checked pixel by pixel where the layout says things are; and the layout
// itself: every button on screen, apart, and found again by a tap.
#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "antre/counter/layout.hpp"
#include "antre/counter/render.hpp"
#include "antre/gui/theme.hpp"
#include "counter_fixtures.hpp"
#include "counter_shot.hpp"

namespace counter_render_test {

using namespace antre;
using namespace antre::counter;
using namespace antre::counter::fixtures;
namespace theme = antre::gui::theme;

namespace {

const json a2 = ticket(12, "A-002", "KTP", "waiting", t0 - 25 * minute);

ScreenState with_figures(ScreenState s) {
    s.my_day = {true, 7, 1, 2, 412, 0.857};
    return s;
}

}  // namespace

TEST_CASE("the log-in screen", "[counter][gui]") {
    gui::SdlLibrary sdl(0);
    ScreenState s;
    s.server = "127.0.0.1:7410";
    s.login.counter = "2";
    s.login.nip = nip;
    s.login.pin = "4829";
    s.login.focus = LoginField::pin;
    Rendered r(s, 1280, 720, t0, "counter_login.png");
    CHECK(same(r.at(r.layout.fields[2].x + 1, r.layout.fields[2].y + r.layout.fields[2].h / 2), theme::accent));
    CHECK(r.light_pixels(r.layout.fields[1]) > 100);  // the NIP is written
    for (const auto& b : r.layout.buttons) {
        CHECK(b.rect.x >= 0);
        CHECK(b.rect.y >= 0);
        CHECK(b.rect.x + b.rect.w <= 1280);
        CHECK(b.rect.y + b.rect.h <= 720);
    }
    SECTION("while the log-in is checked: the form and keys off, every word readable") {
        s.phase = Phase::signing_in;
        s.login.focus = LoginField::counter;
        Rendered checking(s, 1280, 720, t0, "counter_login_checking.png");  // the texts are checked inside
        const auto* ok = checking.drawn(texts(Language::id).ok);
        REQUIRE(ok);
        CHECK(same(ok->colour, theme::disabled_text));  // off, like the digits beside it
        CHECK(checking.drawn(texts(Language::id).login_checking));
    }
    SECTION("a refusal is shown in red") {
        s.login.error = "NIP atau PIN salah";
        s.login.pin.clear();
        Rendered refused(s, 1024, 600, t0, "counter_login_refused_1024.png");
        CHECK(same(refused.left_edge(refused.layout.login_message), theme::danger));
    }
}

TEST_CASE("the idle screen: people waiting, nothing active", "[counter][gui]") {
    gui::SdlLibrary sdl(0);
    const ScreenState s = with_figures(signed_in());
    Rendered r(s, 1280, 720, t0 + 30'000, "counter_idle.png");
    const auto* call_next = r.layout.find(TargetKind::action, static_cast<int>(Action::call_next));
    const auto* finish = r.layout.find(TargetKind::action, static_cast<int>(Action::finish));
    REQUIRE(call_next);
    REQUIRE(finish);
    CHECK(same(r.at(call_next->rect.x + call_next->rect.w - 8, call_next->rect.y + 8), theme::accent));  // enabled
    CHECK(same(r.at(finish->rect.x + finish->rect.w - 8, finish->rect.y + 8), theme::background));       // disabled
    CHECK(r.light_pixels(r.layout.tally_panel) > 200);  // the officer's figures
    CHECK(r.layout.banner.w == 0);

    SECTION("in English, at the smallest size") {
        ScreenState en = s;
        en.language = Language::en;
        Rendered small(en, 1024, 600, t0 + 30'000, "counter_idle_en_1024.png");
        CHECK(small.light_pixels(small.layout.queue_panel) > 200);
    }
}

TEST_CASE("an active ticket past its standard time: the timer is red", "[counter][gui]") {
    gui::SdlLibrary sdl(0);
    // Called at 09:00, served from 09:01; KTP-el's standard is 15 minutes; now 09:19:30.
    ScreenState s = with_figures(signed_in(serving(a2, t0, t0 + minute)));
    const Millis now = t0 + 19 * minute + 30'000;
    REQUIRE(active_tone(s, now) == TimerTone::danger);
    Rendered r(s, 1280, 720, now, "counter_overdue.png");
    CHECK(same(r.left_edge(r.layout.timer), theme::danger));
    CHECK(r.light_pixels(r.layout.timer) > 200);  // "18:30" in white on red
    CHECK(r.light_pixels({r.layout.ticket_panel.x, r.layout.ticket_panel.y + r.layout.px(50), r.layout.ticket_panel.w,
                          r.layout.px(120)}) > 300);  // "A-002", large

    SECTION("the same at 1024x600") {
        Rendered small(s, 1024, 600, now, "counter_overdue_1024.png");
        CHECK(same(small.left_edge(small.layout.timer), theme::danger));
    }
    SECTION("amber from three quarters of the standard, green before") {
        Rendered amber(s, 1280, 720, t0 + 13 * minute);  // 12 of 15 minutes
        CHECK(same(amber.left_edge(amber.layout.timer), theme::warning));
        Rendered green(s, 1280, 720, t0 + 5 * minute);
        CHECK(same(green.left_edge(green.layout.timer), theme::ok));
    }
    SECTION("while called, the walk timer is neutral") {
        ScreenState c = signed_in(called(a2, t0));
        Rendered walk(c, 1280, 720, t0 + 40 * minute, "counter_called.png");
        CHECK(same(walk.left_edge(walk.layout.timer), theme::panel_light));
    }
}

TEST_CASE("the link lost: a red banner across the screen", "[counter][gui]") {
    gui::SdlLibrary sdl(0);
    ScreenState s = with_figures(signed_in(called(a2, t0)));
    on_connection(s, ConnectionState::connecting, "server closed the connection", Reply{}, t0);
    Rendered r(s, 1280, 720, t0 + 45'000, "counter_offline.png");
    REQUIRE(r.layout.banner.w > 0);
    CHECK(same(r.left_edge(r.layout.banner), theme::danger));
    const auto* finish = r.layout.find(TargetKind::action, static_cast<int>(Action::finish));
    CHECK(same(r.at(finish->rect.x + finish->rect.w - 8, finish->rect.y + 8), theme::background));
}

TEST_CASE("on a break, with the server's last refusal shown in red", "[counter][gui]") {
    gui::SdlLibrary sdl(0);
    ScreenState s = with_figures(signed_in());
    on_event(s, event("counter_paused", nullptr, 2, counter_record(2, "paused")), t0);
    show(s, Tone::refusal, "Ditolak server: Loket 2 sedang istirahat", t0 + 5 * minute);
    Rendered r(s, 1280, 720, t0 + 5 * minute, "counter_paused.png");
    CHECK(same(r.left_edge(r.layout.message), theme::danger));
    const auto* resume = r.layout.find(TargetKind::action, static_cast<int>(Action::pause_resume));
    CHECK(
        same(r.at(resume->rect.x + resume->rect.w - 8, resume->rect.y + 8), theme::accent));  // Lanjut: the way forward
}

TEST_CASE("dialogs cover the screen and take the taps", "[counter][gui]") {
    gui::SdlLibrary sdl(0);
    ScreenState s = signed_in(called(a2, t0));
    on_key(s, Key::f6, t0);
    Rendered r(s, 1280, 720, t0 + minute, "counter_transfer.png");
    REQUIRE(r.layout.modal);
    const auto* row = r.layout.find(TargetKind::dialog_row, 0);
    REQUIRE(row);
    CHECK(same(r.left_edge(row->rect), theme::accent));  // the selected row
    // A tap where a main-screen button lies, outside the dialog, does nothing.
    const auto* finish = r.layout.find(TargetKind::action, static_cast<int>(Action::finish));
    CHECK(hit_test(r.layout, finish->rect.x + 4, finish->rect.y + 4).kind == TargetKind::none);
    CHECK(hit_test(r.layout, row->rect.x + 4, row->rect.y + 4) == Target{TargetKind::dialog_row, 0});

    ScreenState c = signed_in();
    on_key(c, Key::f7, t0);
    on_text(c, "A", t0);
    Rendered call(c, 1024, 600, t0 + minute, "counter_call_number_1024.png");
    CHECK(call.layout.dialog.y >= 0);
    CHECK(call.layout.dialog.y + call.layout.dialog.h <= 600);
}

TEST_CASE("the layout: every button on screen, apart, found by a tap", "[counter][gui]") {
    for (auto [w, h] : {std::pair{1024, 600}, std::pair{1280, 720}, std::pair{1920, 1080}, std::pair{1280, 1024}}) {
        const ScreenState s = signed_in();
        const Layout l = compute_layout(s, w, h);
        int actions = 0;
        for (const auto& b : l.buttons) {
            CHECK(b.rect.x >= 0);
            CHECK(b.rect.x + b.rect.w <= w);
            CHECK(b.rect.y + b.rect.h <= h);
            if (b.target.kind != TargetKind::action) continue;
            ++actions;
            CHECK(b.rect.y >= l.message.y + l.message.h);
            CHECK(b.rect.h >= 44);  // a finger's width, even at 1024x600
            CHECK(hit_test(l, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2) == b.target);
            for (const auto& o : l.buttons)
                if (&o != &b && o.target.kind == TargetKind::action) {
                    const bool apart = o.rect.x >= b.rect.x + b.rect.w || b.rect.x >= o.rect.x + o.rect.w ||
                                       o.rect.y >= b.rect.y + b.rect.h || b.rect.y >= o.rect.y + o.rect.h;
                    CHECK(apart);
                }
        }
        CHECK(actions == action_count);
        CHECK(l.timer.y + l.timer.h <= l.ticket_panel.y + l.ticket_panel.h);
        CHECK(l.ticket_panel.y + l.ticket_panel.h <= l.message.y);
    }
}

TEST_CASE("the documented smallest counter text is the one the screenshots check", "[counter][gui][readability]") {
    std::ifstream doc(std::string(ANTRE_SOURCE_DIR) + "/docs/counter.md");
    const std::string text{std::istreambuf_iterator<char>(doc), std::istreambuf_iterator<char>()};
    CHECK(text.find("Smallest text: " + std::to_string(min_text_px) + " px") != std::string::npos);
}

}  // namespace counter_render_test
