// Many light subscribed connections for the fan-out, idle and crowd benchmarks:
// boards on the client port (hello as display, subscribe, newline-delimited JSON)
// or phones following their tickets on the public port (an HTTP GET of a ticket's
// Server-Sent Events). A real board uses antre::Client, which runs one thread per
// connection, and a real phone a browser; thousands of those would measure the
// benchmark, not the server. These share a few I/O threads and only look for the
// lines a round waits for.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "stats.hpp"

namespace antre::bench {

/// Handshakes in flight at once while a fleet connects: below the server's listen backlog.
inline constexpr std::size_t connect_parallel = 256;
/// How long a call may take to reach the fleet before the connections without it
/// count as missed.
inline constexpr auto round_timeout = std::chrono::seconds(10);

/// What the connections of a fleet say and wait for.
struct FleetProtocol {
    /// What a line received before the connection is subscribed means.
    enum class Verdict { wait, subscribed, refused };
    /// The bytes connection `i` (0-based) sends once connected.
    std::function<std::string(std::size_t i)> opening;
    /// Judges each line until the connection is subscribed.
    std::function<Verdict(std::string_view line)> judge;
    /// Sent every minute to stay inside an idle timeout; empty: nothing.
    std::string ping;
    /// Local addresses the connections come from, in turn (a server limits the
    /// connections per address); empty: the system's choice.
    std::vector<std::string> sources;
};

/// When a connection got a line: when its bytes reached the connection's socket (the
/// kernel's receive stamp, for a fleet with kernel times; else when it was read), and
/// when this program read it.
struct Arrival {
    Clock::time_point delivered;
    Clock::time_point read;
};

/// A board: hello as display and subscribe, both at once; a ping every minute.
FleetProtocol display_protocol();

class SubscriberFleet {
public:
    /// Connections to host:port, spread over `io_threads` threads. With `idle_priority`
    /// those threads run at the scheduler's idle priority (Linux SCHED_IDLE): they take
    /// a core only when nothing else wants it, as clients on devices of their own would.
    /// With `kernel_times` a line's Arrival::delivered is the kernel's receive stamp
    /// (SO_TIMESTAMPNS): when its bytes reached the socket, however late the
    /// connection's thread got a core to read them.
    SubscriberFleet(std::string host, unsigned short port, std::size_t io_threads,
                    FleetProtocol protocol = display_protocol(), bool idle_priority = false, bool kernel_times = false);
    ~SubscriberFleet();
    SubscriberFleet(const SubscriberFleet&) = delete;
    SubscriberFleet& operator=(const SubscriberFleet&) = delete;

    /// Opens `count` connections, at most `parallel` handshakes at a time, each
    /// sending its opening; returns how many are subscribed when all are, or when
    /// `timeout` has passed. Call once.
    std::size_t connect(std::size_t count, std::size_t parallel, std::chrono::seconds timeout);
    /// Connections subscribed and still open.
    std::size_t live() const;
    /// Connections the server closed, or that failed, after subscribing.
    std::size_t lost() const;
    /// Whether every I/O thread runs at the idle priority asked for (the system may refuse).
    bool at_idle_priority() const;

    /// Starts a round: a display has it when it has received the `event` line
    /// naming ticket `label`, then a `then` event line (empty: nothing after).
    /// Arm the round before the request that causes the event is sent.
    void expect(const std::string& event, const std::string& label, const std::string& then);
    /// Keeps every line from now on, for a round whose lines are known only after
    /// the request that causes them (a call_next's ticket): expect_lines() then
    /// looks at them first, at the time each arrived.
    void mark();
    /// Starts a round in general: a connection has it when it has received a line
    /// holding every one of `all_of`, then a line holding `then` (empty: nothing after).
    void expect_lines(std::vector<std::string> all_of, std::string then);
    /// Waits until every live connection has the round, or `timeout` passes;
    /// returns when each connection that has it received the first line.
    std::vector<Arrival> wait(std::chrono::milliseconds timeout);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace antre::bench
