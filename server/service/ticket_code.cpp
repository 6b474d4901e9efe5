#include "ticket_code.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include <sodium.h>

namespace antre {

namespace {

constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz234567";  // RFC 4648 base32, lower case

}  // namespace

std::string new_ticket_code() {
    static_assert(ticket_code_length * 5 == 80);
    // The kernel's random bytes for 64 codes at a time, one system call instead of one per
    // issue; each code takes its ten bytes once and they are wiped from the pool.
    constexpr std::size_t code_bytes = 10, codes_per_draw = 64;
    thread_local std::array<unsigned char, code_bytes * codes_per_draw> pool{};
    thread_local std::size_t used = pool.size();
    if (used == pool.size()) {
        static const bool ready = sodium_init() >= 0;
        if (!ready) throw std::runtime_error("sodium_init failed");
        randombytes_buf(pool.data(), pool.size());
        used = 0;
    }
    std::array<unsigned char, code_bytes> bytes{};
    std::copy_n(pool.begin() + static_cast<std::ptrdiff_t>(used), code_bytes, bytes.begin());
    sodium_memzero(pool.data() + used, code_bytes);
    used += code_bytes;
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
