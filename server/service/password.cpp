#include "password.hpp"

#include <algorithm>
#include <stdexcept>

#include <sodium.h>

namespace antre::password {
namespace {

void init() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium: sodium_init failed");
}

std::string to_hex(const unsigned char* bytes, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();
    return out;
}

}  // namespace

std::string hash_pin(const std::string& pin) {
    init();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("libsodium: crypto_pwhash_str: out of memory");
    return out;
}

bool verify_pin(const std::string& pin, const std::string& hash) {
    init();
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

bool acceptable_pin(const std::string& pin) {
    return pin.size() >= 4 && pin.size() <= 12 &&
           std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string new_token() {
    init();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

std::string token_digest(const std::string& token, TokenUse use) {
    init();
    static constexpr const char* uses[] = {"counter", "manager", "admin", "dashboard"};
    // The use comes first and ends at the newline, which no use name holds: no two
    // (use, token) pairs give the same input.
    const std::string input = std::string(uses[static_cast<int>(use)]) + "\n" + token;
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                       nullptr, 0);
    return to_hex(digest, sizeof digest);
}

}  // namespace antre::password
