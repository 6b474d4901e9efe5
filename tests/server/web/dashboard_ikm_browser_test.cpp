// The IKM page in headless Chromium at a small phone's width (360 px) and a desktop's:
// the Krejcie-Morgan check (citizens served, the sample the table asks for, the
// respondents, the verdict) and the respondents' profile tables hold the `ikm` op's
// figures, and the profile counts are those of the surveys the kiosk sent; the service
// selector reaches one service's report and its PDF; every new part fits the screen
// without scrolling sideways. Screenshots in build/screenshots/, checked by their pixels
// (dashboard_views.hpp).
#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "dashboard_views.hpp"
#include "skm.hpp"

namespace dashboard_ikm_browser_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

// The profile questions' codes (docs/protocol.md "survey"), in the form's order.
const std::array<std::vector<std::string>, 4> codes = {{
    {"L", "P"},
    {"<20", "20-29", "30-39", "40-49", "50-59", "60+"},
    {"SD", "SMP", "SMA", "D", "S1", "S2", "S3"},
    {"PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "LAINNYA"},
}};
const std::array<const char*, 4> keys = {"jenis_kelamin", "umur", "pendidikan", "pekerjaan"};

// The i-th seeded respondent's answer to question q, "" for one left blank: every choice
// is taken by someone, and each question is left blank by some.
std::string seeded_code(int i, std::size_t q) {
    static const std::array<int, 4> blank_every = {5, 7, 9, 4};
    if (i % blank_every[q] == blank_every[q] - 1) return "";
    const auto& c = codes[q];
    return c[static_cast<std::size_t>(i * (q == 3 ? 5 : 1)) % c.size()];
}

constexpr int seeded_surveys = 48;
constexpr const char* seeded_service = "KIA";

// "12,5%": a share of the respondents as the page writes it, one decimal, rounded half up.
std::string percent(int count, int total) {
    if (total == 0) return "–";
    const long tenths = (2000L * count + total) / (2L * total);
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + "%";
}

std::string count(const std::string& css) { return "document.querySelectorAll('" + css + "').length"; }

// The rows of a table's body as the page shows them, cell by cell.
json table_rows(Browser& browser, const std::string& css) {
    return browser.run("return Array.from(document.querySelectorAll('" + css +
                       " tbody tr')).map((tr) => Array.from(tr.cells).map((td) => td.textContent));");
}

// The Krejcie-Morgan table on the page against the op's reply (and the table itself).
void check_sample(Browser& browser, const json& ikm) {
    const long served = ikm["served"];
    const int needed = ikm["sample_needed"];
    const int responses = ikm["responses"];
    CHECK(needed == skm::krejcie_morgan_sample(served));
    const json rows = table_rows(browser, "#ikm-sample");
    INFO(rows.dump());
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == json::array({"Warga selesai dilayani (populasi)", std::to_string(served)}));
    CHECK(rows[1] == json::array({"Sampel minimal (tabel Krejcie dan Morgan)", std::to_string(needed)}));
    CHECK(rows[2] == json::array({"Responden", std::to_string(responses)}));
    const json verdict = browser.run(
        "const v = document.querySelector('#ikm-sample .verdict');"
        "return {text: v.textContent, colour: getComputedStyle(v).color,"
        " bad: getComputedStyle(document.documentElement).getPropertyValue('--bad').trim(),"
        " good: getComputedStyle(document.documentElement).getPropertyValue('--good').trim()};");
    INFO(verdict.dump());
    const auto rgb = [](const std::string& hex) {
        const auto at = [&](int i) { return std::to_string(std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16)); };
        return "rgb(" + at(0) + ", " + at(1) + ", " + at(2) + ")";
    };
    if (ikm["sample_enough"].get<bool>()) {
        CHECK(verdict["text"] == "Jumlah responden memenuhi");
        CHECK(verdict["colour"] == rgb(verdict["good"].get<std::string>()));
    } else {
        CHECK(verdict["text"] ==
              "Jumlah responden belum memenuhi; kurang " + std::to_string(needed - responses) + " responden");
        CHECK(verdict["colour"] == rgb(verdict["bad"].get<std::string>()));
    }
    CHECK(verdict["text"] == ikm["sample_note"]);  // the server's one wording of the check
    CHECK(rows[3] == json::array({"Keterangan: " + verdict["text"].get<std::string>()}));
    // The responden card says the same with its colour.
    const json responden = browser.run(
        "const c = Array.from(document.querySelectorAll('#ikm-cards .card'))"
        ".find((c) => c.querySelector('.label').textContent === 'responden');"
        "return {value: c.querySelector('.value').textContent, note: c.querySelector('.note').textContent,"
        " className: c.className};");
    CHECK(responden["value"] == std::to_string(responses));
    CHECK(responden["note"] == ikm["sample_note"].get<std::string>() + " · sampel minimal " + std::to_string(needed));
    CHECK(responden["className"] == std::string("card ") + (ikm["sample_enough"].get<bool>() ? "good" : "bad"));
}

// Each profile table: every choice with the count the seeded surveys give (the week's own
// surveys leave the profile blank) and its share of all respondents, then the blanks.
void check_profile(Browser& browser, const json& ikm, const std::array<std::map<std::string, int>, 4>& expected) {
    const int responses = ikm["responses"];
    REQUIRE(ikm["profile"].size() == 4);
    CHECK(browser.run("return " + count("#ikm-profile table") + ";") == 4);
    for (std::size_t q = 0; q < 4; ++q) {
        const json& question = ikm["profile"][q];
        INFO(question["key"]);
        REQUIRE(question["key"] == keys[q]);
        const json rows = table_rows(browser, std::string("#ikm-profile-") + keys[q]);
        INFO(rows.dump());
        REQUIRE(rows.size() == codes[q].size() + 1);
        int answered = 0;
        for (std::size_t i = 0; i < codes[q].size(); ++i) {
            const std::string& code = codes[q][i];
            const auto found = expected[q].find(code);
            const int n = found == expected[q].end() ? 0 : found->second;
            answered += n;
            CHECK(question["rows"][i]["code"] == code);
            CHECK(question["rows"][i]["count"] == n);
            CHECK(rows[i] == json::array({question["rows"][i]["label"], std::to_string(n), percent(n, responses)}));
        }
        const int blank = responses - answered;
        CHECK(question["blank"] == blank);
        CHECK(rows.back() == json::array({"Tidak mengisi", std::to_string(blank), percent(blank, responses)}));
        const std::string head = browser.run(std::string("return document.querySelector('#ikm-profile-") + keys[q] +
                                             " thead').textContent;");
        CHECK(head == question["title"].get<std::string>() + "JumlahPersentase");
    }
}

// The sample and profile tables fit the screen as they are: no box of theirs needs to
// scroll sideways, and none reaches past the screen's right edge. On a laptop the four
// profile tables stand side by side, on a phone one under another.
void check_fit(Browser& browser, const Screen& screen) {
    const json boxes = browser.run(
        "return [document.getElementById('ikm-sample').parentElement,"
        " ...document.querySelectorAll('#ikm-profile .scroll')].map((b) => {"
        " const r = b.getBoundingClientRect();"
        " return {table: b.firstElementChild.id, scroll: b.scrollWidth, client: b.clientWidth,"
        " left: r.left, right: r.right, top: Math.round(r.top), screen: window.innerWidth}; });");
    REQUIRE(boxes.size() == 5);
    for (const auto& b : boxes) {
        INFO(b.dump());
        CHECK(b["scroll"].get<int>() <= b["client"].get<int>());
        CHECK(b["left"].get<double>() >= 0);
        CHECK(b["right"].get<double>() <= screen.width);
    }
    for (std::size_t i = 2; i < boxes.size(); ++i) {
        INFO(boxes[i - 1].dump() << " then " << boxes[i].dump());
        if (screen.phone)
            CHECK(boxes[i]["top"].get<int>() > boxes[i - 1]["top"].get<int>());
        else
            CHECK(boxes[i]["top"] == boxes[1]["top"]);
    }
}

}  // namespace

TEST_CASE("dashboard IKM page: Krejcie-Morgan check, respondent profile, one service's report",
          "[dashboard][browser][skm]") {
    SimulatedWeek& week = shared_week();
    const std::string base = "http://127.0.0.1:" + std::to_string(week.office().http_port());
    // Surveys with a profile, all for one service (once: the week is shared by the screens' runs).
    std::array<std::map<std::string, int>, 4> expected;
    for (int i = 0; i < seeded_surveys; ++i)
        for (std::size_t q = 0; q < 4; ++q)
            if (const std::string code = seeded_code(i, q); !code.empty()) ++expected[q][code];
    static bool seeded = false;
    if (!seeded) {
        auto kiosk = connect(week.office().port(), {{"role", "kiosk"}});
        for (int i = 0; i < seeded_surveys; ++i) {
            json survey = {{"answers", {4, 3, 4, 3 + i % 2, 3, 4, 4, 3, 2 + i % 3}}, {"service", seeded_service}};
            for (std::size_t q = 0; q < 4; ++q) survey[keys[q]] = seeded_code(i, q);
            REQUIRE(kiosk->call("survey", survey).ok);
        }
        seeded = true;
    }
    const auto snapshot = week.manager_client().call("snapshot");
    REQUIRE(snapshot.ok);
    const std::string today = snapshot.body["snapshot"]["office"]["day"];

    TempDir profile;
    ChromeDriver driver(profile.file("chromedriver.log"));
    Browser browser(driver, profile.file("chromium-profile"), 1366, 1000);
    const Screen screen = GENERATE(Screen{"small-phone", 360, 740, true}, Screen{"desktop", 1366, 900, false});
    browser.emulate(screen.width, screen.height, screen.phone);
    log_in(browser, base, manager.nip, manager.pin);

    // Every service: more citizens served than the sample has answered.
    browser.go(base + "/#ikm?from=" + week_from + "&to=" + today);
    REQUIRE(
        browser.wait_until("return !document.getElementById('ikm-result').hidden || "
                           "!document.getElementById('ikm-error').hidden;"));
    const auto all = week.manager_client().call("ikm", {{"from", week_from}, {"to", today}});
    REQUIRE(all.ok);
    const json& all_ikm = all.body["ikm"];
    INFO(all_ikm.dump());
    REQUIRE_FALSE(all_ikm["sample_enough"].get<bool>());  // the week's own surveys fall short
    CHECK(browser.run("return document.getElementById('ikm-service').value;") == "");
    CHECK(browser.run("return document.getElementById('ikm-scope').textContent;") ==
          "Semua layanan · " + indonesian_date(week_from) + " s.d. " + indonesian_date(today));
    check_sample(browser, all_ikm);
    check_profile(browser, all_ikm, expected);
    check_fit(browser, screen);
    browser.run("document.getElementById('ikm-sample').scrollIntoView(); return true;");
    check_view(browser, screen, "ikm-sample");
    browser.run("document.getElementById('ikm-profile').scrollIntoView(); return true;");
    check_view(browser, screen, "ikm-profile");

    // One service through the selector: its figures, and its PDF.
    browser.run("window.scrollTo(0, 0); return true;");
    const std::string options =
        browser.run("return Array.from(document.getElementById('ikm-service').options).map((o) => o.value).join(' ');");
    CHECK(options == " KTP KK AKTA_LAHIR AKTA_MATI KIA PINDAH");  // "Semua layanan", then letter order
    browser.click(std::string("#ikm-service option[value=") + seeded_service + "]");
    browser.click("#ikm-form button[type=submit]");
    REQUIRE(browser.wait_until(
        "return location.hash.includes('service=KIA') && !document.getElementById('ikm-result').hidden && "
        "document.getElementById('ikm-scope').textContent.startsWith('Kartu Identitas Anak');"));
    const auto one =
        week.manager_client().call("ikm", {{"from", week_from}, {"to", today}, {"service", seeded_service}});
    REQUIRE(one.ok);
    const json& one_ikm = one.body["ikm"];
    INFO(one_ikm.dump());
    REQUIRE(one_ikm["sample_enough"].get<bool>());  // the seeded surveys make up the sample
    REQUIRE(one_ikm["responses"].get<int>() < all_ikm["responses"].get<int>());
    const std::string cards = browser.run("return document.getElementById('ikm-cards').innerText;");
    char two_decimals[16];
    std::snprintf(two_decimals, sizeof two_decimals, "%.2f", one_ikm["ikm"].get<double>());
    std::string shown_ikm = two_decimals;
    shown_ikm[shown_ikm.find('.')] = ',';
    CHECK(cards.find(shown_ikm) != std::string::npos);
    CHECK(cards.find(one_ikm["mutu"].get<std::string>() + " · " + one_ikm["kinerja"].get<std::string>()) !=
          std::string::npos);
    check_sample(browser, one_ikm);
    check_profile(browser, one_ikm, expected);
    check_fit(browser, screen);
    check_view(browser, screen, "ikm-service");

    const std::string pdf_href = browser.run("return document.getElementById('ikm-pdf').getAttribute('href');");
    CHECK(pdf_href == "/api/ikm.pdf?from=" + std::string(week_from) + "&to=" + today + "&service=" + seeded_service);
    browser.run(
        "window.antrePdf = null; fetch(document.getElementById('ikm-pdf').href).then(async (r) => {"
        " const bytes = new Uint8Array(await r.arrayBuffer());"
        " window.antrePdf = {type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),"
        " head: String.fromCharCode(...bytes.slice(0, 5))}; }); return true;");
    REQUIRE(browser.wait_until("return window.antrePdf !== null;"));
    const json pdf = browser.run("return window.antrePdf;");
    INFO(pdf.dump());
    CHECK(pdf["type"] == "application/pdf");
    CHECK(pdf["head"] == "%PDF-");
    CHECK(pdf["disposition"].get<std::string>().find("filename=\"skm-KIA-" + std::string(week_from) + "-" + today +
                                                     ".pdf\"") != std::string::npos);

    // A typed address picks the service in the selector; "Semua layanan" goes back to all.
    browser.go(base + "/#ikm?from=" + week_from + "&to=" + today + "&service=KK");
    REQUIRE(
        browser.wait_until("return document.getElementById('ikm-scope').textContent.startsWith('Kartu Keluarga');"));
    CHECK(browser.run("return document.getElementById('ikm-service').value;") == "KK");
    browser.click("#ikm-service option[value='']");
    browser.click("#ikm-form button[type=submit]");
    REQUIRE(browser.wait_until("return document.getElementById('ikm-scope').textContent.startsWith('Semua layanan');"));
    CHECK(browser.run("return location.hash;") == "#ikm?from=" + std::string(week_from) + "&to=" + today);
    CHECK(browser.run("return document.getElementById('ikm-pdf').getAttribute('href');") ==
          "/api/ikm.pdf?from=" + std::string(week_from) + "&to=" + today);
}

}  // namespace dashboard_ikm_browser_test
