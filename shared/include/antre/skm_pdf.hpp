// The SKM report as a printable A4 PDF, laid out as PermenPANRB 14/2017's report for
// a semester: the unit, the period in words, the citizens served and the respondents
// against the Krejcie-Morgan sample, the profile tables, per unsur the sum of values,
// NRR and NRR tertimbang, the IKM and its converted value, mutu pelayanan and kinerja
// unit, the saran/pengaduan with the office's tindak lanjut, and the place, date and
// signature of the head of the unit; "Halaman i dari N" on every page (docs/metrics.md).
// Its text goes through cairo's toy font API, hence fontconfig (docs/decisions.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace antre {

/// The `ikm` reply (`reply["ikm"]`) of `office` as the bytes of an A4 PDF; throws
/// std::runtime_error naming cairo's failure. The CLI's `antre ikm --pdf` and the
/// dashboard's download (/api/ikm.pdf) both draw it here, from a reply asked with
/// `print`; a reply without `notes`, `place` or `as_of` (the hub's) prints that the
/// notes stay at the office, and dots for the place and date to be written by hand.
std::string skm_pdf(const nlohmann::json& reply, const std::string& office);
/// The file name of the PDF of an `ikm` reply: skm[-SERVICE]-FROM-TO.pdf.
std::string skm_pdf_name(const nlohmann::json& reply);
/// skm_pdf() written to `path`; throws std::runtime_error when it cannot be written.
void write_skm_pdf(const nlohmann::json& reply, const std::string& office, const std::string& path);

}  // namespace antre
