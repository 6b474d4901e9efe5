#include "skm.hpp"

#include <algorithm>
#include <utility>

#include "antre/errors.hpp"

namespace antre::skm {

const std::array<Question, 4>& profile_questions() {
    // PermenPANRB 14/2017, Lampiran, the example questionnaire's PROFIL block. The form
    // asks the age in years; a touch kiosk asks a band (docs/decisions.md).
    static const std::array<Question, 4> questions = {{
        {"jenis_kelamin", "Jenis Kelamin", {{"L", "Laki-laki"}, {"P", "Perempuan"}}},
        {"umur",
         "Umur",
         {{"<20", "Di bawah 20 tahun"},
          {"20-29", "20-29 tahun"},
          {"30-39", "30-39 tahun"},
          {"40-49", "40-49 tahun"},
          {"50-59", "50-59 tahun"},
          {"60+", "60 tahun ke atas"}}},
        {"pendidikan",
         "Pendidikan",
         {{"SD", "SD ke bawah"},
          {"SMP", "SMP"},
          {"SMA", "SMA"},
          {"D", "D1-D4"},
          {"S1", "S1"},
          {"S2", "S2"},
          {"S3", "S3"}}},
        {"pekerjaan",
         "Pekerjaan",
         {{"PNS", "PNS"},
          {"TNI", "TNI"},
          {"POLRI", "POLRI"},
          {"SWASTA", "Swasta"},
          {"WIRAUSAHA", "Wirausaha"},
          {"LAINNYA", "Lainnya"}}},
    }};
    return questions;
}

namespace {

int choice_index(const Question& q, const std::string& code) {
    for (std::size_t i = 0; i < q.choices.size(); ++i)
        if (code == q.choices[i].code) return static_cast<int>(i);
    return -1;
}

}  // namespace

void check_profile(const Profile& profile) {
    const auto& qs = profile_questions();
    for (std::size_t i = 0; i < qs.size(); ++i) {
        if (profile[i].empty() || choice_index(qs[i], profile[i]) >= 0) continue;
        std::string codes;
        for (const auto& c : qs[i].choices) codes += (codes.empty() ? "" : ", ") + std::string(c.code);
        throw Refusal(errc::invalid_value, std::string("field '") + qs[i].key + "' must be one of " + codes);
    }
}

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void check_note(std::string_view text) {
    const std::size_t n = utf8_length(text);
    if (n > note_max_chars)
        throw Refusal(errc::invalid_value, "Saran/pengaduan paling banyak " + std::to_string(note_max_chars) +
                                               " karakter; ini " + std::to_string(n) + " karakter");
    for (char c : text)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            throw Refusal(errc::invalid_value, "Saran/pengaduan berisi karakter kendali");
}

std::string survey_detail(const metrics::SurveyAnswers& answers, const Profile& profile) {
    std::string d;
    for (int a : answers) d += (d.empty() ? "" : ",") + std::to_string(a);
    if (std::all_of(profile.begin(), profile.end(), [](const std::string& s) { return s.empty(); })) return d;
    for (const auto& code : profile) d += ";" + code;
    return d;
}

std::optional<Response> response_of(const metrics::LoggedEvent& le, const std::string& service) {
    auto answers = metrics::survey_of(le, service);
    if (!answers) return std::nullopt;
    Response r{*answers, {}};
    const std::string& d = le.event.detail;
    // survey_of read the nine answers (17 characters); the profile follows.
    std::size_t at = 2 * metrics::skm_unsur - 1;
    for (auto& code : r.profile) {
        if (at >= d.size() || d[at] != ';') break;
        const std::size_t end = std::min(d.find(';', at + 1), d.size());
        code = d.substr(at + 1, end - at - 1);
        at = end;
    }
    const auto& qs = profile_questions();
    for (std::size_t i = 0; i < qs.size(); ++i)
        if (choice_index(qs[i], r.profile[i]) < 0) r.profile[i].clear();  // unknown codes count as blank
    return r;
}

namespace {

// Krejcie, R. V. & Morgan, D. W. (1970), "Determining Sample Size for Research
// Activities", Educational and Psychological Measurement 30(3), 607-610, Table 1
// (N population, S sample), the table PermenPANRB 14/2017's Lampiran (Bab II, C.
// "Penentuan besaran dan teknik penarikan sampel") tells units to use. Every S is
// the formula s = X^2 N P(1-P) / (d^2 (N-1) + X^2 P(1-P)) with X^2 = 3.841, P = 0.5,
// d = 0.05, rounded to the nearest whole (tests/server/domain/skm_test.cpp checks each row).
constexpr std::pair<long, int> krejcie_morgan[] = {
    {10, 10},     {15, 14},       {20, 19},     {25, 24},     {30, 28},     {35, 32},     {40, 36},     {45, 40},
    {50, 44},     {55, 48},       {60, 52},     {65, 56},     {70, 59},     {75, 63},     {80, 66},     {85, 70},
    {90, 73},     {95, 76},       {100, 80},    {110, 86},    {120, 92},    {130, 97},    {140, 103},   {150, 108},
    {160, 113},   {170, 118},     {180, 123},   {190, 127},   {200, 132},   {210, 136},   {220, 140},   {230, 144},
    {240, 148},   {250, 152},     {260, 155},   {270, 159},   {280, 162},   {290, 165},   {300, 169},   {320, 175},
    {340, 181},   {360, 186},     {380, 191},   {400, 196},   {420, 201},   {440, 205},   {460, 210},   {480, 214},
    {500, 217},   {550, 226},     {600, 234},   {650, 242},   {700, 248},   {750, 254},   {800, 260},   {850, 265},
    {900, 269},   {950, 274},     {1000, 278},  {1100, 285},  {1200, 291},  {1300, 297},  {1400, 302},  {1500, 306},
    {1600, 310},  {1700, 313},    {1800, 317},  {1900, 320},  {2000, 322},  {2200, 327},  {2400, 331},  {2600, 335},
    {2800, 338},  {3000, 341},    {3500, 346},  {4000, 351},  {4500, 354},  {5000, 357},  {6000, 361},  {7000, 364},
    {8000, 367},  {9000, 368},    {10000, 370}, {15000, 375}, {20000, 377}, {30000, 379}, {40000, 380}, {50000, 381},
    {75000, 382}, {1000000, 384},
};

}  // namespace

int krejcie_morgan_sample(long population) {
    if (population <= 0) return 0;
    if (population < krejcie_morgan[0].first) return static_cast<int>(population);
    for (const auto& [n, s] : krejcie_morgan)
        if (population <= n) return s;
    return 384;
}

bool sample_enough(int responses, int needed) { return responses > 0 && responses >= needed; }

std::string sample_note(int responses, int needed) {
    // A period without a citizen served asks for no one, and 0 >= 0: without this
    // first case it would say a survey nobody answered has enough respondents.
    if (responses <= 0) return "Belum ada responden";
    if (sample_enough(responses, needed)) return "Jumlah responden memenuhi";
    return "Jumlah responden belum memenuhi; kurang " + std::to_string(needed - responses) + " responden";
}

Report report(const std::vector<Response>& responses, long population) {
    Report r;
    std::vector<metrics::SurveyAnswers> answers;
    answers.reserve(responses.size());
    const auto& qs = profile_questions();
    for (std::size_t q = 0; q < qs.size(); ++q) r.counts[q].assign(qs[q].choices.size(), 0);
    for (const auto& resp : responses) {
        answers.push_back(resp.answers);
        for (std::size_t q = 0; q < qs.size(); ++q) {
            const int i = choice_index(qs[q], resp.profile[q]);
            if (i < 0)
                ++r.blank[q];
            else
                ++r.counts[q][static_cast<std::size_t>(i)];
        }
    }
    r.ikm = metrics::ikm(answers);
    r.population = population;
    r.sample_needed = krejcie_morgan_sample(population);
    return r;
}

const char* ikm_interval(char grade) {
    switch (grade) {
        case 'A':
            return "88,31 - 100,00";
        case 'B':
            return "76,61 - 88,30";
        case 'C':
            return "65,00 - 76,60";
        case 'D':
            return "25,00 - 64,99";
        default:
            return "";
    }
}

nlohmann::json to_json(const Report& r) {
    nlohmann::json j = metrics::to_json(r.ikm);
    // NRR tertimbang = NRR x 1/9 (the exact ninth, as the SKM).
    for (std::size_t i = 0; i < j["unsur"].size(); ++i)
        j["unsur"][i]["nrr_weighted"] = r.ikm.responses ? nlohmann::json(r.ikm.nrr[i] / metrics::skm_unsur) : nullptr;
    j["mutu"] = r.ikm.responses ? nlohmann::json(std::string(1, r.ikm.grade)) : nullptr;
    j["kinerja"] = r.ikm.responses ? nlohmann::json(r.ikm.grade_label) : nullptr;
    j["interval"] = r.ikm.responses ? nlohmann::json(ikm_interval(r.ikm.grade)) : nullptr;
    j["served"] = r.population;
    j["sample_needed"] = r.sample_needed;
    j["sample_enough"] = sample_enough(r.ikm.responses, r.sample_needed);
    j["sample_note"] = sample_note(r.ikm.responses, r.sample_needed);
    j["sample_rule"] = "Krejcie dan Morgan (1970), tabel penentuan sampel (PermenPANRB 14/2017)";
    auto profile = nlohmann::json::array();
    const auto& qs = profile_questions();
    for (std::size_t q = 0; q < qs.size(); ++q) {
        auto rows = nlohmann::json::array();
        for (std::size_t i = 0; i < qs[q].choices.size(); ++i)
            rows.push_back(
                {{"code", qs[q].choices[i].code}, {"label", qs[q].choices[i].label}, {"count", r.counts[q][i]}});
        profile.push_back({{"key", qs[q].key}, {"title", qs[q].title}, {"rows", rows}, {"blank", r.blank[q]}});
    }
    j["profile"] = profile;
    return j;
}

}  // namespace antre::skm
