#include "login_throttle.hpp"

#include <algorithm>

namespace antre {

namespace {

template <class Map>
auto* find(const Map& m, const std::string& key) {
    auto it = m.find(key);
    return it == m.end() ? nullptr : &it->second;
}

}  // namespace

// The delay that `count` failures impose, counted from the last one.
Millis LoginThrottle::wait_left(const Record* r, int count, int free, Millis now) const {
    if (!r || count < free) return 0;
    Millis delay = policy_.first_delay;
    for (int i = free; i < count && delay < policy_.max_delay; ++i) delay *= 2;
    delay = std::min(delay, policy_.max_delay);
    return std::max<Millis>(0, r->last_at + delay - now);
}

Millis LoginThrottle::retry_after(const std::string& nip, const std::string& address, Millis now) const {
    const Record* o = find(officers_, nip);
    const Record* a = find(addresses_, address);
    const Millis by_officer = wait_left(o, o ? o->failures + o->in_flight : 0, policy_.free_officer_failures, now);
    const Millis by_address = wait_left(a, a ? a->failures + a->in_flight : 0, policy_.free_address_failures, now);
    return std::max(by_officer, by_address);
}

// The reservation is made in the same step as the check, on the I/O thread: a
// hundred guesses that arrive together all see the ones reserved before them.
Millis LoginThrottle::start(const std::string& nip, const std::string& address, Millis now) {
    if (const Millis wait = retry_after(nip, address, now); wait > 0) return wait;
    forget_stale(officers_, now);
    forget_stale(addresses_, now);
    for (Record* r : {&officers_[nip], &addresses_[address]}) {
        ++r->in_flight;
        r->last_at = now;
    }
    return 0;
}

void LoginThrottle::end_check(std::map<std::string, Record>& records, const std::string& key) {
    if (auto it = records.find(key); it != records.end()) it->second.in_flight = std::max(0, it->second.in_flight - 1);
}

Millis LoginThrottle::failed(const std::string& nip, const std::string& address, Millis now) {
    forget_stale(officers_, now);
    forget_stale(addresses_, now);
    end_check(officers_, nip);
    end_check(addresses_, address);
    for (Record* r : {&officers_[nip], &addresses_[address]}) {
        ++r->failures;
        r->last_at = now;
    }
    return retry_after(nip, address, now);
}

void LoginThrottle::succeeded(const std::string& nip, const std::string& address) {
    for (auto [records, key] : {std::pair{&officers_, &nip}, std::pair{&addresses_, &address}}) {
        end_check(*records, *key);
        auto it = records->find(*key);
        if (it == records->end()) continue;
        it->second.failures = 0;
        if (it->second.in_flight == 0) records->erase(it);
    }
}

int LoginThrottle::failures(const std::string& nip) const {
    const Record* o = find(officers_, nip);
    return o ? o->failures : 0;
}

// Bounded memory: quiet records go, and past the limit the stalest go too (a
// flood of made-up NIPs is still caught by the address's record).
void LoginThrottle::forget_stale(std::map<std::string, Record>& records, Millis now) {
    std::erase_if(records, [&](const auto& kv) {
        return kv.second.in_flight == 0 && now - kv.second.last_at > policy_.forget_after;
    });
    while (records.size() >= policy_.max_records) {
        auto stalest = std::min_element(records.begin(), records.end(), [](const auto& x, const auto& y) {
            return x.second.last_at < y.second.last_at;
        });
        records.erase(stalest);
    }
}

}  // namespace antre
