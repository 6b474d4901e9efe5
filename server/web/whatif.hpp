// The dashboard's what-if staffing ("Simulasi staf", docs/queue.md "What-if staffing"):
// POST /api/whatif runs the day simulator on the office's own history, without and
// with one more counter, exactly as `antre-sim --from-history --add-counter` does
// (sim::what_if). One run at a time, on a thread of its own, never the I/O thread;
// its inputs are bounded and it has a time limit.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <nlohmann/json.hpp>

#include "antre/clock.hpp"
#include "antre/config.hpp"
#include "http_server.hpp"

namespace antre {

/// The bounds of one what-if run.
struct WhatIfOptions {
    int max_runs = 50;                             ///< simulated days per staffing (the default is 20, as antre-sim's)
    std::size_t max_services = 6;                  ///< services the added counter serves
    std::chrono::milliseconds time_limit{60'000};  ///< the whole run, both staffings
};

class WhatIfRunner {
public:
    /// `office` is the configuration the server loaded (as antre-sim --config reads
    /// it); the history is read from `db_path`, opened read-only, as antre-sim does.
    WhatIfRunner(boost::asio::io_context& io, const OfficeConfig& office, std::string db_path, const Clock& clock,
                 WhatIfOptions options = {});
    /// Stops a run in progress (at its next simulated day) and waits for its thread.
    ~WhatIfRunner();
    WhatIfRunner(const WhatIfRunner&) = delete;
    WhatIfRunner& operator=(const WhatIfRunner&) = delete;

    /// Checks `body` ({month, weekday, services, runs?, seed?}) and runs it on the
    /// worker thread; `respond` is called once, on the I/O thread. A request while
    /// another runs is answered 429 `simulation_busy` at once.
    void run(const nlohmann::json& body, std::function<void(http::Response)> respond);

private:
    boost::asio::io_context& io_;
    const OfficeConfig& office_;
    std::string db_path_;
    const Clock& clock_;
    WhatIfOptions options_;
    bool busy_ = false;  // touched only on the I/O thread
    std::atomic<bool> stopping_{false};
    boost::asio::thread_pool worker_{1};
};

}  // namespace antre
