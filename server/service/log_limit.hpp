// Keeps floods of alike lines out of the server's log. A hostile client can make
// the server refuse it thousands of times a second; each refusal may be worth a
// line, but not thousands: the log would fill the disk and bury everything else.
// Pure: the caller passes the time.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "antre/domain.hpp"

namespace antre {

/// At most `per_key` lines per key (a client's address) and `in_all` lines over all
/// keys in each `window`; the lines held back are counted per key, and the count
/// goes into the key's next line that is let through.
class LogLimiter {
public:
    struct Policy {
        int per_key = 10;  ///< lines per address and window
        int in_all = 100;  ///< lines per window, all addresses together
        Millis window = 60'000;
        std::size_t max_keys = 10'000;  ///< addresses remembered; the stalest go first
    };

    LogLimiter() = default;
    explicit LogLimiter(Policy policy) : policy_(policy) {}

    /// Whether a line for `key` may be written at `now`: if so, how many of the key's
    /// lines were held back since its last one (to say so in it), else nothing.
    std::optional<std::size_t> admit(const std::string& key, Millis now);
    /// Addresses remembered (for tests).
    std::size_t keys() const { return keys_.size(); }

private:
    struct Window {
        Millis start = 0;
        int used = 0;
        std::size_t held = 0;
    };
    bool take(Window& w, int limit, Millis now) const;
    void forget_stale(Millis now);

    Policy policy_;
    Window all_;
    std::map<std::string, Window> keys_;
};

/// " (N more like it held back)" for N > 0, else nothing: the end of a line that
/// LogLimiter let through.
std::string held_back_note(std::size_t held);

/// A condition that repeats while it lasts (accept() failing, connections turned
/// away at a limit): one line when it starts and one with the count when it ends,
/// instead of a line each time.
class Episode {
public:
    /// Counts one occurrence; true for the first of an episode (write its line then).
    bool occurred() { return count_++ == 0; }
    /// Ends the episode; how many occurrences it had (0: none was going on).
    std::size_t ended() { return std::exchange(count_, 0); }

private:
    std::size_t count_ = 0;
};

}  // namespace antre
