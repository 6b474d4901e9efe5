// The managers' bookings view (#pemesanan, docs/booking.md): a day's bookings per
// service and session with counts and rates, the CSV (with the NIK: managers only),
// and closing a session with a reason through booking_close, over HTTP and in
// headless Chromium at a phone's size and a desktop's (build/screenshots/).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "test_nik.hpp"
#include "webdriver.hpp"

namespace dashboard_bookings_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

constexpr const char* tuesday = "2026-12-01";

// Sorong's test office on Monday 09:00 with six bookings for Tuesday (three at 08:00,
// two at 09:00, one at 10:00), then on Tuesday at 09:45: the 08:00 ones are missed.
struct BookedOffice {
    TestOffice office{{manager}};
    std::vector<std::string> codes;
    BookedOffice() {
        const char* sessions[] = {"08:00", "08:00", "08:00", "09:00", "09:00", "10:00"};
        for (int i = 0; i < 6; ++i) {
            const json body = {{"service", "KTP"},
                               {"day", tuesday},
                               {"session", sessions[i]},
                               {"nik", nik(i + 1)},
                               {"name", i == 5 ? "=HYPERLINK(\"x\")" : "Warga " + std::to_string(i + 1)},
                               {"phone", "0812"}};
            const HttpReply r = http_request(office.public_port(), "POST", "/api/public/booking", body.dump(),
                                             {{"Content-Type", "application/json"}});
            REQUIRE(r.status == 200);
            codes.push_back(r.json()["booking"]["code"]);
        }
        office.clock().advance((24 * 60 + 45) * 60'000);  // Tuesday 09:45
        // A request closes Monday (the midnight timer runs on real time), so that
        // Tuesday's log-in tokens last the day.
        auto boss = connect(office.port(), {{"role", "manager"}, {"nip", manager.nip}, {"pin", manager.pin}});
        REQUIRE(boss->call("snapshot").ok);
    }
    std::string cookie() {
        const HttpReply r = http_request(office.http_port(), "POST", "/api/login",
                                         json{{"nip", manager.nip}, {"pin", manager.pin}}.dump(),
                                         {{"Content-Type", "application/json"}});
        REQUIRE(r.status == 200);
        return cookie_of(r);
    }
};

HttpReply close_request(BookedOffice& b, const std::string& body, const std::string& cookie,
                        const std::string& type = "application/json") {
    return http_request(b.office.http_port(), "POST", "/api/booking_close", body,
                        {{"Content-Type", type}, {"Cookie", cookie}});
}

}  // namespace

TEST_CASE("dashboard bookings over HTTP: the day, its CSV, closing a session", "[dashboard][booking]") {
    BookedOffice b;
    const std::string cookie = b.cookie();
    const unsigned short port = b.office.http_port();

    const HttpReply day =
        http_request(port, "GET", std::string("/api/bookings?day=") + tuesday, "", {{"Cookie", cookie}});
    REQUIRE(day.status == 200);
    const json sessions = day.json()["services"][0]["sessions"];
    CHECK(sessions[0]["missed"] == 3);  // 08:00 ended at 09:00, plus 30 minutes' grace
    CHECK(sessions[1]["active"] == 2);
    CHECK(http_request(port, "GET", "/api/bookings").status == 401);  // no session, no NIK

    const HttpReply csv =
        http_request(port, "GET", std::string("/api/bookings.csv?day=") + tuesday, "", {{"Cookie", cookie}});
    REQUIRE(csv.status == 200);
    CHECK(csv.header("content-type") == "text/csv; charset=utf-8");
    CHECK(csv.header("content-disposition") == "attachment; filename=\"antre-pemesanan-2026-12-01.csv\"");
    CHECK(csv.body.find("day,service,session_start,session_end,status,nik,name,phone,booked_at_utc,reason\n") == 0);
    CHECK(csv.body.find("2026-12-01,KTP,08:00,09:00,missed," + nik(1) + ",Warga 1,0812,2026-11-30T00:00:00Z,\n") !=
          std::string::npos);
    CHECK(csv.body.find(",\"'=HYPERLINK(\"\"x\"\")\",") != std::string::npos);  // never a formula

    // Closing: JSON by POST only, with a reason; its bookings are cancelled with it.
    CHECK(http_request(port, "GET", "/api/booking_close", "", {{"Cookie", cookie}}).status == 405);
    CHECK(close_request(b, "day=2026-12-01&reason=x", cookie, "application/x-www-form-urlencoded").status == 415);
    CHECK(close_request(b, "{", cookie).status == 400);
    CHECK(close_request(b, json{{"day", tuesday}, {"reason", "Listrik padam"}}.dump(), "").status == 401);
    const HttpReply no_reason = close_request(b, json{{"day", tuesday}, {"session", "10:00"}}.dump(), cookie);
    CHECK(no_reason.status == 400);
    const HttpReply closed = close_request(
        b, json{{"day", tuesday}, {"service", "KTP"}, {"session", "10:00"}, {"reason", "Listrik padam"}}.dump(),
        cookie);
    REQUIRE(closed.status == 200);
    CHECK(closed.json()["cancelled"] == 1);
    const HttpReply seen =
        http_request(b.office.public_port(), "POST", "/api/public/booking/find",
                     json{{"nik", nik(6)}, {"code", b.codes[5]}}.dump(), {{"Content-Type", "application/json"}});
    CHECK(seen.json()["booking"]["reason"] == "Listrik padam");
}

TEST_CASE("dashboard bookings in headless Chromium at phone and desktop sizes", "[dashboard][booking][browser]") {
    struct Screen {
        const char* name;
        int width, height;
        bool phone;
    };
    const Screen screen = GENERATE(Screen{"phone", 390, 844, true}, Screen{"desktop", 1366, 900, false});
    BookedOffice b;
    const std::string base = "http://127.0.0.1:" + std::to_string(b.office.http_port());
    TempDir profile;
    ChromeDriver driver(profile.file("chromedriver.log"));
    Browser browser(driver, profile.file("chromium-profile"), 1366, 900);
    browser.emulate(screen.width, screen.height, screen.phone);
    browser.go(base + "/login.html");
    REQUIRE(browser.wait_until("return !!document.getElementById('nip');"));
    browser.type("#nip", manager.nip);
    browser.type("#pin", manager.pin);
    browser.click("#login-button");
    REQUIRE(browser.wait_until("return location.hash === '#hari-ini';"));

    browser.go(base + "/#pemesanan");  // today: Tuesday
    REQUIRE(browser.wait_until("return document.querySelectorAll('#bookings-services table').length === 2;"));
    CHECK(browser.run("return document.getElementById('bookings-day').textContent;") == "Selasa, 1 Desember 2026");
    const std::string cards = browser.run("return document.getElementById('bookings-cards').innerText;");
    INFO(cards);
    CHECK(cards.find("6\ndipesan") != std::string::npos);
    CHECK(cards.find("3\ntidak datang") != std::string::npos);
    CHECK(cards.find("tingkat hadir 0%") != std::string::npos);  // 0 of the 3 decided came
    const json first = browser.run(
        "return Array.prototype.map.call(document.querySelectorAll('#bookings-services table')[0].tBodies[0]"
        ".rows[0].cells, function (c) { return c.textContent; });");
    CHECK(first == json::array({"08:00\xE2\x80\x93"
                                "09:00",
                                "20", "3", "15%", "0", "3", "0%", "0", "0", "Buka"}));
    const std::string people =
        browser.run("return document.querySelectorAll('#bookings-services table')[1].innerText;");
    CHECK(people.find(nik(1)) != std::string::npos);  // managers see the NIK
    CHECK(browser.run("return document.getElementById('bookings-csv').getAttribute('href');") ==
          std::string("/api/bookings.csv?day=") + tuesday);
    // The month's bookings by day: each day written out, as everywhere a person reads a date.
    REQUIRE(browser.wait_until("return document.querySelectorAll('#booking-report tbody tr').length === 2;"));
    CHECK(browser.run("return document.querySelector('#booking-report tbody td').textContent;") ==
          "Selasa, 1 Desember 2026");
    CHECK_FALSE(
        std::regex_search(browser.run("return document.getElementById('view-pemesanan').innerText;").get<std::string>(),
                          std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")));

    // Close the 10:00 session: the first tap asks, the second closes.
    browser.run("document.getElementById('close-session').value = '10:00'; return true;");
    browser.type("#close-reason", "Listrik padam");
    browser.click("#close-button");
    CHECK(
        browser.run("return document.getElementById('close-button').textContent;").get<std::string>().find("Yakin?") ==
        0);
    browser.click("#close-button");
    REQUIRE(browser.wait_until("return !document.getElementById('close-result').hidden;"));
    CHECK(browser.run("return document.getElementById('close-result').textContent;")
              .get<std::string>()
              .find("1 pemesanan dibatalkan") != std::string::npos);
    REQUIRE(browser.wait_until(
        "return document.querySelectorAll('#bookings-services table')[0].innerText.indexOf('Ditutup: Listrik padam') "
        ">= 0;"));
    const char* dir = std::getenv("ANTRE_SCREENSHOT_DIR");
    const std::filesystem::path folder = dir ? dir : "screenshots";
    std::filesystem::create_directories(folder);
    browser.run("window.scrollTo(0, 0); return true;");
    const std::string png = browser.screenshot_png();
    REQUIRE(png.substr(1, 3) == "PNG");
    std::ofstream(folder / ("dashboard-" + std::string(screen.name) + "-bookings.png"), std::ios::binary) << png;
}

}  // namespace dashboard_bookings_test
