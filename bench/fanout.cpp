// Fan-out and idle connections. A counter calls tickets one at a time while K
// displays are subscribed; for every call, the time from the counter's request
// to each display receiving the ticket_called line is kept (the call's durable
// commit included). The idle mode holds thousands of subscribed connections,
// reads the server's memory, and checks that calls still reach every one.
#include <algorithm>
#include <stdexcept>
#include <thread>

#include "machine.hpp"
#include "modes.hpp"
#include "subscriber_fleet.hpp"

namespace antre::bench {

using json = nlohmann::json;

namespace {

/// Issues `count` tickets of the first service and returns their labels, in the
/// order call_next will take them.
std::vector<std::string> issue_tickets(const Target& target, long count) {
    auto kiosk = target.connect({{"role", "kiosk"}});
    std::vector<std::string> labels;
    for (long i = 0; i < count; ++i) {
        const Reply r = kiosk->call("issue", {{"service", target.services().front().code}});
        if (!r.ok) throw std::runtime_error("issue refused: " + r.code + " " + r.message);
        labels.push_back(r.body["ticket"]["label"].get<std::string>());
    }
    return labels;
}

// Times to a display are to the moment the line reached its socket (the kernel's
// receive stamp), which is when the board would have it on a device of its own;
// `read` is when the bench's own thread, sharing the machine, read it.
struct CallFigures {
    Samples reply;   // the counter's own round trip
    Samples each;    // request to each display
    Samples last;    // request to the last display, per call
    Samples first;   // request to the first display, per call: the commit and one write
    Samples spread;  // first display to each display: the fan-out alone
    Samples read;    // request to the bench's read of the line, for each display
    std::size_t missed = 0;
};

/// Calls and finishes each ticket in turn, waiting each time until every display
/// has the event (and the queue_changed after it), so that calls never overlap.
/// Also reports the server's CPU time per call (the call, its finish and their
/// deliveries), which other work on the machine hardly moves, unlike the latencies.
CallFigures measure_calls(Client& counter, SubscriberFleet& fleet, const std::vector<std::string>& labels,
                          std::vector<std::string>& problems, const Target& target, Report& report) {
    CallFigures f;
    const auto cpu_before = target.server_cpu_s();
    for (const auto& label : labels) {
        const std::size_t displays = fleet.live();
        fleet.expect("ticket_called", label, "queue_changed");
        const auto t0 = Clock::now();
        const Reply r = counter.call("call_next");
        f.reply.add(Clock::now() - t0);
        if (!r.ok || r.body["ticket"].value("label", std::string()) != label) {
            problems.push_back("call_next gave " + (r.ok ? r.body["ticket"].value("label", std::string()) : r.code) +
                               ", not " + label + ": is someone else using this server?");
            break;
        }
        const auto arrivals = fleet.wait(round_timeout);
        for (const auto& at : arrivals) {
            f.each.add(at.delivered - t0);
            f.read.add(at.read - t0);
        }
        if (!arrivals.empty()) {
            const auto [first, last] =
                std::minmax_element(arrivals.begin(), arrivals.end(),
                                    [](const Arrival& a, const Arrival& b) { return a.delivered < b.delivered; });
            f.first.add(first->delivered - t0);
            f.last.add(last->delivered - t0);
            for (const auto& at : arrivals) f.spread.add(at.delivered - first->delivered);
        }
        f.missed += displays > arrivals.size() ? displays - arrivals.size() : 0;

        fleet.expect("ticket_finished", label, "queue_changed");
        const Reply done = counter.call("finish");
        if (!done.ok) {
            problems.push_back("finish refused: " + done.code);
            break;
        }
        fleet.wait(round_timeout);
    }
    if (const auto cpu_after = target.server_cpu_s(); cpu_before && cpu_after && !labels.empty())
        report.add_figure("server_cpu_ms_per_call",
                          (*cpu_after - *cpu_before) * 1000 / static_cast<double>(labels.size()), "ms");
    if (f.missed) problems.push_back(std::to_string(f.missed) + " call deliveries missed a display");
    if (fleet.lost()) problems.push_back(std::to_string(fleet.lost()) + " display connections were closed");
    return f;
}

void add_call_rows(Report& r, const CallFigures& f) {
    r.add_row("call_next (counter reply)", f.reply, 0, 0);
    r.add_row("call -> each display", f.each, f.missed, 0);
    r.add_row("call -> first display", f.first, 0, 0);
    r.add_row("call -> last display", f.last, 0, 0);
    r.add_row("first -> each display", f.spread, 0, 0);
    r.add_row("call -> each display, read by the bench", f.read, 0, 0);
}

struct FleetRun {
    std::size_t connections;
    std::size_t io_threads;
    long calls;
    bool idle_priority;
};

FleetRun fleet_run(const FleetOptions& o) {
    return {static_cast<std::size_t>(o.connections), static_cast<std::size_t>(o.io_threads), o.calls,
            o.displays_priority == "idle"};
}

// The displays stand for boards of their own: at the idle priority their reading
// does not take the cores from the server, and each line's time is when it reached
// the display's socket (the kernel's stamp), not when the bench got round to it.
SubscriberFleet displays(const Target& target, const FleetRun& run) {
    return SubscriberFleet(target.host(), target.port(), run.io_threads, display_protocol(), run.idle_priority, true);
}

void note_priority(const SubscriberFleet& fleet, const FleetRun& run, Report& r) {
    if (run.idle_priority && !fleet.at_idle_priority())
        r.notes.push_back("the system refused the idle priority: the displays' threads compete for the cores");
}

}  // namespace

Report run_fanout(const FleetOptions& o, TargetOptions options) {
    const FleetRun run = fleet_run(o);
    options.counters = 1;
    const std::size_t fd_limit = raise_open_file_limit();  // before the server starts: it inherits it

    Target target(options);
    Report r;
    r.mode = "fanout";
    r.title = std::to_string(run.connections) + " displays, " + std::to_string(run.calls) +
              " calls one after another, displays on " + std::to_string(run.io_threads) + " I/O thread(s)";
    r.params = {{"displays", run.connections},
                {"calls", run.calls},
                {"io_threads", run.io_threads},
                {"displays_priority", o.displays_priority}};
    r.server = target.describe();
    if (run.connections + 64 > fd_limit)
        r.notes.push_back("open-file limit " + std::to_string(fd_limit) + " is below the connections asked for");

    const auto labels = issue_tickets(target, run.calls);
    auto counter = target.connect(target.counter_hello(0));
    SubscriberFleet fleet = displays(target, run);
    const auto t0 = Clock::now();
    const std::size_t live = fleet.connect(run.connections, connect_parallel, std::chrono::seconds(120));
    r.add_figure("displays_subscribed", static_cast<double>(live), "");
    note_priority(fleet, run, r);
    r.add_figure("connect_s", std::chrono::duration<double>(Clock::now() - t0).count(), "s");
    if (live < run.connections)
        r.problems.push_back(std::to_string(run.connections - live) + " displays could not subscribe");
    const auto f = measure_calls(*counter, fleet, labels, r.problems, target, r);
    add_call_rows(r, f);
    if (auto rss = target.server_rss_mb()) r.add_figure("server_rss_mb", *rss, "MB");
    target.check_alive(r.problems);
    r.notes.push_back(
        "displays are light raw-protocol subscribers sharing the I/O thread(s); the counter uses "
        "antre::Client");
    return r;
}

Report run_idle(const FleetOptions& o, TargetOptions options) {
    const FleetRun run = fleet_run(o);
    const double settle_s = o.settle_s;
    options.counters = 1;
    const std::size_t fd_limit = raise_open_file_limit();

    Target target(options);
    Report r;
    r.mode = "idle";
    r.title = std::to_string(run.connections) + " subscribed idle connections, then " + std::to_string(run.calls) +
              " calls that must reach all of them";
    r.params = {{"connections", run.connections},
                {"calls", run.calls},
                {"io_threads", run.io_threads},
                {"displays_priority", o.displays_priority}};
    r.server = target.describe();
    if (run.connections + 64 > fd_limit)
        r.notes.push_back("open-file limit " + std::to_string(fd_limit) + " is below the connections asked for");

    const auto labels = issue_tickets(target, run.calls);
    auto counter = target.connect(target.counter_hello(0));
    const auto rss_before = target.server_rss_mb();
    SubscriberFleet fleet = displays(target, run);
    const auto t0 = Clock::now();
    const std::size_t live = fleet.connect(run.connections, connect_parallel, std::chrono::seconds(300));
    r.add_figure("connections_subscribed", static_cast<double>(live), "");
    note_priority(fleet, run, r);
    r.add_figure("connect_s", std::chrono::duration<double>(Clock::now() - t0).count(), "s");
    if (live < run.connections)
        r.problems.push_back(std::to_string(run.connections - live) + " connections could not subscribe");
    // Idle for a moment, so that what is measured is what idle connections hold.
    std::this_thread::sleep_for(std::chrono::duration<double>(settle_s));
    const auto rss_idle = target.server_rss_mb();
    const auto f = measure_calls(*counter, fleet, labels, r.problems, target, r);
    add_call_rows(r, f);
    const auto rss_after = target.server_rss_mb();
    target.check_alive(r.problems);
    if (rss_before && rss_idle && rss_after) {
        r.add_figure("server_rss_mb_before", *rss_before, "MB");
        r.add_figure("server_rss_mb", *rss_idle, "MB");
        r.add_figure("server_rss_mb_after_calls", *rss_after, "MB");
        if (live > 0)
            r.add_figure("server_kib_per_connection", (*rss_idle - *rss_before) * 1024 / static_cast<double>(live),
                         "KiB");
    } else {
        r.notes.push_back("server memory unknown: give --server-pid for a running server");
    }
    r.notes.push_back("connections are light raw-protocol subscribers sharing the I/O thread(s)");
    return r;
}

}  // namespace antre::bench
