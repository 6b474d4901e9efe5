// The forward estimate at the kiosk (docs/queue.md "Estimates on the screens"): the
// printed call interval, the service buttons' interval per priority group, and the
// warning before a number that will likely not be served today. The warning screen is
// drawn headless and checked by pixel (kiosk_shot.hpp).
#include <algorithm>

#include <catch2/catch.hpp>

#include "antre/gui/theme.hpp"
#include "antre/kiosk/layout.hpp"
#include "antre/kiosk/texts.hpp"
#include "antre/kiosk/ticket_print.hpp"
#include "kiosk_fixtures.hpp"
#include "kiosk_shot.hpp"

namespace kiosk_estimate_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;
namespace theme = antre::gui::theme;
using nlohmann::json;

namespace {

constexpr Millis minute = 60'000;

// The printing tests' KTP-el ticket, issued at 09:00 with twelve ahead and a promise.
IssuedTicket promised_ticket() {
    IssuedTicket t = known_ticket();
    t.id = 7;
    t.label = "A-013";
    t.people_ahead = 12;
    t.estimated_wait_s = 110 * 60;
    t.estimated_call_from = monday_0900 + 102 * minute;  // 10:42 WIT
    t.estimated_call_to = monday_0900 + 121 * minute;    // 11:01 WIT
    t.issued_at = monday_0900;
    return t;
}

bool printed(const TicketDocument& d, const std::string& text) {
    return std::any_of(d.lines.begin(), d.lines.end(), [&](const PrintLine& l) { return l.text == text; });
}

bool mentions(const TicketDocument& d, const std::string& word) {
    return std::any_of(d.lines.begin(), d.lines.end(),
                       [&](const PrintLine& l) { return l.text.find(word) != std::string::npos; });
}

// The snapshot of a late afternoon: KTP's door says a regular ticket taken now is
// likely called after closing, a priority one in time.
json late_snapshot() {
    auto snapshot = sorong_snapshot();
    auto& ktp = snapshot["services"][0];
    ktp["estimate"] = {{"regular",
                        {{"wait_s", 3 * 3600},
                         {"reached", true},
                         {"call_from", monday_0900 + 330 * minute},
                         {"call_at", monday_0900 + 360 * minute},
                         {"call_to", monday_0900 + 400 * minute},
                         {"past_closing", true},
                         {"closing", monday_0900 + 360 * minute}}},
                       {"priority",
                        {{"wait_s", 600},
                         {"reached", true},
                         {"call_from", monday_0900 + 5 * minute},
                         {"call_at", monday_0900 + 10 * minute},
                         {"call_to", monday_0900 + 20 * minute},
                         {"past_closing", false},
                         {"closing", monday_0900 + 360 * minute}}}};
    return snapshot;
}

}  // namespace

TEST_CASE("the printed ticket says when it will be called, in whole 5 minutes and the office's zone",
          "[kiosk][estimate]") {
    const auto t = promised_ticket();
    const auto id = ticket_document("Disdukcapil Kota Sorong", "Asia/Jayapura", t, Language::id, Paper::mm80);
    CHECK(printed(id, "Perkiraan dipanggil 10.40-11.05 WIT"));
    const auto en = ticket_document("Disdukcapil Kota Sorong", "Asia/Jayapura", t, Language::en, Paper::mm80);
    CHECK(printed(en, "Expected call 10:40-11:05 WIT"));
    // 58 mm paper (32 columns): the interval and its zone stay together on the second line.
    const auto narrow = ticket_document("Disdukcapil Kota Sorong", "Asia/Jayapura", t, Language::id, Paper::mm58);
    CHECK(printed(narrow, "Perkiraan dipanggil"));
    CHECK(printed(narrow, "10.40-11.05 WIT"));
}

TEST_CASE("a ticket promised nothing prints no time at all", "[kiosk][estimate]") {
    auto t = promised_ticket();
    t.estimated_wait_s.reset();
    t.estimated_call_from.reset();
    t.estimated_call_to.reset();
    const auto d = ticket_document("Disdukcapil Kota Sorong", "Asia/Jayapura", t, Language::id, Paper::mm80);
    CHECK_FALSE(mentions(d, "Perkiraan"));
    CHECK_FALSE(mentions(d, "menit"));
    CHECK(printed(d, "A-013"));
}

TEST_CASE("the issue reply's interval reaches the ticket the kiosk prints", "[kiosk][estimate]") {
    auto s = connected_state();
    const Command c = tap(s, {TargetKind::service, 0}, monday_0900);
    REQUIRE(c.kind == Command::Kind::issue);
    Reply r;
    r.ok = true;
    r.body = {{"ticket",
               {{"id", 7},
                {"label", "A-013"},
                {"service", "KTP"},
                {"priority", "none"},
                {"people_ahead", 12},
                {"issued_at", monday_0900},
                {"estimated_wait_s", 6600},
                {"estimated_call_from", monday_0900 + 102 * minute},
                {"estimated_call_to", monday_0900 + 121 * minute}}}};
    apply_issue_reply(s, r, monday_0900);
    REQUIRE(s.ticket);
    CHECK(s.ticket->estimated_call_from == monday_0900 + 102 * minute);
    CHECK(s.ticket->estimated_call_to == monday_0900 + 121 * minute);
}

TEST_CASE("service buttons show the interval of a ticket taken now, per priority group", "[kiosk][estimate]") {
    const auto s = connected_state(late_snapshot());
    const ServiceView& ktp = s.services[0];
    REQUIRE(ktp.door_regular);
    REQUIRE(ktp.door_priority);
    CHECK(door_line(Language::id, s.time_zone, ktp, Priority::none) == "Mungkin tidak terlayani hari ini");
    CHECK(door_line(Language::id, s.time_zone, ktp, Priority::lansia) ==
          "Perkiraan dipanggil 09.05\u201309.20\u00a0WIT");
    CHECK(door_line(Language::en, s.time_zone, ktp, Priority::ibu_hamil) == "Expected call 09:05\u201309:20\u00a0WIT");
    // A server without the estimate: the wait as before.
    CHECK(door_line(Language::id, s.time_zone, s.services[1], Priority::none) == "Tunggu \u00b1\u00a020\u00a0menit");
}

TEST_CASE("a number likely not served today is taken only when the citizen says so", "[kiosk][estimate][screens]") {
    Shot shot(1920, 1080);
    auto s = connected_state(late_snapshot());
    // Regular: the warning first, nothing sent.
    Command c = tap(s, {TargetKind::service, 0}, monday_0900);
    CHECK(c.kind == Command::Kind::none);
    REQUIRE(s.screen == Screen::late);
    shot.draw(s, monday_0900);
    const auto layout = compute_layout(s, shot.canvas.width, shot.canvas.height);
    const auto* take = layout.find(TargetKind::late_take);
    const auto* cancel = layout.find(TargetKind::late_cancel);
    REQUIRE(take);
    REQUIRE(cancel);
    CHECK(same(shot.edge_of(take->rect), theme::accent));
    CHECK(shot.count(layout.notice, theme::warning) > 1000);  // the warning's yellow panel
    const auto said = [&](const std::string& text) {
        return std::any_of(shot.texts.begin(), shot.texts.end(),
                           [&](const gui::DrawnText& t) { return t.text == text; });
    };
    CHECK(said("Kemungkinan tidak terlayani hari ini"));
    CHECK(said("Tetap ambil nomor"));
    shot.save("kiosk_late_warning.png");
    Shot tall(1080, 1920);
    tall.draw(s, monday_0900);
    tall.save("kiosk_late_warning_portrait.png");

    // Cancel: back home, nothing sent.
    c = tap(s, {TargetKind::late_cancel, 0}, monday_0900);
    CHECK(c.kind == Command::Kind::none);
    CHECK(s.screen == Screen::home);

    // Take anyway: the issue goes out.
    tap(s, {TargetKind::service, 0}, monday_0900);
    REQUIRE(s.screen == Screen::late);
    c = tap(s, {TargetKind::late_take, 0}, monday_0900);
    CHECK(c.kind == Command::Kind::issue);
    CHECK(c.service == "KTP");
    CHECK(s.screen == Screen::issuing);

    // A priority ticket of the same service is called in time: no warning.
    auto p = connected_state(late_snapshot());
    tap(p, {TargetKind::priority_open, 0}, monday_0900);
    tap(p, {TargetKind::priority_group, 1}, monday_0900);
    c = tap(p, {TargetKind::service, 0}, monday_0900);
    CHECK(c.kind == Command::Kind::issue);
    CHECK(c.priority == Priority::lansia);

    // Left alone, the warning goes back home.
    auto idle = connected_state(late_snapshot());
    tap(idle, {TargetKind::service, 0}, monday_0900);
    tick(idle, monday_0900 + idle.timings.choice_idle + 1);
    CHECK(idle.screen == Screen::home);
}

}  // namespace kiosk_estimate_test
