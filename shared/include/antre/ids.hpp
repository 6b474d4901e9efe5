// The two personal ids Antre meets, each checked by one function wherever it
// enters: the officer's NIP and the citizen's NIK. Both are personal data
// (UU 27/2022); see docs/protocol.md for who may see them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace antre {

namespace detail {
constexpr bool all_digits(std::string_view s, std::size_t length) {
    return s.size() == length && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace detail

/// A NIP (Nomor Induk Pegawai, an officer's id): exactly 18 ASCII digits.
constexpr bool valid_nip(std::string_view s) { return detail::all_digits(s, 18); }
/// A NIK (Nomor Induk Kependudukan, a citizen's id): exactly 16 ASCII digits.
constexpr bool valid_nik(std::string_view s) { return detail::all_digits(s, 16); }

/// The refusal when a NIP is not valid_nip() (Indonesian, shown to officers as it is).
inline constexpr const char* nip_rule = "NIP harus tepat 18 angka (0-9), tanpa spasi atau tanda lain";
/// The refusal when a NIK is not valid_nik().
inline constexpr const char* nik_rule = "NIK harus tepat 16 angka (0-9), tanpa spasi atau tanda lain";

}  // namespace antre
