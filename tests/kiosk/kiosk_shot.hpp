// Shared by the kiosk's screen tests: an off-screen canvas (SDL's offscreen
// driver) that draws a kiosk state, reads its pixels back and saves a PNG.
#pragma once

#include <string>
#include <vector>

#include "antre/gui/painter.hpp"
#include "antre/kiosk/layout.hpp"
#include "antre/kiosk/render.hpp"
#include "kiosk_fixtures.hpp"
#include "text_checks.hpp"

namespace antre::kiosk::test {

inline bool same(SDL_Color a, SDL_Color b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

struct Shot {
    gui::SdlLibrary sdl{0};
    gui::OffscreenCanvas canvas;
    gui::Painter painter;
    std::vector<gui::DrawnText> texts;  ///< what the last draw() wrote
    Shot(int w, int h) : canvas(w, h), painter(canvas.renderer.get()) { painter.record_texts(&texts); }

    /// Draws `s`, and checks every text's contrast and size (text_checks.hpp).
    void draw(const KioskState& s, Millis now) {
        texts.clear();
        kiosk::draw(s, painter, canvas.width, canvas.height, now);
        antre::test::check_texts(texts, compute_layout(s, canvas.width, canvas.height).unit, min_text_px);
    }
    SDL_Color at(int x, int y) { return gui::read_pixel(canvas.renderer.get(), x, y); }
    // The colour at the middle of a button's left edge, clear of its text and corners.
    SDL_Color edge_of(const gui::Rect& r) { return at(r.x + 6, r.y + r.h / 2); }
    int count(const gui::Rect& r, SDL_Color c, int step = 3) {
        int n = 0;
        for (int y = r.y; y < r.y + r.h; y += step)
            for (int x = r.x; x < r.x + r.w; x += step) n += same(at(x, y), c) ? 1 : 0;
        return n;
    }
    void save(const std::string& name) {
        gui::save_png(canvas.renderer.get(), canvas.width, canvas.height, screenshot_path(name));
    }
};

}  // namespace antre::kiosk::test
