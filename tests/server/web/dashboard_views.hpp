// The checks every dashboard view gets in headless Chromium, at phone and desktop
// widths: nothing wider than the screen or drawn past its edges (outside a box that
// scrolls sideways), nothing smaller than 11 px, every text/background
// pair at WCAG 2.1 AA, no ISO date where a person reads, and the screenshot (saved in
// build/screenshots/) checked by its pixels.
#pragma once

#include <filesystem>
#include <string>

#include "webdriver.hpp"

namespace antre::test {

struct Screen {
    const char* name;
    int width;
    int height;
    bool phone;
};

/// "Rabu, 2 Desember 2026" for "2026-12-02", as the pages write a day, computed apart
/// from the pages' own code.
std::string indonesian_date(const std::string& iso);

/// Opens the log-in page at `base` and logs in; returns once today's view shows.
void log_in(Browser& browser, const std::string& base, const std::string& nip, const std::string& pin);

/// Saves the screenshot as dashboard-{screen}-{view}.png and checks it by its pixels: its
/// size, the header's band and the page's right edge in their own colours, the header's words
/// drawn (on a page scrolled past its header, the page's right edge alone).
void check_screenshot(Browser& browser, const Screen& screen, const std::string& view);
/// Layout, contrast and dates of the view as shown, then check_screenshot.
void check_view(Browser& browser, const Screen& screen, const std::string& view);

}  // namespace antre::test
