// The dashboard in a real browser: headless Debian Chromium, driven over
// WebDriver, against the server of a simulated week. It logs in, watches the live
// view follow a new ticket without a reload, opens the week's report, checks the
// officer table and the SVG charts, and saves screenshots (build/screenshots/).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "webdriver.hpp"

namespace dashboard_browser_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

void save(Browser& browser, const std::string& name) {
    const std::string png = browser.screenshot_png();
    REQUIRE(png.size() > 8);
    CHECK(png.substr(1, 3) == "PNG");
    const auto path = screenshot_dir() / name;
    std::ofstream(path, std::ios::binary) << png;
    INFO("screenshot: " << path.string());
}

std::string count(const std::string& css) { return "document.querySelectorAll('" + css + "').length"; }

}  // namespace

TEST_CASE("dashboard in headless Chromium: log-in, live view, the week's report", "[dashboard][browser]") {
    SimulatedWeek& week = shared_week();
    TempDir profile;
    ChromeDriver driver(profile.file("chromedriver.log"));
    Browser browser(driver, profile.file("chromium-profile"), 1366, 1900);
    const std::string base = "http://127.0.0.1:" + std::to_string(week.office().http_port());

    // Without a session the dashboard sends the browser to the log-in page.
    browser.go(base + "/");
    REQUIRE(browser.wait_until("return location.pathname === '/login.html' && !!document.getElementById('nip');"));
    save(browser, "dashboard-login.png");

    // A wrong PIN is refused on the page.
    browser.type("#nip", manager.nip);
    browser.type("#pin", "0000");
    browser.click("#login-button");
    REQUIRE(browser.wait_until("const e = document.getElementById('login-error'); return !e.hidden;"));
    CHECK(browser.run("return document.getElementById('login-error').textContent;") == "NIP atau PIN salah.");

    browser.type("#pin", manager.pin);
    browser.click("#login-button");
    REQUIRE(browser.wait_until("return location.hash === '#hari-ini' && " + count("#services-table tbody tr") +
                               " === 6 && " + count("#counters-table tbody tr") + " === 6;"));
    CHECK(browser.run("return document.getElementById('officer-name').textContent;")
              .get<std::string>()
              .find(manager.name) != std::string::npos);

    SECTION("today's view follows the queue without a reload") {
        browser.run("window.antreMarker = 1; return true;");
        // Two KTP tickets; seven minutes later an officer at counter 2 calls the first.
        auto kiosk = connect(week.office().port(), {{"role", "kiosk"}});
        REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        week.office().clock().advance(7 * 60'000);
        const auto& officer = counter_officers[0];
        auto counter = connect(week.office().port(),
                               {{"role", "counter"}, {"counter", 2}, {"nip", officer.nip}, {"pin", officer.pin}});
        REQUIRE(counter->call("call_next").ok);
        // The KTP row (first) shows one waiting, counter 2 its officer and ticket,
        // and the page is still the same page.
        REQUIRE(browser.wait_until(
            "return document.querySelector('#services-table tbody tr td.num').textContent === '1' && "
            "document.getElementById('counters-table').innerText.includes('A-001');"));
        const std::string counters = browser.run("return document.getElementById('counters-table').innerText;");
        CHECK(counters.find(officer.name) != std::string::npos);
        CHECK(counters.find("Dipanggil") != std::string::npos);
        const std::string services = browser.run("return document.getElementById('services-table').innerText;");
        CHECK(services.find("7:00 / 60:00") != std::string::npos);  // the oldest waits 7 minutes of 60
        CHECK(browser.run("return window.antreMarker === 1;") == true);
        save(browser, "dashboard-today.png");
    }
    SECTION("the week's report: officer table and charts") {
        browser.go(base + "/#laporan?from=" + week_from + "&to=" + week_to + "&by=officer");
        REQUIRE(browser.wait_until("return " + count("#report-table tbody tr") + " >= 3 && " +
                                   count("#chart-service svg rect.bar") + " > 0;"));
        const std::string table = browser.run("return document.getElementById('report-table').innerText;");
        for (const auto& o : counter_officers) {
            INFO(o.name);
            CHECK(table.find(o.name) != std::string::npos);
            CHECK(table.find(o.nip) != std::string::npos);
        }
        // Each chart is an SVG with bars; the officers' chart has the standard as a target line.
        for (const char* chart : {"#chart-wait", "#chart-service", "#chart-hours", "#chart-officers"}) {
            INFO(chart);
            CHECK(browser.run("return " + count(std::string(chart) + " svg rect.bar") + ";").get<int>() > 0);
        }
        CHECK(browser.run("return " + count("#chart-officers svg line.target") + ";").get<int>() > 0);
        // The CSV link asks for the same period.
        const std::string csv = browser.run("return document.getElementById('report-csv').getAttribute('href');");
        CHECK(csv == std::string("/api/report.csv?by=officer&from=") + week_from + "&to=" + week_to);
        save(browser, "dashboard.png");

        SECTION("and an officer's sheet, from the officer's row") {
            const OfficerSeed& siti = counter_officers[0];
            REQUIRE(
                browser.run("return document.querySelector('#report-table a[href*=\"" + siti.nip + "\"]') !== null;")
                    .get<bool>());
            browser.run("document.querySelector('#report-table a[href*=\"" + siti.nip + "\"]').click(); return true;");
            REQUIRE(browser.wait_until("return !document.getElementById('sheet-result').hidden;"));
            const auto op = week.manager_client().call("officer_sheet",
                                                       {{"officer", siti.nip}, {"from", week_from}, {"to", week_to}});
            REQUIRE(op.ok);
            CHECK(browser.run("return " + count("#sheet-table tbody tr") + ";").get<std::size_t>() ==
                  op.body["sheet"]["by_service"].size());
            const std::string title = browser.run("return document.getElementById('sheet-title').textContent;");
            CHECK(title.find(siti.name) != std::string::npos);
            const std::string cards = browser.run("return document.getElementById('sheet-cards').innerText;");
            CHECK(cards.find(std::to_string(op.body["sheet"]["total"]["served"].get<int>())) != std::string::npos);
            save(browser, "dashboard-sheet.png");
        }
        SECTION("and the IKM page shows the server's answer") {
            browser.go(base + "/#ikm?from=" + week_from + "&to=" + week_to);
            REQUIRE(
                browser.wait_until("return !document.getElementById('ikm-error').hidden || "
                                   "!document.getElementById('ikm-result').hidden;"));
            const auto reference = week.manager_client().call("ikm", {{"from", week_from}, {"to", week_to}});
            if (reference.ok) {
                REQUIRE(reference.body["ikm"]["responses"].get<int>() > 0);  // the week has surveys
                CHECK(browser.run("return " + count("#ikm-table tbody tr") + ";") == 9);
                char shown_ikm[16];
                std::snprintf(shown_ikm, sizeof shown_ikm, "%.2f", reference.body["ikm"]["ikm"].get<double>());
                std::string decimal_comma = shown_ikm;
                decimal_comma[decimal_comma.find('.')] = ',';
                const std::string cards = browser.run("return document.getElementById('ikm-cards').innerText;");
                CHECK(cards.find(decimal_comma) != std::string::npos);
                CHECK(cards.find(reference.body["ikm"]["grade_label"].get<std::string>()) != std::string::npos);
                CHECK(cards.find(reference.body["ikm"]["sample_note"].get<std::string>()) != std::string::npos);
            } else {
                const std::string shown = browser.run("return document.getElementById('ikm-error').textContent;");
                CHECK(shown.find(reference.code) != std::string::npos);
            }
            save(browser, "dashboard-ikm.png");

            // A period without surveys says so rather than showing a number.
            browser.go(base + "/#ikm?from=2027-01-04&to=2027-01-08");
            REQUIRE(
                browser.wait_until("return !document.getElementById('ikm-result').hidden && "
                                   "document.getElementById('ikm-cards').innerText.includes('belum ada survei');"));
            // ...and that no one answered, not that the (empty) sample is met.
            const std::string no_one = browser.run("return document.getElementById('ikm-cards').innerText;");
            CHECK(no_one.find("Belum ada responden") != std::string::npos);
            CHECK(no_one.find("memenuhi") == std::string::npos);

            // The page renders the `ikm` reply's documented shape (docs/protocol.md):
            // a stub answers /api/ikm in the page, the rest still goes to the server.
            const json sample = {
                {"ok", true},
                {"ikm",
                 {{"from", week_from},
                  {"to", week_to},
                  {"service", nullptr},
                  {"responses", 57},
                  {"skm", 3.3711},
                  {"ikm", 84.28},
                  {"grade", "B"},
                  {"grade_label", "Baik"},
                  {"mutu", "B"},
                  {"kinerja", "Baik"},
                  {"interval", "76,61 - 88,30"},
                  {"served", 120},
                  {"sample_needed", 92},
                  {"sample_enough", false},
                  {"sample_note", "Jumlah responden belum memenuhi; kurang 35 responden"},
                  {"sample_rule", "Krejcie dan Morgan (1970), tabel penentuan sampel (PermenPANRB 14/2017)"},
                  {"profile", json::array()},
                  {"formula", "IKM = 25 x (NRR1+...+NRR9)/9"},
                  {"unsur", json::array()}}}};
            const std::vector<std::pair<std::string, double>> unsur = {
                {"Persyaratan", 3.21},
                {"Sistem, Mekanisme, dan Prosedur", 3.40},
                {"Waktu Penyelesaian", 3.05},
                {"Biaya/Tarif", 3.90},
                {"Produk Spesifikasi Jenis Pelayanan", 3.35},
                {"Kompetensi Pelaksana", 3.42},
                {"Perilaku Pelaksana", 3.51},
                {"Penanganan Pengaduan, Saran dan Masukan", 3.12},
                {"Sarana dan Prasarana", 3.38}};
            json body = sample;
            for (std::size_t i = 0; i < unsur.size(); ++i)
                body["ikm"]["unsur"].push_back({{"no", i + 1},
                                                {"name", unsur[i].first},
                                                {"nrr", unsur[i].second},
                                                {"nrr_weighted", unsur[i].second / 9}});
            // Each profile question: 57 respondents, 2 of whom left it blank, the rest spread
            // over the choices.
            struct Question {
                const char* key;
                const char* title;
                std::vector<std::string> labels;
            };
            const std::vector<Question> questions = {
                {"jenis_kelamin", "Jenis Kelamin", {"Laki-laki", "Perempuan"}},
                {"umur",
                 "Umur",
                 {"Di bawah 20 tahun", "20-29 tahun", "30-39 tahun", "40-49 tahun", "50-59 tahun", "60 tahun ke atas"}},
                {"pendidikan", "Pendidikan", {"SD ke bawah", "SMP", "SMA", "D1-D4", "S1", "S2", "S3"}},
                {"pekerjaan", "Pekerjaan", {"PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya"}}};
            std::size_t profile_rows = 0;
            for (const auto& q : questions) {
                json rows = json::array();
                int left = 55;
                for (std::size_t i = 0; i < q.labels.size(); ++i) {
                    const int n = i + 1 < q.labels.size() ? 55 / static_cast<int>(q.labels.size()) : left;
                    left -= n;
                    rows.push_back({{"code", q.labels[i]}, {"label", q.labels[i]}, {"count", n}});
                }
                body["ikm"]["profile"].push_back({{"key", q.key}, {"title", q.title}, {"rows", rows}, {"blank", 2}});
                profile_rows += q.labels.size() + 1;  // and "Tidak mengisi"
            }
            browser.run(
                "const body = " + json(body.dump()).dump() +
                "; const real = window.fetch;"
                "window.fetch = (url, options) => String(url).startsWith('/api/ikm') ? "
                "Promise.resolve(new Response(body, {status: 200, headers: {'Content-Type': 'application/json'}})) : "
                "real(url, options);"
                "location.hash = 'ikm?from=2026-11-30&to=2026-12-04&again'; return true;");
            REQUIRE(browser.wait_until("return !document.getElementById('ikm-result').hidden;"));
            CHECK(browser.run("return " + count("#ikm-table tbody tr") + ";") == 9);
            CHECK(browser.run("return " + count("#chart-ikm svg rect.bar") + ";") == 9);
            const std::string shown = browser.run("return document.getElementById('view-ikm').innerText;");
            CHECK(shown.find("84,28") != std::string::npos);
            CHECK(shown.find("B · Baik") != std::string::npos);
            CHECK(shown.find("Penanganan Pengaduan, Saran dan Masukan") != std::string::npos);
            CHECK(shown.find("IKM = 25 x (NRR1+...+NRR9)/9") != std::string::npos);
            // 57 respondents where the table asks 92 of 120 served.
            CHECK(browser.run("return document.querySelector('#ikm-sample tbody tr:last-child').innerText;") ==
                  "Keterangan: Jumlah responden belum memenuhi; kurang 35 responden");
            CHECK(browser.run("return " + count("#ikm-profile table") + ";") == 4);
            CHECK(browser.run("return " + count("#ikm-profile table tbody tr") + ";") == profile_rows);
            // "Laki-laki 27 of 57" and the blanks, as shares with one decimal.
            CHECK(browser.run("return document.querySelector('#ikm-profile tbody tr').innerText;") ==
                  "Laki-laki\t27\t47,4%");
            CHECK(browser.run("return document.querySelector('#ikm-profile tbody tr.blank').innerText;") ==
                  "Tidak mengisi\t2\t3,5%");
            save(browser, "dashboard-ikm-shape.png");
        }
    }
}

}  // namespace dashboard_browser_test
