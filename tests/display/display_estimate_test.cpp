// The board's queue panel (docs/display.md "What it shows", docs/queue.md "Estimates on
// the screens"): per service the number waiting and what a number taken now would be
// told, from the door of the snapshot and every queue_changed; and the "Daring" mark
// of a booked ticket in the latest call and the list (docs/booking.md). The words are
// checked without SDL; the panel and the marks are drawn headless, read back by pixel
// and by the texts the painter drew (contrast and size).
#include <algorithm>
#include <cstdlib>

#include <catch2/catch.hpp>

#include "antre/gui/theme.hpp"
#include "board_texts.hpp"
#include "board_view.hpp"
#include "display_events.hpp"
#include "display_shot.hpp"

namespace display_estimate_test {

using namespace antre;
using namespace antre::display;
using namespace antre::display::test;
namespace theme = antre::gui::theme;
using Kind = EstimateLine::Kind;

namespace {

constexpr Millis t0 = monday_0941_wit;
constexpr Millis minute = 60000;
const std::string wit = "Asia/Jayapura";

ServiceView view_of(const json& record) {
    BoardState s;
    apply_event(s, snapshot(json::array({record}), sorong_counters(), json::array()));
    REQUIRE(s.services.size() == 1);
    return s.services.front();
}

// A booked ticket's record, as the server sends it: the booking's id, nobody's name.
json booked(json ticket, std::int64_t booking) {
    ticket["booking"] = booking;
    ticket["waits_from"] = t0 - 60 * minute;
    return ticket;
}

// The late afternoon's panel: every kind of line a service's tile can show.
json every_kind_of_service() {
    json services = sorong_services_with_doors();
    services[1] = with_door(services[1], door(t0, t0 + 320 * minute, t0 + 380 * minute, true));  // KK: past closing
    services[2]["quota_left"] = 0;                                                               // AKTA_LAHIR
    services[3]["closed"] = true;                                                                // AKTA_MATI
    services[4]["open_now"] = false;                                                             // KIA
    services[4] = with_door(services[4], nullptr);
    services[5] = with_door(services[5], nullptr);  // PINDAH: no counter open yet
    services[5]["estimated_wait_s"] = 1500;
    return services;
}

bool same(SDL_Color a, SDL_Color b, int tolerance = 24) {
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance;
}

int count(SDL_Renderer* r, const gui::Rect& box, SDL_Color c, int step = 2) {
    int n = 0;
    for (int y = box.y; y < box.y + box.h; y += step)
        for (int x = box.x; x < box.x + box.w; x += step) n += same(gui::read_pixel(r, x, y), c) ? 1 : 0;
    return n;
}

// The tile of the `i`-th of `n` services on a 1920x1080 board.
gui::Rect tile(int i, int n = 6) {
    const auto sv = board_layout(1920, 1080).services;
    const int gap = 14, w = (sv.w - gap * (n - 1)) / n;
    return {sv.x + i * (w + gap), sv.y, w, sv.h};
}

}  // namespace

TEST_CASE("display: the call interval is widened to whole 5 minutes in the office's zone", "[display][estimate]") {
    // 10:42-11:01 WIT is told as 10.40-11.05; times on the 5 minutes stay.
    CHECK(gui::call_times(gui::Language::id, wit, t0 + 61 * minute, t0 + 80 * minute) == "10.40\u201311.05");
    CHECK(gui::call_times(gui::Language::id, wit, t0 + 4 * minute, t0 + 19 * minute) == "09.45\u201310.00");
    CHECK(gui::call_times(gui::Language::en, wit, t0 + 61 * minute, t0 + 80 * minute) == "10:40\u201311:05");
    // The office's zone, never the machine's: the same moment in Jakarta is two hours earlier.
    CHECK(gui::call_interval_text(gui::Language::id, "Asia/Jakarta", t0 + 61 * minute, t0 + 80 * minute) ==
          "Perkiraan dipanggil 08.40\u201309.05\u00a0WIB");
    CHECK(gui::call_interval_text(gui::Language::id, wit, t0 + 61 * minute, t0 + 80 * minute) ==
          "Perkiraan dipanggil 10.40\u201311.05\u00a0WIT");
}

TEST_CASE("display: each service's line says what a number taken now would be told", "[display][estimate]") {
    SECTION("the door's interval") {
        const auto s =
            view_of(with_door(service("KTP", "A", "KTP-el", 12), door(t0, t0 + 61 * minute, t0 + 80 * minute)));
        REQUIRE(s.door);
        CHECK(estimate_line(s, wit, true) ==
              EstimateLine{Kind::interval, "Perkiraan dipanggil", "10.40\u201311.05", "WIT"});
    }
    SECTION("past closing: the kiosk's warning, not a time") {
        const auto s =
            view_of(with_door(service("KTP", "A", "KTP-el", 90), door(t0, t0 + 320 * minute, t0 + 380 * minute, true)));
        CHECK(estimate_line(s, wit, true) == EstimateLine{Kind::late, "", "Mungkin tidak terlayani hari ini", ""});
    }
    SECTION("no counter open yet: the queue-length figure while people wait, nothing when nobody does") {
        json record = with_door(service("KTP", "A", "KTP-el", 5), nullptr);
        record["estimated_wait_s"] = 1500;
        const auto s = view_of(record);
        CHECK_FALSE(s.door);
        CHECK(estimate_line(s, wit, true) ==
              EstimateLine{Kind::wait, "Perkiraan tunggu", "\u00b1\u00a025\u00a0menit", ""});
        record["waiting"] = 0;
        record["estimated_wait_s"] = 0;
        CHECK(estimate_line(view_of(record), wit, true).kind == Kind::none);
        // A server that sends no figure at all: nothing rather than "Segera dipanggil".
        CHECK(estimate_line(view_of(service("KTP", "A", "KTP-el", 5)), wit, true).kind == Kind::none);
    }
    SECTION("no number can be taken now: why, instead of a time") {
        json record = with_door(service("KTP", "A", "KTP-el", 30), nullptr);
        record["quota_left"] = 0;
        CHECK(estimate_line(view_of(record), wit, true) ==
              EstimateLine{Kind::no_tickets, "", "Kuota hari ini habis", ""});
        record["quota_left"] = 12;
        record["open_now"] = false;
        CHECK(estimate_line(view_of(record), wit, true) ==
              EstimateLine{Kind::no_tickets, "", "Di luar jam pelayanan", ""});
    }
    SECTION("a closed service, or a board without its link: no line") {
        const json record = with_door(service("KTP", "A", "KTP-el", 12), door(t0, t0 + 61 * minute, t0 + 80 * minute));
        CHECK(estimate_line(view_of(record), wit, false).kind == Kind::none);
        json closed = record;
        closed["closed"] = true;
        CHECK(estimate_line(view_of(closed), wit, true).kind == Kind::none);
    }
}

TEST_CASE("display: queue_changed moves each service's door, and a null door drops it", "[display][estimate]") {
    BoardState s;
    apply_event(s, snapshot(sorong_services_with_doors(), sorong_counters(), json::array()));
    REQUIRE(s.services[0].door);
    CHECK(estimate_line(s.services[0], s.time_zone, true).value == "10.40\u201311.05");

    // The estimate's refresh: a later interval for KTP; KK untouched.
    json ktp = with_door(service("KTP", "A", "KTP-el", 14, 2), door(t0, t0 + 75 * minute, t0 + 100 * minute));
    apply_event(s, {{"event", "queue_changed"}, {"services", json::array({ktp})}});
    CHECK(estimate_line(s.services[0], s.time_zone, true).value == "10.55\u201311.25");
    CHECK(s.services[0].waiting == 14);
    CHECK(estimate_line(s.services[1], s.time_zone, true).value == "10.20\u201310.55");

    // Every counter closed again: no door, the queue-length figure.
    ktp = with_door(service("KTP", "A", "KTP-el", 14, 2), nullptr);
    ktp["estimated_wait_s"] = 14 * 450;
    apply_event(s, {{"event", "queue_changed"}, {"services", json::array({ktp})}});
    CHECK_FALSE(s.services[0].door);
    CHECK(estimate_line(s.services[0], s.time_zone, true).value == "\u00b1\u00a01\u00a0jam 45\u00a0menit");

    // Malformed estimates are ignored, not fatal.
    ktp["estimate"] = "soon";
    REQUIRE_NOTHROW(apply_event(s, {{"event", "queue_changed"}, {"services", json::array({ktp})}}));
    CHECK_FALSE(s.services[0].door);
    ktp["estimate"] = {{"regular", {{"call_from", "10:40"}, {"past_closing", 1}}}};
    REQUIRE_NOTHROW(apply_event(s, {{"event", "queue_changed"}, {"services", json::array({ktp})}}));
    REQUIRE(s.services[0].door);
    CHECK_FALSE(s.services[0].door->call_from);
    CHECK_FALSE(s.services[0].door->past_closing);
}

TEST_CASE("display: a booked ticket's calls carry the Daring mark, a walk-in's do not",
          "[display][estimate][booking]") {
    BoardState s;
    const json a9 = booked(ticket(9, "A-009", "KTP", 2, "done", t0 - 300000), 3);
    apply_event(s, snapshot(sorong_services(), sorong_counters(), json::array({a9})));
    REQUIRE(s.recent.size() == 1);
    CHECK(s.recent[0].booked);

    json a13 = booked(ticket(13, "A-013", "KTP", 1, "called", t0), 5);
    apply_event(s, ticket_event("ticket_called", a13, counter(1, {"KTP", "KIA"}, "open", a13), t0));
    apply_event(s, called(14, "A-014", "KTP", 2, t0 + 1000));  // a walk-in: "booking" null
    REQUIRE(s.recent.size() == 3);
    CHECK_FALSE(s.recent[0].booked);
    CHECK(s.recent[1].booked);
    REQUIRE(s.pending.size() == 2);
    CHECK(s.pending.front().booked);  // what is announced is what is shown
    a13["recalls"] = 1;
    apply_event(s, ticket_event("ticket_recalled", a13, counter(1, {"KTP", "KIA"}, "open", a13), t0 + 2000, "1"));
    CHECK(s.recent[0].booked);
    CHECK(s.recent[0].recall);
}

TEST_CASE("display: the queue panel at 1920x1080, every kind of line, written as display_estimates.png",
          "[display][estimate][view]") {
    BoardShot b;
    BoardState s;
    json counters = sorong_counters();
    apply_event(s, snapshot(every_kind_of_service(), counters, json::array()));
    b.draw(s, t0);
    b.save("display_estimates.png");
    SDL_Renderer* r = b.renderer();

    // KTP: the interval, large and bold, inside its tile.
    const auto* interval = b.find("10.40\u201311.05");
    REQUIRE(interval);
    CHECK(interval->bold);
    CHECK(interval->size >= 34);
    CHECK(interval->where.x >= tile(0).x);
    CHECK(interval->where.x + interval->where.w <= tile(0).x + tile(0).w);
    CHECK(b.find("Perkiraan dipanggil"));
    // KK: past closing, dark on amber, and no time for it.
    const gui::Rect kk = tile(1);
    CHECK(count(r, {kk.x, kk.y + kk.h / 2, kk.w, kk.h / 2}, theme::warning) > 400);
    CHECK(b.find("Mungkin tidak"));
    CHECK(b.find("terlayani hari ini"));
    CHECK_FALSE(b.find("10.20\u201310.55"));
    // The others: why no number can be taken, "Ditutup", the queue-length figure.
    CHECK(b.find("Kuota hari ini"));
    CHECK(b.find("Ditutup"));
    CHECK(b.find("Di luar jam"));
    CHECK(b.find("\u00b1\u00a025\u00a0menit"));
    CHECK(b.find("Perkiraan tunggu"));
    // Amber only where a service is past closing.
    for (int i : {0, 2, 3, 4, 5}) CHECK(count(r, tile(i), theme::warning) == 0);

    // A board of three services has room for the zone after the times.
    BoardState floor;
    floor.filter.services = {"KTP", "KK", "KIA"};
    apply_event(floor, snapshot(sorong_services_with_doors(), counters, json::array()));
    b.draw(floor, t0);
    const auto* times = b.find("10.40\u201311.05");
    const auto* zone = b.find("WIT");
    REQUIRE(times);
    REQUIRE(zone);
    CHECK(times->size == 36);
    CHECK(zone->where.x > times->where.x + times->where.w);
    CHECK(std::abs((zone->where.y + zone->where.h) - (times->where.y + times->where.h)) < 12);  // one line

    // Without its link the board keeps the counts and drops the times.
    set_connected(s, false);
    b.draw(s, t0);
    CHECK_FALSE(b.find("10.40\u201311.05"));
    CHECK_FALSE(b.find("Mungkin tidak"));
    CHECK(b.find("12"));
}

TEST_CASE("display: a booked ticket is marked Daring in the latest call and the list, and named nowhere",
          "[display][estimate][booking][view]") {
    BoardShot b;
    BoardState s;
    // A record carrying a NIK and a name would be a server bug; the board draws neither.
    json a13 = booked(ticket(13, "A-013", "KTP", 1, "called", t0), 5);
    a13["nik"] = "9271011205900001";
    a13["name"] = "Budi Santoso";
    const json calls = json::array({ticket(12, "A-012", "KTP", 2, "done", t0 - 100000),
                                    booked(ticket(11, "A-011", "KTP", 3, "done", t0 - 200000), 4)});
    apply_event(s, snapshot(sorong_services_with_doors(), sorong_counters(), calls));
    apply_event(s, ticket_event("ticket_called", a13, counter(1, {"KTP", "KIA"}, "open", a13), t0));
    start_announcement(s, t0);
    finish_announcement(s);  // calm: the panel is not yellow
    b.draw(s, t0 + 60000);
    b.save("display_daring.png");
    SDL_Renderer* r = b.renderer();

    const auto marks = std::count_if(b.texts.begin(), b.texts.end(), [](const auto& t) { return t.text == "Daring"; });
    CHECK(marks == 3);  // the latest call, and its row and A-011's in the list
    for (const auto& t : b.texts) {
        CHECK(t.text.find("9271") == std::string::npos);
        CHECK(t.text.find("Budi") == std::string::npos);
    }
    // Each mark is dark on white, beside the service's pill or after the number.
    const auto layout = board_layout(1920, 1080);
    for (const auto& t : b.texts) {
        if (t.text != "Daring") continue;
        CHECK(same(t.background, theme::text, 8));
        CHECK(count(r, t.where, theme::dark_text) > 20);
    }
    const auto featured_mark = std::find_if(b.texts.begin(), b.texts.end(), [&](const auto& t) {
        return t.text == "Daring" && t.where.y < layout.featured.y + layout.featured.h &&
               t.where.x < layout.featured.x + layout.featured.w;
    });
    REQUIRE(featured_mark != b.texts.end());
    CHECK(featured_mark->where.y > layout.featured.y + 280);  // on the service's line, under the number
    // A-012, a walk-in, has no mark: its row's middle is the row's colour.
    const auto* a12 = b.find("A-012");
    REQUIRE(a12);
    CHECK(count(r, {layout.recent.x + 220, a12->where.y, 100, a12->where.h}, theme::text) < 10);

    // With the office page's QR code the latest call's panel is narrower: the mark
    // still fits beside the service, inside the panel.
    s.public_url = "https://antrean.dukcapil.sorongkota.go.id/";
    b.draw(s, t0 + 60000);
    b.save("display_daring_qr.png");
    const auto narrow = board_layout(1920, 1080, true).featured;
    const auto mark = std::find_if(b.texts.begin(), b.texts.end(), [&](const auto& t) {
        return t.text == "Daring" && t.where.x < narrow.x + narrow.w && t.where.y < narrow.y + narrow.h;
    });
    REQUIRE(mark != b.texts.end());
    CHECK(mark->where.x + mark->where.w <= narrow.x + narrow.w - 30);
    CHECK(mark->size == 34);
}

}  // namespace display_estimate_test
