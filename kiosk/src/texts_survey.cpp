// The words of the SKM survey's profile and saran/pengaduan screens. The profile
// follows the PROFIL block of the questionnaire in PermenPANRB 14/2017; the codes
// are the `survey` op's (docs/protocol.md), the labels the citizen's language.
#include <algorithm>

#include "antre/kiosk/texts.hpp"

namespace antre::kiosk {

namespace {

const std::array<ProfileQuestion, survey_profile_questions>& questions(Language l) {
    static const std::array<ProfileQuestion, survey_profile_questions> in_indonesian{{
        {"jenis_kelamin", "Jenis kelamin", {{"L", "Laki-laki"}, {"P", "Perempuan"}}},
        {"umur",
         "Umur",
         {{"<20", "Di bawah 20 tahun"},
          {"20-29", "20\u201329 tahun"},
          {"30-39", "30\u201339 tahun"},
          {"40-49", "40\u201349 tahun"},
          {"50-59", "50\u201359 tahun"},
          {"60+", "60 tahun ke atas"}}},
        {"pendidikan",
         "Pendidikan terakhir",
         {{"SD", "SD ke bawah"},
          {"SMP", "SMP"},
          {"SMA", "SMA / SMK"},
          {"D", "D1\u2013D4"},
          {"S1", "S1"},
          {"S2", "S2"},
          {"S3", "S3"}}},
        {"pekerjaan",
         "Pekerjaan utama",
         {{"PNS", "PNS"},
          {"TNI", "TNI"},
          {"POLRI", "POLRI"},
          {"SWASTA", "Pegawai swasta"},
          {"WIRAUSAHA", "Wirausaha"},
          {"LAINNYA", "Lainnya"}}},
    }};
    static const std::array<ProfileQuestion, survey_profile_questions> in_english{{
        {"jenis_kelamin", "Sex", {{"L", "Male"}, {"P", "Female"}}},
        {"umur",
         "Age",
         {{"<20", "Under 20"},
          {"20-29", "20\u201329"},
          {"30-39", "30\u201339"},
          {"40-49", "40\u201349"},
          {"50-59", "50\u201359"},
          {"60+", "60 or older"}}},
        {"pendidikan",
         "Education",
         {{"SD", "Primary school or less"},
          {"SMP", "Junior high school"},
          {"SMA", "Senior high school"},
          {"D", "Diploma (D1\u2013D4)"},
          {"S1", "Bachelor (S1)"},
          {"S2", "Master (S2)"},
          {"S3", "Doctorate (S3)"}}},
        {"pekerjaan",
         "Occupation",
         {{"PNS", "Civil servant (PNS)"},
          {"TNI", "Armed forces (TNI)"},
          {"POLRI", "Police (POLRI)"},
          {"SWASTA", "Private employee"},
          {"WIRAUSAHA", "Self-employed"},
          {"LAINNYA", "Other"}}},
    }};
    return gui::in_language(l, in_indonesian, in_english);
}

constexpr SurveyMoreTexts indonesian_survey{
    "Tentang Anda",
    "Boleh dilewati",
    "Saran atau pengaduan",
    "Tidak wajib. Ketik, lalu sentuh Kirim.",
    "Tulis saran atau pengaduan Anda di sini (boleh kosong)",
    "spasi",
    "Hapus",
};

constexpr SurveyMoreTexts english_survey{
    "About you",
    "You may skip it",
    "Suggestion or complaint",
    "Optional. Type, then touch Send.",
    "Write your suggestion or complaint here (may be left empty)",
    "space",
    "Erase",
};

}  // namespace

const ProfileQuestion& profile_question(Language language, int index) {
    return questions(language)[static_cast<std::size_t>(std::clamp(index, 0, survey_profile_questions - 1))];
}

const SurveyMoreTexts& survey_more_texts(Language language) {
    return gui::in_language(language, indonesian_survey, english_survey);
}

std::string profile_progress(Language l, int step) {
    const auto n = std::to_string(step + 1), of = std::to_string(survey_profile_questions);
    return l == Language::id ? "Tentang Anda " + n + " dari " + of : "About you " + n + " of " + of;
}

std::string note_count_text(Language l, std::size_t used) {
    const auto n = std::to_string(used) + " / " + std::to_string(survey_note_max);
    return l == Language::id ? n + " huruf" : n + " characters";
}

}  // namespace antre::kiosk
