// The SKM report's PDF drawn from the domain's own `ikm` figures, read back with
// pdftotext: a long list of saran/pengaduan runs over pages with its header on each,
// a saran of 1,000 characters wraps whole (a word wider than the column is cut, not
// lost), every page is numbered of all, and a reply without notes, place or date (the
// hub's) says so instead.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "antre/skm_pdf.hpp"
#include "skm.hpp"

namespace skm_pdf_test {

using namespace antre;
using json = nlohmann::json;

namespace {

// The PDF's text as `pdftotext -layout` reads it, one string per page.
std::vector<std::string> pages_of(const std::string& pdf) {
    const auto path =
        std::filesystem::temp_directory_path() / ("antre-skm-pdf-" + std::to_string(std::random_device{}()) + ".pdf");
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        REQUIRE(f);
        std::fwrite(pdf.data(), 1, pdf.size(), f);
        std::fclose(f);
    }
    std::FILE* pipe = ::popen(("pdftotext -layout " + path.string() + " -").c_str(), "r");
    REQUIRE(pipe);
    std::string text;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) text.append(buf, n);
    CHECK(::pclose(pipe) == 0);
    std::filesystem::remove(path);
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1)
        pages.push_back(text.substr(start, ff - start));
    return pages;
}

std::string one_line(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c != ' ' && c != '\n' && c != '\f')
            out += c;
        else if (!out.empty() && out.back() != ' ')
            out += ' ';
    }
    return out;
}

// An `ikm` reply as the server sends it: 40 respondents of 100 served.
json reply_of_period() {
    std::vector<skm::Response> responses;
    for (int i = 0; i < 40; ++i) responses.push_back({{4, 3, 4, 3, 4, 3, 4, 3, 4}, {i % 2 ? "L" : "P", "", "", ""}});
    json k = skm::to_json(skm::report(responses, 100));
    k["from"] = "2026-01-01";
    k["to"] = "2026-06-30";
    k["service"] = nullptr;
    k["place"] = "Aimas";
    k["as_of"] = "2026-07-03";
    return {{"ikm", k}};
}

}  // namespace

TEST_CASE("the SKM PDF: a long list of saran over pages, a 1,000-character saran, pages numbered", "[skm][pdf]") {
    json reply = reply_of_period();
    json& k = reply["ikm"];
    // A saran of 1,000 characters with a run of 300 that has no space to break at.
    std::string long_saran;
    while (long_saran.size() < 400) long_saran += "antrean lama ";
    long_saran += std::string(300, 'Q') + " ";
    while (long_saran.size() < 1000) long_saran += "selesai ";
    long_saran.resize(1000);
    json notes = json::array();
    for (int i = 1; i <= 60; ++i) {
        json n = {{"note", 100 + i},
                  {"day", "2026-03-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1)},
                  {"service", i % 3 ? "KTP" : ""},
                  {"text", i == 7 ? long_saran : "Saran nomor " + std::to_string(i)},
                  {"reply", nullptr},
                  {"replied_day", nullptr}};
        if (i % 4 == 0) {
            n["reply"] = "Jawaban untuk " + std::to_string(i);
            n["replied_day"] = "2026-04-01";
        }
        notes.push_back(n);
    }
    k["notes"] = notes;
    k["notes_total"] = 75;  // more than the reply lists
    k["notes_answered"] = 15;

    const auto pages = pages_of(skm_pdf(reply, "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sorong"));
    REQUIRE(pages.size() >= 4);
    std::string all;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        INFO("page " << i + 1);
        CHECK_THAT(pages[i],
                   Catch::Contains("Halaman " + std::to_string(i + 1) + " dari " + std::to_string(pages.size())));
        all += pages[i];
    }
    const std::string flat = one_line(all);
    CHECK_THAT(flat, Catch::Contains("Semester I Tahun 2026"));
    CHECK_THAT(flat, Catch::Contains("Periode 1 Januari 2026 s.d. 30 Juni 2026"));
    CHECK_THAT(flat, Catch::Contains("Kecukupan sampel Jumlah responden belum memenuhi; kurang 40 responden"));
    CHECK_THAT(flat, Catch::Contains("Diterima 75 saran/pengaduan dalam periode ini; 15 di antaranya sudah"));
    CHECK_THAT(flat, Catch::Contains("Tercantum 60 pertama dari 75"));
    CHECK_THAT(flat, Catch::Contains("Aimas, 3 Juli 2026"));

    // Every note is listed, in order; the table's header heads every page it runs over.
    const std::regex header(R"(No\s+Tanggal\s+Layanan\s+Saran/Pengaduan\s+Tindak Lanjut)");
    std::size_t at = 0;
    for (int i = 1; i <= 60; ++i) {
        if (i == 7) continue;
        const std::string mark = "Saran nomor " + std::to_string(i);
        const auto found = flat.find(mark + " ", at);
        INFO(mark);
        REQUIRE(found != std::string::npos);
        at = found;
    }
    int table_pages = 0;
    for (const auto& page : pages) {
        if (page.find("Saran nomor") == std::string::npos) continue;
        ++table_pages;
        CHECK(std::regex_search(page, header));
    }
    CHECK(table_pages >= 2);
    CHECK(std::regex_search(all, std::regex(R"(Jawaban untuk 4\s)")));
    CHECK_THAT(flat, Catch::Contains("(1 April 2026)"));

    // The long saran is all there: its words, and its unbroken run cut over lines.
    CHECK(std::count(all.begin(), all.end(), 'Q') == 300);
    CHECK_THAT(flat, Catch::Contains("antrean lama antrean lama"));
    CHECK(flat.find(std::string(300, 'Q')) == std::string::npos);  // not on one line: it was cut
    CHECK_THAT(flat, Catch::Contains("selesai selesai"));
}

TEST_CASE("the SKM PDF of a reply without notes, place or date, and of a period without any saran", "[skm][pdf]") {
    json reply = reply_of_period();
    reply["ikm"].erase("place");
    reply["ikm"].erase("as_of");
    SECTION("the hub's reply: the notes stay at the office, place and date to be filled in by hand") {
        const auto pages = pages_of(skm_pdf(reply, "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong"));
        std::string all;
        for (const auto& p : pages) all += p;
        const std::string flat = one_line(all);
        CHECK_THAT(flat, Catch::Contains("tidak dikirim ke pusat"));
        CHECK_THAT(flat, Catch::Contains(std::string(24, '.') + ", " + std::string(32, '.')));
        CHECK_THAT(flat, Catch::Contains("Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Sorong, NIP."));
    }
    SECTION("a period without saran says so") {
        reply["ikm"]["notes"] = json::array();
        reply["ikm"]["notes_total"] = 0;
        reply["ikm"]["notes_answered"] = 0;
        const auto pages = pages_of(skm_pdf(reply, "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong"));
        std::string all;
        for (const auto& p : pages) all += p;
        CHECK_THAT(one_line(all), Catch::Contains("Tidak ada saran atau pengaduan yang diterima dalam periode ini."));
        CHECK_FALSE(std::regex_search(all, std::regex(R"(No\s+Tanggal\s+Layanan)")));
    }
}

}  // namespace skm_pdf_test
