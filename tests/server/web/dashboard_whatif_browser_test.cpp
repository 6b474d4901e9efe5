// The "Simulasi staf" view in headless Chromium at phone widths (390 and 360 px) and a
// desktop's: a manager picks November's history, Monday and KTP, runs the what-if and
// reads the before/after table, whose figures are the day simulator's (sim::what_if) for
// the same inputs; a month without history shows the server's refusal. On every screen
// nothing runs past its edges. Screenshots in build/screenshots/, checked by their pixels
// (dashboard_views.hpp).
#include <cstdio>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "dashboard_views.hpp"
#include "history.hpp"
#include "run.hpp"

namespace dashboard_whatif_browser_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

// As the page writes minutes and shares: one decimal, decimal comma.
std::string one_decimal(double v, const char* unit = "") {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%s", v, unit);
    std::string s = buf;
    s[s.find('.')] = ',';
    return s;
}

std::string count(const std::string& css) { return "document.querySelectorAll('" + css + "').length"; }

}  // namespace

TEST_CASE("dashboard what-if view at phone and desktop widths", "[dashboard][browser][whatif]") {
    SimulatedWeek& week = shared_week();
    const std::string base = "http://127.0.0.1:" + std::to_string(week.office().http_port());
    TempDir profile;
    ChromeDriver driver(profile.file("chromedriver.log"));
    Browser browser(driver, profile.file("chromium-profile"), 1366, 1000);
    const Screen screen = GENERATE(Screen{"phone", 390, 844, true}, Screen{"small-phone", 360, 740, true},
                                   Screen{"desktop", 1366, 900, false});
    INFO(screen.name);
    browser.emulate(screen.width, screen.height, screen.phone);

    log_in(browser, base, manager.nip, manager.pin);

    browser.go(base + "/#simulasi");
    REQUIRE(browser.wait_until("return !document.getElementById('view-simulasi').hidden && " +
                               count("#whatif-services input[type=checkbox]") + " === 6;"));
    // The month offered first is the last whole month ("today" is in December 2026).
    CHECK(browser.run("return document.getElementById('whatif-month').value;") == "2026-11");
    CHECK(browser.run("return document.querySelector('nav a.active').dataset.view;") == "simulasi");

    // A month without history: the server's refusal, in its words.
    browser.run(
        "document.getElementById('whatif-month').value = '2026-10';"
        "document.getElementById('whatif-weekday').value = '1';"
        "document.getElementById('whatif-runs').value = '3'; return true;");
    browser.click("#whatif-services input[value=KTP]");
    browser.click("#whatif-run");
    REQUIRE(browser.wait_until("return !document.getElementById('whatif-error').hidden;", std::chrono::seconds(60)));
    const std::string refusal = browser.run("return document.getElementById('whatif-error').textContent;");
    CHECK(refusal.find("Oktober 2026") != std::string::npos);
    CHECK(refusal.find("no_history") != std::string::npos);

    // November's Monday, KTP: the table of before and after.
    browser.run("document.getElementById('whatif-month').value = '2026-11'; return true;");
    browser.click("#whatif-run");
    REQUIRE(browser.wait_until(
        "return !document.getElementById('whatif-result').hidden && " + count("#whatif-table tbody tr") + " === 7;",
        std::chrono::seconds(120)));
    CHECK(browser.run("return document.getElementById('whatif-error').hidden;") == true);

    TempDir dir;
    const OfficeConfig office = load_config(write_test_config(dir));
    const sim::DayModel model = sim::read_history(week.office().db(), "2026-11", office).model_for(office, 1);
    const sim::WhatIf w = sim::what_if(office, model, {sim::parse_add_counter("KTP@Mon", office)}, "2026-12-07", 1, 3);
    const json rows = browser.run(
        "return Array.from(document.querySelectorAll('#whatif-table tbody tr'))"
        ".map((tr) => Array.from(tr.cells).map((td) => td.textContent));");
    REQUIRE(rows.size() == w.before.services.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& b = w.before.services[i];
        const auto& a = w.after.services[i];
        INFO(rows[i].dump());
        CHECK(rows[i][1] == std::to_string(b.tickets));
        if (b.mean_wait_s) CHECK(rows[i][2] == one_decimal(*b.mean_wait_s / 60));
        if (a.mean_wait_s) CHECK(rows[i][3] == one_decimal(*a.mean_wait_s / 60));
        if (b.longest_wait_s) CHECK(rows[i][4] == one_decimal(*b.longest_wait_s / 60));
        if (a.longest_wait_s) CHECK(rows[i][5] == one_decimal(*a.longest_wait_s / 60));
        if (b.within_standard) CHECK(rows[i][7] == one_decimal(*b.within_standard * 100, "%"));
        if (a.within_standard) CHECK(rows[i][8] == one_decimal(*a.within_standard * 100, "%"));
    }
    CHECK(rows[0][0] == "KTP-el");
    CHECK(rows.back()[0] == "Seluruh kantor");
    const std::string title = browser.run("return document.getElementById('whatif-title').textContent;");
    CHECK(title.find("KTP-el") != std::string::npos);
    CHECK(title.find("Senin") != std::string::npos);
    CHECK(title.find("November 2026") != std::string::npos);
    CHECK(title.find("Senin, 7 Desember 2026") != std::string::npos);
    const std::string cards = browser.run("return document.getElementById('whatif-cards').innerText;");
    CHECK(cards.find(one_decimal(*w.before.services.back().mean_wait_s / 60) + " → " +
                     one_decimal(*w.after.services.back().mean_wait_s / 60)) != std::string::npos);

    // From the top (the header's pixels checked), then scrolled to the table.
    check_view(browser, screen, "whatif-top");
    browser.run("document.getElementById('whatif-result').scrollIntoView(); return true;");
    check_view(browser, screen, "whatif");
}

}  // namespace dashboard_whatif_browser_test
