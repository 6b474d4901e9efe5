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
    const Millis by_officer =
        wait_left(o, o ? o->failures + o->in_flight : 0, policy_.free_officer_failures, now);
    const Millis by_address = wait_left(a, a ? a->failures : 0, policy_.free_address_failures, now);
    return std::max(by_officer, by_address);
}

void LoginThrottle::started(const std::string& nip, Millis now) {
    Record& o = officers_[nip];
    ++o.in_flight;
    o.last_at = now;
}

Millis LoginThrottle::failed(const std::string& nip, const std::string& address, Millis now) {
    forget_stale(officers_, now);
    forget_stale(addresses_, now);
    Record& o = officers_[nip];
    o.in_flight = std::max(0, o.in_flight - 1);
    ++o.failures;
    o.last_at = now;
    Record& a = addresses_[address];
    ++a.failures;
    a.last_at = now;
    return retry_after(nip, address, now);
}

void LoginThrottle::succeeded(const std::string& nip, const std::string& address) {
    officers_.erase(nip);
    addresses_.erase(address);
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
        auto stalest = std::min_element(records.begin(), records.end(),
                                        [](const auto& x, const auto& y) { return x.second.last_at < y.second.last_at; });
        records.erase(stalest);
    }
}

}  // namespace antre
