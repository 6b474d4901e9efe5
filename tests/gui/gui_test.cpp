// The shared SDL layer, headless: drawing, text, pixel read-back, PNG files.
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <SDL_image.h>
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include "antre/command_line.hpp"
#include "antre/gui/contrast.hpp"
#include "antre/gui/painter.hpp"
#include "antre/gui/program.hpp"
#include "antre/gui/shapes.hpp"
#include "antre/gui/theme.hpp"

namespace gui_test {

using namespace antre::gui;

TEST_CASE("the painter draws boxes and text that read back by pixel", "[gui]") {
    SdlLibrary sdl(0);
    OffscreenCanvas canvas(320, 120);
    Painter p(canvas.renderer.get());
    p.clear(theme::background);
    p.fill({10, 10, 50, 50}, theme::danger);
    p.text("A-001", {80, 10, 230, 100}, 64, theme::text, Align::center, true);

    const auto red = read_pixel(canvas.renderer.get(), 30, 30);
    CHECK(red.r == theme::danger.r);
    CHECK(red.g == theme::danger.g);
    CHECK(red.b == theme::danger.b);
    const auto bg = read_pixel(canvas.renderer.get(), 5, 110);
    CHECK(bg.b == theme::background.b);

    // The text put white pixels into its box, and none outside it.
    int white_inside = 0, white_outside = 0;
    for (int y = 0; y < 120; y += 2)
        for (int x = 0; x < 320; x += 2) {
            const auto c = read_pixel(canvas.renderer.get(), x, y);
            const bool white = c.r > 200 && c.g > 200 && c.b > 200;
            const bool inside = x >= 80 && x < 310 && y >= 10 && y < 110;
            (inside ? white_inside : white_outside) += white ? 1 : 0;
        }
    CHECK(white_inside > 100);
    CHECK(white_outside == 0);
}

TEST_CASE("discs and arcs cover what their geometry says", "[gui]") {
    SdlLibrary sdl(0);
    OffscreenCanvas canvas(200, 200);
    Painter p(canvas.renderer.get());
    p.clear(theme::background);
    fill_circle(p, 100, 100, 60, theme::ok);
    // The lower half of a circle of radius 40 around the centre, 8 pixels thick: a smile.
    stroke_arc(p, 100, 100, 40, 0.0, 3.14159265358979, 8, theme::danger);
    auto is = [&](int x, int y, SDL_Color c) {
        const auto got = read_pixel(canvas.renderer.get(), x, y);
        return got.r == c.r && got.g == c.g && got.b == c.b;
    };
    CHECK(is(100, 45, theme::ok));  // inside the disc, above the arc
    CHECK(is(45, 100 - 20, theme::ok));
    CHECK(is(100 - 58, 100 - 58, theme::background));  // outside the disc: the corner of its box
    CHECK(is(100, 140, theme::danger));                // the arc's lowest point
    CHECK(is(140, 101, theme::danger));                // and its ends
    CHECK(is(60, 101, theme::danger));
    CHECK(is(100, 60, theme::ok));   // the upper half is not stroked
    CHECK(is(100, 150, theme::ok));  // nor beyond its thickness
}

TEST_CASE("text wider than its box is drawn smaller until it fits", "[gui]") {
    SdlLibrary sdl(0);
    OffscreenCanvas canvas(200, 60);
    Painter p(canvas.renderer.get());
    const int used = p.text("Silakan menuju loket tiga", {0, 0, 200, 60}, 48, theme::text);
    CHECK(used < 48);
    CHECK(p.text_width("Silakan menuju loket tiga", used) <= 200);
}

TEST_CASE("a screenshot is a PNG of the drawn pixels", "[gui]") {
    SdlLibrary sdl(0);
    OffscreenCanvas canvas(64, 32);
    Painter p(canvas.renderer.get());
    p.clear(theme::ok);
    const auto path = (std::filesystem::temp_directory_path() / "antre-gui-test.png").string();
    save_png(canvas.renderer.get(), canvas.width, canvas.height, path);
    Surface loaded(IMG_Load(path.c_str()));
    REQUIRE(loaded);
    CHECK(loaded->w == 64);
    CHECK(loaded->h == 32);
    std::filesystem::remove(path);
}

TEST_CASE("the SDL programs' command line: server address, own flags, usage errors", "[gui]") {
    struct Seen {
        antre::gui::ServerAddress server;
        int width = 1920;
        bool mute = false;
        std::string err;
    };
    // Runs a program whose body returns 7 (or what `body` does), as antre-display's main does.
    auto run = [](
                   std::vector<std::string> words, Seen& seen, const std::function<int()>& body = [] { return 7; }) {
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        std::ostringstream err, out;
        auto* old_err = std::cerr.rdbuf(err.rdbuf());
        auto* old_out = std::cout.rdbuf(out.rdbuf());
        const int status = antre::gui::run_program(
            "prog", "a test program", static_cast<int>(argv.size()), argv.data(),
            [&](CLI::App& app) {
                antre::gui::server_options(app, seen.server);
                app.add_option("--width", seen.width)->check(antre::command_line::whole(320, 7680));
                app.add_flag("--mute", seen.mute);
            },
            body);
        std::cerr.rdbuf(old_err);
        std::cout.rdbuf(old_out);
        seen.err = err.str() + out.str();
        return status;
    };
    ::unsetenv("ANTRE_HOST");
    ::setenv("ANTRE_PORT", "7500", 1);
    Seen seen;
    CHECK(run({"prog", "--mute", "--host", "10.0.0.5", "--width", "800"}, seen) == 7);
    CHECK(seen.server.host == "10.0.0.5");
    CHECK(seen.server.port == 7500);  // from the environment
    CHECK(seen.mute);
    CHECK(seen.width == 800);
    Seen flag;
    CHECK(run({"prog", "--port", "7411"}, flag) == 7);
    CHECK(flag.server.port == 7411);  // a flag wins over the environment
    ::unsetenv("ANTRE_PORT");

    Seen bad;
    CHECK(run({"prog", "--bogus"}, bad) == 2);
    CHECK_THAT(bad.err, Catch::Contains("--bogus"));
    CHECK(run({"prog", "--width"}, bad) == 2);
    CHECK_THAT(bad.err, Catch::Contains("--width"));
    CHECK(run({"prog", "--width", "12"}, bad) == 2);
    CHECK_THAT(bad.err, Catch::Contains("expected a whole number from 320 to 7680, got \"12\""));
    CHECK(run({"prog", "--port", "70000"}, bad) == 2);
    CHECK_THAT(bad.err, Catch::Contains("expected a port number"));
    CHECK(run({"prog", "--help"}, bad) == 0);
    CHECK_THAT(bad.err, Catch::Contains("--width") && Catch::Contains("--host") && Catch::Contains("ANTRE_PORT"));
    // A setting found bad after the command line (a file's value) is a usage error too;
    // any other failure is status 1, with its message.
    CHECK(run({"prog"}, bad, []() -> int { throw antre::gui::UsageError("counter.json: not a JSON object"); }) == 2);
    CHECK_THAT(bad.err, Catch::StartsWith("prog: counter.json: not a JSON object"));
    CHECK(run({"prog"}, bad, []() -> int { throw std::runtime_error("no display"); }) == 1);
    CHECK(bad.err == "prog: no display\n");
}

TEST_CASE("the painter keeps the texts it drew: the same pixels, rendered once, within its bound", "[gui]") {
    SdlLibrary sdl(0);
    const auto pixels = [](OffscreenCanvas& c) {
        std::vector<Uint8> out(static_cast<std::size_t>(c.width * c.height * 4));
        REQUIRE(SDL_RenderReadPixels(c.renderer.get(), nullptr, SDL_PIXELFORMAT_RGBA32, out.data(), c.width * 4) == 0);
        return out;
    };
    const auto scene = [](Painter& p, int shift) {
        p.clear(theme::background);
        p.text("Nomor antrean A-001", {10 + shift, 10, 400, 60}, 40, theme::text, Align::left, true);
        p.text("silakan menuju loket 3", {10, 70, 400, 40}, 28, theme::accent, Align::right);
    };
    OffscreenCanvas kept(420, 120), fresh(420, 120);
    Painter p(kept.renderer.get());
    scene(p, 0);
    CHECK(p.rendered_texts() == 2);
    scene(p, 5);  // the same texts elsewhere: copied, not rendered again
    scene(p, 0);
    CHECK(p.rendered_texts() == 2);
    CHECK(p.kept_texts() == 2);
    Painter q(fresh.renderer.get());
    scene(q, 0);
    CHECK(pixels(kept) == pixels(fresh));
    p.text("Nomor antrean A-001", {10, 10, 400, 60}, 40, theme::danger, Align::left, true);
    CHECK(p.rendered_texts() == 3);  // another colour is another text

    for (std::size_t i = 0; i < Painter::max_kept_texts + 50; ++i)
        p.text("A-" + std::to_string(i), {0, 0, 400, 60}, 20, theme::text);
    CHECK(p.kept_texts() <= Painter::max_kept_texts);
    p.forget_texts();
    CHECK(p.kept_texts() == 0);
    scene(p, 0);
    CHECK(pixels(kept) == pixels(fresh));
}

TEST_CASE("wait_event hands over a pending event, and returns without one when none comes", "[gui]") {
    SdlLibrary sdl(SDL_INIT_VIDEO);  // the offscreen driver: no blocking wait of its own
    SDL_Event e;
    while (SDL_PollEvent(&e)) {}
    CHECK_FALSE(wait_event(e, 30));
    SDL_Event user{};
    user.type = SDL_USEREVENT;
    user.user.code = 42;
    REQUIRE(SDL_PushEvent(&user) == 1);
    REQUIRE(wait_event(e, 10000));
    CHECK(e.type == SDL_USEREVENT);
    CHECK(e.user.code == 42);
}

TEST_CASE("WCAG 2.1 contrast: known ratios, the large-text rule, and the theme's own tables", "[gui][contrast]") {
    constexpr SDL_Color white{0xff, 0xff, 0xff, 0xff}, black{0, 0, 0, 0xff}, grey{0x76, 0x76, 0x76, 0xff};
    CHECK(contrast_ratio(white, black) == Approx(21.0));
    CHECK(contrast_ratio(black, white) == Approx(21.0));
    CHECK(contrast_ratio(grey, grey) == Approx(1.0));
    CHECK(contrast_ratio(grey, white) == Approx(4.54).epsilon(0.01));  // the classic just-passing grey
    CHECK_FALSE(is_large_text(23.9, false));
    CHECK(is_large_text(24, false));
    CHECK_FALSE(is_large_text(18.6, true));
    CHECK(is_large_text(18.66, true));
    CHECK(required_contrast(20, false) == 4.5);
    CHECK(required_contrast(20, true) == 3.0);

    // Fills that carry white text carry it at 4.5:1 whatever its size: every service
    // colour of the table, the green button, the red alarm, the grey of what is off.
    for (const auto& c : theme::service_colours) CHECK(contrast_ratio(c, theme::text) >= 4.5);
    for (const auto& c : {theme::go, theme::danger, theme::disabled}) CHECK(contrast_ratio(c, theme::text) >= 4.5);
    // Inks on the dark surfaces, and dark text on the bright fills.
    for (const auto& surface : {theme::background, theme::panel}) {
        for (const auto& ink : {theme::text, theme::muted, theme::accent, theme::ok, theme::warning, theme::danger_text,
                                theme::disabled_text})
            CHECK(contrast_ratio(ink, surface) >= 4.5);
    }
    for (const auto& fill : {theme::accent, theme::warning, theme::ok, theme::text})
        CHECK(contrast_ratio(theme::dark_text, fill) >= 4.5);
    // Inks on the lighter panel: white on the kiosk's answer and choice buttons and keys;
    // the counter's queue rows, tally cells and booking box; the board's recent calls.
    for (const auto& ink : {theme::text, theme::muted, theme::accent, theme::warning, theme::danger_text})
        CHECK(contrast_ratio(ink, theme::panel_light) >= 4.5);
    // Yellow on the darkest fill: a key on the counter's yellow button, the board's lit "PANGGILAN ULANG" tag.
    CHECK(contrast_ratio(theme::accent, theme::dark_text) >= 4.5);
}

}  // namespace gui_test
