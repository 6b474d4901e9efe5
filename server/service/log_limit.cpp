#include "log_limit.hpp"

#include <algorithm>

namespace antre {

bool LogLimiter::take(Window& w, int limit, Millis now) const {
    if (now - w.start >= policy_.window) {
        w.start = now;
        w.used = 0;
    }
    if (w.used >= limit) return false;
    ++w.used;
    return true;
}

std::optional<std::size_t> LogLimiter::admit(const std::string& key, Millis now) {
    if (keys_.size() >= policy_.max_keys && !keys_.count(key)) forget_stale(now);
    Window& w = keys_[key];
    // The address's own quota first: a line it may not write does not use up the
    // quota of everybody else.
    if (!take(w, policy_.per_key, now)) {
        ++w.held;
        return std::nullopt;
    }
    if (!take(all_, policy_.in_all, now)) {
        --w.used;  // not written: it does not count against the address
        ++w.held;
        return std::nullopt;
    }
    return std::exchange(w.held, 0);
}

// Windows that have ended hold nothing worth keeping but a count of held-back lines,
// which is lost with them; when every window is still running, the oldest goes.
void LogLimiter::forget_stale(Millis now) {
    for (auto it = keys_.begin(); it != keys_.end();)
        it = now - it->second.start >= policy_.window ? keys_.erase(it) : std::next(it);
    if (keys_.size() < policy_.max_keys) return;
    keys_.erase(std::min_element(keys_.begin(), keys_.end(),
                                 [](const auto& a, const auto& b) { return a.second.start < b.second.start; }));
}

std::string held_back_note(std::size_t held) {
    if (held == 0) return {};
    return " (" + std::to_string(held) + " more like it held back)";
}

}  // namespace antre
