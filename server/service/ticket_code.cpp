#include "ticket_code.hpp"

#include <array>
#include <cstdint>
#include <stdexcept>

#include <sodium.h>

namespace antre {

namespace {

constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz234567";  // RFC 4648 base32, lower case

}  // namespace

std::string new_ticket_code() {
    static_assert(ticket_code_length * 5 == 80);
    if (sodium_init() < 0) throw std::runtime_error("sodium_init failed");
    std::array<unsigned char, 10> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    // Ten bytes are eighty bits: sixteen groups of five, no padding.
    std::string code;
    code.reserve(ticket_code_length);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            code += alphabet[(buffer >> bits) & 31U];
        }
    }
    return code;
}

bool is_ticket_code(std::string_view text) {
    if (text.size() != ticket_code_length) return false;
    for (char c : text)
        if (alphabet.find(c) == std::string_view::npos) return false;
    return true;
}

}  // namespace antre
