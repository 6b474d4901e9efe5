// Many light display connections for the fan-out and idle benchmarks. A real
// board uses antre::Client, which runs one thread per connection; thousands of
// those would measure the benchmark, not the server. These speak the protocol
// themselves (hello as display, subscribe, newline-delimited JSON) and share a
// few I/O threads, and only look for the event lines a round waits for.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "stats.hpp"

namespace antre::bench {

class DisplayFleet {
public:
    /// Connections to host:port, spread over `io_threads` threads.
    DisplayFleet(std::string host, unsigned short port, std::size_t io_threads);
    ~DisplayFleet();
    DisplayFleet(const DisplayFleet&) = delete;
    DisplayFleet& operator=(const DisplayFleet&) = delete;

    /// Opens `count` connections, at most `parallel` handshakes at a time, each
    /// saying hello as a display and subscribing; returns how many are subscribed
    /// when all are, or when `timeout` has passed. Call once.
    std::size_t connect(std::size_t count, std::size_t parallel, std::chrono::seconds timeout);
    /// Connections subscribed and still open.
    std::size_t live() const;
    /// Connections the server closed, or that failed, after subscribing.
    std::size_t lost() const;

    /// Starts a round: a display has it when it has received the `event` line
    /// naming ticket `label`, then a `then` event line (empty: nothing after).
    /// Arm the round before the request that causes the event is sent.
    void expect(const std::string& event, const std::string& label, const std::string& then);
    /// Waits until every live display has the round, or `timeout` passes; returns
    /// when each display that has it received the `event` line.
    std::vector<Clock::time_point> wait(std::chrono::milliseconds timeout);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace antre::bench
