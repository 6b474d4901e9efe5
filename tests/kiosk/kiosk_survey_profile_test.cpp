// The end of the kiosk's SKM survey: the respondent's profile (four skippable
// questions) and the saran/pengaduan typed on the screen's keyboard, as the reducer
// sees them, and the codes checked against the server's own list.
#include <string>

#include <catch2/catch.hpp>

#include "antre/errors.hpp"
#include "antre/kiosk/texts.hpp"
#include "kiosk_fixtures.hpp"
#include "skm.hpp"

namespace kiosk_survey_profile_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;

namespace {

// A survey at the first profile question: service KTP, every unsur answered 4.
KioskState at_profile() {
    auto s = connected_state();
    tap(s, {TargetKind::survey_open, 0}, monday_0900);
    tap(s, {TargetKind::survey_service, 0}, monday_0900);
    for (int i = 0; i < survey_questions; ++i) {
        tap(s, {TargetKind::survey_answer, 4}, monday_0900);
        tap(s, {TargetKind::survey_next, 0}, monday_0900);
    }
    return s;
}

void type(KioskState& s, const std::string& text) {
    for (const char c : text) tap(s, {TargetKind::note_key, c}, monday_0900);
}

}  // namespace

TEST_CASE("the kiosk's profile codes are the server's, in the form's order, in both languages", "[kiosk][survey]") {
    const auto& server = skm::profile_questions();
    for (const auto language : {Language::id, Language::en}) {
        for (int i = 0; i < survey_profile_questions; ++i) {
            const auto& q = profile_question(language, i);
            const auto& theirs = server[static_cast<std::size_t>(i)];
            CHECK(std::string(q.key) == theirs.key);
            REQUIRE(q.choices.size() == theirs.choices.size());
            for (std::size_t c = 0; c < q.choices.size(); ++c) {
                CHECK(std::string(q.choices[c].code) == theirs.choices[c].code);
                CHECK_FALSE(std::string(q.choices[c].label).empty());
            }
        }
    }
    CHECK(survey_note_max == skm::note_max_chars);
}

TEST_CASE("after the nine unsur, four profile questions, each skippable, then the saran", "[kiosk][survey]") {
    auto s = at_profile();
    REQUIRE(s.screen == Screen::survey_profile);
    CHECK(s.survey.profile_step == 0);
    SECTION("a touch chooses, a second touch on the same answer takes it back, another changes it") {
        tap(s, {TargetKind::survey_choice, 1}, monday_0900);
        CHECK(s.survey.profile[0] == "P");
        tap(s, {TargetKind::survey_choice, 1}, monday_0900);
        CHECK(s.survey.profile[0].empty());
        tap(s, {TargetKind::survey_choice, 0}, monday_0900);
        tap(s, {TargetKind::survey_choice, 1}, monday_0900);
        CHECK(s.survey.profile[0] == "P");
        tap(s, {TargetKind::survey_choice, 7}, monday_0900);  // no such answer: nothing
        CHECK(s.survey.profile[0] == "P");
    }
    SECTION("back walks to the ninth unsur with its answer; next from the last question opens the saran") {
        tap(s, {TargetKind::survey_back, 0}, monday_0900);
        CHECK(s.screen == Screen::survey_question);
        CHECK(s.survey.question == survey_questions - 1);
        CHECK(s.survey.answers[survey_questions - 1] == 4);
        tap(s, {TargetKind::survey_next, 0}, monday_0900);
        CHECK(s.screen == Screen::survey_profile);
        for (int i = 0; i < survey_profile_questions; ++i) tap(s, {TargetKind::survey_next, 0}, monday_0900);
        CHECK(s.screen == Screen::survey_note);
        tap(s, {TargetKind::survey_back, 0}, monday_0900);
        CHECK(s.screen == Screen::survey_profile);
        CHECK(s.survey.profile_step == survey_profile_questions - 1);
    }
    SECTION("the answers chosen and the saran typed go in the one request") {
        for (const int choice : {0, 5, -1, 3}) {
            if (choice >= 0) tap(s, {TargetKind::survey_choice, choice}, monday_0900);
            tap(s, {TargetKind::survey_next, 0}, monday_0900);
        }
        REQUIRE(s.screen == Screen::survey_note);
        tap(s, {TargetKind::note_caps, 0}, monday_0900);
        type(s, "a");
        tap(s, {TargetKind::note_caps, 0}, monday_0900);
        type(s, "ntre  cepat, terima kasih!  ");  // runs of spaces typed as one
        CHECK(s.survey.note == "Antre cepat, terima kasih! ");
        tap(s, {TargetKind::note_erase, 0}, monday_0900);
        tap(s, {TargetKind::note_erase, 0}, monday_0900);
        type(s, "? ");
        const auto c = tap(s, {TargetKind::survey_next, 0}, monday_0900);
        REQUIRE(c.kind == Command::Kind::submit_survey);
        CHECK(c.service == "KTP");
        CHECK(c.profile == std::array<std::string, 4>{"L", "60+", "", "SWASTA"});
        CHECK(c.note == "Antre cepat, terima kasih?");  // the trailing space dropped
        CHECK(s.screen == Screen::survey_sending);
        // A service the server no longer has: sent again without it, the rest unchanged.
        const auto again = apply_survey_reply(s, Reply{false, {}, errc::unknown_service, "?"}, monday_0900);
        CHECK(again.kind == Command::Kind::submit_survey);
        CHECK(again.service.empty());
        CHECK(again.profile == c.profile);
        CHECK(again.note == c.note);
    }
    SECTION("the keyboard stops at the server's limit, and types nothing but printable characters") {
        for (int i = 0; i < survey_profile_questions; ++i) tap(s, {TargetKind::survey_next, 0}, monday_0900);
        for (std::size_t i = 0; i < survey_note_max + 20; ++i) type(s, "x");
        CHECK(s.survey.note.size() == survey_note_max);
        tap(s, {TargetKind::note_erase, 0}, monday_0900);
        tap(s, {TargetKind::note_key, '\n'}, monday_0900);
        tap(s, {TargetKind::note_key, 0x7f}, monday_0900);
        CHECK(s.survey.note.size() == survey_note_max - 1);
        const auto c = tap(s, {TargetKind::survey_next, 0}, monday_0900);
        CHECK(c.note.size() == survey_note_max - 1);
        CHECK(c.profile == std::array<std::string, 4>{});
    }
    SECTION("a saran of spaces is no saran; cancel drops everything") {
        for (int i = 0; i < survey_profile_questions; ++i) tap(s, {TargetKind::survey_next, 0}, monday_0900);
        type(s, " ");
        CHECK(s.survey.note.empty());  // a space cannot start the saran
        type(s, "ok");
        tap(s, {TargetKind::survey_cancel, 0}, monday_0900);
        CHECK(s.screen == Screen::home);
        CHECK(s.survey.note.empty());
    }
    SECTION("left alone on the keyboard: home after the survey's idle time") {
        for (int i = 0; i < survey_profile_questions; ++i) tap(s, {TargetKind::survey_next, 0}, monday_0900);
        type(s, "ab");
        tick(s, monday_0900 + s.timings.survey_idle - 1);
        CHECK(s.screen == Screen::survey_note);
        tick(s, monday_0900 + s.timings.survey_idle);
        CHECK(s.screen == Screen::home);
        CHECK(s.survey.note.empty());
    }
}

}  // namespace kiosk_survey_profile_test
