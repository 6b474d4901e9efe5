// Feedback mode and the SKM survey without SDL or sockets: which events bring up
// the rating, what a touch sends, what each reply and the passing time do.
#include <catch2/catch.hpp>

#include "antre/errors.hpp"
#include "antre/kiosk/texts.hpp"
#include "kiosk_fixtures.hpp"

namespace kiosk_feedback_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;
using nlohmann::json;

namespace {

Reply ok_reply(json body = json::object()) {
    Reply r;
    r.ok = true;
    r.body = std::move(body);
    return r;
}

constexpr Millis second = 1000;

// Answers every question with `answers[i]` and presses next; the last next submits.
Command answer_all(KioskState& s, const std::array<int, survey_questions>& answers, Millis now) {
    Command last;
    for (int i = 0; i < survey_questions; ++i) {
        REQUIRE(s.screen == Screen::survey_question);
        REQUIRE(s.survey.question == i);
        tap(s, {TargetKind::survey_answer, answers[static_cast<std::size_t>(i)]}, now);
        last = tap(s, {TargetKind::survey_next, 0}, now);
    }
    // The profile skipped, no saran: "Lewati" four times, then "Kirim".
    for (int i = 0; i < survey_profile_questions; ++i) {
        REQUIRE(s.screen == Screen::survey_profile);
        REQUIRE(last.kind == Command::Kind::none);
        last = tap(s, {TargetKind::survey_next, 0}, now);
    }
    REQUIRE(s.screen == Screen::survey_note);
    return tap(s, {TargetKind::survey_next, 0}, now);
}

}  // namespace

TEST_CASE("feedback mode waits on an idle screen named after its counter", "[kiosk][feedback]") {
    KioskState s;
    enter_feedback_mode(s, 2);
    CHECK(s.screen == Screen::offline);
    s = feedback_state(2);
    CHECK(s.screen == Screen::feedback_idle);
    CHECK(s.counter_name == "Loket 2");
    SECTION("a lost link shows the notice; the link back, the idle screen") {
        apply_connection(s, ConnectionState::connecting, "connect: Connection refused", monday_0900 + second);
        CHECK(s.screen == Screen::offline);
        apply_event(s, {{"event", "snapshot"}, {"snapshot", sorong_snapshot()}}, monday_0900 + 2 * second);
        apply_connection(s, ConnectionState::ready, "", monday_0900 + 2 * second);
        CHECK(s.screen == Screen::feedback_idle);
    }
}

TEST_CASE("only a finish at the screen's own counter asks for a rating", "[kiosk][feedback]") {
    auto s = feedback_state(2);
    SECTION("counter 1's finish: nothing") {
        apply_event(s, finished_event(41, "A-007", 1), monday_0900);
        CHECK(s.screen == Screen::feedback_idle);
        CHECK_FALSE(s.rating);
    }
    SECTION("other events about counter 2: nothing") {
        auto called = finished_event(41, "A-007", 2);
        called["event"] = "ticket_called";
        apply_event(s, called, monday_0900);
        CHECK(s.screen == Screen::feedback_idle);
    }
    SECTION("counter 2's finish: the faces, with the ticket's number") {
        apply_event(s, finished_event(41, "A-007", 2), monday_0900);
        CHECK(s.screen == Screen::rating);
        REQUIRE(s.rating);
        CHECK(s.rating->label == "A-007");
        CHECK(s.rating->ticket_id == 41);
    }
    SECTION("the ticket kiosk itself never asks") {
        auto kiosk = connected_state();
        apply_event(kiosk, finished_event(41, "A-007", 2), monday_0900);
        CHECK(kiosk.screen == Screen::home);
        CHECK_FALSE(kiosk.rating);
    }
}

TEST_CASE("a touched face sends one rating and thanks the citizen", "[kiosk][feedback]") {
    auto s = feedback_state(2);
    apply_event(s, finished_event(41, "A-007", 2), monday_0900);
    const auto c = tap(s, {TargetKind::rate, 3}, monday_0900 + 4 * second);
    CHECK(c.kind == Command::Kind::rate);
    CHECK(c.ticket == 41);
    CHECK(c.rating == 3);
    CHECK(c.counter == 2);
    // A second touch (another face, or the same twice) sends nothing more.
    CHECK(tap(s, {TargetKind::rate, 4}, monday_0900 + 4 * second + 200).kind == Command::Kind::none);
    CHECK(s.rating->chosen == 3);
    apply_rating_reply(s, 41, ok_reply(), monday_0900 + 5 * second);
    CHECK(s.screen == Screen::thanks);
    CHECK(s.submission == Submission::rating);
    CHECK_FALSE(s.already_rated);
    CHECK_FALSE(s.rating);
    SECTION("after a few seconds, back to idle") {
        tick(s, monday_0900 + 5 * second + s.timings.thanks_shown - 1);
        CHECK(s.screen == Screen::thanks);
        tick(s, monday_0900 + 5 * second + s.timings.thanks_shown);
        CHECK(s.screen == Screen::feedback_idle);
    }
    SECTION("the thank-you screen offers the survey, for the service just received") {
        tap(s, {TargetKind::survey_open, 0}, monday_0900 + 7 * second);
        CHECK(s.screen == Screen::survey_question);
        CHECK(s.survey.service == "KTP");
        CHECK_FALSE(s.survey.asked_service);
    }
}

TEST_CASE("an unanswered rating goes away after a minute, and nothing is sent", "[kiosk][feedback]") {
    auto s = feedback_state(2);
    apply_event(s, finished_event(41, "A-007", 2), monday_0900);
    tick(s, monday_0900 + s.timings.rating_prompt - 1);
    CHECK(s.screen == Screen::rating);
    tick(s, monday_0900 + s.timings.rating_prompt);
    CHECK(s.screen == Screen::feedback_idle);
    CHECK_FALSE(s.rating);
    CHECK(tap(s, {TargetKind::rate, 4}, monday_0900 + s.timings.rating_prompt + 10).kind == Command::Kind::none);
}

TEST_CASE("a newer finish at the counter replaces the rating still waiting", "[kiosk][feedback]") {
    auto s = feedback_state(2);
    apply_event(s, finished_event(41, "A-007", 2), monday_0900);
    SECTION("before any touch") {
        apply_event(s, finished_event(44, "B-002", 2, "KK"), monday_0900 + 30 * second);
        CHECK(s.rating->label == "B-002");
        // The minute counts from the newer finish.
        tick(s, monday_0900 + 30 * second + s.timings.rating_prompt - 1);
        CHECK(s.screen == Screen::rating);
        CHECK(tap(s, {TargetKind::rate, 2}, monday_0900 + 40 * second).ticket == 44);
    }
    SECTION("while the older rating is on its way: its late answer changes nothing") {
        tap(s, {TargetKind::rate, 4}, monday_0900 + second);
        apply_event(s, finished_event(44, "B-002", 2, "KK"), monday_0900 + 2 * second);
        CHECK(s.screen == Screen::rating);
        CHECK(s.rating->chosen == 0);
        apply_rating_reply(s, 41, ok_reply(), monday_0900 + 3 * second);
        CHECK(s.screen == Screen::rating);
        CHECK(s.rating->ticket_id == 44);
    }
    SECTION("on the thank-you screen: the next citizen's faces at once") {
        tap(s, {TargetKind::rate, 4}, monday_0900 + second);
        apply_rating_reply(s, 41, ok_reply(), monday_0900 + 2 * second);
        REQUIRE(s.screen == Screen::thanks);
        apply_event(s, finished_event(44, "B-002", 2, "KK"), monday_0900 + 3 * second);
        CHECK(s.screen == Screen::rating);
    }
    SECTION("rated elsewhere meanwhile: back to idle") {
        auto rated = finished_event(41, "A-007", 2);
        rated["event"] = "ticket_rated";
        apply_event(s, rated, monday_0900 + second);
        CHECK(s.screen == Screen::feedback_idle);
        CHECK_FALSE(s.rating);
    }
}

TEST_CASE("each refusal of a rating has its own outcome", "[kiosk][feedback]") {
    auto s = feedback_state(2);
    apply_event(s, finished_event(41, "A-007", 2), monday_0900);
    tap(s, {TargetKind::rate, 1}, monday_0900 + second);
    SECTION("already_exists: the opinion is on record; thanks, and says so") {
        apply_rating_reply(s, 41, refused(errc::already_exists), monday_0900 + 2 * second);
        CHECK(s.screen == Screen::thanks);
        CHECK(s.already_rated);
    }
    for (const char* code :
         {errc::invalid_state, errc::unknown_ticket, errc::forbidden, errc::connection_lost, errc::invalid_value}) {
        DYNAMIC_SECTION("refused with " << code << ": a notice, then idle") {
            apply_rating_reply(s, 41, refused(code), monday_0900 + 2 * second);
            CHECK(s.screen == Screen::not_saved);
            CHECK(s.submission == Submission::rating);
            CHECK(s.refusal_code == code);
            CHECK_FALSE(s.rating);
            tick(s, monday_0900 + 2 * second + s.timings.refused_shown);
            CHECK(s.screen == Screen::feedback_idle);
        }
    }
    SECTION("no answer at all: the notice after the guard time") {
        tick(s, monday_0900 + second + s.timings.issue_guard);
        CHECK(s.screen == Screen::not_saved);
        CHECK(s.refusal_code == errc::timeout);
    }
}

TEST_CASE("not-saved notices say why, per code", "[kiosk][feedback]") {
    const auto lost = not_saved_text(Language::id, Submission::rating, errc::connection_lost);
    const auto late = not_saved_text(Language::id, Submission::rating, errc::timeout);
    const auto done = not_saved_text(Language::id, Submission::rating, errc::invalid_state);
    const auto elsewhere = not_saved_text(Language::id, Submission::rating, errc::forbidden);
    const auto other = not_saved_text(Language::id, Submission::rating, errc::internal_error);
    CHECK(lost == late);
    CHECK(lost != done);
    CHECK(done != elsewhere);
    CHECK(elsewhere != other);
    CHECK(done == not_saved_text(Language::id, Submission::rating, errc::unknown_ticket));
    CHECK(lost != not_saved_text(Language::id, Submission::survey, errc::connection_lost));
    CHECK(lost != not_saved_text(Language::en, Submission::rating, errc::connection_lost));
}

TEST_CASE("a lost link keeps the faces: a touch waits for the reconnect", "[kiosk][feedback]") {
    auto s = feedback_state(2);
    apply_event(s, finished_event(41, "A-007", 2), monday_0900);
    apply_connection(s, ConnectionState::connecting, "server closed the connection", monday_0900 + second);
    CHECK(s.screen == Screen::rating);
    CHECK(tap(s, {TargetKind::rate, 4}, monday_0900 + 2 * second).kind == Command::Kind::rate);
}

TEST_CASE("a finish during a survey at the desk waits until the survey ends", "[kiosk][feedback][survey]") {
    auto s = feedback_state(2);
    tap(s, {TargetKind::survey_open, 0}, monday_0900);
    REQUIRE(s.screen == Screen::survey_service);
    tap(s, {TargetKind::survey_skip, 0}, monday_0900);
    apply_event(s, finished_event(41, "A-007", 2), monday_0900 + second);
    CHECK(s.screen == Screen::survey_question);
    tap(s, {TargetKind::survey_cancel, 0}, monday_0900 + 2 * second);
    CHECK(s.screen == Screen::rating);
    CHECK(s.rating->label == "A-007");
}

TEST_CASE("the survey: service, nine questions, back and next, one request", "[kiosk][survey]") {
    auto s = connected_state();
    tap(s, {TargetKind::survey_open, 0}, monday_0900);
    REQUIRE(s.screen == Screen::survey_service);
    tap(s, {TargetKind::survey_service, 1}, monday_0900);  // Kartu Keluarga
    CHECK(s.screen == Screen::survey_question);
    CHECK(s.survey.service == "KK");
    CHECK(s.survey.question == 0);
    SECTION("next waits for an answer; back returns to the previous question and keeps its answer") {
        CHECK(tap(s, {TargetKind::survey_next, 0}, monday_0900).kind == Command::Kind::none);
        CHECK(s.survey.question == 0);
        tap(s, {TargetKind::survey_answer, 3}, monday_0900);
        tap(s, {TargetKind::survey_answer, 4}, monday_0900);  // changed their mind
        tap(s, {TargetKind::survey_next, 0}, monday_0900);
        CHECK(s.survey.question == 1);
        tap(s, {TargetKind::survey_back, 0}, monday_0900);
        CHECK(s.survey.question == 0);
        CHECK(s.survey.answers[0] == 4);
        tap(s, {TargetKind::survey_back, 0}, monday_0900);
        CHECK(s.screen == Screen::survey_service);
    }
    SECTION("the ninth next sends all nine answers in the unsur's order, with the service") {
        const std::array<int, survey_questions> answers{4, 3, 2, 4, 1, 3, 4, 2, 3};
        const auto c = answer_all(s, answers, monday_0900 + second);
        CHECK(c.kind == Command::Kind::submit_survey);
        CHECK(c.service == "KK");
        CHECK(c.answers == std::vector<int>(answers.begin(), answers.end()));
        CHECK(s.screen == Screen::survey_sending);
        CHECK(tap(s, {TargetKind::survey_next, 0}, monday_0900 + second).kind == Command::Kind::none);
        CHECK(apply_survey_reply(s, ok_reply(), monday_0900 + 2 * second).kind == Command::Kind::none);
        CHECK(s.screen == Screen::thanks);
        CHECK(s.submission == Submission::survey);
        // No survey button after a survey; back home after a while.
        tap(s, {TargetKind::survey_open, 0}, monday_0900 + 4 * second);
        CHECK(s.screen == Screen::home);
    }
    SECTION("a service the server does not know: sent again without it") {
        answer_all(s, {4, 4, 4, 4, 4, 4, 4, 4, 4}, monday_0900);
        const auto again = apply_survey_reply(s, refused(errc::unknown_service), monday_0900 + second);
        CHECK(again.kind == Command::Kind::submit_survey);
        CHECK(again.service.empty());
        CHECK(again.answers.size() == 9);
        CHECK(s.screen == Screen::survey_sending);
        apply_survey_reply(s, ok_reply(), monday_0900 + 2 * second);
        CHECK(s.screen == Screen::thanks);
    }
    for (const char* code : {errc::invalid_value, errc::connection_lost, errc::bad_request}) {
        DYNAMIC_SECTION("refused with " << code << ": a notice, then home") {
            answer_all(s, {1, 2, 3, 4, 1, 2, 3, 4, 1}, monday_0900);
            CHECK(apply_survey_reply(s, refused(code), monday_0900 + second).kind == Command::Kind::none);
            CHECK(s.screen == Screen::not_saved);
            CHECK(s.submission == Submission::survey);
            CHECK(s.refusal_code == code);
            tap(s, {TargetKind::dismiss, 0}, monday_0900 + 2 * second);
            CHECK(s.screen == Screen::home);
            CHECK(s.survey.answers[0] == 0);
        }
    }
    SECTION("no answer from the server: the notice after the guard time") {
        answer_all(s, {1, 2, 3, 4, 1, 2, 3, 4, 1}, monday_0900);
        tick(s, monday_0900 + s.timings.issue_guard);
        CHECK(s.screen == Screen::not_saved);
        CHECK(s.refusal_code == errc::timeout);
    }
}

TEST_CASE("the survey can be skipped past the service, cancelled, or left alone", "[kiosk][survey]") {
    auto s = connected_state();
    tap(s, {TargetKind::survey_open, 0}, monday_0900);
    SECTION("skip: no service, and back from the first question returns to the choice") {
        tap(s, {TargetKind::survey_skip, 0}, monday_0900);
        CHECK(s.screen == Screen::survey_question);
        CHECK(s.survey.service.empty());
    }
    SECTION("cancel: home, nothing kept") {
        tap(s, {TargetKind::survey_skip, 0}, monday_0900);
        tap(s, {TargetKind::survey_answer, 2}, monday_0900);
        tap(s, {TargetKind::survey_cancel, 0}, monday_0900);
        CHECK(s.screen == Screen::home);
        CHECK(s.survey.answers[0] == 0);
    }
    SECTION("left alone: home after the idle time, counted from the last touch") {
        tap(s, {TargetKind::survey_skip, 0}, monday_0900 + 10 * second);
        tap(s, {TargetKind::survey_answer, 2}, monday_0900 + 20 * second);
        tick(s, monday_0900 + 20 * second + s.timings.survey_idle - 1);
        CHECK(s.screen == Screen::survey_question);
        tick(s, monday_0900 + 20 * second + s.timings.survey_idle);
        CHECK(s.screen == Screen::home);
        CHECK(s.survey.answers[0] == 0);
    }
    SECTION("a lost link does not interrupt it") {
        tap(s, {TargetKind::survey_skip, 0}, monday_0900);
        apply_connection(s, ConnectionState::connecting, "", monday_0900 + second);
        CHECK(s.screen == Screen::survey_question);
    }
}

TEST_CASE("the questionnaire: nine unsur, four answers each, in both languages", "[kiosk][survey]") {
    for (const auto lang : {Language::id, Language::en}) {
        for (int i = 0; i < survey_questions; ++i) {
            const auto& q = survey_question(lang, i);
            CHECK(std::string(q.unsur).size() > 3);
            CHECK(std::string(q.question).back() == '?');
            for (const char* a : q.answers) CHECK(std::string(a).size() > 2);
        }
        CHECK(survey_progress(lang, 2).find('3') != std::string::npos);
    }
    CHECK(std::string(survey_question(Language::id, 0).question) ==
          "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?");
    CHECK(std::string(survey_question(Language::id, 0).answers[0]) == "Tidak sesuai");
    CHECK(std::string(survey_question(Language::id, 0).answers[3]) == "Sangat sesuai");
    // Unsur 8 and 9 in the regulation's list order: complaints, then facilities.
    CHECK(std::string(survey_question(Language::id, 7).unsur) == "Penanganan Pengaduan, Saran dan Masukan");
    CHECK(std::string(survey_question(Language::id, 8).unsur) == "Sarana dan Prasarana");
    CHECK(survey_progress(Language::id, 2) == "Pertanyaan 3 dari 9");
    CHECK(rating_name(Language::id, 4) == "Sangat Puas");
    CHECK(rating_name(Language::id, 1) == "Tidak Puas");
}

TEST_CASE("the desk screen follows the number its counter calls and serves", "[kiosk][feedback][desk]") {
    const auto held = [](int counter, const std::string& label, const std::string& status) {
        return json{{"number", counter},
                    {"name", "Loket " + std::to_string(counter)},
                    {"state", "open"},
                    {"active", {{"id", 50}, {"label", label}, {"service", "KK"}, {"status", status}}}};
    };
    SECTION("from the snapshot") {
        auto snapshot = sorong_snapshot();
        snapshot["counters"] = json::array({held(1, "A-007", "serving"), held(2, "A-012", "called")});
        KioskState s;
        enter_feedback_mode(s, 2);
        apply_event(s, {{"event", "snapshot"}, {"snapshot", snapshot}}, monday_0900);
        REQUIRE(s.desk_ticket);
        CHECK(s.desk_ticket->label == "A-012");
        CHECK_FALSE(s.desk_ticket->serving);
    }
    SECTION("from every event's counter record, its own counter's only") {
        auto s = feedback_state(2);
        CHECK_FALSE(s.desk_ticket);
        apply_event(s, {{"event", "ticket_called"}, {"counter", 1}, {"counter_state", held(1, "A-008", "called")}},
                    monday_0900);
        CHECK_FALSE(s.desk_ticket);
        apply_event(s, {{"event", "ticket_called"}, {"counter", 2}, {"counter_state", held(2, "B-004", "called")}},
                    monday_0900);
        REQUIRE(s.desk_ticket);
        CHECK(s.desk_ticket->label == "B-004");
        apply_event(s, {{"event", "service_started"}, {"counter", 2}, {"counter_state", held(2, "B-004", "serving")}},
                    monday_0900);
        REQUIRE(s.desk_ticket);
        CHECK(s.desk_ticket->serving);
        CHECK(s.screen == Screen::feedback_idle);
        // Finished: the counter holds nothing, and the rating asks about B-004.
        auto finished = finished_event(50, "B-004", 2, "KK");
        finished["counter_state"] = {{"number", 2}, {"name", "Loket 2"}, {"state", "open"}, {"active", nullptr}};
        apply_event(s, finished, monday_0900);
        CHECK_FALSE(s.desk_ticket);
        CHECK(s.screen == Screen::rating);
    }
    SECTION("the ticket kiosk keeps none") {
        auto snapshot = sorong_snapshot();
        snapshot["counters"] = json::array({held(2, "A-012", "called")});
        auto s = connected_state(snapshot);
        CHECK_FALSE(s.desk_ticket);
    }
}

}  // namespace kiosk_feedback_test
