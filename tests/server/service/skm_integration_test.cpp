// The SKM end to end through the real server and client library: a kiosk sends
// surveys with a profile and a saran, a manager reads the IKM report with its
// profile tables and sample check, reads the saran and answers it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <utility>

#include <sys/wait.h>

#include "test_support.hpp"

namespace skm_integration_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

TEST_CASE("surveys with a profile and a saran, a manager reads the report and answers the saran",
          "[integration][skm]") {
    const std::string officer_nip = "199002022015032002";
    const std::string manager_nip = "197501012000031001";
    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, "135790"},
                       {manager_nip, "Yohanes Kambu", OfficerRole::manager, "246802"}});
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    auto counter =
        connect(office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer_nip}, {"pin", "135790"}});
    auto manager = connect(office.port(), {{"role", "manager"}, {"nip", manager_nip}, {"pin", "246802"}});
    // Two citizens served: the period's population.
    for (int i = 0; i < 2; ++i) {
        REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        REQUIRE(counter->call("call_next").ok);
        REQUIRE(counter->call("finish").ok);
    }

    const json full = {{"answers", {4, 4, 3, 4, 3, 3, 4, 4, 3}},
                       {"service", "KTP"},
                       {"jenis_kelamin", "P"},
                       {"umur", "30-39"},
                       {"pendidikan", "SMA"},
                       {"pekerjaan", "WIRAUSAHA"},
                       {"saran", "Ruang tunggu panas, mohon kipas angin"}};
    REQUIRE(kiosk->call("survey", full).ok);
    REQUIRE(kiosk->call("survey", {{"answers", {3, 3, 3, 4, 3, 3, 4, 3, 3}}}).ok);  // everything optional

    SECTION("bad profile or saran: clear refusals, nothing stored") {
        json bad = full;
        bad["umur"] = "35";
        auto r = kiosk->call("survey", bad);
        CHECK(r.code == "invalid_value");
        CHECK(r.message.find("umur") != std::string::npos);
        bad = full;
        bad["saran"] = std::string(1001, 'x');
        r = kiosk->call("survey", bad);
        CHECK(r.code == "invalid_value");
        CHECK(r.message == "Saran/pengaduan paling banyak 1000 karakter; ini 1001 karakter");
        bad = full;
        bad["pekerjaan"] = 3;
        CHECK(kiosk->call("survey", bad).code == "bad_request");
        CHECK(manager->call("ikm", {{"from", "2026-11-30"}, {"to", "2026-11-30"}}).body["ikm"]["responses"] == 2);
    }

    SECTION("the report: NRR, IKM, mutu, profile tables, and whether the sample is enough") {
        auto k = manager->call("ikm", {{"from", "2026-11-30"}, {"to", "2026-11-30"}});
        REQUIRE(k.ok);
        const json& ikm = k.body["ikm"];
        CHECK(ikm["responses"] == 2);
        CHECK(ikm["ikm"].get<double>() == Approx(84.72));
        CHECK(ikm["mutu"] == "B");
        CHECK(ikm["kinerja"] == "Baik");
        CHECK(ikm["unsur"][0]["nrr_weighted"].get<double>() == Approx(3.5 / 9));
        CHECK(ikm["served"] == 2);
        CHECK(ikm["sample_needed"] == 2);
        CHECK(ikm["sample_enough"] == true);
        const json& sex = ikm["profile"][0];
        CHECK(sex["key"] == "jenis_kelamin");
        CHECK(sex["rows"][1]["count"] == 1);  // Perempuan
        CHECK(sex["blank"] == 1);
        CHECK(ikm["profile"][3]["rows"][4]["code"] == "WIRAUSAHA");
        CHECK(ikm["profile"][3]["rows"][4]["count"] == 1);
    }

    SECTION("the manager reads the saran and answers it; the answer is stored with who and when") {
        auto notes = manager->call("survey_notes", {{"from", "2026-11-30"}, {"to", "2026-11-30"}});
        REQUIRE(notes.ok);
        REQUIRE(notes.body["notes"].size() == 1);
        const json note = notes.body["notes"][0];
        CHECK(note["text"] == "Ruang tunggu panas, mohon kipas angin");
        CHECK(note["service"] == "KTP");
        CHECK(note["reply"].is_null());
        const std::int64_t id = note["note"];

        CHECK(kiosk->call("survey_notes").code == "forbidden");
        CHECK(counter->call("survey_reply", {{"note", id}, {"reply", "x"}}).code == "forbidden");
        CHECK(manager->call("survey_reply", {{"note", id + 1000}, {"reply", "x"}}).code == "unknown_note");
        CHECK(manager->call("survey_reply", {{"note", id}, {"reply", "  "}}).code == "invalid_value");
        CHECK(manager->call("survey_reply", {{"note", id}, {"reply", std::string(1001, 'y')}}).code == "invalid_value");

        office.clock().advance(3'600'000);
        auto replied = manager->call("survey_reply", {{"note", id}, {"reply", "Dua kipas angin dipasang hari ini"}});
        REQUIRE(replied.ok);
        auto open = manager->call("survey_notes", {{"open_only", true}});
        REQUIRE(open.ok);
        CHECK(open.body["notes"].empty());
        auto all = manager->call("survey_notes");
        REQUIRE(all.body["notes"].size() == 1);
        const json& answered = all.body["notes"][0];
        CHECK(answered["reply"] == "Dua kipas angin dipasang hari ini");
        CHECK(answered["replied_by"]["nip"] == manager_nip);
        CHECK(answered["replied_by"]["name"] == "Yohanes Kambu");
        CHECK(answered["replied_at"].get<std::int64_t>() > note["at"].get<std::int64_t>());
        // The answer is in the audit trail as its event.
        auto events = manager->call("events", {{"after", 0}, {"limit", 500}});
        REQUIRE(events.ok);
        bool found = false;
        for (const auto& e : events.body["events"])
            if (e["type"] == "survey_replied") found = e["officer"] == manager_nip;
        CHECK(found);
    }
}

namespace {

// Runs a shell command line; returns its exit status and standard output.
std::pair<int, std::string> shell(const std::string& command, const TempDir& dir) {
    const std::string out = dir.file("out.txt");
    const int raw = std::system((command + " >" + out + " 2>&1").c_str());
    std::ifstream in(out);
    std::ostringstream s;
    s << in.rdbuf();
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, s.str()};
}

}  // namespace

TEST_CASE("antre ikm --pdf writes the SKM report as an A4 PDF that reads back as the regulation's report",
          "[integration][skm][pdf]") {
    const std::string manager_nip = "197501012000031001";
    TestOffice office({{manager_nip, "Yohanes Kambu", OfficerRole::manager, "24680246"}});
    TempDir home;
    const std::string cli = "cd " + home.path().string() + " && env -u ANTRE_HOST -u ANTRE_PORT -u ANTRE_TLS " +
                            "ANTRE_HOME=" + home.path().string() + " ANTRE_PIN=24680246 " + ANTRE_CLI_BIN + " --port " +
                            std::to_string(office.port()) + " ";
    REQUIRE(shell(cli + "survey 4,4,3,4,3,3,4,4,3 --service KTP --jenis-kelamin P --umur 30-39 --pendidikan SMA "
                        "--pekerjaan WIRAUSAHA --saran 'Ruang tunggu panas'",
                  home)
                .first == 0);
    REQUIRE(shell(cli + "survey 3,3,3,4,3,3,4,3,3 --jenis-kelamin L", home).first == 0);
    auto bad = shell(cli + "survey 3,3,3,4,3,3,4,3,3 --umur 35", home);
    CHECK(bad.first != 0);
    CHECK_THAT(bad.second, Catch::Contains("umur"));
    REQUIRE(shell(cli + "login --role manager --nip " + manager_nip, home).first == 0);
    auto table = shell(cli + "ikm --from 2026-11-30 --to 2026-11-30", home);
    REQUIRE(table.first == 0);
    CHECK_THAT(table.second,
               Catch::Contains("dilayani 0; sampel minimal (Krejcie-Morgan) 0: Jumlah responden memenuhi"));
    // A day without anyone served or asked: the table asks for no one, and no one answered.
    auto empty = shell(cli + "ikm --from 2026-12-01 --to 2026-12-01", home);
    REQUIRE(empty.first == 0);
    CHECK_THAT(empty.second, Catch::Contains("dilayani 0; sampel minimal (Krejcie-Morgan) 0: Belum ada responden"));
    CHECK_THAT(empty.second, !Catch::Contains("memenuhi"));
    const std::string pdf = home.file("skm.pdf");
    auto made = shell(cli + "ikm --from 2026-11-30 --to 2026-11-30 --pdf " + pdf, home);
    REQUIRE(made.first == 0);
    CHECK_THAT(made.second, Catch::Contains("skm.pdf"));

    // Kept as an artefact, to be looked at, where the run names a folder for them.
    if (const char* keep = std::getenv("ANTRE_SCREENSHOT_DIR"))
        shell("mkdir -p " + std::string(keep) + " && cp " + pdf + " " + keep + "/skm-report.pdf", home);
    auto info = shell("pdfinfo " + pdf, home);
    REQUIRE(info.first == 0);
    CHECK_THAT(info.second, Catch::Contains("595.28 x 841.89 pts (A4)"));
    auto text = shell("pdftotext -layout " + pdf + " -", home);
    REQUIRE(text.first == 0);
    const std::string& t = text.second;
    for (const char* expected :
         {"LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM)", "Periode 2026-11-30 s.d. 2026-11-30", "Responden",
          "Krejcie dan Morgan", "Jumlah responden memenuhi", "Perempuan", "Wirausaha", "Persyaratan",
          "Sarana dan Prasarana", "84,72", "Sangat Baik", "88,31 - 100,00", "NRR tertimbang"})
        CHECK_THAT(t, Catch::Contains(expected));
    // Each row of the tables reads as one line: label, count, share.
    CHECK(std::regex_search(t, std::regex(R"(Perempuan\s+1\s+50,0%)")));
    CHECK(std::regex_search(t, std::regex(R"(U1\s+Persyaratan\s+3,50\s+0,389)")));
    CHECK(std::regex_search(t, std::regex(R"(IKM = jumlah NRR tertimbang x 25\s+84,72)")));
    CHECK(std::regex_search(t, std::regex(R"(Kinerja unit pelayanan\s+Baik)")));
}

}  // namespace skm_integration_test
