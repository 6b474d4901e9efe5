#include "hub_sessions.hpp"

#include <algorithm>
#include <iterator>

#include "password.hpp"

namespace antre::hub {

std::string ReaderSessions::open(const std::string& reader, const std::string& secret_hash, Millis now) {
    std::string token = password::new_token();
    std::lock_guard lock(mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();)
        it = it->second.expires_at <= now ? sessions_.erase(it) : std::next(it);
    if (sessions_.size() >= max_sessions)
        sessions_.erase(std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
            return a.second.expires_at < b.second.expires_at;
        }));
    sessions_[token] = Session{reader, secret_hash, now + lifetime};
    return token;
}

std::optional<ReaderSessions::Session> ReaderSessions::find(const std::string& token, Millis now) {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(token);
    if (it == sessions_.end()) return std::nullopt;
    if (it->second.expires_at <= now) {
        sessions_.erase(it);
        return std::nullopt;
    }
    return it->second;
}

void ReaderSessions::close(const std::string& token) {
    std::lock_guard lock(mutex_);
    sessions_.erase(token);
}

std::size_t ReaderSessions::size() {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

}  // namespace antre::hub
