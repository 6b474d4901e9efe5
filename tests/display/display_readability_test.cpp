// display/board_view.cpp: every text the board draws, in every state it can be in,
// is readable (WCAG 2.1 AA contrast against what is under it, and no smaller than
// the documented minimum); and a board limited to some services shows no other
// service's ticket.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <catch2/catch.hpp>

#include "board_view.hpp"
#include "display_events.hpp"
#include "display_shot.hpp"

namespace display_readability_test {

using namespace antre;
using namespace antre::display;
using namespace antre::display::test;

namespace {

constexpr Millis t0 = monday_0941_wit;

// Counters busy in every way: serving, called, on a break with a reason, idle, closed.
json busy_counters() {
    json counters = sorong_counters();
    counters[0]["active"] = ticket(7, "A-007", "KTP", 1, "serving", t0 - 400000);
    counters[1]["active"] = ticket(24, "B-004", "KK", 2, "serving", t0 - 300000);
    counters[2]["active"] = ticket(12, "A-012", "KTP", 3, "called", t0 - 90000, 1);
    counters[3]["state"] = "paused";
    counters[3]["pause_reason"] = "rapat koordinasi";
    counters[5]["state"] = "closed";
    return counters;
}

json some_calls() {
    return json::array(
        {ticket(12, "A-012", "KTP", 3, "called", t0 - 90000, 1), ticket(24, "B-004", "KK", 2, "serving", t0 - 300000),
         ticket(7, "A-007", "KTP", 1, "serving", t0 - 400000), ticket(33, "E-003", "KIA", 5, "done", t0 - 500000)});
}

BoardState board(BoardFilter filter = {}) {
    BoardState s;
    s.filter = std::move(filter);
    s.ticker = "Siapkan dokumen persyaratan Anda: KTP-el, Kartu Keluarga, dan surat pengantar bila ada.";
    json services = sorong_services();
    services[3]["closed"] = true;
    apply_event(s, snapshot(services, busy_counters(), some_calls()));
    return s;
}

}  // namespace

TEST_CASE("display: every text on the board meets WCAG AA contrast and the minimum size, in every state",
          "[display][view][readability]") {
    BoardShot b;
    SECTION("before the first snapshot") {
        BoardState s;
        b.draw(s, t0);
    }
    SECTION("no call yet") {
        BoardState s;
        apply_event(s, snapshot(sorong_services(), sorong_counters(), json::array()));
        b.draw(s, t0);
    }
    SECTION("a recall being announced: lit, between blinks, then calm") {
        BoardState s = board();
        apply_event(s, recalled(12, "A-012", "KTP", 3, t0 - 90000, t0, 2));
        start_announcement(s, t0);
        REQUIRE(highlight_lit(s, t0 + 100));
        b.draw(s, t0 + 100);
        b.save("display_recall_lit.png");
        REQUIRE_FALSE(highlight_lit(s, t0 + blink_period_ms - 50));
        b.draw(s, t0 + blink_period_ms - 50);
        finish_announcement(s);
        b.draw(s, t0 + 60000);
    }
    SECTION("without its link, and without sound") {
        BoardState s = board();
        s.sound_problem = "no audio device";
        b.draw(s, t0);
        set_connected(s, false);
        b.draw(s, t0);
    }
    SECTION("a board of one floor's counters") {
        b.draw(board({{}, {4, 5, 6}}), t0);
        b.save("display_floor_counters.png");
    }
}

TEST_CASE("display: a board limited to some services never shows another service's ticket", "[display][view][filter]") {
    BoardShot b;
    // KTP and KIA only. Counter 2 serves KTP and KK and holds B-004 (KK); counter 1
    // holds A-007 (KTP).
    BoardState s = board({{"KTP", "KIA"}, {}});
    const auto written = b.draw(s, t0);
    b.save("display_filtered_ktp_kia.png");
    CHECK(written.contains("A-007"));
    CHECK_FALSE(written.contains("B-004"));
    for (const auto& t : written) CHECK(t.find("B-") == std::string::npos);
    // Counter 2 is still shown (it serves KTP), without B-004 on it.
    const auto& counter2 =
        *std::find_if(s.counters.begin(), s.counters.end(), [](const CounterView& c) { return c.number == 2; });
    CHECK(shown_ticket(s, counter2) == nullptr);
    CHECK(shown_ticket(s, s.counters.front()) != nullptr);
    CHECK(written.contains("LOKET 2"));
}

TEST_CASE("display: the documented smallest text is the one the tests check", "[display][view][readability]") {
    std::ifstream doc(std::string(ANTRE_SOURCE_DIR) + "/docs/display.md");
    const std::string text{std::istreambuf_iterator<char>(doc), std::istreambuf_iterator<char>()};
    CHECK(text.find("Smallest text: " + std::to_string(min_text_px) + " px") != std::string::npos);
}

}  // namespace display_readability_test
