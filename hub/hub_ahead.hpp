// A closed month's figures computed ahead of the first read (docs/hub.md "Months
// kept"): a thread of its own, with its own PostgreSQL connection, looks every few
// seconds for offices whose closed months changed since their figures were kept and
// computes them, so that the first read of a closed month finds them kept. Neither
// the readers nor the ingest ever wait for it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "antre/domain.hpp"

namespace antre::hub {

class HubStore;

struct AheadOptions {
    std::string conninfo;                     ///< libpq connection string of the hub's database
    std::chrono::milliseconds every{10'000};  ///< the pause between passes
    std::function<Millis()> now;              ///< the hub's clock (default: the system's)
};

class MonthsAhead {
public:
    /// Starts the thread; its first pass begins at once.
    explicit MonthsAhead(AheadOptions options);
    /// Stops and joins the thread (a month being computed is finished first).
    ~MonthsAhead();
    MonthsAhead(const MonthsAhead&) = delete;
    MonthsAhead& operator=(const MonthsAhead&) = delete;

    /// Passes completed, and replies kept by them, since the start (tests, the bench).
    std::size_t passes() const { return passes_; }
    std::size_t kept() const { return kept_; }
    /// Starts the next pass now rather than after the pause.
    void wake();

    /// One pass over the hub on `store` at `now`: every office whose state changed
    /// since `seen` (its md5 per office, updated) or with a month behind; returns the
    /// replies kept. `stop` is asked between offices and months.
    static std::size_t pass(HubStore& store, Millis now, std::map<std::string, std::string>& seen,
                            const std::function<bool()>& stop = {});

private:
    void run();

    AheadOptions options_;
    std::atomic<std::size_t> passes_{0}, kept_{0};
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false, woken_ = false;
    std::thread thread_;
};

}  // namespace antre::hub
