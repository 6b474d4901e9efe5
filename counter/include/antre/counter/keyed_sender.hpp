// "An action pressed once is applied once, even if the reply was lost": every
// press gets a fresh request key; when its reply is lost (connection_lost) or
// late (timeout) the same request, with the same key, is sent again, and the
// server answers a key it has seen with its first answer instead of applying it
// twice. The transport is a function, so tests can lose replies on purpose.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "antre/client.hpp"

namespace antre::counter {

class KeyedSender {
public:
    /// Sends one request and calls `done` with its reply (Client::call_async).
    using Transport =
        std::function<void(const std::string& op, nlohmann::json fields, std::function<void(Reply)> done)>;

    /// At most `max_attempts` sends per press (the first and its retries).
    KeyedSender(Transport transport, int max_attempts);

    /// Sends `op` with a fresh key; `on_retry(attempt)` before each resend, `done`
    /// once with the final reply: a success, a refusal, or the last lost reply.
    void send(const std::string& op, nlohmann::json fields, std::function<void(int)> on_retry,
              std::function<void(Reply)> done);

    /// A key no earlier press used, in this run or another (1-64 characters).
    std::string new_key();
    /// A reply that may have been lost on the way: the request may or may not have been applied.
    static bool lost(const Reply& reply);

private:
    Transport transport_;
    int max_attempts_;
    std::string prefix_;  // random per run
    std::uint64_t next_ = 0;
};

}  // namespace antre::counter
