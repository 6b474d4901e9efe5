// The crowd: thousands of phones following their tickets at once over Server-Sent
// Events on the public port, while kiosks issue and a counter calls. The same
// kiosks and counter run first on the quiet server, then with the crowd: the
// kiosks' issue latency side by side, the server's memory with and without the
// crowd, and the time from each call_next to the call reaching every open page.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "machine.hpp"
#include "modes.hpp"
#include "subscriber_fleet.hpp"

namespace antre::bench {

using json = nlohmann::json;

namespace {

/// Phones per source address: below the public port's 256 connections per address.
constexpr std::size_t phones_per_source = 200;

/// Issues `count` tickets over `kiosks` parallel kiosk sessions, services in turn;
/// returns the code of each ticket's link.
std::vector<std::string> issue_for_phones(const Target& target, long count, long kiosks) {
    std::vector<std::string> codes;
    std::mutex mutex;
    std::string failure;
    std::atomic<long> next{0};
    std::vector<std::thread> threads;
    for (long k = 0; k < kiosks; ++k)
        threads.emplace_back([&] {
            try {
                auto kiosk = target.connect({{"role", "kiosk"}});
                for (long i = next++; i < count; i = next++) {
                    const auto& service = target.services()[static_cast<std::size_t>(i) % target.services().size()];
                    const Reply r = kiosk->call("issue", {{"service", service.code}});
                    if (!r.ok || !r.body.contains("code")) throw std::runtime_error("issue refused: " + r.code);
                    std::lock_guard lock(mutex);
                    codes.push_back(r.body["code"].get<std::string>());
                }
            } catch (const std::exception& e) {
                std::lock_guard lock(mutex);
                failure = e.what();
            }
        });
    for (auto& t : threads) t.join();
    if (!failure.empty()) throw std::runtime_error(failure);
    return codes;
}

/// A phone: the GET of its ticket's event stream, as a browser's EventSource sends it.
FleetProtocol phone_protocol(std::vector<std::string> codes, std::vector<std::string> sources) {
    FleetProtocol p;
    p.opening = [codes = std::move(codes)](std::size_t i) {
        return "GET /api/public/ticket/" + codes[i % codes.size()] +
               "/events HTTP/1.1\r\nHost: antre\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
    };
    p.judge = [](std::string_view line) {
        if (line.rfind("HTTP/1.1 ", 0) == 0 && line.rfind("HTTP/1.1 200", 0) != 0)
            return FleetProtocol::Verdict::refused;
        // Subscribed with the first state the stream sends.
        return line.rfind("data: ", 0) == 0 ? FleetProtocol::Verdict::subscribed : FleetProtocol::Verdict::wait;
    };
    p.sources = std::move(sources);
    return p;
}

/// 127.0.0.2, 127.0.0.3, ...: enough loopback addresses for `phones`.
std::vector<std::string> loopback_sources(std::size_t phones) {
    std::vector<std::string> out;
    const std::size_t n = std::min<std::size_t>(250, (phones + phones_per_source - 1) / phones_per_source);
    for (std::size_t i = 0; i < n; ++i) out.push_back("127.0.0." + std::to_string(2 + i));
    return out;
}

struct Phase {
    Samples issue;  // every kiosk's issue round trips
    std::size_t issue_errors = 0;
    Samples call_reply;  // the counter's call_next round trip
    Samples each;        // call_next request to each page having the call
    Samples last;        // call_next request to the last page, per call
    std::size_t missed = 0;
    double seconds = 0;
};

/// Kiosks issue at their pace while the counter calls and finishes `calls`
/// tickets one after another; with `pages`, each call is waited for on every page.
Phase run_phase(const Target& target, Client& counter, const CrowdOptions& o, SubscriberFleet* pages,
                std::vector<std::string>& problems) {
    Phase f;
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::vector<std::thread> kiosks;
    const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / o.issue_rate));
    for (long k = 0; k < o.kiosks; ++k)
        kiosks.emplace_back([&, k] {
            Samples mine;
            std::size_t errors = 0;
            try {
                auto kiosk = target.connect({{"role", "kiosk"}});
                auto next = Clock::now() + period * k / o.kiosks;  // the kiosks out of step
                for (std::size_t i = 0; !stop; ++i) {
                    std::this_thread::sleep_until(next);
                    next += period;
                    const auto& service =
                        target.services()[(i + static_cast<std::size_t>(k)) % target.services().size()];
                    const auto t0 = Clock::now();
                    const Reply r = kiosk->call("issue", {{"service", service.code}});
                    if (r.ok)
                        mine.add(Clock::now() - t0);
                    else
                        ++errors;
                }
            } catch (const std::exception&) {
                ++errors;
            }
            std::lock_guard lock(mutex);
            f.issue.merge(mine);
            f.issue_errors += errors;
        });

    const auto start = Clock::now();
    for (long i = 0; i < o.calls; ++i) {
        const std::size_t open_pages = pages ? pages->live() : 0;
        if (pages) pages->mark();
        const auto t0 = Clock::now();
        const Reply r = counter.call("call_next");
        f.call_reply.add(Clock::now() - t0);
        if (!r.ok) {
            problems.push_back("call_next refused: " + r.code + " " + r.message);
            break;
        }
        const std::string label = r.body["ticket"].value("label", std::string());
        if (pages) {
            // Every page lists the numbers now at the counters: this one, called.
            pages->expect_lines({"\"label\":\"" + label + "\",\"state\":\"called\""}, "");
            const auto arrivals = pages->wait(round_timeout);
            for (const auto& at : arrivals) f.each.add(at.read - t0);
            if (!arrivals.empty())
                f.last.add(std::max_element(arrivals.begin(), arrivals.end(),
                                            [](const Arrival& a, const Arrival& b) { return a.read < b.read; })
                               ->read -
                           t0);
            f.missed += open_pages > arrivals.size() ? open_pages - arrivals.size() : 0;
        }
        if (const Reply done = counter.call("finish"); !done.ok) {
            problems.push_back("finish refused: " + done.code);
            break;
        }
        std::this_thread::sleep_for(std::chrono::duration<double>(o.call_gap_s));
    }
    f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    stop = true;
    for (auto& t : kiosks) t.join();
    if (f.issue_errors) problems.push_back(std::to_string(f.issue_errors) + " issues were refused or failed");
    return f;
}

}  // namespace

Report run_crowd(const CrowdOptions& o, TargetOptions options) {
    options.counters = 1;
    options.public_page = true;
    const std::size_t phones = static_cast<std::size_t>(o.phones);
    const std::size_t fd_limit = raise_open_file_limit();  // before the server starts: it inherits it

    Target target(options);
    if (!target.public_port()) throw std::invalid_argument("the server has no public port: give --public-port");
    Report r;
    r.mode = "crowd";
    std::ostringstream title;
    title << phones << " phones following their tickets over SSE; " << o.kiosks << " kiosks issuing " << o.issue_rate
          << "/s each, a counter calling " << o.calls << " tickets; quiet, then with the crowd";
    r.title = title.str();
    r.params = {{"phones", phones},
                {"kiosks", o.kiosks},
                {"issue_rate", o.issue_rate},
                {"calls", o.calls},
                {"call_gap_s", o.call_gap_s},
                {"io_threads", o.io_threads},
                {"phones_priority", o.phones_priority},
                {"open_file_limit", fd_limit}};
    r.server = target.describe() + ", public port " + std::to_string(target.public_port());
    if (phones + 64 > fd_limit)
        r.notes.push_back("open-file limit " + std::to_string(fd_limit) + " is below the phones asked for");

    const auto codes = issue_for_phones(target, o.phones, std::max(1L, o.kiosks));
    auto counter = target.connect(target.counter_hello(0));

    const auto cpu_0 = target.server_cpu_s();
    const Phase quiet = run_phase(target, *counter, o, nullptr, r.problems);
    const auto cpu_quiet = target.server_cpu_s();
    const auto rss_quiet = target.server_rss_mb();  // after the quiet phase: its tickets are in both figures
    r.add_row("issue, quiet", quiet.issue, quiet.issue_errors, quiet.seconds);
    r.add_row("call_next reply, quiet", quiet.call_reply, 0, 0);

    const auto sources = target.own() ? loopback_sources(phones) : std::vector<std::string>{};
    // The phones stand for devices of their own: at the idle priority their reading of the
    // streams does not take the cores from the server and the kiosks it is measured with.
    SubscriberFleet fleet(target.host(), target.public_port(), static_cast<std::size_t>(o.io_threads),
                          phone_protocol(codes, sources), o.phones_priority == "idle");
    const auto t0 = Clock::now();
    const std::size_t live = fleet.connect(phones, connect_parallel, std::chrono::seconds(300));
    r.add_figure("phones_following", static_cast<double>(live), "");
    r.add_figure("connect_s", std::chrono::duration<double>(Clock::now() - t0).count(), "s");
    if (live < phones) r.problems.push_back(std::to_string(phones - live) + " phones could not follow their ticket");
    if (o.phones_priority == "idle" && !fleet.at_idle_priority())
        r.notes.push_back("the system refused the idle priority: the phones' threads compete for the cores");
    std::this_thread::sleep_for(std::chrono::seconds(1));  // what the idle streams hold
    const auto rss_crowd = target.server_rss_mb();

    const auto cpu_1 = target.server_cpu_s();
    const Phase crowd = run_phase(target, *counter, o, &fleet, r.problems);
    const auto cpu_crowd = target.server_cpu_s();
    const auto rss_after = target.server_rss_mb();
    r.add_row("issue, with the crowd", crowd.issue, crowd.issue_errors, crowd.seconds);
    r.add_row("call_next reply, with the crowd", crowd.call_reply, 0, 0);
    r.add_row("call_next -> each page", crowd.each, crowd.missed, 0);
    r.add_row("call_next -> last page", crowd.last, 0, 0);
    if (crowd.missed) r.problems.push_back(std::to_string(crowd.missed) + " call deliveries missed a page");
    if (fleet.lost()) r.problems.push_back(std::to_string(fleet.lost()) + " phone streams were closed");

    const auto q = summarize(quiet.issue), c = summarize(crowd.issue), last = summarize(crowd.last);
    const double ratio = q.p99_ms > 0 ? c.p99_ms / q.p99_ms : 0;
    r.add_figure("issue_p99_ratio", ratio, "x");
    r.add_figure("call_to_every_page_max_ms", last.max_ms, "ms");
    if (rss_quiet && rss_crowd && rss_after) {
        r.add_figure("server_rss_mb_quiet", *rss_quiet, "MB");
        r.add_figure("server_rss_mb_crowd", *rss_crowd, "MB");
        r.add_figure("server_rss_mb_after_calls", *rss_after, "MB");
        if (live > 0) {
            const double n = static_cast<double>(live);
            r.add_figure("server_kib_per_phone_idle", (*rss_crowd - *rss_quiet) * 1024 / n, "KiB");
            r.add_figure("server_kib_per_phone_after_calls", (*rss_after - *rss_quiet) * 1024 / n, "KiB");
        }
    } else {
        r.notes.push_back("server memory unknown: give --server-pid for a running server");
    }
    // The server's CPU time per call of each phase (the kiosks' issues of that time
    // included): the difference is what the pages' passes cost.
    if (cpu_0 && cpu_quiet && cpu_1 && cpu_crowd && quiet.call_reply.size() && crowd.call_reply.size()) {
        r.add_figure("server_cpu_ms_per_call_quiet",
                     (*cpu_quiet - *cpu_0) * 1000 / static_cast<double>(quiet.call_reply.size()), "ms");
        r.add_figure("server_cpu_ms_per_call_crowd",
                     (*cpu_crowd - *cpu_1) * 1000 / static_cast<double>(crowd.call_reply.size()), "ms");
    }
    r.notes.push_back(std::string("targets (issue #16): issue p99 at most 2x quiet: ") +
                      (ratio <= 2 ? "met" : "MISSED") +
                      "; every page within 1 s of the call: " + (last.count && last.max_ms <= 1000 ? "met" : "MISSED"));
    r.notes.push_back("phones are light HTTP clients sharing the I/O thread(s), from " +
                      std::to_string(std::max<std::size_t>(1, sources.size())) + " source address(es), at " +
                      (fleet.at_idle_priority() ? "the idle priority" : "the normal priority"));
    target.check_alive(r.problems);
    return r;
}

}  // namespace antre::bench
