// PINs are kept only as argon2id hashes (libsodium crypto_pwhash_str); log-in
// tokens only as a BLAKE2b digest, so a copy of the database holds
// neither a PIN nor a usable token.
#pragma once

#include <string>

namespace antre::password {

/// Hashes a PIN with argon2id at libsodium's "interactive" cost. Slow on purpose.
std::string hash_pin(const std::string& pin);
/// True when `pin` matches `hash`. Slow on purpose: never call it on the I/O thread.
bool verify_pin(const std::string& pin, const std::string& hash);
/// A PIN the office accepts: 4 to 12 digits.
bool acceptable_pin(const std::string& pin);
/// A fresh random log-in token (64 hex characters).
std::string new_token();

/// What a log-in token was issued for. It opens that and nothing else: a counter
/// token no manager session, a manager's token no admin session, the dashboard's
/// cookie nothing on the client port, and the other way round.
enum class TokenUse { counter, manager, admin, dashboard };

/// The digest under which a token is stored, bound to its use: the same token
/// presented for another use has another digest, so it is simply not found.
std::string token_digest(const std::string& token, TokenUse use);

}  // namespace antre::password
