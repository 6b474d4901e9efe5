// The structure of a NIK (Nomor Induk Kependudukan, 16 digits): region code
// (province, regency, district: two digits each), date of birth DDMMYY with 40 added
// to the day for women, and a serial. Antre checks the structure only; whether the
// NIK exists is known to the civil registry alone (docs/booking.md). Plain C++, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace antre {

/// Why a NIK was refused, in Indonesian (shown first) and English.
struct NikRefusal {
    std::string id;
    std::string en;
};

/// Nothing when `nik` has a valid structure; otherwise the first thing wrong with it.
std::optional<NikRefusal> check_nik(std::string_view nik);

/// What a NIK shows its owner: "************1234" (the last four digits); "" for
/// text that is not 16 characters.
std::string masked_nik(std::string_view nik);

}  // namespace antre
