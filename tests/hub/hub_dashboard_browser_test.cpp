// The central dashboard in headless Chromium (WebDriver) at a phone's width and a
// desktop's: a region's reader is refused with a wrong secret, logs in, sees the
// region's offices, picks one and sees its figures, equal to the line protocol's
// reply, then an officer's sheet and the downloads' links; the screenshots are checked
// by their pixels (the chart's bar drawn, the sheet's figures and button, nothing wider
// than the screen) and saved in build/screenshots/.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "hub_line.hpp"
#include "hub_web_support.hpp"
#include "webdriver.hpp"

namespace hub_dashboard_browser_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

// The screenshot decoded by the page (Browser::load_shot) and read by its
// pixels: its size, how many pixels of a box are of a colour (the bars' and buttons'
// #2a6f97 unless given), and how many elsewhere.
const char* pixels_js = R"JS(
const [box, colour] = arguments;
const [cr, cg, cb] = colour || [42, 111, 151];
const img = window.antreShot;
const ctx = img.getContext('2d');
const data = ctx.getImageData(0, 0, img.width, img.height).data;
const bar = (x, y) => {
  const i = (y * img.width + x) * 4;
  return Math.abs(data[i] - cr) <= 3 && Math.abs(data[i + 1] - cg) <= 3 && Math.abs(data[i + 2] - cb) <= 3;
};
let inChart = 0, outside = 0;
for (let y = 0; y < img.height; ++y)
  for (let x = 0; x < img.width; ++x) {
    if (!bar(x, y)) continue;
    if (x >= box.left && x < box.right && y >= box.top && y < box.bottom) ++inChart; else ++outside;
  }
return {width: img.width, height: img.height, inChart, outside};
)JS";

struct Screen {
    const char* name;
    int width;
    int height;
    bool phone;
};

std::string text_of(Browser& browser, const std::string& id) {
    return browser.run("return document.getElementById('" + id + "').innerText;");
}

std::string rows(const std::string& table) { return "document.querySelectorAll('#" + table + " tbody tr').length"; }

std::string decimal_comma(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", v);
    std::string s = text;
    s[s.find('.')] = ',';
    return s;
}

// The box of the first element `selector` finds, in the window's pixels.
json box_of(Browser& browser, const std::string& selector) {
    return browser.run("const r = document.querySelector('" + selector +
                       "').getBoundingClientRect(); "
                       "return {left: Math.floor(r.left), top: Math.floor(r.top), right: Math.ceil(r.right), "
                       "bottom: Math.ceil(r.bottom)};");
}

// The window's screenshot saved as build/screenshots/NAME.png and decoded in the page.
void shoot(Browser& browser, const std::string& name) {
    const std::string png = browser.screenshot_png();
    const auto path = screenshot_dir() / (name + ".png");
    std::ofstream(path, std::ios::binary) << png;
    INFO("screenshot: " << path.string());
    REQUIRE(browser.load_shot(png));
}

// pixels_js over the decoded screenshot: of `colour` (the brand's when null) in `box`.
json pixels_of(Browser& browser, const json& box, const json& colour = nullptr) {
    return browser.run(std::string("return (function() {") + pixels_js + "}).apply(null, [" + box.dump() + ", " +
                       colour.dump() + "]);");
}

}  // namespace

TEST_CASE("hub dashboard in headless Chromium: log-in, pick an office, its figures", "[hub][dashboard][browser]") {
    SeededHub seeded;
    auto& hub = seeded.hub;
    const std::string base = "http://127.0.0.1:" + std::to_string(hub.web.port());

    // The reference: the line protocol's replies for office a on the Monday.
    Line line(hub.server.port());
    REQUIRE(line.ask({{"id", 1}, {"op", "hello"}, {"reader", "pbd"}, {"secret", region_secret}})["ok"] == true);
    const json period = {{"from", "2026-11-30"}, {"to", "2026-11-30"}, {"offices", {"a"}}};
    json ask = period;
    ask.update({{"id", 2}, {"op", "report"}, {"by", "office"}});
    const json a_row = line.ask(ask)["rows"][0];
    ask = period;
    ask.update({{"id", 3}, {"op", "ikm"}});
    const json a_ikm = line.ask(ask)["offices"][0]["reply"]["ikm"];
    REQUIRE(a_row["arrivals"].get<int>() > 0);
    REQUIRE(a_ikm["responses"].get<int>() > 0);

    const Screen screen = GENERATE(Screen{"phone", 390, 844, true}, Screen{"desktop", 1366, 900, false});
    INFO(screen.name);
    TempDir profile;
    ChromeDriver driver(profile.file("chromedriver.log"));
    Browser browser(driver, profile.file("chromium-profile"), screen.width, screen.height);
    browser.emulate(screen.width, screen.height, screen.phone);

    browser.go(base + "/#dari=2026-11-30&sampai=2026-11-30");
    REQUIRE(browser.wait_until("return !document.getElementById('login-view').hidden;"));
    browser.type("#reader", "pbd");
    browser.type("#secret", "salah");
    browser.click("#login-button");
    REQUIRE(browser.wait_until("return !document.getElementById('login-error').hidden;"));
    CHECK(text_of(browser, "login-error") == "ID pembaca atau kata sandi salah.");
    CHECK(browser.run("return document.getElementById('app').hidden;") == true);

    browser.type("#secret", region_secret);
    browser.click("#login-button");
    // Every office of the region, and "Semua kantor": the all-offices view first.
    REQUIRE(browser.wait_until("return !document.getElementById('app').hidden && " + rows("office-table") +
                               " === 2 && document.getElementById('load-state').className === 'badge live';"));
    CHECK(browser.run("return Array.from(document.getElementById('office').options).map((o) => o.value);") ==
          json::array({"", "a", "b"}));
    CHECK(text_of(browser, "office").find("Semua kantor") != std::string::npos);
    CHECK(browser.run("return " + rows("ranking-table") + ";") == 2);
    CHECK(text_of(browser, "scope-name") == "Wilayah papua-barat-daya");

    // Pick office a: its own figures.
    browser.run(
        "const s = document.getElementById('office'); s.value = 'a'; s.dispatchEvent(new Event('change')); "
        "return true;");
    REQUIRE(browser.wait_until("return document.getElementById('title').textContent.startsWith('Kantor A') && " +
                               rows("service-table") +
                               " === 1 && document.getElementById('load-state').className === 'badge live';"));
    CHECK(browser.run("return document.getElementById('by-office').hidden;") == true);
    CHECK(browser.run("return location.hash;") == "#kantor=a&dari=2026-11-30&sampai=2026-11-30");
    const std::string cards = text_of(browser, "cards");
    INFO(cards);
    CHECK(cards.find(std::to_string(a_row["arrivals"].get<int>()) + "\nDatang") != std::string::npos);
    CHECK(cards.find(std::to_string(a_row["served"].get<int>()) + "\nSelesai") != std::string::npos);
    CHECK(cards.find(std::to_string(static_cast<int>(a_row["wait_within"].get<double>() * 100 + 0.5)) +
                     "%\nTunggu dalam standar") != std::string::npos);
    CHECK(cards.find(decimal_comma(a_ikm["ikm"].get<double>()) + "\nIKM") != std::string::npos);
    const std::string services = text_of(browser, "service-table");
    CHECK(services.find("KTP") != std::string::npos);
    CHECK(text_of(browser, "ikm-table").find(decimal_comma(a_ikm["ikm"].get<double>())) != std::string::npos);
    CHECK(browser.run("return document.querySelectorAll('#chart-within svg rect.bar').length;") == 1);
    // Nothing wider than the screen.
    CHECK(browser.run("return document.documentElement.scrollWidth;").get<int>() <= screen.width);

    // The chart in view, then the screenshot by its pixels.
    browser.run("document.querySelector('#chart-within svg').scrollIntoView({block: 'center'}); return true;");
    const json box = box_of(browser, "#chart-within svg");
    shoot(browser, "hub-dashboard-" + std::string(screen.name));
    const json pixels = pixels_of(browser, box);
    INFO(pixels.dump());
    CHECK(pixels["width"] == screen.width);
    CHECK(pixels["height"] == screen.height);
    // One bar at 100% (a's waits all within the hour): a column of the plot's height.
    CHECK(pixels["inChart"].get<int>() > 1500);

    // The downloads of what is shown: the reports as CSV, the office's SKM report as PDF.
    CHECK(browser.run("return document.getElementById('service-csv').getAttribute('href');") ==
          "/api/report.csv?by=service&from=2026-11-30&to=2026-11-30&offices=a");
    CHECK(browser.run("return document.getElementById('ikm-pdf').getAttribute('href');") ==
          "/api/ikm.pdf?from=2026-11-30&to=2026-11-30&offices=a");
    CHECK(browser.run("return document.getElementById('ikm-pdf').hidden;") == false);
    const std::string csv = browser.run(
        "return fetch(document.getElementById('service-csv').href, {credentials: 'same-origin'})"
        ".then((r) => r.text());");
    CHECK(csv.rfind("office,", 0) == 0);
    CHECK(csv.find("\na,KTP,") != std::string::npos);

    // The officer's sheet: the office's officers to choose from, the chosen one's figures
    // as the line gives them, drawn by the office dashboard's own code (common.js).
    json sheet_ask = period;
    sheet_ask.erase("offices");
    sheet_ask.update({{"id", 4}, {"op", "officer_sheet"}, {"office", "a"}, {"officer", officer_nip}});
    const json sheet = line.ask(sheet_ask)["offices"][0]["reply"]["sheet"];
    REQUIRE(browser.wait_until("return document.getElementById('sheet-officer').options.length === 1;"));
    CHECK(browser.run("return document.getElementById('sheet').hidden;") == false);
    browser.click("#sheet-form button");
    REQUIRE(browser.wait_until("return !document.getElementById('sheet-result').hidden;"));
    CHECK(browser.run("return location.hash;") == "#kantor=a&dari=2026-11-30&sampai=2026-11-30&petugas=" + officer_nip);
    const std::string sheet_cards = text_of(browser, "sheet-cards");
    INFO(sheet_cards);
    CHECK(sheet_cards.find(std::to_string(sheet["total"]["served"].get<int>()) + "\ndokumen selesai dilayani") !=
          std::string::npos);
    CHECK(text_of(browser, "sheet-title").find("Siti Rahayu (NIP " + officer_nip + ")") != std::string::npos);
    CHECK(browser.run("return " + rows("sheet-table") + ";") == sheet["by_service"].size());
    CHECK(text_of(browser, "sheet-table").find("KTP") != std::string::npos);
    CHECK(browser.run("return document.documentElement.scrollWidth;").get<int>() <= screen.width);

    browser.run("document.getElementById('sheet-cards').scrollIntoView({block: 'center'}); return true;");
    const json form = {{"button", box_of(browser, "#sheet-form button")},
                       {"card", box_of(browser, "#sheet-cards .card.big")}};
    shoot(browser, "hub-dashboard-sheet-" + std::string(screen.name));
    const json button = pixels_of(browser, form["button"]);
    const json served = pixels_of(browser, form["card"], json::array({31, 84, 116}));  // the big figure's #1f5474
    INFO(button.dump() << " " << served.dump());
    const auto& b = form["button"];
    const int button_area =
        (b["right"].get<int>() - b["left"].get<int>()) * (b["bottom"].get<int>() - b["top"].get<int>());
    // The button's face is the brand's colour; the served count is drawn in the dark one.
    CHECK(button["inChart"].get<int>() > button_area / 2);
    CHECK(served["inChart"].get<int>() > 30);
}

}  // namespace hub_dashboard_browser_test
