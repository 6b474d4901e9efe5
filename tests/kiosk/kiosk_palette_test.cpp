// Every pair of colours the kiosk draws text on, from its own palette and the shared
// theme, meets WCAG 2.1 AA at 4.5:1 whatever the text's size (the shared theme's own
// pairs are checked in gui_test.cpp). A new colour pair on a kiosk screen belongs here.
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
}

}  // namespace kiosk_palette_test
