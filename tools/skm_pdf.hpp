// The SKM report as a printable A4 PDF, laid out as PermenPANRB 14/2017's report:
// the period and unit, the respondents against the Krejcie-Morgan sample, the profile
// tables, NRR per unsur and NRR tertimbang, IKM, mutu pelayanan and kinerja unit.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace antre {

/// Writes the `ikm` reply (`reply["ikm"]`) of `office` as an A4 PDF to `path`; throws
/// std::runtime_error naming cairo's failure.
void write_skm_pdf(const nlohmann::json& reply, const std::string& office, const std::string& path);

}  // namespace antre
