// The `report` op's reply as text: an aligned table for people, CSV for
// spreadsheets (header row, '.' decimals, one row per group). The CLI and the
// dashboard's CSV download both use it, so their files are the same bytes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace antre::report_text {

/// The rows of a `report` reply as a table with one line per group.
std::string report_table(const nlohmann::json& report);
/// The rows of a `report` reply as CSV (RFC 4180 quoting, '\n' line ends).
std::string report_csv(const nlohmann::json& report);
/// An `ikm` reply: NRR per unsur, SKM, IKM and grade, as text or CSV.
std::string ikm_table(const nlohmann::json& reply);
std::string ikm_csv(const nlohmann::json& reply);
/// A `booking_report` reply: a line per day or service and the period's total, as
/// text or CSV (shares as fractions in the CSV, percentages in the table).
std::string booking_report_table(const nlohmann::json& reply);
std::string booking_report_csv(const nlohmann::json& reply);
/// An `officer_sheet` reply as text: the officer's figures beside the targets.
std::string sheet_table(const nlohmann::json& reply);

}  // namespace antre::report_text
