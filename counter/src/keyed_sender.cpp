#include "antre/counter/keyed_sender.hpp"

#include <algorithm>
#include <memory>
#include <random>

#include "antre/errors.hpp"

namespace antre::counter {

using json = nlohmann::json;

namespace {

// One press: the same request (and key) for every attempt.
struct Press {
    KeyedSender::Transport transport;
    std::string op;
    json fields;
    int attempt = 1;
    int max_attempts = 1;
    std::function<void(int)> on_retry;
    std::function<void(Reply)> done;
};

void attempt(const std::shared_ptr<Press>& press) {
    press->transport(press->op, press->fields, [press](Reply r) {
        if (KeyedSender::lost(r) && press->attempt < press->max_attempts) {
            ++press->attempt;
            if (press->on_retry) press->on_retry(press->attempt);
            return attempt(press);
        }
        press->done(std::move(r));
    });
}

}  // namespace

KeyedSender::KeyedSender(Transport transport, int max_attempts)
    : transport_(std::move(transport)), max_attempts_(std::max(1, max_attempts)) {
    // Keys must not repeat across runs either: the server remembers the last
    // 4096 per officer and counter, whatever the connection.
    std::random_device rd;
    std::mt19937_64 bits((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    static constexpr char hex[] = "0123456789abcdef";
    prefix_ = "ctr-";
    for (int i = 0; i < 16; ++i) prefix_ += hex[bits() & 0xF];
}

std::string KeyedSender::new_key() { return prefix_ + "-" + std::to_string(++next_); }

bool KeyedSender::lost(const Reply& reply) {
    return !reply.ok && (reply.code == errc::connection_lost || reply.code == errc::timeout);
}

void KeyedSender::send(const std::string& op, json fields, std::function<void(int)> on_retry,
                       std::function<void(Reply)> done) {
    fields["key"] = new_key();
    auto press = std::make_shared<Press>(
        Press{transport_, op, std::move(fields), 1, max_attempts_, std::move(on_retry), std::move(done)});
    attempt(press);
}

}  // namespace antre::counter
