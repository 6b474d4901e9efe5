// Online booking codes (docs/booking.md): what the server draws and reads, and what
// the kiosk's keyboard offers and its scanner accepts, from one definition.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace antre {

/// Booking codes: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L,
/// U), e.g. "K7QM4XRP"; about 39 random bits, and useless without the NIK.
inline constexpr std::size_t booking_code_length = 8;
inline constexpr std::string_view booking_code_alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `text` as a code: upper-cased, spaces and dashes dropped; "" when it cannot be one.
std::string normalize_booking_code(std::string_view text);

}  // namespace antre
