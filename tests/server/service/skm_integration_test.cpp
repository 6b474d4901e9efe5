// The SKM end to end through the real server and client library: a kiosk sends
// surveys with a profile and a saran, a manager reads the IKM report with its
// profile tables and sample check, reads the saran and answers it, and prints the
// semester's report with `antre ikm --pdf`, read back with pdftotext.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

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

// `text` with every run of white space as one space: a phrase wrapped over lines reads whole.
std::string one_line(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\t' || c == '\r';
        if (!space)
            out += c;
        else if (!out.empty() && out.back() != ' ')
            out += ' ';
    }
    return out;
}

// `text` for a regular expression that matches it literally.
std::string literal(const std::string& text) {
    static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
    return std::regex_replace(text, special, R"(\$&)");
}

// The office configuration the test office runs with.
json shipped_config() {
    std::ifstream file(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    return json::parse(file);
}

// A number as the report prints it: a decimal comma.
std::string comma(double v, int places) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", places, v);
    std::string s = buf;
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

}  // namespace

TEST_CASE("antre ikm --pdf writes the semester's SKM report as an A4 PDF that reads back as the regulation's report",
          "[integration][skm][pdf]") {
    const std::string officer_nip = "199002022015032002";
    const std::string manager_nip = "197501012000031001";
    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, "13579135"},
                       {manager_nip, "Yohanes Kambu", OfficerRole::manager, "24680246"}});
    const json config = shipped_config();
    const std::string office_name = config["office"]["name"].get<std::string>();
    const std::string place = config["office"]["place"].get<std::string>();
    TempDir home;
    const std::string cli = "cd " + home.path().string() + " && env -u ANTRE_HOST -u ANTRE_PORT -u ANTRE_TLS " +
                            "ANTRE_HOME=" + home.path().string() + " ANTRE_PIN=24680246 " + ANTRE_CLI_BIN + " --port " +
                            std::to_string(office.port()) + " ";
    const std::string semester = "--from 2026-07-01 --to 2026-12-31";
    REQUIRE(shell(cli + "login --role manager --nip " + manager_nip, home).first == 0);

    // Nobody served and nobody asked: the table asks for no one, and no one answered.
    auto empty = shell(cli + "ikm " + semester, home);
    REQUIRE(empty.first == 0);
    CHECK_THAT(empty.second, Catch::Contains("dilayani 0; sampel minimal (Krejcie-Morgan) 0: Belum ada responden"));
    CHECK_THAT(empty.second, !Catch::Contains("memenuhi"));

    // Three citizens served; two answer, each leaving a saran, of which the manager answers one.
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    auto counter =
        connect(office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer_nip}, {"pin", "13579135"}});
    auto manager = connect(office.port(), {{"role", "manager"}, {"nip", manager_nip}, {"pin", "24680246"}});
    for (int i = 0; i < 3; ++i) {
        REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        REQUIRE(counter->call("call_next").ok);
        REQUIRE(counter->call("finish").ok);
    }
    REQUIRE(shell(cli + "survey 4,4,3,4,3,3,4,4,3 --service KTP --jenis-kelamin P --umur 30-39 --pendidikan SMA "
                        "--pekerjaan WIRAUSAHA --saran 'Ruang tunggu panas'",
                  home)
                .first == 0);
    REQUIRE(shell(cli + "survey 3,3,3,4,3,3,4,3,3 --jenis-kelamin L --saran 'Papan nomor antrean kurang jelas'", home)
                .first == 0);
    auto bad = shell(cli + "survey 3,3,3,4,3,3,4,3,3 --umur 35", home);
    CHECK(bad.first != 0);
    CHECK_THAT(bad.second, Catch::Contains("umur"));
    auto notes = manager->call("survey_notes");
    REQUIRE(notes.ok);
    REQUIRE(notes.body["notes"].size() == 2);
    std::int64_t hot = 0;
    for (const auto& n : notes.body["notes"])
        if (n["text"] == "Ruang tunggu panas") hot = n["note"].get<std::int64_t>();
    REQUIRE(hot != 0);
    office.clock().advance(3'600'000);
    REQUIRE(manager->call("survey_reply", {{"note", hot}, {"reply", "Kipas angin dipasang"}}).ok);

    auto table = shell(cli + "ikm " + semester, home);
    REQUIRE(table.first == 0);
    CHECK_THAT(table.second,
               Catch::Contains("dilayani 3; sampel minimal (Krejcie-Morgan) 3: Jumlah responden belum memenuhi; "
                               "kurang 1 responden"));
    const std::string pdf = home.file("skm.pdf");
    auto made = shell(cli + "ikm " + semester + " --pdf " + pdf, home);
    REQUIRE(made.first == 0);
    CHECK_THAT(made.second, Catch::Contains("skm.pdf"));
    // The figures the server gives for the same period, to read the PDF against.
    auto reply = manager->call("ikm", {{"from", "2026-07-01"}, {"to", "2026-12-31"}});
    REQUIRE(reply.ok);
    const json& k = reply.body["ikm"];
    REQUIRE(k["responses"] == 2);
    REQUIRE(k["served"] == 3);
    CHECK(k["unsur"][0]["sum"] == 4 + 3);

    // Kept as artefacts, to be looked at, where the run names a folder for them.
    if (const char* keep = std::getenv("ANTRE_SCREENSHOT_DIR")) {
        const std::string dir(keep);
        shell("mkdir -p " + dir + " && cp " + pdf + " " + dir + "/skm-report.pdf", home);
        shell("pdftoppm -png -r 72 " + pdf + " " + dir + "/skm-report-page", home);
    }
    auto info = shell("pdfinfo " + pdf, home);
    REQUIRE(info.first == 0);
    CHECK_THAT(info.second, Catch::Contains("595.28 x 841.89 pts (A4)"));
    std::smatch pages_match;
    REQUIRE(std::regex_search(info.second, pages_match, std::regex(R"(Pages:\s+(\d+))")));
    const int pages = std::stoi(pages_match[1].str());
    CHECK(pages >= 2);
    auto text = shell("pdftotext -layout " + pdf + " -", home);
    REQUIRE(text.first == 0);
    const std::string& t = text.second;
    const std::string flat = one_line(t);
    std::vector<std::string> page_texts;  // pdftotext ends each page with a form feed
    std::size_t start = 0;
    for (std::size_t ff; (ff = t.find('\f', start)) != std::string::npos; start = ff + 1)
        page_texts.push_back(t.substr(start, ff - start));
    REQUIRE(static_cast<int>(page_texts.size()) == pages);

    SECTION("the period in Indonesian words, the semester named, no ISO date anywhere") {
        CHECK_THAT(flat, Catch::Contains("Semester II Tahun 2026"));
        CHECK_THAT(flat, Catch::Contains("Periode 1 Juli 2026 s.d. 31 Desember 2026"));
        CHECK(std::regex_search(t, std::regex(R"(Periode survei\s+1 Juli 2026 s\.d\. 31 Desember 2026)")));
        CHECK_FALSE(std::regex_search(t, std::regex(R"(\d{4}-\d{2}-\d{2})")));
    }
    SECTION("the citizens served, the respondents and the sample check, as the server counted them") {
        CHECK(std::regex_search(t, std::regex(R"(Masyarakat yang dilayani \(populasi\)\s+3\b)")));
        CHECK(std::regex_search(t, std::regex(R"(Sampel minimal \(Krejcie dan Morgan\)\s+3\b)")));
        CHECK(std::regex_search(t, std::regex(R"(Jumlah responden\s+2\b)")));
        CHECK_THAT(flat, Catch::Contains("Kecukupan sampel " + k["sample_note"].get<std::string>()));
        CHECK(k["sample_note"] == "Jumlah responden belum memenuhi; kurang 1 responden");
        CHECK(std::regex_search(t, std::regex(R"(Perempuan\s+1\s+50,0%)")));
        CHECK(std::regex_search(t, std::regex(R"(Wirausaha\s+1\s+50,0%)")));
    }
    SECTION("per unsur the sum of values, NRR and NRR tertimbang; their totals") {
        long total = 0;
        for (const auto& u : k["unsur"]) {
            total += u["sum"].get<long>();
            const std::string row = "U" + std::to_string(u["no"].get<int>()) + R"(\s+)" +
                                    literal(u["name"].get<std::string>()) + R"(\s+)" +
                                    std::to_string(u["sum"].get<long>()) + R"(\s+)" + comma(u["nrr"].get<double>(), 2) +
                                    R"(\s+)" + comma(u["nrr_weighted"].get<double>(), 3);
            INFO(row);
            CHECK(std::regex_search(t, std::regex(row)));
        }
        CHECK(std::regex_search(t, std::regex(R"(U1\s+Persyaratan\s+7\s+3,50\s+0,389)")));
        CHECK(std::regex_search(
            t, std::regex(R"(Jumlah\s+)" + std::to_string(total) + R"(\s+)" + comma(k["skm"].get<double>(), 3))));
    }
    SECTION("the IKM, its converted value, mutu pelayanan and kinerja unit") {
        CHECK(std::regex_search(
            t, std::regex(R"(Nilai IKM \(jumlah NRR tertimbang\)\s+)" + comma(k["skm"].get<double>(), 3))));
        CHECK(std::regex_search(
            t, std::regex(R"(Nilai IKM konversi \(nilai IKM x 25\)\s+)" + comma(k["ikm"].get<double>(), 2))));
        CHECK(comma(k["ikm"].get<double>(), 2) == "84,72");
        CHECK(std::regex_search(t, std::regex(R"(Mutu pelayanan\s+)" + k["mutu"].get<std::string>())));
        CHECK(std::regex_search(t, std::regex(R"(Kinerja unit pelayanan\s+)" + k["kinerja"].get<std::string>())));
        CHECK(std::regex_search(t, std::regex(R"(4\s+3,5324 - 4,00\s+88,31 - 100,00\s+A\s+Sangat Baik)")));
    }
    SECTION("the saran/pengaduan of the period, oldest first, with the office's answer when there is one") {
        CHECK_THAT(flat, Catch::Contains("V. Saran dan Pengaduan serta Tindak Lanjut"));
        CHECK_THAT(flat, Catch::Contains("Diterima 2 saran/pengaduan dalam periode ini; 1 di antaranya sudah "
                                         "ditindaklanjuti."));
        CHECK(std::regex_search(
            t, std::regex(R"(1\s+30 November( 2026)?\s+KTP\s+Ruang tunggu panas\s+Kipas angin dipasang)")));
        CHECK(std::regex_search(
            t, std::regex(R"(2\s+30 November( 2026)?\s+-\s+Papan nomor antrean[^\n]*Belum ditindaklanjuti)")));
        CHECK(flat.find("Ruang tunggu panas") < flat.find("Papan nomor antrean"));
    }
    SECTION("every page numbered of all, and no heading left alone at a page's foot") {
        for (int i = 1; i <= pages; ++i) {
            const std::string& page = page_texts[static_cast<std::size_t>(i - 1)];
            INFO("page " << i << ":\n" << page);
            CHECK_THAT(page, Catch::Contains("Halaman " + std::to_string(i) + " dari " + std::to_string(pages)));
            // The last line above the page number is never a section heading.
            std::vector<std::string> lines;
            std::istringstream in(page);
            for (std::string line; std::getline(in, line);)
                if (line.find_first_not_of(' ') != std::string::npos) lines.push_back(line);
            REQUIRE(lines.size() >= 2);
            const std::string before_foot = one_line(lines[lines.size() - 2]);
            CHECK_FALSE(std::regex_search(before_foot, std::regex(R"(^ ?(I|II|III|IV|V)\. )")));
        }
    }
    SECTION("the closing block: place and date, the head of the unit, a blank name to sign and NIP") {
        CHECK_THAT(flat, Catch::Contains("Demikian laporan ini dibuat untuk dipergunakan sebagaimana mestinya. " +
                                         place + ", 30 November 2026 Kepala " + office_name + ", NIP."));
        CHECK(flat.find(place + ", 30 November 2026") > flat.find("V. Saran dan Pengaduan"));
        // All of it on one page: the last.
        const std::string last = one_line(page_texts.back());
        CHECK_THAT(last, Catch::Contains("sebagaimana mestinya. " + place + ", 30 November 2026 Kepala " + office_name +
                                         ", NIP."));
    }
}

TEST_CASE("the ikm op asked for print adds the period's saran/pengaduan with their answers, the place and the day",
          "[integration][skm]") {
    const std::string manager_nip = "197501012000031001";
    TestOffice office({{manager_nip, "Yohanes Kambu", OfficerRole::manager, "246802"}});
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    auto manager = connect(office.port(), {{"role", "manager"}, {"nip", manager_nip}, {"pin", "246802"}});
    REQUIRE(
        kiosk->call("survey", {{"answers", {4, 4, 4, 4, 4, 4, 4, 4, 4}}, {"service", "KTP"}, {"saran", "Cepat"}}).ok);
    REQUIRE(
        kiosk->call("survey", {{"answers", {3, 3, 3, 3, 3, 3, 3, 3, 3}}, {"service", "KK"}, {"saran", "Antre lama"}})
            .ok);
    const auto listed = manager->call("survey_notes");
    REQUIRE(listed.ok);
    REQUIRE(listed.body["notes"].size() == 2);
    const auto kk = listed.body["notes"][0]["note"].get<std::int64_t>();  // newest first
    office.clock().advance(24 * 3'600'000LL);                             // answered the next day
    REQUIRE(manager->call("survey_reply", {{"note", kk}, {"reply", "Loket KK ditambah"}}).ok);

    const json period = {{"from", "2026-11-30"}, {"to", "2026-12-01"}};
    json ask = period;
    ask["print"] = true;
    const auto all = manager->call("ikm", ask);
    REQUIRE(all.ok);
    const json& k = all.body["ikm"];
    CHECK(k["as_of"] == "2026-12-01");
    CHECK(k["place"] == shipped_config()["office"]["place"]);
    CHECK(k["notes_total"] == 2);
    CHECK(k["notes_answered"] == 1);
    REQUIRE(k["notes"].size() == 2);
    CHECK(k["notes"][0]["text"] == "Cepat");  // oldest first
    CHECK(k["notes"][0]["reply"].is_null());
    CHECK(k["notes"][0]["replied_day"].is_null());
    CHECK(k["notes"][1]["note"] == kk);
    CHECK(k["notes"][1]["service"] == "KK");
    CHECK(k["notes"][1]["day"] == "2026-11-30");
    CHECK(k["notes"][1]["reply"] == "Loket KK ditambah");
    CHECK(k["notes"][1]["replied_day"] == "2026-12-01");

    ask["service"] = "KK";
    const auto one = manager->call("ikm", ask);
    REQUIRE(one.ok);
    CHECK(one.body["ikm"]["notes_total"] == 1);
    REQUIRE(one.body["ikm"]["notes"].size() == 1);
    CHECK(one.body["ikm"]["notes"][0]["text"] == "Antre lama");

    const auto plain = manager->call("ikm", period);
    REQUIRE(plain.ok);
    // Not asked: the figures alone, as the hub computes them.
    for (const char* field : {"notes", "notes_total", "notes_answered", "place", "as_of"})
        CHECK_FALSE(plain.body["ikm"].contains(field));
}

}  // namespace skm_integration_test
