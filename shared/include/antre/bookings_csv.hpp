// The `bookings` op's reply as CSV for the dashboard's download (docs/booking.md).
// Written in report_text.cpp, beside the report's CSV, with the same quoting.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace antre::report_text {

/// One row per booking, with the NIK, name and phone the op gives managers; a name,
/// phone or reason that starts like a formula gets a leading apostrophe.
std::string bookings_csv(const nlohmann::json& reply);

}  // namespace antre::report_text
