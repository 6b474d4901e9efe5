#include "booking_code.hpp"

#include <stdexcept>

#include <sodium.h>

#include "bookings.hpp"

namespace antre {

std::string new_booking_code() {
    if (sodium_init() < 0) throw std::runtime_error("sodium_init failed");
    std::string code;
    for (std::size_t i = 0; i < booking_code_length; ++i)
        code += booking_code_alphabet[randombytes_uniform(static_cast<std::uint32_t>(booking_code_alphabet.size()))];
    return code;
}

}  // namespace antre
