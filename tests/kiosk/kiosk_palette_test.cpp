// Every pair of colours the kiosk draws text on, from its own palette and the shared
// theme, meets WCAG 2.1 AA at 4.5:1 whatever the text's size (the shared theme's own
// pairs are checked in gui_test.cpp), and the rating faces' features 3:1 against the
// face (SC 1.4.11, drawn shapes). A new colour pair on a kiosk screen belongs here.
#include <catch2/catch.hpp>

#include "antre/gui/contrast.hpp"
#include "antre/gui/theme.hpp"
#include "antre/kiosk/palette.hpp"

namespace kiosk_palette_test {

using namespace antre;
namespace theme = gui::theme;
namespace palette = kiosk::palette;

TEST_CASE("kiosk palette: every text colour on its background at 4.5:1", "[kiosk][contrast]") {
    struct Pair {
        const char* where;
        SDL_Color ink, fill;
    };
    const Pair pairs[] = {
        {"labels and the typed number on the white cards", palette::paper_muted, palette::paper},
        {"the results on the white cards", theme::dark_text, palette::paper},
        {"a QR's modules on white (a phone reads it)", palette::qr_dark, palette::paper},
        {"white on the dark back/cancel buttons", theme::text, palette::button_dark},
        {"the second line on the accent banner", palette::dark_muted, theme::accent},
    };
    for (const auto& p : pairs) {
        INFO(p.where << ": " << gui::contrast_ratio(p.ink, p.fill));
        CHECK(gui::contrast_ratio(p.ink, p.fill) >= 4.5);
    }
    // The waiting count on a service tile, on every service colour.
    for (const auto& tile : theme::service_colours) {
        INFO("waiting count on a service tile: " << gui::contrast_ratio(palette::soft_white, tile));
        CHECK(gui::contrast_ratio(palette::soft_white, tile) >= 4.5);
    }
    // Feedback mode: the rating's words in both languages on each rating tile, and on a
    // tile greyed out once another face was touched.
    for (const auto& tile : palette::rating_fills) {
        INFO("a rating's words on its tile: " << gui::contrast_ratio(theme::text, tile));
        CHECK(gui::contrast_ratio(theme::text, tile) >= 4.5);
    }
    INFO("a rating's words on a greyed tile: " << gui::contrast_ratio(theme::text, theme::disabled));
    CHECK(gui::contrast_ratio(theme::text, theme::disabled) >= 4.5);
}

TEST_CASE("kiosk palette: the rating faces' features on the faces at 3:1", "[kiosk][contrast]") {
    // The faces are drawn shapes, not text: WCAG 2.1 SC 1.4.11 asks 3:1 of what makes
    // them out (the eyes and the mouth against the face they are drawn on).
    struct Pair {
        const char* where;
        SDL_Color features, face;
    };
    const Pair pairs[] = {
        {"a face on a rating tile", theme::dark_text, palette::face_skin},
        {"a face on a greyed tile", theme::dark_text, theme::muted},
        {"the thanks screen's face", theme::background, theme::ok},
    };
    for (const auto& p : pairs) {
        INFO(p.where << ": " << gui::contrast_ratio(p.features, p.face));
        CHECK(gui::contrast_ratio(p.features, p.face) >= 3.0);
    }
    // The small faces on the idle screen: white features on the tiles' colours.
    for (const auto& face : palette::rating_fills) {
        INFO("an idle screen's face: " << gui::contrast_ratio(theme::text, face));
        CHECK(gui::contrast_ratio(theme::text, face) >= 3.0);
    }
}

}  // namespace kiosk_palette_test
