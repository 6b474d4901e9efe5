// A fresh booking code (bookings.hpp): random characters of the booking alphabet,
// drawn from libsodium; the domain checks it is not taken.
#pragma once

#include <string>

namespace antre {

/// booking_code_length characters, each uniform over booking_code_alphabet.
std::string new_booking_code();

}  // namespace antre
