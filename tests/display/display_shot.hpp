// A 1920x1080 board drawn headless for the screen tests: every text it draws is
// recorded and checked (WCAG AA contrast, the documented smallest size), and the
// frame can be written to $ANTRE_SCREENSHOT_DIR.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "board_view.hpp"
#include "text_checks.hpp"

namespace antre::display::test {

struct BoardShot {
    gui::SdlLibrary sdl{0};
    gui::OffscreenCanvas canvas{1920, 1080};
    gui::Painter painter{canvas.renderer.get()};
    std::vector<gui::DrawnText> texts;
    BoardShot() { painter.record_texts(&texts); }
    SDL_Renderer* renderer() { return canvas.renderer.get(); }
    /// Draws `s` at `now` and checks every text; returns what was written.
    std::set<std::string> draw(const BoardState& s, Millis now) {
        texts.clear();
        display::draw(s, painter, 1920, 1080, now);
        antre::test::check_texts(texts, board_layout(1920, 1080).scale, min_text_px);
        std::set<std::string> written;
        for (const auto& t : texts) written.insert(t.text);
        return written;
    }
    /// The drawn text `text`, or null.
    const gui::DrawnText* find(const std::string& text) const {
        const auto it = std::find_if(texts.begin(), texts.end(), [&](const auto& t) { return t.text == text; });
        return it == texts.end() ? nullptr : &*it;
    }
    void save(const std::string& name) {
        const char* dir = std::getenv("ANTRE_SCREENSHOT_DIR");
        const std::filesystem::path d =
            dir && *dir ? dir : std::filesystem::temp_directory_path() / "antre-screenshots";
        std::filesystem::create_directories(d);
        gui::save_png(renderer(), 1920, 1080, (d / name).string());
    }
};

}  // namespace antre::display::test
