// display/board_view.cpp: the QR code to the office page for phones, beside the last
// calls, only where the snapshot offers one (office.public_url, from the office
// config's office.board_qr). zbar reads the link back from the drawn pixels, and
// every text of the narrowed board still meets the contrast and the 24 px minimum.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <catch2/catch.hpp>

#include "board_view.hpp"
#include "display_events.hpp"
#include "qr_decode.hpp"
#include "text_checks.hpp"

namespace display_office_qr_test {

using namespace antre;
using namespace antre::display;
using namespace antre::display::test;

namespace {

constexpr Millis t0 = monday_0941_wit;
const std::string office_page = "https://antrean.dukcapil.sorongkota.go.id/";

json snapshot_with_url(const json& url) {
    json counters = sorong_counters();
    counters[0]["active"] = ticket(7, "A-007", "KTP", 1, "serving", t0 - 400000);
    counters[2]["active"] = ticket(12, "A-012", "KTP", 3, "called", t0 - 90000, 1);
    const json calls = json::array({ticket(12, "A-012", "KTP", 3, "called", t0 - 90000, 1),
                                    ticket(7, "A-007", "KTP", 1, "serving", t0 - 400000),
                                    ticket(33, "E-003", "KIA", 5, "done", t0 - 500000)});
    json snap = snapshot(sorong_services(), counters, calls);
    if (!url.is_null()) snap["snapshot"]["office"]["public_url"] = url;
    return snap;
}

BoardState board_with_url(const json& url) {
    BoardState s;
    s.ticker = "Siapkan dokumen persyaratan Anda: KTP-el, Kartu Keluarga, dan surat pengantar bila ada.";
    apply_event(s, snapshot_with_url(url));
    return s;
}

struct Screen {
    gui::SdlLibrary sdl{0};
    int width, height;
    gui::OffscreenCanvas canvas;
    gui::Painter painter;
    std::vector<gui::DrawnText> texts;
    Screen(int w, int h) : width(w), height(h), canvas(w, h), painter(canvas.renderer.get()) {
        painter.record_texts(&texts);
    }
    /// Draws `s`, checks every text's contrast and size, and returns the texts written.
    std::set<std::string> draw(const BoardState& s, Millis now) {
        texts.clear();
        display::draw(s, painter, width, height, now);
        antre::test::check_texts(texts, board_layout(width, height).scale, min_text_px);
        std::set<std::string> written;
        for (const auto& t : texts) written.insert(t.text);
        return written;
    }
    std::vector<std::string> codes(const gui::Rect& r) {
        return antre::test::decode_qr(canvas.renderer.get(), r.x, r.y, r.w, r.h);
    }
    std::vector<std::string> codes() { return codes({0, 0, width, height}); }
    void save(const std::string& name) {
        const char* dir = std::getenv("ANTRE_SCREENSHOT_DIR");
        const std::filesystem::path d =
            dir && *dir ? dir : std::filesystem::temp_directory_path() / "antre-screenshots";
        std::filesystem::create_directories(d);
        gui::save_png(canvas.renderer.get(), width, height, (d / name).string());
    }
};

bool has_caption(const std::set<std::string>& written) {
    return std::any_of(written.begin(), written.end(),
                       [](const std::string& t) { return t.find("Pantau antrean") != std::string::npos; });
}

}  // namespace

TEST_CASE("display: the office page's QR code beside the last calls, read back by zbar", "[display][view][qr]") {
    BoardState s = board_with_url(office_page);
    REQUIRE(s.public_url == office_page);
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1280, 720}}) {
        Screen screen(w, h);
        const auto layout = board_layout(w, h, true);
        // Its own column: the latest call narrower, the last calls as wide as without it.
        CHECK(layout.featured.x + layout.featured.w <= layout.recent.x);
        CHECK(layout.recent.x + layout.recent.w <= layout.qr.x);
        CHECK(layout.qr.x + layout.qr.w <= w);
        CHECK(std::abs(layout.recent.w - board_layout(w, h).recent.w) <= 1);  // rounding only

        const auto written = screen.draw(s, t0 + 60000);
        CHECK(screen.codes(layout.qr) == std::vector<std::string>{office_page});
        CHECK(screen.codes() == std::vector<std::string>{office_page});  // one code on the whole board
        CHECK(has_caption(written));
        CHECK(written.contains("Panggilan Terakhir"));
        CHECK(written.contains("KTP-el"));  // the services keep their place and size
        if (w == 1920) screen.save("display_office_qr.png");
    }
}

TEST_CASE("display: a recall on the board narrowed for the QR code stays readable", "[display][view][qr]") {
    BoardState s = board_with_url(office_page);
    apply_event(s, recalled(12, "A-012", "KTP", 3, t0 - 90000, t0, 2));
    start_announcement(s, t0);
    Screen screen(1920, 1080);
    REQUIRE(highlight_lit(s, t0 + 100));
    const auto written = screen.draw(s, t0 + 100);
    CHECK(written.contains("PANGGILAN ULANG"));
    CHECK(written.contains("NOMOR ANTREAN"));
    // The title does not run under the recall's tag.
    const auto title = std::find_if(screen.texts.begin(), screen.texts.end(),
                                    [](const gui::DrawnText& t) { return t.text == "NOMOR ANTREAN"; });
    const auto tag = std::find_if(screen.texts.begin(), screen.texts.end(),
                                  [](const gui::DrawnText& t) { return t.text == "PANGGILAN ULANG"; });
    REQUIRE(title != screen.texts.end());
    REQUIRE(tag != screen.texts.end());
    CHECK(title->where.x + title->where.w <= tag->where.x);
    CHECK(screen.codes(board_layout(1920, 1080, true).qr) == std::vector<std::string>{office_page});
    screen.save("display_office_qr_recall.png");
}

TEST_CASE("display: no QR code where the office offers none, or offers no web address", "[display][view][qr]") {
    Screen screen(1920, 1080);
    SECTION("no public_url: the usual layout, no code, no caption") {
        const BoardState s = board_with_url(nullptr);
        CHECK(s.public_url.empty());
        CHECK(board_layout(1920, 1080).qr.w == 0);
        const auto written = screen.draw(s, t0);
        CHECK(screen.codes().empty());
        CHECK_FALSE(has_caption(written));
    }
    SECTION("not an http(s) address, too long for a readable code, or not a string") {
        for (const json& url : {json("javascript:alert(1)"), json("ftp://antrean.example/"),
                                json("https://a.example/" + std::string(public_url_limit, 'x')), json(42)}) {
            INFO(url.dump().substr(0, 60));
            const BoardState s = board_with_url(url);
            CHECK(s.public_url.empty());
            CHECK(screen.codes().empty());
        }
    }
    SECTION("switched off between two snapshots: the code goes") {
        BoardState s = board_with_url(office_page);
        apply_event(s, snapshot_with_url(nullptr));
        CHECK(s.public_url.empty());
        screen.draw(s, t0);
        CHECK(screen.codes().empty());
    }
}

}  // namespace display_office_qr_test
