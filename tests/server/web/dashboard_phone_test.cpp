// The dashboard as an office reads it, in headless Chromium: dates in Indonesian
// ("Rabu, 2 Desember 2026", never ISO), roles in Indonesian, services in letter order,
// an embedded favicon, every view usable on a phone 360-390 px wide and on a desktop,
// and every text on it readable: each text/background pair the browser draws is
// checked against WCAG 2.1 AA (4.5:1, 3:1 for large text) from its computed styles.
// Screenshots of every view at phone and desktop widths go to build/screenshots/
// and are checked by their pixels.
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "dashboard_views.hpp"
#include "webdriver.hpp"

namespace dashboard_phone_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

std::string count(const std::string& css) { return "document.querySelectorAll('" + css + "').length"; }

}  // namespace

TEST_CASE("dashboard at phone and desktop widths: every view fits, reads in Indonesian, meets WCAG AA",
          "[dashboard][browser]") {
    SimulatedWeek& week = shared_week();
    const std::string base = "http://127.0.0.1:" + std::to_string(week.office().http_port());
    // Today's view with a ticket waiting and one at a counter, so every row kind is drawn
    // (once: the week is shared by the runs for each screen).
    static bool seeded = false;
    if (!seeded) {
        auto kiosk = connect(week.office().port(), {{"role", "kiosk"}});
        REQUIRE(kiosk->call("issue", {{"service", "KK"}}).ok);
        REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        const auto& officer = counter_officers[1];
        auto counter = connect(week.office().port(),
                               {{"role", "counter"}, {"counter", 2}, {"nip", officer.nip}, {"pin", officer.pin}});
        REQUIRE(counter->call("call_next").ok);
        // Two saran/pengaduan for the IKM view's list: a short one and a long one that must wrap.
        REQUIRE(kiosk
                    ->call("survey", {{"answers", {4, 3, 3, 4, 3, 3, 4, 4, 3}},
                                      {"service", "KTP"},
                                      {"saran", "Antrean cepat, petugas ramah."}})
                    .ok);
        std::string long_saran = "Ruang tunggu panas pada siang hari dan kipas angin di dekat loket 3 mati;";
        for (int i = 0; i < 4; ++i) long_saran += " mohon diperbaiki sebelum musim kemarau, terutama untuk lansia;";
        REQUIRE(kiosk
                    ->call("survey",
                           {{"answers", {2, 3, 3, 2, 3, 3, 2, 3, 1}}, {"service", "PINDAH"}, {"saran", long_saran}})
                    .ok);
        seeded = true;
    }
    const auto snapshot = week.manager_client().call("snapshot");
    REQUIRE(snapshot.ok);
    const std::string today = snapshot.body["snapshot"]["office"]["day"];

    TempDir profile;
    ChromeDriver driver(profile.file("chromedriver.log"));
    Browser browser(driver, profile.file("chromium-profile"), 1366, 1000);
    const Screen screen = GENERATE(Screen{"phone", 390, 844, true}, Screen{"small-phone", 360, 740, true},
                                   Screen{"desktop", 1366, 900, false});
    browser.emulate(screen.width, screen.height, screen.phone);

    browser.go(base + "/login.html");
    REQUIRE(browser.wait_until("return !!document.getElementById('nip');"));
    // The favicon is in the page itself: no request for /favicon.ico, nothing from outside.
    for (const char* page : {"/login.html", "/"}) {
        INFO(page);
        const std::string html = http_request(week.office().http_port(), "GET", page).body;
        CHECK(std::regex_search(html, std::regex(R"(<link rel="icon"[^>]*href="data:image/svg\+xml,)")));
    }
    browser.type("#nip", manager.nip);
    browser.type("#pin", "0000");
    browser.click("#login-button");
    REQUIRE(browser.wait_until("return !document.getElementById('login-error').hidden;"));
    check_view(browser, screen, "login");

    browser.type("#pin", manager.pin);
    browser.click("#login-button");
    REQUIRE(browser.wait_until("return location.hash === '#hari-ini' && " + count("#services-table tbody tr") +
                               " === 6 && document.getElementById('counters-table').innerText.includes('Dipanggil');"));
    // The role in Indonesian, today's date written out, the services in letter order.
    const std::string who = browser.run("return document.getElementById('officer-name').textContent;");
    CHECK(who == manager.name + " · manajer");
    CHECK(browser.run("return document.getElementById('today-day').textContent;") == indonesian_date(today));
    const json letters = browser.run(
        "return Array.from(document.querySelectorAll('#services-table tbody tr td:first-child'))"
        ".map((td) => td.textContent.slice(0, 1));");
    CHECK(letters == json::array({"A", "B", "C", "D", "E", "F"}));
    check_view(browser, screen, "today");

    // Every grouping of the report: its rows are the op's, and each is checked as a view,
    // from the top (the day grouping) and scrolled to its table, which scrolls sideways in
    // its own box while the page does not.
    const std::vector<std::pair<std::string, std::string>> groupings = {
        {"officer", "petugas"}, {"service", "layanan"}, {"counter", "loket"}, {"day", "hari"}, {"hour", "jam"}};
    for (const auto& [by, word] : groupings) {
        INFO("by " << by);
        browser.go(base + "/#laporan?from=" + week_from + "&to=" + week_to + "&by=" + by);
        REQUIRE(
            browser.wait_until("return document.getElementById('report-table-title').textContent.startsWith("
                               "'Rincian menurut " +
                               word + " ') && " + count("#chart-service svg rect.bar") + " > 0;"));
        const auto op = week.manager_client().call("report", {{"by", by}, {"from", week_from}, {"to", week_to}});
        REQUIRE(op.ok);
        CHECK(browser.run("return " + count("#report-table tbody tr") + ";") == op.body["rows"].size());
        CHECK(browser.run("return document.getElementById('report-by').value;") == by);
        const std::string title = browser.run("return document.getElementById('report-table-title').textContent;");
        CHECK(title ==
              "Rincian menurut " + word + " · " + indonesian_date(week_from) + " s.d. " + indonesian_date(week_to));
        if (by == "day") {
            CHECK(browser.run("return document.querySelector('#report-table tbody td').textContent;") ==
                  indonesian_date(week_from));
            check_view(browser, screen, "report");
        }
        if (by == "service") {
            const json services = browser.run(
                "return Array.from(document.querySelectorAll('#report-table tbody tr td:first-child')).map((td) => "
                "td.textContent);");
            std::vector<std::string> shown = services.get<std::vector<std::string>>();
            std::vector<std::string> in_order;  // the config's services A..F, those the week saw
            for (const char* name : {"KTP-el", "Kartu Keluarga", "Akta Kelahiran", "Akta Kematian",
                                     "Kartu Identitas Anak", "Pindah/Datang"})
                for (const auto& s : shown)
                    if (s == name) in_order.push_back(s);
            CHECK(shown == in_order);
        }
        browser.run("document.getElementById('report-table-title').scrollIntoView(); return true;");
        check_view(browser, screen, "report-" + by);
    }

    browser.go(base + "/#petugas?officer=" + counter_officers[0].nip + "&from=" + week_from + "&to=" + week_to);
    REQUIRE(browser.wait_until("return !document.getElementById('sheet-result').hidden;"));
    CHECK(browser.run("return document.getElementById('sheet-title').textContent;") ==
          counter_officers[0].name + " (NIP " + counter_officers[0].nip +
              ") · Senin, 30 November 2026 s.d. Jumat, 4 Desember 2026");
    check_view(browser, screen, "sheet");

    browser.go(base + "/#ikm?from=" + week_from + "&to=" + today);
    REQUIRE(
        browser.wait_until("return !document.getElementById('ikm-result').hidden || "
                           "!document.getElementById('ikm-error').hidden;"));
    CHECK(browser.run("return document.getElementById('ikm-error').hidden;") == true);
    check_view(browser, screen, "ikm");

    // The saran/pengaduan of the period, newest first, each with a box for the office's answer.
    REQUIRE(browser.wait_until("return " + count("#notes-list li") + " >= 2;"));
    CHECK(browser.run("return document.querySelector('#notes-list li .note-text').textContent;")
              .get<std::string>()
              .rfind("Ruang tunggu panas", 0) == 0);
    CHECK(browser.run("return document.querySelector('#notes-list li .note-head').textContent;")
              .get<std::string>()
              .find("Pindah/Datang") != std::string::npos);
    // Each screen's run answers anew (the same note): its own words show that the answer came back.
    const std::string answer =
        "Kipas angin loket 3 sudah diganti (" + std::string(screen.name) + "). Terima kasih atas sarannya.";
    browser.run("document.querySelector('#notes-list li:first-child textarea').value = ''; return true;");
    browser.type("#notes-list li:first-child textarea", answer);
    browser.click("#notes-list li:first-child button");
    REQUIRE(
        browser.wait_until("const r = document.querySelector('#notes-list li:first-child .note-reply'); "
                           "return !!r && r.textContent.includes('(" +
                           std::string(screen.name) + ")');"));
    CHECK(browser.run("return document.querySelector('#notes-list li:first-child .note-reply').textContent;")
              .get<std::string>()
              .find(manager.name) != std::string::npos);
    browser.run("document.getElementById('notes-list').scrollIntoView(); return true;");
    check_view(browser, screen, "saran");
    // Only the unanswered ones: the answered note leaves the list.
    browser.click("#notes-open");
    REQUIRE(
        browser.wait_until("return Array.from(document.querySelectorAll('#notes-list .note-reply')).length === 0 "
                           "&& " +
                           count("#notes-list li") + " >= 1;"));

    // The report's PDF, downloaded as the page links it.
    browser.run(
        "window.antrePdf = null; fetch(document.getElementById('ikm-pdf').href).then(async (r) => {"
        " const bytes = new Uint8Array(await r.arrayBuffer());"
        " window.antrePdf = {type: r.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)),"
        " size: bytes.length}; }); return true;");
    REQUIRE(browser.wait_until("return window.antrePdf !== null;"));
    const json pdf = browser.run("return window.antrePdf;");
    CHECK(pdf["type"] == "application/pdf");
    CHECK(pdf["head"] == "%PDF-");
    CHECK(pdf["size"].get<int>() > 2000);

    // Online bookings of today: each service's sessions and its (empty) list.
    browser.go(base + "/#pemesanan");
    REQUIRE(browser.wait_until("return " + count("#bookings-services table") + " === 2;"));
    CHECK(browser.run("return document.getElementById('bookings-day').textContent;") == indonesian_date(today));
    check_view(browser, screen, "bookings");
}

}  // namespace dashboard_phone_test
