// The SKM of PermenPANRB 14/2017 beyond the nine answers: the respondent's profile,
// the report's tables (NRR per unsur, NRR tertimbang, IKM, mutu pelayanan, kinerja
// unit, profile counts) and whether enough citizens answered (Krejcie-Morgan).
// Pure code, no I/O; the definitions are in docs/metrics.md "SKM report".
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "metrics.hpp"

namespace antre::skm {

/// One answer of a profile question: the code stored and sent, the label shown.
struct Choice {
    const char* code;
    const char* label;
};

/// A profile question of the regulation's form, with its choices in the form's order.
struct Question {
    const char* key;    ///< the protocol field: jenis_kelamin, umur, pendidikan, pekerjaan
    const char* title;  ///< "Jenis Kelamin", ...
    std::vector<Choice> choices;
};

/// The four profile questions, in the form's order.
const std::array<Question, 4>& profile_questions();

/// A respondent's profile: one code per question, "" where the citizen did not answer.
using Profile = SurveyProfile;

/// Checks each code against its question; throws Refusal(invalid_value) naming the field.
void check_profile(const Profile& profile);

/// The most characters (UTF-8 code points) a saran/pengaduan may hold.
inline constexpr std::size_t note_max_chars = 1000;
/// Throws Refusal(invalid_value) when `text` is longer than note_max_chars or holds a
/// control character other than a line break or tab.
void check_note(std::string_view text);
/// The number of UTF-8 code points in `text`.
std::size_t utf8_length(std::string_view text);

/// The survey_submitted event's detail: the nine answers, then the profile codes
/// when any was given ("4,3,4,4,3,3,4,4,3;P;30-39;SMA;WIRAUSAHA", empty codes kept).
std::string survey_detail(const metrics::SurveyAnswers& answers, const Profile& profile);

/// One complete survey as the log holds it.
struct Response {
    metrics::SurveyAnswers answers{};
    Profile profile{};
};
/// The survey of a survey_submitted event of `service` (any when ""), or nothing.
std::optional<Response> response_of(const metrics::LoggedEvent& event, const std::string& service);

/// The respondents the regulation asks for out of a population of `population`
/// citizens served: the Krejcie-Morgan (1970) table, read at the first row whose
/// population is at least `population` (everyone below the table's first row, 10).
int krejcie_morgan_sample(long population);

/// Whether a period's respondents are enough: some answered and at least `needed`.
bool sample_enough(int responses, int needed);
/// The sample check in words, as the report prints it: "Belum ada responden" when no
/// one answered (whatever the sample asks), else "Jumlah responden memenuhi" or
/// "Jumlah responden belum memenuhi; kurang 78 responden".
std::string sample_note(int responses, int needed);

/// The report of one period.
struct Report {
    metrics::Ikm ikm;
    long population = 0;  ///< citizens served in the period (tickets finished)
    int sample_needed = 0;
    /// counts[question][choice], and the respondents who left the question blank.
    std::array<std::vector<int>, 4> counts;
    std::array<int, 4> blank{};
};
Report report(const std::vector<Response>& responses, long population);

/// The `skm` object of the `ikm` reply: the ikm fields and the report's additions.
nlohmann::json to_json(const Report& report);

/// The mutu pelayanan's interval of the IKM (25.00-64.99 ...), as the regulation's table prints it.
const char* ikm_interval(char grade);

}  // namespace antre::skm
