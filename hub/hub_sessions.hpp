// The central dashboard's log-in sessions (docs/hub.md "The central dashboard"): a
// random token in an HttpOnly cookie names a reader for a bounded time. Pure and
// locked inside: the HTTP thread and the workers share one table; the caller passes
// the time, so tests run it on a manual clock.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "antre/domain.hpp"

namespace antre::hub {

class ReaderSessions {
public:
    /// What a token stands for: the reader, and its secret's hash at log-in (a new
    /// secret given with `reader-add` ends the sessions opened with the old one).
    struct Session {
        std::string reader;
        std::string secret_hash;
        Millis expires_at = 0;
    };
    /// A session lasts this long after log-in, however busy.
    static constexpr Millis lifetime = 12 * 3'600'000LL;
    /// The most sessions held; beyond it the one closest to its end goes first.
    static constexpr std::size_t max_sessions = 10'000;

    /// Opens a session and returns its token (64 hex characters from libsodium).
    std::string open(const std::string& reader, const std::string& secret_hash, Millis now);
    /// The token's session while it lasts.
    std::optional<Session> find(const std::string& token, Millis now);
    void close(const std::string& token);
    std::size_t size();

private:
    std::mutex mutex_;
    std::map<std::string, Session> sessions_;
};

}  // namespace antre::hub
