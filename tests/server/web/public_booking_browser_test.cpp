// The booking pages (/booking, docs/booking.md) in headless Debian Chromium at a
// phone's size (390x844) and a desktop's, against the real server: a service, a
// day, a session, NIK and name, the result with its code and QR (read back from the
// screenshot's pixels with zbar), refusals (a malformed NIK, one booking per NIK,
// service and day, a full session, a closed day), look-up and cancel with NIK +
// code, and the page's first-load weight. Screenshots: build/screenshots/booking-*.png.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <boost/beast/core/detail/base64.hpp>
#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "qr_grey.hpp"
#include "test_nik.hpp"
#include "webdriver.hpp"

namespace public_booking_browser_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;
namespace b64 = boost::beast::detail::base64;

namespace {

// Sorong on Monday 30 November 2026, 09:00 WIT (the test office): KTP-el books.
constexpr const char* tuesday = "2026-12-01";
constexpr const char* wednesday = "2026-12-02";

struct Screen {
    const char* name;
    int width, height;
    bool phone;
};

// The screenshot, saved as booking-{screen}-{name}.png, and loaded into a canvas in the
// page (window.antreShot) so that its pixels can be read where the page's elements are.
void shoot(Browser& browser, const Screen& screen, const std::string& name) {
    const std::string png = browser.screenshot_png();
    REQUIRE(png.substr(1, 3) == "PNG");
    std::ofstream(screenshot_dir() / ("booking-" + std::string(screen.name) + "-" + name + ".png"), std::ios::binary)
        << png;
    REQUIRE(browser.load_shot(png));
    CHECK(browser.run("return window.antreShot.width;") == screen.width);
}

// The colour of the last screenshot 8 px inside the left edge of what `css` selects, halfway down.
std::array<int, 3> colour_at(Browser& browser, const std::string& css) {
    const json px = browser.run("var r = document.querySelector(" + json(css).dump() +
                                ").getBoundingClientRect();"
                                " var d = window.antreShot.getContext('2d').getImageData(Math.round(r.left + 8),"
                                " Math.round(r.top + r.height / 2), 1, 1).data; return [d[0], d[1], d[2]];");
    return {px[0].get<int>(), px[1].get<int>(), px[2].get<int>()};
}

// The QR codes zbar reads in the last screenshot where `css` (with a margin) is drawn.
std::vector<std::string> qr_at(Browser& browser, const std::string& css) {
    const json area = browser.run(
        "var r = document.querySelector(" + json(css).dump() +
        ").getBoundingClientRect(); var x = Math.max(0, Math.round(r.left) - 16), y = Math.max(0, Math.round(r.top) - "
        "16);"
        " var w = Math.min(window.antreShot.width - x, Math.round(r.width) + 32), h = Math.min(window.antreShot.height "
        "- y,"
        " Math.round(r.height) + 32);"
        " var d = window.antreShot.getContext('2d').getImageData(x, y, w, h).data, s = '';"
        " for (var k = 0; k < d.length; k += 8192) s += String.fromCharCode.apply(null, d.subarray(k, k + 8192));"
        " return {w: w, h: h, rgba: btoa(s)};");
    const std::string encoded = area["rgba"];
    std::string rgba(b64::decoded_size(encoded.size()), '\0');
    rgba.resize(b64::decode(rgba.data(), encoded.data(), encoded.size()).first);
    const int w = area["w"], h = area["h"];
    REQUIRE(rgba.size() == static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    auto grey = grey_of_rgba(reinterpret_cast<const std::uint8_t*>(rgba.data()), static_cast<std::size_t>(w * h));
    return decode_qr_grey(grey, w, h);
}

std::string text_of(Browser& browser, const std::string& id) {
    return browser.run("return document.getElementById('" + id + "').textContent;");
}

std::string count(const std::string& css) { return "document.querySelectorAll(" + json(css).dump() + ").length"; }

}  // namespace

TEST_CASE("booking pages in headless Chromium: book, refusals, look up and cancel", "[public][booking][browser]") {
    const Screen screen = GENERATE(Screen{"phone", 390, 844, true}, Screen{"desktop", 1366, 900, false});
    TestOffice office({manager}, [](AppOptions& o) {
        o.handler.bookings_per_address = {100000, 60'000, 1000};
        o.handler.bookings_per_nik = {100000, 60'000, 1000};
    });
    const std::string base = "http://127.0.0.1:" + std::to_string(office.public_port());
    auto post = [&](const std::string& target, const json& body) {
        return http_request(office.public_port(), "POST", target, body.dump(), {{"Content-Type", "application/json"}});
    };
    // The 13:00 session of Tuesday is full (15 places), and a manager closed Wednesday.
    for (int i = 0; i < 15; ++i)
        REQUIRE(
            post("/api/public/booking",
                 {{"service", "KTP"}, {"day", tuesday}, {"session", "13:00"}, {"nik", nik(100 + i)}, {"name", "Warga"}})
                .status == 200);
    const HttpReply closed_one =
        post("/api/public/booking",
             {{"service", "KTP"}, {"day", wednesday}, {"session", "08:00"}, {"nik", nik(7)}, {"name", "Yosina"}});
    REQUIRE(closed_one.status == 200);
    const std::string closed_code = closed_one.json()["booking"]["code"];
    auto boss = connect(office.port(), {{"role", "manager"}, {"nip", manager.nip}, {"pin", manager.pin}});
    REQUIRE(boss->call("booking_close", {{"day", wednesday}, {"reason", "Listrik padam"}}).ok);

    TempDir profile;
    ChromeDriver driver(profile.file("chromedriver.log"));
    Browser browser(driver, profile.file("chromium-profile"), 1366, 900);
    browser.emulate(screen.width, screen.height, screen.phone);

    // The office page links to booking.
    browser.go(base + "/");
    REQUIRE(browser.wait_until("return !!document.getElementById('book_link');"));
    CHECK(browser.run("return document.getElementById('book_link').getAttribute('href');") == "/booking");

    browser.go(base + "/booking");
    REQUIRE(browser.wait_until("return " + count("#services .choice") + " === 1;"));
    const std::string service = browser.run("return document.querySelector('#services .choice').innerText;");
    CHECK(service.find("KTP-el") == 0);
    CHECK(service.find("Fotokopi Kartu Keluarga") != std::string::npos);  // its persyaratan
    shoot(browser, screen, "service");
    // The first load: one answer for the page, one for the services, within the public page's budget.
    const json load = browser.run(
        "var n = performance.getEntriesByType('navigation')[0], bytes = n.transferSize;"
        " var r = performance.getEntriesByType('resource');"
        " for (var i = 0; i < r.length; i++) bytes += r[i].transferSize;"
        " return {page_bytes: n.transferSize, bytes: bytes, requests: r.length + 1};");
    std::cout << "booking page, first load (" << screen.name << "): " << load.dump() << "\n";
    CHECK(load["page_bytes"].get<int>() < 30 * 1024);
    CHECK(load["requests"] == 2);
    CHECK(colour_at(browser, "header") == std::array<int, 3>{0x0b, 0x4f, 0x8a});

    // Days: from tomorrow, no weekend, Wednesday closed with its reason, and the day
    // after the window opens tomorrow at 07:00.
    browser.click("#services .choice");
    REQUIRE(browser.wait_until("return location.hash === '#hari' && " + count("#days .choice") + " > 0;"));
    const json days = browser.run(
        "return Array.prototype.map.call(document.querySelectorAll('#days .choice'), function (b) {"
        " return [b.querySelector('b').textContent, b.disabled, b.innerText]; });");
    INFO(days.dump());
    REQUIRE(days.size() == 11);  // 15 days: 4 weekend days left out
    CHECK(days[0][0] == "Selasa, 1 Desember 2026");
    CHECK(days[0][1] == false);
    CHECK(days[1][0] == "Rabu, 2 Desember 2026");
    CHECK(days[1][1] == true);
    CHECK(days[1][2].get<std::string>().find("Ditutup: Listrik padam") != std::string::npos);
    for (const auto& d : days) CHECK(d[0].get<std::string>().find("Sabtu") == std::string::npos);
    CHECK(days[10][0] == "Selasa, 15 Desember 2026");
    CHECK(days[10][1] == true);
    CHECK(days[10][2].get<std::string>().find("Dibuka Selasa, 1 Desember 2026 pukul 07:00") != std::string::npos);
    shoot(browser, screen, "days");

    // Sessions with their remaining places; 13:00 is full.
    browser.click("#days .choice");
    REQUIRE(browser.wait_until("return location.hash === '#sesi' && " + count("#sessions .choice") + " === 4;"));
    const json sessions = browser.run(
        "return Array.prototype.map.call(document.querySelectorAll('#sessions .choice'), function (b) {"
        " return [b.innerText, b.disabled]; });");
    INFO(sessions.dump());
    CHECK(sessions[0][0].get<std::string>().find("08:00\xE2\x80\x93"
                                                 "09:00") == 0);
    CHECK(sessions[0][0].get<std::string>().find("sisa 20 tempat") != std::string::npos);
    CHECK(sessions[3][0].get<std::string>().find("Penuh") != std::string::npos);
    CHECK(sessions[3][1] == true);
    shoot(browser, screen, "sessions");

    // A malformed NIK is refused with its reason.
    browser.click("#sessions .choice");
    REQUIRE(browser.wait_until("return location.hash === '#data';"));
    CHECK(text_of(browser, "crumb_form") ==
          "KTP-el \xC2\xB7 Selasa, 1 Desember 2026 \xC2\xB7 08:00\xE2\x80\x93"
          "09:00");
    browser.type("#nik", "9271013205900001");  // the 32nd
    browser.type("#name", "Maria Kambuaya");
    browser.click("#book");
    REQUIRE(browser.wait_until("return !document.getElementById('alert').hidden;"));
    CHECK(text_of(browser, "alert").find("Tanggal lahir pada NIK (angka 7-8)") == 0);
    browser.run("window.scrollTo(0, 0); return true;");
    shoot(browser, screen, "refused-nik");
    CHECK(colour_at(browser, "#alert") == std::array<int, 3>{0xf5, 0xb4, 0x00});  // amber

    // Booked: the code big, its QR, the day, the session and what to bring.
    browser.run("document.getElementById('nik').value = ''; return true;");
    browser.type("#nik", nik(1));
    browser.click("#book");
    REQUIRE(browser.wait_until(
        "return location.hash === '#hasil' && document.getElementById('r_code').textContent.length === 8;"));
    REQUIRE(browser.wait_until("var q = document.getElementById('r_qr'); return q.complete && q.naturalWidth > 0;"));
    const std::string code = text_of(browser, "r_code");
    CHECK(code.size() == 8);
    CHECK(text_of(browser, "r_day") == "Selasa, 1 Desember 2026");
    CHECK(text_of(browser, "r_session") ==
          "08:00\xE2\x80\x93"
          "09:00");
    CHECK(text_of(browser, "r_nik") == "************0001");
    CHECK(browser.run("return " + count("#r_bring li") + ";") == 3);
    CHECK(text_of(browser, "r_state").find("Terpesan") == 0);
    CHECK(browser.run("return document.body.innerText.indexOf('" + nik(1) + "') < 0;") == true);
    const HttpReply found = post("/api/public/booking/find", {{"nik", nik(1)}, {"code", code}});
    CHECK(found.status == 200);
    CHECK(found.json()["booking"]["session"]["start"] == "08:00");
    browser.run("window.scrollTo(0, 0); return true;");
    shoot(browser, screen, "result");
    CHECK(colour_at(browser, "#r_state") == std::array<int, 3>{0x11, 0x7a, 0x2e});  // green
    CHECK(qr_at(browser, "#r_qr") == std::vector<std::string>{code});
    // The .ics is fetched by POST (no NIK in an address) and offered as a download.
    browser.run(
        "window.__ics = null; var real = URL.createObjectURL; URL.createObjectURL = function (b) {"
        " var r = new FileReader(); r.onload = function () { window.__ics = r.result; }; r.readAsText(b);"
        " return real.call(URL, b); }; return true;");
    browser.click("#ics");
    REQUIRE(browser.wait_until("return window.__ics !== null;"));
    const std::string ics = browser.run("return window.__ics;");
    CHECK(ics.find("BEGIN:VCALENDAR") == 0);
    CHECK(ics.find(code) != std::string::npos);

    // One booking per NIK, service and day: a second one is refused.
    browser.go(base + "/booking");
    REQUIRE(browser.wait_until("return " + count("#services .choice") + " === 1;"));
    browser.click("#services .choice");
    REQUIRE(browser.wait_until("return " + count("#days .choice") + " > 0;"));
    browser.click("#days .choice");
    REQUIRE(browser.wait_until("return " + count("#sessions .choice") + " === 4;"));
    CHECK(browser.run("return document.querySelector('#sessions .choice').innerText;")
              .get<std::string>()
              .find("sisa 19 tempat") != std::string::npos);
    browser.click("#sessions .choice:nth-child(2)");
    REQUIRE(browser.wait_until("return location.hash === '#data';"));
    browser.type("#nik", nik(1));
    browser.type("#name", "Maria Kambuaya");
    browser.click("#book");
    REQUIRE(browser.wait_until("return !document.getElementById('alert').hidden;"));
    CHECK(text_of(browser, "alert").find("NIK ini sudah punya pemesanan") == 0);
    // In English at a tap.
    browser.click("#lang");
    CHECK(text_of(browser, "alert").find("This NIK already has a booking") == 0);
    browser.run("window.scrollTo(0, 0); return true;");
    shoot(browser, screen, "refused-twice-en");
    browser.click("#lang");

    // Looked up with NIK + code, typed in lower case with a dash, and cancelled.
    browser.go(base + "/booking#cari");
    REQUIRE(browser.wait_until("return !document.getElementById('v-find').hidden;"));
    browser.type("#f_nik", nik(1));
    browser.type("#f_code", code.substr(0, 4) + "-" + code.substr(4));
    browser.run("var c = document.getElementById('f_code'); c.value = c.value.toLowerCase(); return true;");
    browser.click("#find");
    REQUIRE(browser.wait_until("return location.hash === '#hasil';"));
    CHECK(text_of(browser, "r_code") == code);
    browser.click("#cancel");
    browser.click("#cancel_yes");
    REQUIRE(browser.wait_until("return document.getElementById('r_state').textContent === 'Dibatalkan';"));
    CHECK(browser.run("return document.getElementById('ics').hidden && document.getElementById('cancel').hidden;") ==
          true);
    browser.run("window.scrollTo(0, 0); return true;");
    shoot(browser, screen, "cancelled");
    CHECK(colour_at(browser, "#r_state") == std::array<int, 3>{0xdd, 0xdd, 0xdd});  // grey: ended
    CHECK(http_request(office.public_port(), "GET",
                       std::string("/api/public/booking/sessions?service=KTP&day=") + tuesday)
              .json()["sessions"][0]["remaining"] == 20);

    // The booking of the closed day shows the office's reason.
    browser.go(base + "/booking#cari");
    REQUIRE(browser.wait_until("return !document.getElementById('v-find').hidden;"));
    // The same page (only its hash changed): the fields still hold the last look-up.
    browser.run("document.getElementById('f_nik').value = document.getElementById('f_code').value = ''; return true;");
    browser.type("#f_nik", nik(7));
    browser.type("#f_code", closed_code);
    browser.click("#find");
    REQUIRE(browser.wait_until("return location.hash === '#hasil';"));
    CHECK(text_of(browser, "r_state") == "Dibatalkan oleh kantor: Listrik padam");
    shoot(browser, screen, "closed-by-office");
}

TEST_CASE("booking page: one answer within the public page's weight", "[public][booking]") {
    TestOffice office;
    const HttpReply page = http_request(office.public_port(), "GET", "/booking");
    REQUIRE(page.status == 200);
    CHECK(page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.header("cache-control").find("no-store") != std::string::npos);
    const std::string csp = page.header("content-security-policy");
    CHECK(csp.find("default-src 'none'") == 0);
    CHECK(csp.find("form-action 'none'") != std::string::npos);
    CHECK(page.body.find("<script src=") == std::string::npos);  // inlined
    CHECK(page.body.find("http://") == std::string::npos);       // nothing from elsewhere
    CHECK(page.body.find("https://") == std::string::npos);
    std::cout << "booking page: " << page.body.size() << " bytes\n";
    CHECK(page.body.size() < 30 * 1024);
}

}  // namespace public_booking_browser_test
