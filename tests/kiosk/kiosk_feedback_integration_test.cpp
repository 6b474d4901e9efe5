// Feedback mode and the SKM survey against the real server: an officer finishes a
// ticket at counter 2, the desk screen of counter 2 asks for a rating and sends it,
// the desk screen of counter 1 stays idle, and a survey counts in the IKM.
#include <cmath>

#include <catch2/catch.hpp>

#include "antre/kiosk/controller.hpp"
#include "antre/kiosk/layout.hpp"
#include "kiosk_pump.hpp"
#include "test_support.hpp"

namespace kiosk_feedback_integration_test {

using namespace antre;
using namespace antre::kiosk;
using json = nlohmann::json;
using antre::test::pump_until;

namespace {

constexpr const char* officer_nip = "198507142010011002";
constexpr const char* officer_pin = "246810";
constexpr const char* manager_nip = "197812312003121001";
constexpr const char* manager_pin = "135790";

// A touch in the middle of the button for `kind`/`index`, as drawn on a 1280x800 desk screen.
void touch(Controller& c, TargetKind kind, int index, const Clock& clock) {
    const auto layout = compute_layout(c.state(), 1280, 800);
    const auto* b = layout.find(kind, index);
    REQUIRE(b);
    c.tap(b->rect.x + b->rect.w / 2, b->rect.y + b->rect.h / 2, 1280, 800, clock.now());
}

}  // namespace

TEST_CASE("the desk screen of the finishing counter rates the ticket, a survey counts in the IKM",
          "[kiosk][integration][feedback]") {
    antre::test::TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin},
                                    {manager_nip, "Kepala Seksi", OfficerRole::manager, manager_pin}});
    auto& clock = office.clock();
    ControllerOptions o;
    o.port = office.port();
    o.feedback_counter = 2;
    Controller desk2(o);
    o.feedback_counter = 1;
    Controller desk1(o);
    desk2.start();
    desk1.start();
    const auto idle = [](const KioskState& s) { return s.screen == Screen::feedback_idle; };
    REQUIRE(pump_until(desk2, clock, idle));
    REQUIRE(pump_until(desk1, clock, idle));
    CHECK(desk2.state().counter_name == "Loket 2");

    auto kiosk = antre::test::connect(office.port(), {{"role", "kiosk"}});
    const auto issued = kiosk->call("issue", {{"service", "KTP"}});
    REQUIRE(issued.ok);
    const auto ticket_id = issued.body["ticket"]["id"].get<std::int64_t>();
    const auto label = issued.body["ticket"]["label"].get<std::string>();
    auto officer = antre::test::connect(
        office.port(), {{"role", "counter"}, {"counter", 2}, {"nip", officer_nip}, {"pin", officer_pin}});
    REQUIRE(officer->call("call_next").ok);
    clock.advance(7 * 60000);
    REQUIRE(officer->call("finish").ok);

    REQUIRE(pump_until(desk2, clock, [](const KioskState& s) { return s.screen == Screen::rating; }));
    CHECK(desk2.state().rating->label == label);
    touch(desk2, TargetKind::rate, 3, clock);  // "Puas"
    REQUIRE(pump_until(desk2, clock, [](const KioskState& s) { return s.screen == Screen::thanks; }));
    const auto stored = kiosk->call("ticket", {{"ticket", ticket_id}});
    REQUIRE(stored.ok);
    CHECK(stored.body["ticket"]["rating"] == 3);

    // Counter 1's screen saw the finish too (the next issue's queue_changed comes after
    // it on the same connection) and stayed idle.
    REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
    REQUIRE(pump_until(desk1, clock,
                       [](const KioskState& s) { return s.services.size() > 0 && s.services[0].waiting == 1; }));
    CHECK(desk1.state().screen == Screen::feedback_idle);
    CHECK_FALSE(desk1.state().rating);

    // The survey from counter 1's idle screen, for Kartu Keluarga.
    const std::array<int, survey_questions> answers{4, 3, 4, 4, 3, 4, 4, 2, 3};
    touch(desk1, TargetKind::survey_open, 0, clock);
    REQUIRE(desk1.state().screen == Screen::survey_service);
    const int kk = find_service(desk1.state(), "KK");
    REQUIRE(kk >= 0);
    touch(desk1, TargetKind::survey_service, kk, clock);
    for (int a : answers) {
        touch(desk1, TargetKind::survey_answer, a, clock);
        touch(desk1, TargetKind::survey_next, 0, clock);
    }
    // The profile: Perempuan, age skipped, SMA / SMK, Wirausaha; then a saran typed on the keyboard.
    for (const int choice : {1, -1, 2, 4}) {
        REQUIRE(desk1.state().screen == Screen::survey_profile);
        if (choice >= 0) touch(desk1, TargetKind::survey_choice, choice, clock);
        touch(desk1, TargetKind::survey_next, 0, clock);
    }
    REQUIRE(desk1.state().screen == Screen::survey_note);
    touch(desk1, TargetKind::note_caps, 0, clock);
    touch(desk1, TargetKind::note_key, 'r', clock);
    touch(desk1, TargetKind::note_caps, 0, clock);
    for (const char c : std::string("uang panas.")) touch(desk1, TargetKind::note_key, c, clock);
    touch(desk1, TargetKind::survey_next, 0, clock);
    REQUIRE(pump_until(desk1, clock, [](const KioskState& s) { return s.screen == Screen::thanks; }));

    auto manager =
        antre::test::connect(office.port(), {{"role", "manager"}, {"nip", manager_nip}, {"pin", manager_pin}});
    const auto ikm = manager->call("ikm", {{"from", "2026-11-30"}, {"to", "2026-11-30"}});
    REQUIRE(ikm.ok);
    CHECK(ikm.body["ikm"]["responses"] == 1);
    // One response: each unsur's NRR is its answer, in the order the kiosk asked them.
    double sum = 0;
    for (int i = 0; i < survey_questions; ++i) {
        CHECK(ikm.body["ikm"]["unsur"][static_cast<std::size_t>(i)]["nrr"].get<double>() ==
              Approx(answers[static_cast<std::size_t>(i)]));
        sum += answers[static_cast<std::size_t>(i)];
    }
    CHECK(ikm.body["ikm"]["ikm"].get<double>() == Approx(std::round(sum / 9 * 25 * 100) / 100));
    const auto by_service = manager->call("ikm", {{"from", "2026-11-30"}, {"to", "2026-11-30"}, {"service", "KK"}});
    REQUIRE(by_service.ok);
    CHECK(by_service.body["ikm"]["responses"] == 1);
    // The profile counted in the report's tables, the saran for the managers to read.
    const auto& profile = ikm.body["ikm"]["profile"];
    const auto count = [&](std::size_t question, const std::string& code) {
        for (const auto& row : profile[question]["rows"])
            if (row["code"] == code) return row["count"].get<int>();
        return -1;
    };
    CHECK(count(0, "P") == 1);
    CHECK(profile[1]["blank"] == 1);
    CHECK(count(2, "SMA") == 1);
    CHECK(count(3, "WIRAUSAHA") == 1);
    const auto notes = manager->call("survey_notes", json::object());
    REQUIRE(notes.ok);
    REQUIRE(notes.body["notes"].size() == 1);
    CHECK(notes.body["notes"][0]["text"] == "Ruang panas.");
    CHECK(notes.body["notes"][0]["service"] == "KK");
}

}  // namespace kiosk_feedback_integration_test
