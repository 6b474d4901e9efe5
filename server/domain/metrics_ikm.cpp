// The IKM (indeks kepuasan masyarakat) from the SKM surveys, as PermenPANRB 14/2017 defines it.
#include "metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace antre::metrics {

std::pair<char, const char*> ikm_grade(long hundredths) {
    if (hundredths >= 8831) return {'A', "Sangat Baik"};
    if (hundredths >= 7661) return {'B', "Baik"};
    if (hundredths >= 6500) return {'C', "Kurang Baik"};
    return {'D', "Tidak Baik"};
}

Ikm ikm(const std::vector<SurveyAnswers>& surveys) {
    Ikm out;
    out.responses = static_cast<int>(surveys.size());
    if (surveys.empty()) return out;
    auto& sums = out.sums;
    for (const auto& s : surveys)
        for (int i = 0; i < skm_unsur; ++i) sums[i] += s[i];
    const long n = out.responses;
    long total = 0;
    for (int i = 0; i < skm_unsur; ++i) {
        out.nrr[i] = double(sums[i]) / double(n);
        total += sums[i];
    }
    out.skm = double(total) / double(skm_unsur * n);
    // IKM = 25 x total / (9 n) exactly; in hundredths, rounded half up with integers
    // so that a grade boundary is never decided by a floating-point last digit.
    const long denominator = skm_unsur * n;
    out.ikm_hundredths = (2 * 2500 * total + denominator) / (2 * denominator);
    const auto [grade, label] = ikm_grade(out.ikm_hundredths);
    out.grade = grade;
    out.grade_label = label;
    return out;
}

std::optional<SurveyAnswers> survey_of(const LoggedEvent& le, const std::string& service) {
    if (le.event.type != "survey_submitted" || (!service.empty() && le.event.service != service)) return std::nullopt;
    SurveyAnswers a{};
    // "4,3,4,4,3,3,4,4,3", then the respondent's profile after a ';' (docs/metrics.md).
    const std::string& d = le.event.detail;
    constexpr std::size_t answers_length = 2 * skm_unsur - 1;
    if (d.size() < answers_length || (d.size() > answers_length && d[answers_length] != ';')) return std::nullopt;
    for (std::size_t k = 0; k < skm_unsur; ++k) {
        const char c = d[2 * k];
        if (c < '1' || c > '4' || (k + 1 < skm_unsur && d[2 * k + 1] != ',')) return std::nullopt;
        a[k] = c - '0';
    }
    return a;
}

}  // namespace antre::metrics
