// A bound on requests per key (an address, a NIK) in a fixed window of time. Pure:
// the caller passes the time. Memory stays bounded: past `max_keys` the stalest
// keys are forgotten first.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include "antre/domain.hpp"

namespace antre {

class RateLimit {
public:
    struct Policy {
        int per_window = 30;             ///< requests allowed per key and window
        Millis window = 10 * 60'000;     ///< the window's length
        std::size_t max_keys = 100'000;  ///< keys remembered at most
    };
    explicit RateLimit(Policy policy) : policy_(policy) {}

    /// Counts a request for `key`: 0 when it may go on, else the ms until it may.
    Millis take(const std::string& key, Millis now);
    std::size_t size() const { return keys_.size(); }

private:
    struct Window {
        Millis start = 0;
        int count = 0;
    };
    void forget_stale(Millis now);

    Policy policy_;
    std::unordered_map<std::string, Window> keys_;
};

}  // namespace antre
