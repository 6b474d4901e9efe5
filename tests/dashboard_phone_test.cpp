// The dashboard as an office reads it, in headless Chromium: dates in Indonesian
// ("Rabu, 2 Desember 2026", never ISO), roles in Indonesian, services in letter order,
// an embedded favicon, every view usable on a phone 360-390 px wide and on a desktop,
// and every text on it readable: each text/background pair the browser draws is
// checked against WCAG 2.1 AA (4.5:1, 3:1 for large text) from its computed styles.
// Screenshots of every view at phone and desktop widths go to build/screenshots/
// and are checked by their pixels.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <boost/beast/core/detail/base64.hpp>
#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "webdriver.hpp"

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

// Every visible text (and form field) with its colour over the backgrounds beneath it,
// composited down from the root (a gradient counts as each of its colours, an element's
// opacity fades its text into its background); the pairs below AA come back.
const char* contrast_js = R"JS(
const parse = (text) => {
  const m = /rgba?\(([^)]+)\)/.exec(text);
  if (!m) return null;
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const over = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
                                b: top.b * top.a + under.b * (1 - top.a), a: 1});
const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
const lum = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
function backgrounds(el) {
  const chain = [];
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) chain.unshift(e);
  let layers = [{r: 255, g: 255, b: 255, a: 1}];
  let opacity = 1;
  for (const e of chain) {
    const s = getComputedStyle(e);
    opacity *= Number(s.opacity);
    const colour = parse(s.backgroundColor);
    if (colour && colour.a > 0) layers = layers.map((under) => over(colour, under));
    if (s.backgroundImage.includes('gradient')) {
      const stops = (s.backgroundImage.match(/rgba?\([^)]+\)/g) || []).map(parse);
      if (stops.length) layers = stops.flatMap((stop) => layers.map((under) => over(stop, under)));
    }
  }
  return {layers, opacity};
}
const seen = new Set();
const failures = [];
let checked = 0;
function check(el, sample) {
  const s = getComputedStyle(el);
  if (s.visibility === 'hidden' || !el.getClientRects().length) return;
  const svg = el instanceof SVGElement;
  const fg = parse(svg ? s.fill : s.color);
  if (!fg) return;
  const {layers, opacity} = backgrounds(el);
  const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
  const large = size >= 24 || (size >= 18.66 && bold);
  const need = large ? 3 : 4.5;
  for (const bg of layers) {
    const text = over({...fg, a: fg.a * opacity}, bg);
    const r = ratio(text, bg);
    const key = hex(text) + ' on ' + hex(bg) + ' ' + need;
    ++checked;
    if (r < need && !seen.has(key)) {
      seen.add(key);
      failures.push(key + ': ' + r.toFixed(2) + ' ' + el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                    (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') +
                    ' "' + sample.slice(0, 40) + '"');
    }
  }
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode())
  if (n.textContent.trim() && n.parentElement) check(n.parentElement, n.textContent.trim());
for (const field of document.querySelectorAll('input, select')) check(field, field.value || field.id);
return {checked, failures};
)JS";

// What does not fit: the page wider than the screen, a part of the header or a
// button outside it, a text smaller than 11 px, a chart's words drawn below 9.5 px.
const char* layout_js = R"JS(
const width = window.innerWidth;
const problems = [];
if (document.documentElement.scrollWidth > width)
  problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide on a ' + width + ' px screen');
for (const el of document.querySelectorAll('header *, button, a.button, .filters label, h2, .view-head *')) {
  if (!el.getClientRects().length) continue;
  const r = el.getBoundingClientRect();
  if (r.left < 0 || r.right > width + 0.5)
    problems.push((el.id || el.tagName.toLowerCase() + ' ' + el.textContent.trim().slice(0, 30)) +
                  ' spans ' + Math.round(r.left) + '..' + Math.round(r.right));
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const el = n.parentElement;
  if (!n.textContent.trim() || !el || !el.getClientRects().length || el instanceof SVGElement) continue;
  if (parseFloat(getComputedStyle(el).fontSize) < 11) problems.push('"' + n.textContent.trim().slice(0, 30) + '" is smaller than 11 px');
}
// A chart's words are drawn at its scale: 11 px in a chart shrunk to half would be 5.5 px.
for (const text of document.querySelectorAll('svg text')) {
  const svg = text.ownerSVGElement;
  if (!text.getClientRects().length || !svg.viewBox.baseVal) continue;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const size = parseFloat(getComputedStyle(text).fontSize) * scale;
  if (size < 9.5) problems.push('chart text "' + text.textContent.slice(0, 30) + '" is drawn at ' + size.toFixed(1) + ' px');
}
return problems;
)JS";

// The screenshot, decoded by the page itself (a canvas off the document), then read by
// its pixels: its size; the header's band right to the screen's edge in the header's own
// colour (nothing of it runs off the screen); the right edge below the header in the
// page's colour (no table or card runs off either); the header's title drawn in light ink.
const char* pixels_js = R"JS(
const [png, headerBottom] = arguments;
window.antrePixels = null;
const img = new Image();
img.onload = () => {
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const at = (x, y) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
  const same = (a, b) => a.every((v, i) => Math.abs(v - b[i]) <= 2);
  const header = at(img.width - 1, 1);
  const paper = at(img.width - 1, img.height - 1);
  let headerEdge = 0, pageEdge = 0, light = 0;
  for (let y = 0; y < headerBottom - 1; ++y)
    for (let x = img.width - 6; x < img.width; ++x) if (!same(at(x, y), header)) ++headerEdge;
  for (let y = headerBottom + 1; y < img.height; y += 2)
    for (let x = img.width - 3; x < img.width; ++x) if (!same(at(x, y), paper)) ++pageEdge;
  for (let y = 0; y < headerBottom; y += 2)
    for (let x = 0; x < img.width; x += 2) { const p = at(x, y); if (p[0] > 200 && p[1] > 200 && p[2] > 200) ++light; }
  window.antrePixels = {width: img.width, height: img.height, header, paper, headerEdge, pageEdge, light};
};
img.src = 'data:image/png;base64,' + png;
return true;
)JS";

std::filesystem::path screenshot_dir() {
    const char* dir = std::getenv("ANTRE_SCREENSHOT_DIR");
    std::filesystem::path p = dir ? dir : "screenshots";
    std::filesystem::create_directories(p);
    return p;
}

std::string base64(const std::string& bytes) {
    std::string out(boost::beast::detail::base64::encoded_size(bytes.size()), '\0');
    out.resize(boost::beast::detail::base64::encode(out.data(), bytes.data(), bytes.size()));
    return out;
}

struct Screen {
    const char* name;
    int width;
    int height;
    bool phone;
};

// Saves the screenshot and checks it by its pixels (see pixels_js).
void check_screenshot(Browser& browser, const Screen& screen, const std::string& view) {
    const std::string png = browser.screenshot_png();
    const auto path = screenshot_dir() / ("dashboard-" + std::string(screen.name) + "-" + view + ".png");
    std::ofstream(path, std::ios::binary) << png;
    INFO("screenshot: " << path.string());
    const int header_bottom = browser.run(
        "const h = document.querySelector('header'); "
        "return h ? Math.round(h.getBoundingClientRect().bottom) : 0;");
    const std::string encoded = base64(png);
    browser.run(std::string("return (function() {") + pixels_js + "}).apply(null, [" + json(encoded).dump() + ", " +
                std::to_string(header_bottom) + "]);");
    REQUIRE(browser.wait_until("return window.antrePixels !== null;"));
    const json pixels = browser.run("return window.antrePixels;");
    INFO(pixels.dump());
    CHECK(pixels["width"] == screen.width);
    CHECK(pixels["height"] == screen.height);
    if (header_bottom > 0) {  // the log-in page has no header, and a gradient behind its box
        CHECK(pixels["pageEdge"] == 0);
        CHECK(pixels["headerEdge"] == 0);
        CHECK(pixels["light"].get<int>() > 50);  // the header's words are drawn
    }
}

void check_view(Browser& browser, const Screen& screen, const std::string& view) {
    INFO(screen.name << " " << screen.width << "x" << screen.height << ", " << view);
    const json layout = browser.run(layout_js);
    CHECK(layout == json::array());
    const json contrast = browser.run(contrast_js);
    CHECK(contrast["checked"].get<int>() > 10);
    CHECK(contrast["failures"] == json::array());
    // Dates are written out in Indonesian: no ISO date anywhere a person reads.
    const std::string text = browser.run("return document.body.innerText;");
    CHECK_FALSE(std::regex_search(text, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")));
    check_screenshot(browser, screen, view);
}

// "Rabu, 2 Desember 2026" for 2026-12-02, computed here apart from the page's own code.
std::string indonesian_date(const std::string& iso) {
    using namespace std::chrono;
    static const char* const days[] = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};
    static const char* const months[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                         "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
    const year_month_day d{year{std::stoi(iso.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                           day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
    return std::string(days[weekday{sys_days{d}}.c_encoding()]) + ", " + std::to_string(unsigned{d.day()}) + " " +
           months[unsigned{d.month()} - 1] + " " + iso.substr(0, 4);
}

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

    browser.go(base + "/#laporan?from=" + week_from + "&to=" + week_to + "&by=day");
    REQUIRE(browser.wait_until("return " + count("#report-table tbody tr") + " === 5 && " +
                               count("#chart-service svg rect.bar") + " > 0;"));
    const std::string title = browser.run("return document.getElementById('report-table-title').textContent;");
    CHECK(title == "Rincian menurut hari · Senin, 30 November 2026 s.d. Jumat, 4 Desember 2026");
    CHECK(browser.run("return document.querySelector('#report-table tbody td').textContent;") ==
          "Senin, 30 November 2026");
    check_view(browser, screen, "report");

    browser.go(base + "/#laporan?from=" + week_from + "&to=" + week_to + "&by=service");
    REQUIRE(
        browser.wait_until("return document.getElementById('report-table-title').textContent.includes('layanan') && " +
                           count("#report-table tbody tr") + " > 1;"));
    const json services = browser.run(
        "return Array.from(document.querySelectorAll('#report-table tbody tr td:first-child')).map((td) => "
        "td.textContent);");
    std::vector<std::string> shown = services.get<std::vector<std::string>>();
    std::vector<std::string> in_order;  // the config's services A..F, those the week saw
    for (const char* name :
         {"KTP-el", "Kartu Keluarga", "Akta Kelahiran", "Akta Kematian", "Kartu Identitas Anak", "Pindah/Datang"})
        for (const auto& s : shown)
            if (s == name) in_order.push_back(s);
    CHECK(shown == in_order);

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
