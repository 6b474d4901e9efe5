#include "hub_ahead.hpp"

#include <iostream>
#include <memory>
#include <set>

#include "hub_reports.hpp"
#include "hub_store.hpp"

namespace antre::hub {

namespace {

Millis system_now() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

MonthsAhead::MonthsAhead(AheadOptions options) : options_(std::move(options)) {
    if (!options_.now) options_.now = system_now;
    thread_ = std::thread([this] { run(); });
}

MonthsAhead::~MonthsAhead() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void MonthsAhead::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_all();
}

std::size_t MonthsAhead::pass(HubStore& store, Millis now, std::map<std::string, std::string>& seen,
                              const std::function<bool()>& stop) {
    // Offices with a month behind at its version, and those whose state changed (new
    // targets or time zone make every kept month stale by its inputs): the rest have
    // nothing to compute and cost nothing but these two reads.
    const auto& kinds = Figures::ahead_kinds();
    const auto behind = store.offices_behind(kinds, now);
    std::set<std::string> offices(behind.begin(), behind.end());
    for (const auto& [office, digest] : store.state_digests()) {
        auto& known = seen[office];
        if (known != digest) offices.insert(office);
        known = digest;
    }
    std::size_t kept = 0;
    Figures figures(store, std::nullopt, now);
    for (const auto& office : offices) {
        if (stop && stop()) break;
        try {
            kept += figures.keep_ahead(office, stop);
        } catch (const Refused&) {
            // No state yet: nothing to compute with; its first state is a change, so
            // the office is looked at again then.
            seen.erase(office);
        }
    }
    return kept;
}

void MonthsAhead::run() {
    auto stopped = [this] {
        std::lock_guard lock(mutex_);
        return stopping_;
    };
    std::unique_ptr<HubStore> store;
    std::map<std::string, std::string> seen;
    while (!stopped()) {
        try {
            if (!store) store = std::make_unique<HubStore>(options_.conninfo);
            // A replica keeps nothing: it answers what the primary's hub kept.
            if (!store->read_only()) kept_ += pass(*store, options_.now(), seen, stopped);
            ++passes_;
        } catch (const std::exception& e) {
            // PostgreSQL gone or refusing: a new connection at the next pass. Nothing is
            // lost: what was not computed is still behind.
            std::cerr << "antre-hub: months ahead: " << e.what() << "\n";
            store.reset();
            seen.clear();
        }
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, options_.every, [this] { return stopping_ || woken_; });
        woken_ = false;
    }
}

}  // namespace antre::hub
