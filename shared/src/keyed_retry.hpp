// The client library's retry of keyed requests (ClientOptions::keyed_retry): which
// replies are retried, how long to wait before the next send, and the calls that
// wait meanwhile. Used on the client's I/O thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "antre/client.hpp"

namespace antre::detail {

/// One user call, kept for its retries: every send has the same op and fields (and key).
struct UserCall {
    std::string op;
    nlohmann::json fields;
    std::function<void(Reply)> done;
    std::function<void(int)> on_retry;
    std::chrono::milliseconds timeout;
    int attempt = 1;  ///< the send under way: 1 first, 2 the first retry...

    bool keyed() const { return fields.is_object() && fields.contains("key"); }
};

/// Whether `reply` may have been lost on the way: the request may or may not have been applied.
bool reply_lost(const Reply& reply);

/// `role-` (at most 12 bytes of it), then 16 random hex digits: a key prefix no other
/// client or run shares.
std::string random_key_prefix(std::string_view role);

/// Keyed calls between two sends.
class RetryWaits {
public:
    explicit RetryWaits(boost::asio::io_context& io) : io_(io) {}

    /// Runs `resend` after `delay`, unless fail_all() comes first.
    void wait(std::shared_ptr<UserCall> call, std::chrono::milliseconds delay, std::function<void()> resend);
    /// Ends every waiting call with `failure` (the client stops or was refused).
    void fail_all(const Reply& failure);

private:
    struct Wait {
        std::unique_ptr<boost::asio::steady_timer> timer;
        std::shared_ptr<UserCall> call;
    };
    boost::asio::io_context& io_;
    std::uint64_t next_ = 0;
    std::map<std::uint64_t, Wait> waits_;
};

}  // namespace antre::detail
