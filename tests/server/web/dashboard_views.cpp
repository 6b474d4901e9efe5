// The checks every dashboard view gets in headless Chromium (see dashboard_views.hpp).
#include "dashboard_views.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>

#include <catch2/catch.hpp>

namespace antre::test {

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

// What does not fit: the page wider than the screen, anything drawn past the screen's
// edges that no box of its own scrolls or clips, a part of the header or a button outside
// it, a text smaller than 11 px, a chart's words drawn below 9.5 px.
const char* layout_js = R"JS(
const width = window.innerWidth;
const problems = [];
if (document.documentElement.scrollWidth > width)
  problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide on a ' + width + ' px screen');
const held = (el) => {
  for (let e = el.parentElement; e && e !== document.body; e = e.parentElement)
    if (getComputedStyle(e).overflowX !== 'visible') return true;
  return false;
};
const named = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ').join('.') : '');
for (const el of document.body.querySelectorAll('*')) {
  if (!el.getClientRects().length) continue;
  const r = el.getBoundingClientRect();
  if ((r.left < -0.5 || r.right > width + 0.5) && !held(el))
    problems.push(named(el) + ' "' + el.textContent.trim().slice(0, 30) + '" spans ' + Math.round(r.left) + '..' +
                  Math.round(r.right) + ' on a ' + width + ' px screen');
}
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

// The screenshot, decoded by the page itself (Browser::load_shot), then read by its
// pixels: its size; the header's band right to the screen's edge in the header's own
// colour (nothing of it runs off the screen); the right edge below the header in the
// page's colour (no table or card runs off either); the header's title drawn in light ink.
const char* pixels_js = R"JS(
const [headerBottom] = arguments;
const img = window.antreShot;
const ctx = img.getContext('2d');
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
return {width: img.width, height: img.height, header, paper, headerEdge, pageEdge, light};
)JS";

}  // namespace

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

void log_in(Browser& browser, const std::string& base, const std::string& nip, const std::string& pin) {
    browser.go(base + "/login.html");
    REQUIRE(browser.wait_until("return !!document.getElementById('nip');"));
    browser.type("#nip", nip);
    browser.type("#pin", pin);
    browser.click("#login-button");
    REQUIRE(browser.wait_until("return location.hash === '#hari-ini';"));
}

// Saves the screenshot and checks it by its pixels (see pixels_js).
void check_screenshot(Browser& browser, const Screen& screen, const std::string& view) {
    const std::string png = browser.screenshot_png();
    const auto path = screenshot_dir() / ("dashboard-" + std::string(screen.name) + "-" + view + ".png");
    std::ofstream(path, std::ios::binary) << png;
    INFO("screenshot: " << path.string());
    // null on the log-in page; at most 0 on a page scrolled past its header.
    const json header = browser.run(
        "const h = document.querySelector('header'); "
        "return h ? Math.round(h.getBoundingClientRect().bottom) : null;");
    const int header_bottom = header.is_null() ? 0 : std::max(0, header.get<int>());
    REQUIRE(browser.load_shot(png));
    const json pixels = browser.run(std::string("return (function() {") + pixels_js + "}).apply(null, [" +
                                    std::to_string(header_bottom) + "]);");
    INFO(pixels.dump());
    CHECK(pixels["width"] == screen.width);
    CHECK(pixels["height"] == screen.height);
    if (!header.is_null()) {  // the log-in page has no header, and a gradient behind its box
        CHECK(pixels["pageEdge"] == 0);
        if (header_bottom > 0) {  // not scrolled past it
            CHECK(pixels["headerEdge"] == 0);
            CHECK(pixels["light"].get<int>() > 50);  // the header's words are drawn
        }
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

}  // namespace antre::test
