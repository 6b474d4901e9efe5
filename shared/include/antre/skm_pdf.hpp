// The SKM report as a printable A4 PDF, laid out as PermenPANRB 14/2017's report:
// the period and unit, the respondents against the Krejcie-Morgan sample, the profile
// tables, NRR per unsur and NRR tertimbang, IKM, mutu pelayanan and kinerja unit.
// Its text goes through cairo's toy font API, hence fontconfig (docs/decisions.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace antre {

/// The `ikm` reply (`reply["ikm"]`) of `office` as the bytes of an A4 PDF; throws
/// std::runtime_error naming cairo's failure. The CLI's `antre ikm --pdf` and the
/// dashboard's download (/api/ikm.pdf) both draw it here.
std::string skm_pdf(const nlohmann::json& reply, const std::string& office);
/// The file name of the PDF of an `ikm` reply: skm[-SERVICE]-FROM-TO.pdf.
std::string skm_pdf_name(const nlohmann::json& reply);
/// skm_pdf() written to `path`; throws std::runtime_error when it cannot be written.
void write_skm_pdf(const nlohmann::json& reply, const std::string& office, const std::string& path);

}  // namespace antre
