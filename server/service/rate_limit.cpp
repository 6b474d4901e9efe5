#include "rate_limit.hpp"

#include <algorithm>
#include <vector>

namespace antre {

Millis RateLimit::take(const std::string& key, Millis now) {
    if (keys_.size() >= policy_.max_keys && !keys_.count(key)) forget_stale(now);
    // A key's window starts at its first request.
    auto [it, fresh] = keys_.try_emplace(key, Window{now, 0});
    Window& w = it->second;
    if (!fresh && now - w.start >= policy_.window) w = {now, 0};
    if (w.count >= policy_.per_window) return std::max<Millis>(1, w.start + policy_.window - now);
    ++w.count;
    return 0;
}

// Windows that ended go first; when the map is still full the older half goes, so
// the cost is spread over many requests.
void RateLimit::forget_stale(Millis now) {
    std::erase_if(keys_, [&](const auto& kv) { return now - kv.second.start >= policy_.window; });
    if (keys_.size() < policy_.max_keys) return;
    std::vector<Millis> starts;
    starts.reserve(keys_.size());
    for (const auto& [k, w] : keys_) starts.push_back(w.start);
    auto middle = starts.begin() + static_cast<std::ptrdiff_t>(starts.size() / 2);
    std::nth_element(starts.begin(), middle, starts.end());
    const Millis cut = *middle;
    std::erase_if(keys_, [&](const auto& kv) { return kv.second.start <= cut; });
}

}  // namespace antre
