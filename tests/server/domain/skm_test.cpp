// Tests of the SKM beyond the nine answers (server/domain/skm.cpp): the respondent's
// profile, the saran/pengaduan's bounds, the report's tables and the Krejcie-Morgan
// sample size; and the store keeping a note apart from the event log with its answer.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "antre/config.hpp"
#include "antre/errors.hpp"
#include "engine.hpp"
#include "skm.hpp"
#include "store.hpp"

namespace skm_test {

using namespace antre;

namespace {

metrics::LoggedEvent survey_event(const std::string& detail, const std::string& service = "KTP") {
    metrics::LoggedEvent le;
    le.event.type = "survey_submitted";
    le.event.service = service;
    le.event.detail = detail;
    return le;
}

std::string refusal_code(const std::function<void()>& f) {
    try {
        f();
    } catch (const Refusal& r) {
        return r.code();
    }
    return "";
}

const OfficeConfig& sorong() {
    static const OfficeConfig office = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    return office;
}

// 2026-11-30 10:00 WIT as UTC milliseconds.
constexpr Millis monday_10 = 1'796'000'400'000LL;

// A manager's answer to the saran of event `seq`, an hour later, as op_survey_reply stages it.
Effect reply_to(std::int64_t seq, const std::string& text) {
    Effect reply;
    Event r;
    r.type = "survey_replied";
    r.at = monday_10 + 3'600'000;
    r.day = "2026-11-30";
    r.officer = "197501012000031001";
    r.detail = std::to_string(seq) + ":" + text;
    reply.events.push_back(r);
    return reply;
}

}  // namespace

TEST_CASE("Krejcie-Morgan: the sample the regulation asks for a number of citizens served", "[skm]") {
    SECTION("the table's known points") {
        CHECK(skm::krejcie_morgan_sample(100) == 80);
        CHECK(skm::krejcie_morgan_sample(1000) == 278);
        CHECK(skm::krejcie_morgan_sample(10) == 10);
        CHECK(skm::krejcie_morgan_sample(500) == 217);
        CHECK(skm::krejcie_morgan_sample(10000) == 370);
        CHECK(skm::krejcie_morgan_sample(1000000) == 384);
    }
    SECTION("between rows the next larger population's sample; beyond the table 384; below 10 everyone") {
        CHECK(skm::krejcie_morgan_sample(101) == 86);  // the row of 110
        CHECK(skm::krejcie_morgan_sample(1001) == 285);
        CHECK(skm::krejcie_morgan_sample(5'000'000) == 384);
        CHECK(skm::krejcie_morgan_sample(7) == 7);
        CHECK(skm::krejcie_morgan_sample(0) == 0);
    }
    SECTION("every tabled row is the formula X^2 N P(1-P) / (d^2 (N-1) + X^2 P(1-P)), rounded") {
        // The table's populations; the samples come from the code under test.
        const long rows[] = {10,   15,   20,   25,   30,    35,    40,    45,    50,    55,    60,    65,     70,
                             75,   80,   85,   90,   95,    100,   110,   120,   130,   140,   150,   160,    170,
                             180,  190,  200,  210,  220,   230,   240,   250,   260,   270,   280,   290,    300,
                             320,  340,  360,  380,  400,   420,   440,   460,   480,   500,   550,   600,    650,
                             700,  750,  800,  850,  900,   950,   1000,  1100,  1200,  1300,  1400,  1500,   1600,
                             1700, 1800, 1900, 2000, 2200,  2400,  2600,  2800,  3000,  3500,  4000,  4500,   5000,
                             6000, 7000, 8000, 9000, 10000, 15000, 20000, 30000, 40000, 50000, 75000, 1000000};
        for (long n : rows) {
            const double nd = static_cast<double>(n);
            const double s = 3.841 * nd * 0.25 / (0.0025 * (nd - 1) + 3.841 * 0.25);
            INFO("N = " << n);
            CHECK(skm::krejcie_morgan_sample(n) == std::lround(s));
        }
    }
}

TEST_CASE("the respondent's profile travels in the survey's detail, the old detail still reads", "[skm]") {
    SECTION("nine answers alone, as before the profile") {
        auto r = skm::response_of(survey_event("4,3,4,4,3,3,4,4,3"), "");
        REQUIRE(r);
        CHECK(r->answers[1] == 3);
        CHECK(r->profile == skm::Profile{});
    }
    SECTION("with a profile, blanks kept") {
        const skm::Profile p = {"P", "", "SMA", "WIRAUSAHA"};
        const std::string d = skm::survey_detail({4, 3, 4, 4, 3, 3, 4, 4, 3}, p);
        CHECK(d == "4,3,4,4,3,3,4,4,3;P;;SMA;WIRAUSAHA");
        auto r = skm::response_of(survey_event(d), "KTP");
        REQUIRE(r);
        CHECK(r->profile == p);
        CHECK(r->answers[8] == 3);
        CHECK_FALSE(skm::response_of(survey_event(d), "KK"));
    }
    SECTION("no profile given: the detail is the nine answers alone") {
        CHECK(skm::survey_detail({4, 4, 4, 4, 4, 4, 4, 4, 4}, {}) == "4,4,4,4,4,4,4,4,4");
    }
    SECTION("a damaged detail is no survey") {
        CHECK_FALSE(skm::response_of(survey_event("4,3,4,4,3,3,4,4"), ""));
        CHECK_FALSE(skm::response_of(survey_event("4,3,4,4,3,3,4,4,3,4"), ""));
        CHECK_FALSE(skm::response_of(survey_event("4,3,4,4,3,3,4,4,5;L;;;"), ""));
    }
    SECTION("codes are checked against the regulation's choices") {
        CHECK(refusal_code([] { skm::check_profile({"L", "60+", "S3", "POLRI"}); }).empty());
        CHECK(refusal_code([] { skm::check_profile({"X", "", "", ""}); }) == errc::invalid_value);
        CHECK(refusal_code([] { skm::check_profile({"", "45", "", ""}); }) == errc::invalid_value);
        CHECK(refusal_code([] { skm::check_profile({"", "", "SLTA", ""}); }) == errc::invalid_value);
    }
}

TEST_CASE("a saran/pengaduan is bounded in characters, not bytes", "[skm]") {
    const std::string ok(skm::note_max_chars, 'a');
    CHECK(refusal_code([&] { skm::check_note(ok); }).empty());
    CHECK(refusal_code([&] { skm::check_note(ok + "b"); }) == errc::invalid_value);
    std::string accents;
    for (std::size_t i = 0; i < skm::note_max_chars; ++i) accents += "\xC3\xA9";  // é: two bytes, one character
    CHECK(skm::utf8_length(accents) == skm::note_max_chars);
    CHECK(refusal_code([&] { skm::check_note(accents); }).empty());
    CHECK(refusal_code([] { skm::check_note("antre lama\nloket 2 tutup"); }).empty());
    CHECK(refusal_code([] { skm::check_note(std::string("bel\x07")); }) == errc::invalid_value);
    try {
        skm::check_note(ok + "bc");
        FAIL("no refusal");
    } catch (const Refusal& r) {
        CHECK(std::string(r.what()) == "Saran/pengaduan paling banyak 1000 karakter; ini 1002 karakter");
    }
}

TEST_CASE("the SKM report: NRR tertimbang, mutu, kinerja, profile tables and the sample", "[skm]") {
    std::vector<skm::Response> rs = {
        {{4, 4, 4, 4, 4, 4, 4, 4, 4}, {"L", "30-39", "SMA", "PNS"}},
        {{3, 3, 3, 3, 3, 3, 3, 3, 3}, {"P", "30-39", "S1", ""}},
        {{4, 3, 4, 3, 4, 3, 4, 3, 4}, {"P", "", "", "LAINNYA"}},
    };
    const auto r = skm::report(rs, 100);
    CHECK(r.ikm.responses == 3);
    CHECK(r.sample_needed == 80);
    CHECK(r.counts[0] == std::vector<int>{1, 2});
    CHECK(r.counts[1][2] == 2);  // 30-39
    CHECK(r.blank == std::array<int, 4>{0, 1, 1, 1});
    const auto j = skm::to_json(r);
    CHECK(j["unsur"][0]["sum"] == 4 + 3 + 4);
    CHECK(j["unsur"][1]["sum"] == 4 + 3 + 3);
    CHECK(j["unsur"][0]["nrr"].get<double>() == Approx(11.0 / 3));
    CHECK(j["unsur"][0]["nrr_weighted"].get<double>() == Approx(11.0 / 27));
    // 36 + 27 + 32 = 95 of 27 answers: IKM = 25 x 95 / 27 = 87.96 -> B, Baik.
    CHECK(j["ikm"].get<double>() == Approx(87.96));
    CHECK(j["mutu"] == "B");
    CHECK(j["kinerja"] == "Baik");
    CHECK(j["interval"] == "76,61 - 88,30");
    CHECK(j["served"] == 100);
    CHECK(j["sample_needed"] == 80);
    CHECK(j["sample_enough"] == false);
    CHECK(j["sample_note"] == "Jumlah responden belum memenuhi; kurang 77 responden");
    CHECK(j["profile"][3]["rows"][5]["label"] == "Lainnya");
    CHECK(j["profile"][3]["rows"][5]["count"] == 1);
    SECTION("enough respondents for a small period") {
        const auto small = skm::to_json(skm::report(rs, 3));
        CHECK(small["sample_needed"] == 3);
        CHECK(small["sample_enough"] == true);
        CHECK(small["sample_note"] == "Jumlah responden memenuhi");
    }
    SECTION("no respondents: no grade") {
        const auto empty = skm::to_json(skm::report({}, 0));
        CHECK(empty["mutu"].is_null());
        CHECK(empty["unsur"][0]["nrr_weighted"].is_null());
        CHECK(empty["unsur"][0]["sum"] == 0);
    }
}

TEST_CASE("the sample check in words: no respondent is never enough", "[skm]") {
    const std::vector<skm::Response> one = {{{4, 4, 4, 4, 4, 4, 4, 4, 4}, {}}};
    SECTION("no citizen served and no response: the table asks for no one, yet no one answered") {
        const auto j = skm::to_json(skm::report({}, 0));
        CHECK(j["served"] == 0);
        CHECK(j["sample_needed"] == 0);
        CHECK(j["responses"] == 0);
        CHECK(j["sample_enough"] == false);
        CHECK(j["sample_note"] == "Belum ada responden");
    }
    SECTION("citizens served and no response") {
        const auto j = skm::to_json(skm::report({}, 5));
        CHECK(j["sample_needed"] == 5);
        CHECK(j["sample_enough"] == false);
        CHECK(j["sample_note"] == "Belum ada responden");
    }
    SECTION("one response of one citizen served is enough; of two it is one short") {
        const auto enough = skm::to_json(skm::report(one, 1));
        CHECK(enough["sample_enough"] == true);
        CHECK(enough["sample_note"] == "Jumlah responden memenuhi");
        const auto short_one = skm::to_json(skm::report(one, 2));
        CHECK(short_one["sample_enough"] == false);
        CHECK(short_one["sample_note"] == "Jumlah responden belum memenuhi; kurang 1 responden");
    }
}

TEST_CASE("the engine records a survey's profile and note, the store keeps the note apart, with its answer",
          "[skm][store]") {
    Engine engine(sorong(), monday_10);
    Store store(":memory:");
    // The office's first effect seeds the store as the server does.
    auto fx = engine.survey({4, 4, 3, 4, 3, 3, 4, 4, 3}, {"P", "40-49", "D", "SWASTA"}, "Antrean KTP terlalu lama",
                            "KTP", monday_10);
    const auto seqs = store.apply(fx);
    REQUIRE(!seqs.empty());
    const auto& e = fx.events.back();
    CHECK(e.type == "survey_submitted");
    CHECK(e.detail == "4,4,3,4,3,3,4,4,3;P;40-49;D;SWASTA");
    CHECK(e.detail.find("Antrean") == std::string::npos);  // the text stays out of the log
    auto note = store.find_survey_note(seqs.back());
    REQUIRE(note);
    CHECK(note->text == "Antrean KTP terlalu lama");
    CHECK(note->service == "KTP");
    CHECK_FALSE(note->reply);

    SECTION("a survey without a note leaves no row") {
        const auto more = store.apply(engine.survey({3, 3, 3, 3, 3, 3, 3, 3, 3}, {}, "", "", monday_10 + 60'000));
        CHECK_FALSE(store.find_survey_note(more.back()));
        CHECK(store.survey_notes("2026-11-30", "2026-11-30", false, 0, 10).size() == 1);
    }
    SECTION("an answer is written from its event, and open_only then leaves the note out") {
        const Effect reply = reply_to(seqs.back(), "Terima kasih; loket KTP ditambah: mulai Senin");
        store.apply(reply);
        note = store.find_survey_note(seqs.back());
        REQUIRE(note->reply);
        CHECK(*note->reply == "Terima kasih; loket KTP ditambah: mulai Senin");
        CHECK(note->replied_by == "197501012000031001");
        CHECK(note->replied_at == reply.events[0].at);
        CHECK(store.survey_notes("2026-11-30", "2026-11-30", true, 0, 10).empty());
        CHECK(store.survey_notes("2026-11-30", "2026-11-30", false, 0, 10).size() == 1);
    }
    SECTION("the report's list: a period's notes of a service, oldest first, counted with their answers") {
        store.apply(engine.survey({3, 3, 3, 3, 3, 3, 3, 3, 3}, {}, "Kursi kurang", "KK", monday_10 + 60'000));
        store.apply(engine.survey({4, 4, 4, 4, 4, 4, 4, 4, 4}, {}, "Petugas ramah", "KTP", monday_10 + 120'000));
        const auto all = store.period_notes("2026-11-30", "2026-11-30", "", 10);
        REQUIRE(all.size() == 3);
        CHECK(all[0].text == "Antrean KTP terlalu lama");
        CHECK(all[1].text == "Kursi kurang");
        CHECK(all[2].text == "Petugas ramah");
        const auto ktp = store.period_notes("2026-11-30", "2026-11-30", "KTP", 10);
        REQUIRE(ktp.size() == 2);
        CHECK(ktp[0].seq == seqs.back());
        CHECK(ktp[1].text == "Petugas ramah");
        const auto first_two = store.period_notes("2026-11-30", "2026-11-30", "", 2);
        REQUIRE(first_two.size() == 2);
        CHECK(first_two[1].text == "Kursi kurang");
        CHECK(store.period_notes("2026-12-01", "2026-12-31", "", 10).empty());

        store.apply(reply_to(all[1].seq, "Sepuluh kursi ditambah"));
        const auto counts = store.count_period_notes("2026-11-30", "2026-11-30", "");
        CHECK(counts.total == 3);
        CHECK(counts.answered == 1);
        const auto kk = store.count_period_notes("2026-11-30", "2026-11-30", "KK");
        CHECK(kk.total == 1);
        CHECK(kk.answered == 1);
        CHECK(store.count_period_notes("2026-11-30", "2026-11-30", "KTP").answered == 0);
        CHECK(store.count_period_notes("2026-12-01", "2026-12-01", "").total == 0);
        CHECK(*store.period_notes("2026-11-30", "2026-11-30", "KK", 10).at(0).reply == "Sepuluh kursi ditambah");
    }
    SECTION("bad input is refused before anything changes") {
        CHECK(refusal_code([&] {
                  engine.survey({4, 4, 4, 4, 4, 4, 4, 4, 4}, {"L", "", "", "NELAYAN"}, "", "", monday_10);
              }) == errc::invalid_value);
        CHECK(refusal_code([&] {
                  engine.survey({4, 4, 4, 4, 4, 4, 4, 4, 4}, {}, std::string(1001, 'x'), "", monday_10);
              }) == errc::invalid_value);
    }
}

}  // namespace skm_test
