// Shared by the counter's screen tests: a counter state drawn headless (SDL's
// offscreen driver), its pixels read back, its texts checked and kept, and a PNG.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "antre/counter/layout.hpp"
#include "antre/counter/render.hpp"
#include "counter_fixtures.hpp"
#include "text_checks.hpp"

namespace antre::counter::fixtures {

// $ANTRE_SCREENSHOT_DIR, else screenshots/ in the build folder (beside bin/, which
// holds this program): catch_discover_tests splits an ENVIRONMENT list, so ctest may
// set only its first variable.
inline std::string shot(const std::string& name) {
    const char* dir = std::getenv("ANTRE_SCREENSHOT_DIR");
    const std::filesystem::path d =
        dir && *dir ? std::filesystem::path(dir)
                    : std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path() / "screenshots";
    std::filesystem::create_directories(d);
    return (d / name).string();
}

inline bool same(SDL_Color a, SDL_Color b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

// Every screen drawn here also has each of its texts checked for contrast and for the
// counter's smallest text size (text_checks.hpp, min_text_px).
struct Rendered {
    gui::OffscreenCanvas canvas;
    gui::Painter painter;
    Layout layout;
    std::vector<gui::DrawnText> texts;
    Rendered(const ScreenState& s, int w, int h, Millis now, const std::string& png = "")
        : canvas(w, h), painter(canvas.renderer.get()), layout(compute_layout(s, w, h)) {
        painter.record_texts(&texts);
        draw(s, painter, w, h, now);
        antre::test::check_texts(texts, layout.unit, min_text_px);
        if (!png.empty()) gui::save_png(canvas.renderer.get(), w, h, shot(png));
    }
    SDL_Color at(int x, int y) { return gui::read_pixel(canvas.renderer.get(), x, y); }
    /// The colour at the middle of a rectangle's left edge, just inside it.
    SDL_Color left_edge(const gui::Rect& r) { return at(r.x + 6, r.y + r.h / 2); }
    int light_pixels(const gui::Rect& r) {
        int n = 0;
        for (int y = r.y; y < r.y + r.h; y += 2)
            for (int x = r.x; x < r.x + r.w; x += 2) {
                const auto c = at(x, y);
                n += c.r > 200 && c.g > 200 && c.b > 200;
            }
        return n;
    }
    /// Pixels of exactly `colour` in `r`, every second one each way.
    int count(const gui::Rect& r, SDL_Color colour) {
        int n = 0;
        for (int y = r.y; y < r.y + r.h; y += 2)
            for (int x = r.x; x < r.x + r.w; x += 2) n += same(at(x, y), colour);
        return n;
    }
    /// The drawn text that says exactly `text`, or null.
    const gui::DrawnText* drawn(const std::string& text) const {
        for (const auto& t : texts)
            if (t.text == text) return &t;
        return nullptr;
    }
};

}  // namespace antre::counter::fixtures
