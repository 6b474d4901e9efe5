// Every pair of colours the counter draws text on meets WCAG 2.1 AA: the shared theme's
// colours as the counter pairs them (render*.cpp) and its own, the "Daring" chip's
// `booked_mark`. Most pairs hold 4.5:1 whatever the text's size; the few that only large
// text uses are checked at the size drawn (3:1 from 24 px, or 18.66 px bold, at the
// 1280x720 design size). The screen tests check every text drawn as well
// (counter_shot.hpp); a new colour pair on a counter screen belongs here.
#include <catch2/catch.hpp>

#include "antre/counter/layout.hpp"
#include "antre/counter/render.hpp"
#include "antre/gui/contrast.hpp"
#include "antre/gui/theme.hpp"

namespace counter_palette_test {

using namespace antre;
namespace theme = gui::theme;

TEST_CASE("counter palette: every text colour on its background at 4.5:1", "[counter][contrast]") {
    struct Pair {
        const char* where;
        SDL_Color ink, fill;
    };
    const Pair pairs[] = {
        // The panels: top bar, ticket, queue, tally, message line and dialog.
        {"titles, figures and names on the panels", theme::text, theme::panel},
        {"headings, captions and hints on the panels", theme::muted, theme::panel},
        {"the counter's name, a call on its way, the idle hint", theme::accent, theme::panel},
        {"the break's title on the ticket panel", theme::warning, theme::panel},
        {"an action done, on the message line", theme::ok, theme::panel},
        // The lighter fills: queue rows, tally cells, the booking box, keys, dialog rows.
        {"names, figures and key labels on the lighter fills", theme::text, theme::panel_light},
        {"details and captions on the lighter fills", theme::muted, theme::panel_light},
        {"priority tickets waiting, in a queue row", theme::accent, theme::panel_light},
        {"an oldest wait near its standard, in a queue row", theme::warning, theme::panel_light},
        {"an oldest wait past it; a booking that could not be read", theme::danger_text, theme::panel_light},
        // The dark fields and keys.
        {"the typed log-in and dialog fields", theme::text, theme::background},
        {"the field's hint, the log-in's footer", theme::muted, theme::background},
        {"a disabled button's label", theme::disabled_text, theme::background},
        {"a key's name on a button", theme::accent, theme::background},
        {"a key's name on the yellow button; a chosen row's key", theme::accent, theme::dark_text},
        {"a disabled button's key", theme::disabled_text, theme::panel},
        // Dark words on the bright fills.
        {"the yellow buttons, the chosen row, the status and priority chips", theme::dark_text, theme::accent},
        {"Buka, Sedang Dilayani, the timer within its standard", theme::dark_text, theme::ok},
        {"Istirahat, the timer near its standard", theme::dark_text, theme::warning},
        {"the Daring chip of a booked ticket", theme::dark_text, counter::booked_mark},
        // White words on the deep fills.
        {"the link-lost banner, a refusal, the overdue timer", theme::text, theme::danger},
    };
    for (const auto& p : pairs) {
        INFO(p.where << ": " << gui::contrast_ratio(p.ink, p.fill));
        CHECK(gui::contrast_ratio(p.ink, p.fill) >= 4.5);
    }
    // A service's letter on its badge in the queue rows, on every service colour.
    for (const auto& badge : theme::service_colours) {
        INFO("a service's letter on its badge: " << gui::contrast_ratio(theme::text, badge));
        CHECK(gui::contrast_ratio(theme::text, badge) >= 4.5);
    }
}

TEST_CASE("counter palette: the pairs only large text uses, at their size", "[counter][contrast]") {
    // The lighter fill keeps its grey words (3.5:1) for the keys that are off, all drawn
    // large: the log-in keypad while the log-in is checked, the dialog's OK with nothing to do.
    struct Large {
        const char* where;
        SDL_Color ink, fill;
        double design_px;
        bool bold;
    };
    const Large pairs[] = {
        {"the keypad's digits, off", theme::disabled_text, theme::panel_light, 36, true},
        {"the keypad's erase key, off", theme::disabled_text, theme::panel_light, 34, false},
        {"the keypad's OK, off", theme::disabled_text, theme::panel_light, 30, true},
        {"the dialog's OK with nothing to do", theme::disabled_text, theme::panel_light, 22, true},
    };
    for (const auto& p : pairs) {
        const double ratio = gui::contrast_ratio(p.ink, p.fill);
        INFO(p.where << ": " << ratio << ":1 at " << p.design_px << " px" << (p.bold ? " bold" : ""));
        CHECK(gui::is_large_text(p.design_px, p.bold));
        CHECK(ratio >= gui::required_contrast(p.design_px, p.bold));
        CHECK(p.design_px >= counter::min_text_px);
    }
}

TEST_CASE("counter palette: the Daring chip stands out from what it is drawn on", "[counter][contrast]") {
    // The chip's words carry its meaning (above); its shape should show too: 3:1 against
    // what is around it (WCAG 2.1 SC 1.4.11). Beside the number on the ticket panel and in
    // a Panggil Nomor row it is its own colour; on the chosen row's yellow a dark ring
    // gives it its edge (render_dialog.cpp; counter_booked_test.cpp reads it back).
    struct Edge {
        const char* where;
        SDL_Color edge, surface;
    };
    const Edge edges[] = {
        {"beside the number, on the ticket panel", counter::booked_mark, theme::panel},
        {"in a Panggil Nomor row", counter::booked_mark, theme::panel_light},
        {"in the chosen row: the ring on the yellow", theme::dark_text, theme::accent},
        {"in the chosen row: the ring around the chip", theme::dark_text, counter::booked_mark},
    };
    for (const auto& e : edges) {
        INFO(e.where << ": " << gui::contrast_ratio(e.edge, e.surface));
        CHECK(gui::contrast_ratio(e.edge, e.surface) >= 3.0);
    }
}

}  // namespace counter_palette_test
