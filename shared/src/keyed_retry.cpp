#include "keyed_retry.hpp"

#include <algorithm>
#include <random>

#include "antre/errors.hpp"

namespace antre::detail {

bool reply_lost(const Reply& reply) {
    return !reply.ok && (reply.code == errc::connection_lost || reply.code == errc::timeout);
}

}  // namespace antre::detail

namespace antre {

std::chrono::milliseconds KeyedRetry::delay_before(int n) const {
    auto delay = first_delay;
    for (int i = 2; i < n && delay < max_delay; ++i) delay *= 2;
    return std::min(delay, max_delay);
}

}  // namespace antre

namespace antre::detail {

std::string random_key_prefix(std::string_view role) {
    // Keys must not repeat across runs either: the server remembers the latest 4,096
    // keyed answers, whatever the connection, and all kiosks share one key space.
    std::random_device rd;
    std::mt19937_64 bits((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    static constexpr char hex[] = "0123456789abcdef";
    std::string prefix(role.substr(0, 12));
    prefix += '-';
    for (int i = 0; i < 16; ++i) prefix += hex[bits() & 0xF];
    return prefix;
}

void RetryWaits::wait(std::shared_ptr<UserCall> call, std::chrono::milliseconds delay, std::function<void()> resend) {
    const auto id = next_++;
    auto timer = std::make_unique<boost::asio::steady_timer>(io_, delay);
    timer->async_wait([this, id, resend = std::move(resend)](boost::system::error_code ec) {
        if (ec) return;
        auto it = waits_.find(id);
        if (it == waits_.end()) return;  // failed meanwhile
        waits_.erase(it);
        resend();
    });
    waits_.emplace(id, Wait{std::move(timer), std::move(call)});
}

void RetryWaits::fail_all(const Reply& failure) {
    auto all = std::move(waits_);
    waits_.clear();
    for (auto& [id, w] : all) {
        w.timer->cancel();
        w.call->done(failure);
    }
}

}  // namespace antre::detail
