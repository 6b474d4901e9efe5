// display/board_view.cpp: a busy board drawn headless, written as a PNG and
// checked pixel by pixel.
#include <cstdlib>
#include <filesystem>

#include <catch2/catch.hpp>

#include "antre/gui/theme.hpp"
#include "board_screen.hpp"
#include "board_view.hpp"
#include "display_events.hpp"

namespace display_view_test {

using namespace antre;
using namespace antre::display;
using namespace antre::display::test;
namespace theme = antre::gui::theme;

namespace {

constexpr Millis t0 = monday_0941_wit;

// Monday morning at the Sorong office: every counter busy in its own way, eight
// calls in the list, and B-006 just called to counter 3 and being announced.
BoardState busy_board() {
    BoardState s;
    s.ticker = "Siapkan dokumen persyaratan Anda: KTP-el, Kartu Keluarga, dan surat pengantar bila ada.";
    const json a7 = ticket(7, "A-007", "KTP", 1, "serving", t0 - 400000);
    const json a12 = ticket(12, "A-012", "KTP", 2, "called", t0 - 90000, 1);
    const json e3 = ticket(33, "E-003", "KIA", 5, "serving", t0 - 300000);
    json counters = sorong_counters();
    counters[0]["active"] = a7;
    counters[1]["active"] = a12;
    counters[3]["state"] = "paused";
    counters[3]["pause_reason"] = "istirahat";
    counters[4]["active"] = e3;
    counters[5]["state"] = "closed";
    json recent = json::array({a12, ticket(21, "F-002", "PINDAH", 6, "done", t0 - 200000), e3,
                               ticket(11, "A-011", "KTP", 2, "done", t0 - 500000),
                               ticket(22, "B-004", "KK", 3, "done", t0 - 600000), a7,
                               ticket(31, "C-002", "AKTA_LAHIR", 4, "done", t0 - 800000),
                               ticket(10, "A-006", "KTP", 1, "no_show", t0 - 900000)});
    json services = sorong_services_with_doors();
    services[3]["closed"] = true;
    apply_event(s, snapshot(services, counters, recent));
    apply_event(s, called(24, "B-006", "KK", 3, t0));
    start_announcement(s, t0 + 200);
    return s;
}

bool same(SDL_Color a, SDL_Color b, int tolerance = 0) {
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance;
}

// How many pixels of `box` (sampled every `step`) match `c`.
int count(SDL_Renderer* r, const gui::Rect& box, SDL_Color c, int step = 4, int tolerance = 24) {
    int n = 0;
    for (int y = box.y; y < box.y + box.h; y += step)
        for (int x = box.x; x < box.x + box.w; x += step) n += same(gui::read_pixel(r, x, y), c, tolerance) ? 1 : 0;
    return n;
}

int samples(const gui::Rect& box, int step = 4) { return ((box.w + step - 1) / step) * ((box.h + step - 1) / step); }

std::filesystem::path screenshot_dir() {
    const char* dir = std::getenv("ANTRE_SCREENSHOT_DIR");
    std::filesystem::path p = dir ? dir : (std::filesystem::temp_directory_path() / "antre-screenshots");
    std::filesystem::create_directories(p);
    return p;
}

}  // namespace

TEST_CASE("display: a busy board at 1920x1080, written as display_busy.png", "[display][view]") {
    gui::SdlLibrary sdl(0);
    gui::OffscreenCanvas canvas(1920, 1080);
    gui::Painter painter(canvas.renderer.get());
    SDL_Renderer* r = canvas.renderer.get();
    BoardState s = busy_board();
    const auto layout = board_layout(1920, 1080);
    const Millis lit = t0 + 200 + 100;  // inside the first blink

    REQUIRE(highlight_lit(s, lit));
    draw(s, painter, 1920, 1080, lit);
    const auto png = screenshot_dir() / "display_busy.png";
    gui::save_png(r, 1920, 1080, png.string());
    CHECK(std::filesystem::file_size(png) > 10000);

    SECTION("the latest call blinks: its panel is the accent colour, with dark text") {
        const auto& f = layout.featured;
        CHECK(same(gui::read_pixel(r, f.x + 16, f.y + f.h / 2), theme::accent));
        CHECK(count(r, f, theme::accent) > samples(f) / 3);
        // The number itself: dark pixels inside the number's band.
        const gui::Rect number{f.x + 40, f.y + 70, f.w - 80, 220};
        CHECK(count(r, number, theme::dark_text, 3, 40) > 800);
    }
    SECTION("every counter's tile is drawn, and the called ones show their number") {
        const auto& c = layout.counters;
        const int w = c.w / 6;
        for (int i = 0; i < 6; ++i) {
            const gui::Rect tile{c.x + i * w + 20, c.y + 20, w - 40, c.h - 40};
            CHECK(count(r, tile, theme::background, 4, 2) < samples(tile) / 10);
        }
        // Counter 2 holds A-012, still called: accent text in its number band.
        CHECK(count(r, {c.x + w + 20, c.y + 70, w - 40, 80}, theme::accent, 2, 40) > 50);
        // Counter 6 is closed: no number, only a dash in the disabled colour.
        CHECK(count(r, {c.x + 5 * w + 20, c.y + 70, w - 40, 80}, theme::accent, 2, 40) == 0);
    }
    SECTION("the list of calls has a row per call, the announced one in accent") {
        const auto& rc = layout.recent;
        CHECK(count(r, {rc.x + 30, rc.y + 115, rc.w - 60, 50}, theme::accent) > 100);  // B-006, first row
        CHECK(count(r, {rc.x + 30, rc.y + 180, rc.w - 60, 300}, theme::panel_light) > 500);
        CHECK(count(r, {rc.x + 30, rc.y + 180, rc.w - 60, 300}, theme::text, 2, 30) > 200);  // labels
    }
    SECTION("the waiting counts sit on the services' colours") {
        const auto& sv = layout.services;
        CHECK(count(r, sv, theme::service_colour(0)) > 100);
        CHECK(count(r, sv, theme::service_colour(5)) > 100);
        CHECK(count(r, sv, theme::disabled) > 100);  // Akta Kematian is closed
    }
    SECTION("the header has the clock and no connection mark") {
        CHECK(count(r, layout.header, theme::danger) == 0);
        CHECK(count(r, {1500, 10, 400, 70}, theme::text, 2, 30) > 100);
        CHECK(count(r, layout.ticker, theme::text, 2, 30) > 50);
    }
}

TEST_CASE("display: between blinks the call keeps a frame, after them the board is calm", "[display][view]") {
    gui::SdlLibrary sdl(0);
    gui::OffscreenCanvas canvas(1920, 1080);
    gui::Painter painter(canvas.renderer.get());
    SDL_Renderer* r = canvas.renderer.get();
    BoardState s = busy_board();
    const auto& f = board_layout(1920, 1080).featured;

    const Millis dark = t0 + 200 + blink_period_ms - 50;
    REQUIRE_FALSE(highlight_lit(s, dark));
    draw(s, painter, 1920, 1080, dark);
    CHECK(same(gui::read_pixel(r, f.x + 3, f.y + f.h / 2), theme::accent));  // the frame
    CHECK(same(gui::read_pixel(r, f.x + 16, f.y + f.h / 2), theme::panel));  // inside it

    finish_announcement(s);
    draw(s, painter, 1920, 1080, t0 + 60000);
    CHECK(same(gui::read_pixel(r, f.x + 3, f.y + f.h / 2), theme::panel));
    // Still the latest call, with its counter on the accent band.
    CHECK(count(r, {f.x + 40, f.y + 365, f.w - 80, 70}, theme::accent) > 500);
}

TEST_CASE("display: a board without its link says so, and keeps what it showed", "[display][view]") {
    gui::SdlLibrary sdl(0);
    gui::OffscreenCanvas canvas(1920, 1080);
    gui::Painter painter(canvas.renderer.get());
    BoardState s = busy_board();
    set_connected(s, false);
    draw(s, painter, 1920, 1080, t0 + 300);
    const auto& h = board_layout(1920, 1080).header;
    CHECK(count(canvas.renderer.get(), h, theme::danger) > 100);
    CHECK(count(canvas.renderer.get(), board_layout(1920, 1080).featured, theme::accent) > 1000);
}

TEST_CASE("display: the layout scales to other screens", "[display][view]") {
    gui::SdlLibrary sdl(0);
    for (const auto& [w, h] : {std::pair{1280, 720}, std::pair{1366, 768}, std::pair{3840, 2160}}) {
        const auto l = board_layout(w, h);
        CHECK(l.featured.x + l.featured.w <= l.recent.x);
        CHECK(l.recent.x + l.recent.w <= w);
        CHECK(l.ticker.y + l.ticker.h == h);
        if (w > 2000) continue;  // drawing 4K in software is slow; the layout is what matters
        gui::OffscreenCanvas canvas(w, h);
        gui::Painter painter(canvas.renderer.get());
        BoardState s = busy_board();
        draw(s, painter, w, h, t0 + 300);
        CHECK(same(gui::read_pixel(canvas.renderer.get(), l.featured.x + 12, l.featured.y + l.featured.h / 2),
                   theme::accent));
    }
}

TEST_CASE("display: the screen redraws the board only when it changes, the ticker every frame", "[display][view]") {
    gui::SdlLibrary sdl(0);
    gui::OffscreenCanvas canvas(960, 540);
    gui::OffscreenCanvas reference(960, 540);
    gui::Painter painter(reference.renderer.get());
    BoardScreen screen(canvas.renderer.get());
    BoardState s = busy_board();
    finish_announcement(s);  // calm: no blinking

    const Millis at = t0 + 60000 + 100;
    screen.render(s, 960, 540, at);
    CHECK(screen.board_draws() == 1);
    // The same pixels as a whole frame drawn at once.
    draw(s, painter, 960, 540, at);
    int differ = 0;
    for (int y = 0; y < 540; y += 7)
        for (int x = 0; x < 960; x += 7)
            differ +=
                same(gui::read_pixel(canvas.renderer.get(), x, y), gui::read_pixel(reference.renderer.get(), x, y), 1)
                    ? 0
                    : 1;
    CHECK(differ == 0);

    for (int i = 1; i <= 10; ++i) screen.render(s, 960, 540, at + i * 33);  // only the ticker moves
    CHECK(screen.board_draws() == 1);
    apply_event(s, called(40, "A-013", "KTP", 1, at + 400));
    screen.render(s, 960, 540, at + 400);
    CHECK(screen.board_draws() == 2);
    screen.render(s, 960, 540, t0 + 120000);  // the clock's minute
    CHECK(screen.board_draws() == 3);
    start_announcement(s, t0 + 120100);  // blinking: on and off
    screen.render(s, 960, 540, t0 + 120100);
    screen.render(s, 960, 540, t0 + 120100 + blink_period_ms - 10);
    CHECK(screen.board_draws() == 5);
}

TEST_CASE("display: the ticker scrolls, however long its text", "[display][view]") {
    gui::SdlLibrary sdl(0);
    gui::OffscreenCanvas canvas(1280, 720);
    gui::Painter painter(canvas.renderer.get());
    BoardState s = busy_board();
    s.ticker.clear();
    for (int i = 0; i < 60; ++i) s.ticker += "Siapkan dokumen persyaratan Anda. ";  // ~2,000 characters
    const auto band = board_layout(1280, 720).ticker;
    const auto row = [&] {
        std::vector<SDL_Color> pixels;
        for (int x = 0; x < 1280; x += 3)
            pixels.push_back(gui::read_pixel(canvas.renderer.get(), x, band.y + band.h / 2));
        return pixels;
    };
    REQUIRE_NOTHROW(draw_ticker(s, painter, 1280, 720, t0));
    const auto before = row();
    draw_ticker(s, painter, 1280, 720, t0 + 500);
    const auto after = row();
    int moved = 0;
    for (std::size_t i = 0; i < before.size(); ++i) moved += same(before[i], after[i]) ? 0 : 1;
    CHECK(moved > 20);
    CHECK(count(canvas.renderer.get(), band, theme::text, 2, 30) > 50);
}

namespace {

// Every pixel of what `r` has drawn, as RGBA bytes.
std::vector<Uint8> all_pixels(SDL_Renderer* r, int w, int h) {
    std::vector<Uint8> out(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    REQUIRE(SDL_RenderReadPixels(r, nullptr, SDL_PIXELFORMAT_RGBA32, out.data(), w * 4) == 0);
    return out;
}

// Pixels that differ between two frames of the same size.
std::size_t differing(const std::vector<Uint8>& a, const std::vector<Uint8>& b) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 3 < a.size() && i + 3 < b.size(); i += 4)
        n += (a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2]) ? 1 : 0;
    return n;
}

// The same frame drawn whole on a fresh canvas.
std::vector<Uint8> fresh_frame(const BoardState& s, int w, int h, Millis at) {
    gui::OffscreenCanvas fresh(w, h);
    gui::Painter painter(fresh.renderer.get());
    draw(s, painter, w, h, at);
    return all_pixels(fresh.renderer.get(), w, h);
}

}  // namespace

TEST_CASE("display: frames drawn from what changed equal whole frames, and a new call shows at once",
          "[display][view]") {
    gui::SdlLibrary sdl(0);
    const int w = 960, h = 540;
    const auto mode = GENERATE(BoardScreen::Mode::automatic, BoardScreen::Mode::retained, BoardScreen::Mode::layered,
                               BoardScreen::Mode::whole);
    INFO("mode " << static_cast<int>(mode));
    gui::OffscreenCanvas canvas(w, h);
    BoardScreen screen(canvas.renderer.get(), mode);
    if (mode == BoardScreen::Mode::automatic) CHECK(screen.mode() == BoardScreen::Mode::retained);  // software
    const bool cached = screen.mode() != BoardScreen::Mode::whole;
    BoardState s = busy_board();
    finish_announcement(s);

    const Millis at = t0 + 60000 + 100;
    screen.render(s, w, h, at);
    // The state does not change while the ticker moves for a second and more.
    Millis now = at;
    for (int i = 1; i <= 40; ++i) screen.render(s, w, h, now = at + i * 33);
    CHECK(screen.board_draws() == (cached ? 1u : 41u));
    CHECK(differing(all_pixels(canvas.renderer.get(), w, h), fresh_frame(s, w, h, now)) == 0);

    // A new call: on the very next frame, exactly as a whole frame would show it.
    apply_event(s, called(40, "A-013", "KTP", 1, now + 10));
    screen.render(s, w, h, now + 20);
    CHECK(screen.board_draws() == (cached ? 2u : 42u));
    CHECK(differing(all_pixels(canvas.renderer.get(), w, h), fresh_frame(s, w, h, now + 20)) == 0);
    for (int i = 1; i <= 5; ++i) screen.render(s, w, h, now + 20 + i * 33);
    CHECK(differing(all_pixels(canvas.renderer.get(), w, h), fresh_frame(s, w, h, now + 20 + 5 * 33)) == 0);

    // A window event may have lost the frame: the next one is drawn whole.
    SDL_SetRenderDrawColor(canvas.renderer.get(), 255, 0, 255, 255);
    SDL_RenderClear(canvas.renderer.get());
    screen.invalidate();
    screen.render(s, w, h, now + 400);
    CHECK(screen.board_draws() == (cached ? 3u : 48u));
    CHECK(differing(all_pixels(canvas.renderer.get(), w, h), fresh_frame(s, w, h, now + 400)) == 0);
}

TEST_CASE("display: frames come as often as the ticker or a blink needs, and rarely when nothing moves",
          "[display][view]") {
    BoardState s = busy_board();  // a ticker, and B-006 blinking
    const Millis at = t0 + 1000;
    CHECK(BoardScreen::next_frame_in(s, at) == BoardScreen::moving_frame_ms);
    s.ticker.clear();
    CHECK(BoardScreen::next_frame_in(s, at) == BoardScreen::moving_frame_ms);  // still blinking
    finish_announcement(s);
    CHECK(BoardScreen::next_frame_in(s, at) == BoardScreen::idle_frame_ms);
    // Just before the clock's minute turns: the frame that shows it comes on time.
    const Millis before_minute = (at / 60000 + 1) * 60000 - 30;
    CHECK(BoardScreen::next_frame_in(s, before_minute) == 30);
}

}  // namespace display_view_test
