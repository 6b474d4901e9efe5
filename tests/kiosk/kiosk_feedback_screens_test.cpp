// Feedback mode's and the SKM survey's screens drawn headless and checked by
// pixel; saved as PNGs under $ANTRE_SCREENSHOT_DIR for people to look at.
#include <algorithm>

#include <catch2/catch.hpp>

#include "antre/gui/theme.hpp"
#include "antre/kiosk/layout.hpp"
#include "kiosk_shot.hpp"

namespace kiosk_feedback_screens_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;
namespace theme = antre::gui::theme;

namespace {

constexpr SDL_Color face_skin{0xff, 0xf3, 0xc4, 0xff};
constexpr SDL_Color detail_button_dark{0x27, 0x41, 0x72, 0xff};  // the kiosk's dark buttons (render_parts.hpp)
constexpr SDL_Color qr_black{0x00, 0x00, 0x00, 0xff};            // the saran's ink on its white field

KioskState rating_state() {
    auto s = feedback_state(2);
    apply_event(s, finished_event(41, "A-013", 2), monday_0900 + 41 * 60000);
    return s;
}

KioskState question_state(int question, int answer) {
    auto s = connected_state();
    tap(s, {TargetKind::survey_open, 0}, monday_0900);
    tap(s, {TargetKind::survey_service, 0}, monday_0900);
    for (int i = 0; i < question; ++i) {
        tap(s, {TargetKind::survey_answer, 1 + i % 4}, monday_0900);
        tap(s, {TargetKind::survey_next, 0}, monday_0900);
    }
    if (answer) tap(s, {TargetKind::survey_answer, answer}, monday_0900);
    return s;
}

}  // namespace

TEST_CASE("feedback idle: the counter's name, the invitation and four small faces", "[kiosk][screens][feedback]") {
    for (const bool portrait : {false, true}) {
        Shot shot(portrait ? 1080 : 1920, portrait ? 1920 : 1080);
        const auto s = feedback_state(2);
        shot.draw(s, monday_0900);
        const auto l = compute_layout(s, shot.canvas.width, shot.canvas.height);
        CHECK(shot.count(l.body, theme::accent) > 200);  // "Loket 2" in yellow
        CHECK(shot.count(l.body, theme::text) > 300);    // the invitation
        const auto* survey = l.find(TargetKind::survey_open);
        REQUIRE(survey);
        CHECK(same(shot.edge_of(survey->rect), theme::panel));
        shot.save(portrait ? "kiosk_feedback_idle_portrait.png" : "kiosk_feedback_idle.png");
    }
}

TEST_CASE("rating: four large coloured buttons with drawn faces, best first", "[kiosk][screens][feedback]") {
    // The entrance kiosk's sizes, and a small 1280x800 panel as on a counter's desk.
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{1280, 800}}) {
        const bool portrait = h > w;
        Shot shot(w, h);
        auto s = rating_state();
        shot.draw(s, monday_0900 + 41 * 60000 + 500);
        const auto l = compute_layout(s, shot.canvas.width, shot.canvas.height);
        std::vector<SDL_Color> edges;
        for (int n = 4; n >= 1; --n) {
            const auto* b = l.find(TargetKind::rate, n);
            REQUIRE(b);
            edges.push_back(shot.edge_of(b->rect));
            // The face: a light disc with dark eyes and mouth, in the button's upper part.
            CHECK(shot.count(b->rect, face_skin) > 400);
            CHECK(shot.count(b->rect, theme::dark_text) > 40);
            CHECK(shot.count(b->rect, theme::text) > 30);  // the label
        }
        for (std::size_t i = 0; i < edges.size(); ++i)
            for (std::size_t j = i + 1; j < edges.size(); ++j) CHECK_FALSE(same(edges[i], edges[j]));
        CHECK(edges.front().g > edges.front().r);  // Sangat Puas green
        CHECK(edges.back().r > edges.back().g);    // Tidak Puas red
        shot.save(portrait ? "kiosk_rating_portrait.png" : w == 1920 ? "kiosk_rating.png" : "kiosk_rating_desk.png");

        // Touched: the other faces go grey while the rating is on its way.
        tap(s, {TargetKind::rate, 3}, monday_0900 + 41 * 60000 + 1000);
        shot.draw(s, monday_0900 + 41 * 60000 + 1100);
        CHECK(same(shot.edge_of(l.find(TargetKind::rate, 4)->rect), theme::disabled));
        CHECK(same(shot.edge_of(l.find(TargetKind::rate, 3)->rect), edges[1]));
        if (w == 1920) shot.save("kiosk_rating_sending.png");
    }
}

TEST_CASE("rating with the link down: the faces stay, with an amber line", "[kiosk][screens][feedback]") {
    Shot shot(1920, 1080);
    auto s = rating_state();
    const auto l = compute_layout(s, 1920, 1080);
    shot.draw(s, monday_0900 + 41 * 60000);
    CHECK(shot.count(l.title, theme::warning) == 0);
    apply_connection(s, ConnectionState::connecting, "server closed the connection", monday_0900 + 41 * 60000);
    REQUIRE(s.screen == Screen::rating);
    shot.draw(s, monday_0900 + 41 * 60000);
    CHECK(shot.count(l.title, theme::warning) > 300);
    shot.save("kiosk_rating_offline.png");
}

TEST_CASE("thanks after a rating: a smile, and the survey offered", "[kiosk][screens][feedback]") {
    Shot shot(1920, 1080);
    auto s = rating_state();
    tap(s, {TargetKind::rate, 4}, monday_0900 + 41 * 60000);
    apply_rating_reply(s, 41, Reply{true, nlohmann::json::object(), "", ""}, monday_0900 + 41 * 60000 + 300);
    REQUIRE(s.screen == Screen::thanks);
    shot.draw(s, monday_0900 + 41 * 60000 + 2000);
    const auto l = compute_layout(s, 1920, 1080);
    CHECK(shot.count({0, l.title.y, 1920, 300}, theme::ok) > 500);  // the green face
    const auto* survey = l.find(TargetKind::survey_open);
    REQUIRE(survey);
    CHECK(same(shot.edge_of(survey->rect), theme::accent));
    shot.save("kiosk_feedback_thanks.png");

    apply_event(s, finished_event(42, "A-014", 2), monday_0900 + 42 * 60000);
    tap(s, {TargetKind::rate, 1}, monday_0900 + 42 * 60000);
    apply_rating_reply(s, 42, Reply{false, nullptr, "invalid_state", "belum selesai"}, monday_0900 + 42 * 60000);
    shot.draw(s, monday_0900 + 42 * 60000);
    CHECK(shot.count({0, 0, 1920, 1080}, theme::warning) > 100);  // the notice's amber edge
    shot.save("kiosk_feedback_not_saved.png");
}

TEST_CASE("feedback mode offline: a notice about rating", "[kiosk][screens][feedback]") {
    Shot shot(1920, 1080);
    auto s = feedback_state(2);
    apply_connection(s, ConnectionState::connecting, "connect: Connection refused", monday_0900);
    REQUIRE(s.screen == Screen::offline);
    shot.draw(s, monday_0900);
    CHECK(shot.count({200, 300, 1520, 400}, theme::text) > 200);
    shot.save("kiosk_feedback_offline.png");
}

TEST_CASE("survey: the service choice, then questions with progress and answers", "[kiosk][screens][survey]") {
    for (const bool portrait : {false, true}) {
        const int w = portrait ? 1080 : 1920, h = portrait ? 1920 : 1080;
        Shot shot(w, h);
        auto s = connected_state();
        tap(s, {TargetKind::survey_open, 0}, monday_0900);
        shot.draw(s, monday_0900);
        const auto services = compute_layout(s, w, h);
        for (int i = 0; i < 6; ++i)
            CHECK(same(shot.edge_of(services.find(TargetKind::survey_service, i)->rect),
                       theme::service_colour(static_cast<std::size_t>(i))));
        shot.save(portrait ? "kiosk_survey_service_portrait.png" : "kiosk_survey_service.png");

        s = question_state(6, 3);
        shot.draw(s, monday_0900);
        const auto l = compute_layout(s, w, h);
        CHECK(same(shot.edge_of(l.find(TargetKind::survey_answer, 3)->rect), theme::accent));
        for (int a : {1, 2, 4})
            CHECK(same(shot.edge_of(l.find(TargetKind::survey_answer, a)->rect), theme::panel_light));
        CHECK(same(shot.edge_of(l.find(TargetKind::survey_next, 0)->rect), theme::go));
        // Progress: six answered segments in green, the seventh white, two still empty.
        CHECK(same(shot.at(l.progress.x + l.progress.w / 18, l.progress.y + l.progress.h / 2), theme::ok));
        CHECK(same(shot.at(l.progress.x + l.progress.w * 13 / 18, l.progress.y + l.progress.h / 2), theme::text));
        CHECK(
            same(shot.at(l.progress.x + l.progress.w * 17 / 18, l.progress.y + l.progress.h / 2), theme::panel_light));
        CHECK(shot.count(l.prompt, theme::text) > 300);  // the question
        shot.save(portrait ? "kiosk_survey_question_portrait.png" : "kiosk_survey_question.png");

        // Not answered yet: "Berikutnya" is grey.
        s = question_state(0, 0);
        shot.draw(s, monday_0900);
        CHECK(same(shot.edge_of(compute_layout(s, w, h).find(TargetKind::survey_next, 0)->rect), theme::disabled));
    }
    Shot shot(1920, 1080);
    auto s = question_state(8, 4);
    s.language = Language::en;
    shot.draw(s, monday_0900);
    shot.save("kiosk_survey_last_en.png");
    // The ninth "Next", the profile skipped four times, "Send".
    for (int i = 0; i < 1 + survey_profile_questions + 1; ++i) tap(s, {TargetKind::survey_next, 0}, monday_0900);
    REQUIRE(s.screen == Screen::survey_sending);
    apply_survey_reply(s, Reply{true, nlohmann::json::object(), "", ""}, monday_0900 + 500);
    shot.draw(s, monday_0900 + 1000);
    CHECK_FALSE(compute_layout(s, 1920, 1080).find(TargetKind::survey_open));
    shot.save("kiosk_survey_thanks.png");
}

TEST_CASE("the desk screen between ratings shows the number being served at its counter",
          "[kiosk][screens][feedback][desk]") {
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{1280, 800}}) {
        Shot shot(w, h);
        auto s = feedback_state(2);
        nlohmann::json counter = {
            {"number", 2},
            {"name", "Loket 2"},
            {"state", "open"},
            {"active", {{"id", 50}, {"label", "B-004"}, {"service", "KK"}, {"status", "serving"}}}};
        apply_event(s, {{"event", "service_started"}, {"counter", 2}, {"counter_state", counter}}, monday_0900);
        shot.draw(s, monday_0900);
        const auto drawn = [&](const std::string& text) {
            return std::any_of(shot.texts.begin(), shot.texts.end(), [&](const auto& t) { return t.text == text; });
        };
        CHECK(drawn("B-004"));
        CHECK(drawn("Sedang dilayani"));
        CHECK(drawn("Loket 2"));
        // Large: the number reads from across the desk.
        for (const auto& t : shot.texts)
            if (t.text == "B-004") CHECK(t.size >= compute_layout(s, w, h).px(96));
        shot.save(w == 1280 ? "kiosk_desk_serving_1280.png"
                  : h > w   ? "kiosk_desk_serving_portrait.png"
                            : "kiosk_desk_serving.png");
        // Called, not yet served: the same number, saying so.
        counter["active"]["status"] = "called";
        apply_event(s, {{"event", "ticket_called"}, {"counter", 2}, {"counter_state", counter}}, monday_0900);
        shot.draw(s, monday_0900);
        CHECK(drawn("B-004"));
        CHECK(drawn("Dipanggil"));
    }
}

TEST_CASE("survey profile and saran: large choices, skip or next, a keyboard and its field",
          "[kiosk][screens][survey]") {
    constexpr SDL_Color paper{0xff, 0xff, 0xff, 0xff};
    const auto drew = [](const Shot& shot, const std::string& text) {
        return std::any_of(shot.texts.begin(), shot.texts.end(), [&](const auto& t) { return t.text == text; });
    };
    // The entrance kiosk both ways, and the desk screen's small panel.
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{1280, 800}}) {
        const std::string size = std::to_string(w) + "x" + std::to_string(h);
        Shot shot(w, h);
        auto s = question_state(8, 4);
        tap(s, {TargetKind::survey_next, 0}, monday_0900);
        REQUIRE(s.screen == Screen::survey_profile);
        // Nothing chosen: every choice grey-blue, the footer's dark button says "Lewati".
        shot.draw(s, monday_0900);
        auto l = compute_layout(s, w, h);
        CHECK(same(shot.edge_of(l.find(TargetKind::survey_choice, 0)->rect), theme::panel_light));
        CHECK(same(shot.edge_of(l.find(TargetKind::survey_next, 0)->rect), detail_button_dark));
        CHECK(drew(shot, "Lewati"));
        CHECK(drew(shot, "Perempuan"));
        // Umur, "30-39" chosen: yellow, and the green "Berikutnya".
        tap(s, {TargetKind::survey_next, 0}, monday_0900);
        tap(s, {TargetKind::survey_choice, 2}, monday_0900);
        shot.draw(s, monday_0900);
        l = compute_layout(s, w, h);
        REQUIRE(l.find(TargetKind::survey_choice, 5));
        CHECK_FALSE(l.find(TargetKind::survey_choice, 6));
        CHECK(same(shot.edge_of(l.find(TargetKind::survey_choice, 2)->rect), theme::accent));
        CHECK(same(shot.edge_of(l.find(TargetKind::survey_choice, 1)->rect), theme::panel_light));
        CHECK(same(shot.edge_of(l.find(TargetKind::survey_next, 0)->rect), theme::go));
        CHECK(drew(shot, "Berikutnya"));
        shot.save("kiosk_survey_profile_" + size + ".png");

        // The saran: a white field with what was typed, capitals on, the count.
        for (int i = 1; i < survey_profile_questions; ++i) tap(s, {TargetKind::survey_next, 0}, monday_0900);
        REQUIRE(s.screen == Screen::survey_note);
        shot.draw(s, monday_0900);
        CHECK(drew(shot, "0 / 1000 huruf"));
        tap(s, {TargetKind::note_caps, 0}, monday_0900);
        tap(s, {TargetKind::note_key, 'a'}, monday_0900);
        tap(s, {TargetKind::note_caps, 0}, monday_0900);
        for (const char c : std::string("ntrean lancar, petugas ramah."))
            tap(s, {TargetKind::note_key, c}, monday_0900);
        tap(s, {TargetKind::note_caps, 0}, monday_0900);
        shot.draw(s, monday_0900);
        l = compute_layout(s, w, h);
        CHECK(same(shot.at(l.prompt.x + l.prompt.w - 12, l.prompt.y + l.prompt.h / 2), paper));
        CHECK(shot.count(l.prompt, qr_black, 1) > 100);  // the typed words, in black
        CHECK(drew(shot, "30 / 1000 huruf"));
        CHECK(drew(shot, "Q"));  // capitals on: the keys show them
        CHECK(same(shot.edge_of(l.find(TargetKind::note_caps, 0)->rect), theme::accent));
        CHECK(same(shot.edge_of(l.find(TargetKind::note_key, 'q')->rect), theme::panel_light));
        CHECK(same(shot.edge_of(l.find(TargetKind::survey_next, 0)->rect), theme::go));
        // Every key is a comfortable target, at least 60 design pixels each way.
        for (const auto& b : l.buttons)
            if (b.target.kind == TargetKind::note_key) CHECK(std::min(b.rect.w, b.rect.h) >= l.px(60));
        shot.save("kiosk_survey_note_" + size + ".png");
    }
    Shot shot(1920, 1080);
    auto s = question_state(8, 4);
    s.language = Language::en;
    tap(s, {TargetKind::survey_next, 0}, monday_0900);
    tap(s, {TargetKind::survey_next, 0}, monday_0900);
    tap(s, {TargetKind::survey_next, 0}, monday_0900);
    shot.draw(s, monday_0900);
    CHECK(std::any_of(shot.texts.begin(), shot.texts.end(), [](const auto& t) { return t.text == "Bachelor (S1)"; }));
    shot.save("kiosk_survey_profile_en.png");
}

}  // namespace kiosk_feedback_screens_test
