// The secret code of a ticket's public link ("{public_base_url}/t/{code}",
// docs/public-page.md): 80 random bits from libsodium, written in 16 characters of
// lower-case base32, so it is short in a QR, safe in a URL and easy to type.
#pragma once

#include <string>
#include <string_view>

namespace antre {

/// The number of characters of a ticket code.
inline constexpr std::size_t ticket_code_length = 16;

/// A fresh code: 80 bits from randombytes_buf (drawn for 64 codes at a time, per
/// thread), base32 ("a".."z", "2".."7").
std::string new_ticket_code();

/// True when `text` has the form of a code (16 characters of the alphabet above);
/// says nothing of whether a ticket has it.
bool is_ticket_code(std::string_view text);

}  // namespace antre
