// The public page in a real browser at a phone's size (390x844): headless Debian
// Chromium, driven over WebDriver, opens the link of a real ticket, follows it to
// "Dipanggil" after call_next without a reload, and checks the screenshots by
// their pixels (build/screenshots/public-*.png). Then the same first load on an
// emulated 400 kbps / 400 ms link, its size and time written to the log.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "webdriver.hpp"

namespace public_page_browser_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

// Saves the screenshot, and returns the colour of its pixel at the middle of the
// element `id`'s left edge (8 px in), read back from the PNG by the browser's canvas.
std::array<int, 3> shoot(Browser& browser, const std::string& name, const std::string& id) {
    const std::string png = browser.screenshot_png();
    REQUIRE(png.substr(1, 3) == "PNG");
    std::ofstream(screenshot_dir() / name, std::ios::binary) << png;
    REQUIRE(browser.load_shot(png));
    const json px = browser.run("const r = document.getElementById(" + json(id).dump() +
                                ").getBoundingClientRect(); const shot = window.antreShot;"
                                " const d = shot.getContext('2d').getImageData(Math.round(r.left + 8),"
                                " Math.round(r.top + r.height / 2), 1, 1).data;"
                                " return [d[0], d[1], d[2], shot.width, shot.height];");
    CHECK(px[3] == 390);  // the phone's width
    return {px[0].get<int>(), px[1].get<int>(), px[2].get<int>()};
}

}  // namespace

TEST_CASE("public page in headless Chromium at 390x844: a ticket followed to its call", "[public][browser]") {
    const OfficerSeed& officer = counter_officers[0];
    TestOffice office({officer});
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);  // A-001, ahead of ours
    const auto issued = kiosk->call("issue", {{"service", "KTP"}});
    REQUIRE(issued.ok);
    // The link as printed, with the loopback address the test's browser reaches.
    const std::string link =
        "http://127.0.0.1:" + std::to_string(office.public_port()) + "/t/" + issued.body["code"].get<std::string>();

    TempDir profile;
    ChromeDriver driver(profile.file("chromedriver.log"));
    Browser browser(driver, profile.file("chromium-profile"), 390, 844);
    // Headless windows are at least 500 px wide: the phone's viewport by DevTools.
    browser.devtools("Emulation.setDeviceMetricsOverride",
                     {{"width", 390}, {"height", 844}, {"deviceScaleFactor", 1}, {"mobile", true}});

    SECTION("waiting, then called, live") {
        browser.go(link);
        REQUIRE(browser.wait_until("return document.getElementById('label').textContent === 'A-002';"));
        CHECK(browser.run("return document.getElementById('state').textContent;") == "Menunggu");
        CHECK(browser.run("return document.getElementById('ahead').textContent;") == "1");
        CHECK(browser.run("return document.getElementById('alert').textContent;")
                  .get<std::string>()
                  .find("Sebentar lagi giliran Anda") != std::string::npos);
        const auto waiting = shoot(browser, "public-ticket-waiting.png", "state");
        CHECK(waiting == std::array<int, 3>{0xf5, 0xb4, 0x00});  // "soon": amber
        browser.run("window.antreMarker = 1; return true;");

        auto counter =
            connect(office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer.nip}, {"pin", officer.pin}});
        REQUIRE(counter->call("call_next").ok);
        REQUIRE(browser.wait_until("return document.getElementById('ahead').textContent === '0';"));
        REQUIRE(counter->call("start").ok);
        REQUIRE(counter->call("finish").ok);
        REQUIRE(counter->call("call_next").ok);  // ours
        REQUIRE(browser.wait_until("return document.getElementById('state').textContent.indexOf('Dipanggil') === 0;"));
        CHECK(browser.run("return document.getElementById('state').textContent;") ==
              "Dipanggil \xE2\x80\x94 silakan ke Loket 1");
        CHECK(browser.run("return window.antreMarker === 1;") == true);  // no reload
        const auto called = shoot(browser, "public-ticket-called.png", "state");
        CHECK(called == std::array<int, 3>{0x11, 0x7a, 0x2e});  // green
        const std::string page = browser.run("return document.body.innerText;");
        CHECK(page.find(officer.nip) == std::string::npos);
        CHECK(page.find(officer.name) == std::string::npos);

        // English at a tap, and back.
        browser.click("#lang");
        CHECK(browser.run("return document.getElementById('state').textContent;") ==
              "Called \xE2\x80\x94 please go to Loket 1");
        shoot(browser, "public-ticket-called-en.png", "state");
        browser.click("#lang");

        // The office page: the board on the phone.
        browser.go("http://127.0.0.1:" + std::to_string(office.public_port()) + "/");
        REQUIRE(browser.wait_until("return document.getElementById('counters').innerText.indexOf('A-002') >= 0;"));
        shoot(browser, "public-office.png", "counters");
    }
    SECTION("a link past its day, and a malformed one, say so kindly") {
        office.clock().advance(16 * 3600'000);
        browser.go(link);
        REQUIRE(browser.wait_until("return !document.getElementById('alert').hidden;"));
        CHECK(browser.run("return document.getElementById('alert').textContent;")
                  .get<std::string>()
                  .find("Tiket ini sudah tidak berlaku") == 0);
        CHECK(browser.run("return document.getElementById('card').hidden;") == true);
        const auto gone = shoot(browser, "public-ticket-expired.png", "alert");
        CHECK(gone == std::array<int, 3>{0xff, 0xff, 0xff});
        browser.go("http://127.0.0.1:" + std::to_string(office.public_port()) + "/t/nope");
        REQUIRE(browser.wait_until("return !document.getElementById('alert').hidden;"));
        CHECK(browser.run("return document.getElementById('alert').textContent;") == "Alamat tiket ini tidak sah");
    }
    SECTION("the first load on a 400 kbps, 400 ms link") {
        browser.devtools("Network.enable", json::object());
        browser.devtools("Network.emulateNetworkConditions", {{"offline", false},
                                                              {"latency", 400},
                                                              {"downloadThroughput", 400 * 1000 / 8},
                                                              {"uploadThroughput", 400 * 1000 / 8}});
        browser.go(link);
        REQUIRE(browser.wait_until("return document.getElementById('label').textContent === 'A-002';",
                                   std::chrono::seconds(60)));
        // The time from the navigation's start until the number shows, and the bytes moved.
        const json m = browser.run(
            "var n = performance.getEntriesByType('navigation')[0], bytes = n.transferSize;"
            "var r = performance.getEntriesByType('resource');"
            "for (var i = 0; i < r.length; i++) bytes += r[i].transferSize;"
            "return {shown_ms: Math.round(performance.now()), loaded_ms: Math.round(n.loadEventEnd),"
            " page_bytes: n.transferSize, bytes: bytes};");
        std::cout << "public page, 400 kbps / 400 ms: " << m.dump() << "\n";
        CHECK(m["page_bytes"].get<int>() < 30 * 1024);
        shoot(browser, "public-ticket-slow-link.png", "state");
    }
}

}  // namespace public_page_browser_test
