// The SKM on the dashboard over real HTTP: the saran/pengaduan of a period, a
// manager's answer (the dashboard's one write), and the IKM report's PDF, which is
// the CLI's `antre ikm --pdf` drawn by the same code.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <catch2/catch.hpp>

#include "dashboard_support.hpp"

namespace dashboard_skm_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

// Runs a shell command; its exit status and standard output.
std::pair<int, std::string> run(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    return {::pclose(pipe), out};
}

std::string pdf_text(const std::string& path) {
    const auto [status, text] = run("pdftotext -layout " + path + " -");
    CHECK(status == 0);
    return text;
}

}  // namespace

TEST_CASE("dashboard: the period's saran/pengaduan, a manager's answer, and the IKM report as PDF",
          "[dashboard][http][skm]") {
    SimulatedWeek& week = shared_week();
    const auto port = week.office().http_port();
    const auto login = http_request(port, "POST", "/api/login", json{{"nip", manager.nip}, {"pin", manager.pin}}.dump(),
                                    {{"Content-Type", "application/json"}});
    REQUIRE(login.status == 200);
    const std::string cookie = cookie_of(login);
    const auto get = [&](const std::string& target) {
        return http_request(port, "GET", target, "", {{"Cookie", cookie}});
    };
    const auto post = [&](const std::string& target, const std::string& body, const std::string& type) {
        return http_request(port, "POST", target, body, {{"Cookie", cookie}, {"Content-Type", type}});
    };
    const auto snapshot = week.manager_client().call("snapshot");
    REQUIRE(snapshot.ok);
    const std::string today = snapshot.body["snapshot"]["office"]["day"];
    const std::string period = std::string("from=") + week_from + "&to=" + today;

    auto kiosk = connect(week.office().port(), {{"role", "kiosk"}});
    const std::string saran = "Kursi ruang tunggu kurang, mohon ditambah";
    REQUIRE(
        kiosk
            ->call(
                "survey",
                {{"answers", {4, 4, 3, 4, 3, 3, 4, 4, 3}}, {"service", "KK"}, {"jenis_kelamin", "L"}, {"saran", saran}})
            .ok);

    // The notes as the op lists them, newest first; ours is the newest.
    auto notes = get("/api/survey_notes?" + period + "&open_only=true&limit=5");
    REQUIRE(notes.status == 200);
    const json listed = notes.json()["notes"];
    REQUIRE(!listed.empty());
    CHECK(listed.size() <= 5);
    CHECK(listed[0]["text"] == saran);
    CHECK(listed[0]["service"] == "KK");
    CHECK(listed[0]["reply"].is_null());
    const auto note = listed[0]["note"].get<std::int64_t>();
    const auto reference = week.manager_client().call(
        "survey_notes", {{"from", week_from}, {"to", today}, {"open_only", true}, {"limit", 5}});
    REQUIRE(reference.ok);
    CHECK(listed == reference.body["notes"]);

    SECTION("a manager answers by POST with JSON; the answer is listed with who gave it") {
        const std::string answer = "Dua puluh kursi ditambah minggu ini. Terima kasih.";
        const auto r = post("/api/survey_reply", json{{"note", note}, {"reply", answer}}.dump(), "application/json");
        REQUIRE(r.status == 200);
        CHECK(r.json()["note"]["reply"] == answer);
        CHECK(r.json()["note"]["replied_by"] == manager.nip);
        const auto after = get("/api/survey_notes?" + period + "&limit=200").json()["notes"];
        const auto it = std::find_if(after.begin(), after.end(), [&](const json& n) { return n["note"] == note; });
        REQUIRE(it != after.end());
        CHECK((*it)["reply"] == answer);
        CHECK((*it)["replied_by"]["name"] == manager.name);
        // Answered: no longer among the open ones.
        // Held whole: a range-for over a member of the temporary would read freed memory.
        const json open = get("/api/survey_notes?" + period + "&open_only=true&limit=200").json();
        for (const auto& n : open["notes"]) CHECK(n["note"] != note);
    }
    SECTION("the write takes nothing but POSTed JSON, and the op's refusals come through") {
        CHECK(get("/api/survey_reply?note=" + std::to_string(note) + "&reply=x").status == 405);
        const auto form =
            post("/api/survey_reply", "note=" + std::to_string(note) + "&reply=x", "application/x-www-form-urlencoded");
        CHECK(form.status == 415);
        CHECK(post("/api/survey_reply", "[1,2]", "application/json").status == 400);
        const auto unknown =
            post("/api/survey_reply", json{{"note", 999999999}, {"reply", "x"}}.dump(), "application/json");
        CHECK(unknown.status == 400);
        CHECK(unknown.json()["error"]["code"] == "unknown_note");
        const auto empty = post("/api/survey_reply", json{{"note", note}, {"reply", "   "}}.dump(), "application/json");
        CHECK(empty.status == 400);
        CHECK(empty.json()["error"]["code"] == "invalid_value");
        CHECK(post("/api/survey_notes", "{}", "application/json").status == 405);
        CHECK(http_request(port, "POST", "/api/survey_reply", json{{"note", note}, {"reply", "x"}}.dump(),
                           {{"Content-Type", "application/json"}})
                  .status == 401);
        const auto bad_limit = get("/api/survey_notes?limit=lima");
        CHECK(bad_limit.status == 400);
        CHECK(bad_limit.json()["error"]["code"] == "bad_request");
    }
    SECTION("the IKM report downloads as the CLI's A4 PDF") {
        const auto pdf = get("/api/ikm.pdf?" + period);
        REQUIRE(pdf.status == 200);
        CHECK(pdf.header("content-type") == "application/pdf");
        CHECK(pdf.header("content-disposition") ==
              "attachment; filename=\"skm-" + std::string(week_from) + "-" + today + ".pdf\"");
        REQUIRE(pdf.body.rfind("%PDF-", 0) == 0);
        TempDir dir;
        std::ofstream(dir.file("web.pdf"), std::ios::binary) << pdf.body;
        if (const char* keep = std::getenv("ANTRE_SCREENSHOT_DIR"))
            std::ofstream(std::string(keep) + "/dashboard-skm-report.pdf", std::ios::binary) << pdf.body;
        const auto [status, out] = run(std::string("ANTRE_HOME=") + dir.path().string() + " ANTRE_PIN=" + manager.pin +
                                       " " + ANTRE_CLI_BIN + " ikm --from " + week_from + " --to " + today + " --pdf " +
                                       dir.file("cli.pdf") + " --role manager --nip " + manager.nip +
                                       " --host 127.0.0.1 --port " + std::to_string(week.office().port()));
        REQUIRE(status == 0);
        const std::string text = pdf_text(dir.file("web.pdf"));
        CHECK(text == pdf_text(dir.file("cli.pdf")));
        CHECK_THAT(text, Catch::Contains("LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM)"));
        // The period's saran/pengaduan are listed: the endpoint asks the op for them.
        CHECK_THAT(text, Catch::Contains("V. Saran dan Pengaduan serta Tindak Lanjut"));
        CHECK_THAT(text, Catch::Contains("Kursi ruang tunggu"));
        const auto info = run("pdfinfo " + dir.file("web.pdf"));
        CHECK_THAT(info.second, Catch::Contains("595.28 x 841.89 pts (A4)"));
        // One service's report, and a refused period: the op's error, no PDF.
        const auto kk = get("/api/ikm.pdf?" + period + "&service=KK");
        REQUIRE(kk.status == 200);
        CHECK(kk.header("content-disposition").find("skm-KK-") != std::string::npos);
        const auto bad = get("/api/ikm.pdf?from=2026-12-09&to=2026-11-30");
        CHECK(bad.status == 400);
        CHECK(bad.header("content-type") != "application/pdf");
    }
}

}  // namespace dashboard_skm_test
