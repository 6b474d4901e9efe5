#include "subscriber_fleet.hpp"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>

#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio.hpp>

namespace antre::bench {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

/// Both requests go at once; the subscribe reply (id 2) carries the snapshot.
constexpr std::string_view handshake =
    "{\"id\":1,\"op\":\"hello\",\"role\":\"display\"}\n{\"id\":2,\"op\":\"subscribe\"}\n";
constexpr std::string_view ping_line = "{\"id\":3,\"op\":\"ping\"}\n";
/// What a real board does to stay inside the server's idle timeout.
constexpr auto ping_interval = std::chrono::seconds(60);
/// The longest line accepted from the server, as antre::Client does.
constexpr std::size_t max_line_bytes = 16 * 1024 * 1024;
/// One read's worth, shared by the connections of an I/O thread.
constexpr std::size_t scratch_bytes = 64 * 1024;
/// Lines a connection keeps between mark() and expect_lines().
constexpr std::size_t recorded_lines = 16;

bool contains(std::string_view line, const std::string& needle) { return line.find(needle) != std::string_view::npos; }

struct Round {
    std::uint64_t id = 0;
    std::vector<std::string> all_of;  // e.g. "\"event\":\"ticket_called\"" and "\"label\":\"A-001\""
    std::string then;                 // "\"event\":\"queue_changed\"", or empty
    bool first_matches(std::string_view line) const {
        for (const auto& needle : all_of)
            if (!contains(line, needle)) return false;
        return true;
    }
};

struct Conn {
    Conn(asio::io_context& io, std::size_t thread_index) : socket(io), thread(thread_index) {}
    tcp::socket socket;
    std::size_t thread;   // which I/O thread (and scratch buffer) serves it
    std::string partial;  // the start of a line whose end has not arrived
    bool open = false;
    bool subscribed = false;
    bool given_up = false;            // the handshake failed (counted once)
    std::uint64_t matched_round = 0;  // the round whose event line arrived
    std::uint64_t done_round = 0;     // the last round this connection completed
    Arrival at;                       // when the matched line arrived
    // Lines since SubscriberFleet::mark(), until the round is known; under the fleet's mutex.
    std::vector<std::pair<Arrival, std::string>> recorded;
};

}  // namespace

struct SubscriberFleet::Impl {
    std::string host;
    unsigned short port = 0;
    FleetProtocol protocol;
    bool kernel_times = false;
    std::vector<asio::ip::address> sources;
    tcp::endpoint endpoint;
    std::vector<std::unique_ptr<asio::io_context>> ios;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
    std::vector<std::thread> threads;
    std::vector<std::unique_ptr<asio::steady_timer>> ping_timers;
    std::vector<std::vector<char>> scratch;  // one per I/O thread
    std::vector<std::unique_ptr<Conn>> conns;
    std::size_t total = 0;
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> subscribed{0};
    std::atomic<std::size_t> failed{0};
    std::atomic<std::size_t> lost{0};
    std::atomic<std::size_t> idle_threads{0};  // I/O threads the system put at the idle priority
    std::uint64_t rounds = 0;

    std::mutex mutex;
    std::condition_variable changed;
    std::shared_ptr<const Round> round;  // guarded by mutex
    std::vector<Arrival> arrivals;       // guarded by mutex
    bool recording = false;              // guarded by mutex: between mark() and expect_lines()

    std::size_t live() const { return subscribed.load() - lost.load(); }

    void notify() {
        std::lock_guard lock(mutex);
        changed.notify_all();
    }

    // Runs on any thread; the handshake starts on the connection's own thread.
    void open_next() {
        const std::size_t i = next.fetch_add(1);
        if (i >= total) return;
        Conn& c = *conns[i];
        asio::post(c.socket.get_executor(), [this, &c, i] {
            if (!sources.empty()) {
                error_code ec;
                c.socket.open(endpoint.protocol(), ec);
                if (!ec) c.socket.bind({sources[i % sources.size()], 0}, ec);
                if (ec) return handshake_failed(c);
            }
            c.socket.async_connect(endpoint, [this, &c, i](error_code ec) {
                if (ec) return handshake_failed(c);
                c.open = true;
                error_code ignored;
                c.socket.set_option(tcp::no_delay(true), ignored);
                c.socket.non_blocking(true, ignored);
                if (kernel_times) {
                    // The kernel stamps each segment as it reaches this socket (on
                    // loopback: as the server's send hands it over), read below.
                    const int on = 1;
                    ::setsockopt(c.socket.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
                }
                auto opening = std::make_shared<const std::string>(protocol.opening(i));
                asio::async_write(c.socket, asio::buffer(*opening), [this, &c, opening](error_code wec, std::size_t) {
                    if (wec && c.open && !c.subscribed) handshake_failed(c);
                });
                do_read(c);
            });
        });
    }

    void handshake_failed(Conn& c) {
        if (c.given_up) return;
        c.given_up = true;
        close(c);
        ++failed;
        notify();
        open_next();
    }

    void close(Conn& c) {
        c.open = false;
        error_code ignored;
        c.socket.close(ignored);
    }

    // Waits for readability, then reads what is there into the thread's scratch
    // buffer: a connection holds no read buffer of its own, only a partial line,
    // and nothing is zero-filled per read (as a growing std::string would be).
    void do_read(Conn& c) {
        c.socket.async_wait(tcp::socket::wait_read, [this, &c](error_code ec) {
            if (!c.open) return;
            if (ec) return on_closed(c);
            auto& buf = scratch[c.thread];
            for (;;) {
                Arrival at;
                const std::size_t n = read_some(c, buf, at, ec);
                if (ec == asio::error::would_block) break;
                if (ec) return on_closed(c);
                take(c, std::string_view(buf.data(), n), at);
                if (!c.open) return;
                if (n < buf.size()) break;
            }
            do_read(c);
        });
    }

    // One non-blocking read; `at` gets when its bytes reached the socket (the
    // kernel's stamp, with kernel_times) and when they were read.
    std::size_t read_some(Conn& c, std::vector<char>& buf, Arrival& at, error_code& ec) {
        if (!kernel_times) {
            const std::size_t n = c.socket.read_some(asio::buffer(buf), ec);
            at.delivered = at.read = Clock::now();
            return n;
        }
        iovec iov{buf.data(), buf.size()};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        const ssize_t n = ::recvmsg(c.socket.native_handle(), &msg, MSG_DONTWAIT);
        const auto real_now = std::chrono::system_clock::now();
        at.delivered = at.read = Clock::now();
        if (n < 0) {
            ec = errno == EAGAIN || errno == EWOULDBLOCK ? error_code(asio::error::would_block)
                                                         : error_code(errno, boost::system::system_category());
            return 0;
        }
        if (n == 0) {
            ec = asio::error::eof;
            return 0;
        }
        ec = {};
        for (cmsghdr* m = CMSG_FIRSTHDR(&msg); m; m = CMSG_NXTHDR(&msg, m))
            if (m->cmsg_level == SOL_SOCKET && m->cmsg_type == SCM_TIMESTAMPNS) {
                timespec ts{};
                std::memcpy(&ts, CMSG_DATA(m), sizeof ts);
                const auto stamped = std::chrono::system_clock::time_point(
                    std::chrono::duration_cast<std::chrono::system_clock::duration>(
                        std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec)));
                // The stamp is wall-clock time; the bench times on the steady clock.
                at.delivered = at.read - std::chrono::duration_cast<Clock::duration>(real_now - stamped);
            }
        return static_cast<std::size_t>(n);
    }

    /// Hands each complete line to on_line; keeps the unfinished rest.
    void take(Conn& c, std::string_view data, const Arrival& at) {
        for (auto nl = data.find('\n'); nl != std::string_view::npos && c.open; nl = data.find('\n')) {
            if (c.partial.empty()) {
                on_line(c, data.substr(0, nl), at);
            } else {
                c.partial.append(data.substr(0, nl));
                const std::string line = std::move(c.partial);
                c.partial.clear();
                on_line(c, line, at);
            }
            data.remove_prefix(nl + 1);
        }
        if (!c.open) return;
        c.partial.append(data);
        if (c.partial.size() > max_line_bytes) on_closed(c);
    }

    void on_closed(Conn& c) {
        if (!c.subscribed) return handshake_failed(c);
        close(c);
        ++lost;
        notify();
    }

    void on_line(Conn& c, std::string_view line, const Arrival& at) {
        if (!c.subscribed) {
            const auto verdict = protocol.judge(line);
            if (verdict == FleetProtocol::Verdict::refused) return handshake_failed(c);
            if (verdict == FleetProtocol::Verdict::wait) return;
            c.subscribed = true;
            ++subscribed;
            notify();
            return open_next();
        }
        std::lock_guard lock(mutex);
        if (recording && c.recorded.size() < recorded_lines) c.recorded.emplace_back(at, std::string(line));
        if (round) advance(c, *round, line, at);
    }

    // Moves connection `c` on in round `r` with one line; under the mutex.
    void advance(Conn& c, const Round& r, std::string_view line, const Arrival& at) {
        if (c.done_round == r.id) return;
        if (c.matched_round != r.id) {
            if (!r.first_matches(line)) return;
            c.matched_round = r.id;
            c.at = at;
            if (!r.then.empty()) return;
        } else if (!contains(line, r.then)) {
            return;
        }
        c.done_round = r.id;
        arrivals.push_back(c.at);
        if (arrivals.size() >= live()) changed.notify_all();
    }

    void arm_pings(std::size_t k) {
        if (protocol.ping.empty()) return;
        auto& timer = *ping_timers[k];
        timer.expires_after(ping_interval);
        timer.async_wait([this, k](error_code ec) {
            if (ec) return;
            for (std::size_t i = k; i < conns.size(); i += ios.size()) {
                Conn& c = *conns[i];
                if (c.open && c.subscribed)
                    asio::async_write(c.socket, asio::buffer(protocol.ping), [](error_code, std::size_t) {});
            }
            arm_pings(k);
        });
    }
};

FleetProtocol display_protocol() {
    FleetProtocol p;
    p.opening = [](std::size_t) { return std::string(handshake); };
    p.judge = [](std::string_view line) {
        if (contains(line, "\"ok\":false")) return FleetProtocol::Verdict::refused;
        // Subscribed with the subscribe reply (id 2), which carries the snapshot.
        return line.rfind("{\"id\":2,", 0) == 0 ? FleetProtocol::Verdict::subscribed : FleetProtocol::Verdict::wait;
    };
    p.ping = std::string(ping_line);
    return p;
}

SubscriberFleet::SubscriberFleet(std::string host, unsigned short port, std::size_t io_threads, FleetProtocol protocol,
                                 bool idle_priority, bool kernel_times)
    : impl_(std::make_unique<Impl>()) {
    impl_->kernel_times = kernel_times;
    impl_->host = std::move(host);
    impl_->port = port;
    impl_->protocol = std::move(protocol);
    for (const auto& a : impl_->protocol.sources) impl_->sources.push_back(asio::ip::make_address(a));
    for (std::size_t k = 0; k < std::max<std::size_t>(1, io_threads); ++k) {
        impl_->ios.push_back(std::make_unique<asio::io_context>(1));
        impl_->guards.push_back(asio::make_work_guard(*impl_->ios.back()));
        impl_->ping_timers.push_back(std::make_unique<asio::steady_timer>(*impl_->ios.back()));
        impl_->scratch.emplace_back(scratch_bytes);
    }
    tcp::resolver resolver(*impl_->ios.front());
    impl_->endpoint = *resolver.resolve(impl_->host, std::to_string(port)).begin();
    for (auto& io : impl_->ios)
        impl_->threads.emplace_back([&io, idle_priority, &idle = impl_->idle_threads] {
            const sched_param none{};
            if (idle_priority && pthread_setschedparam(pthread_self(), SCHED_IDLE, &none) == 0) ++idle;
            io->run();
        });
}

bool SubscriberFleet::at_idle_priority() const { return impl_->idle_threads.load() == impl_->ios.size(); }

SubscriberFleet::~SubscriberFleet() {
    for (auto& io : impl_->ios) io->stop();
    for (auto& t : impl_->threads) t.join();
    impl_->conns.clear();  // before their io_contexts
    impl_->ping_timers.clear();
}

std::size_t SubscriberFleet::connect(std::size_t count, std::size_t parallel, std::chrono::seconds timeout) {
    Impl& m = *impl_;
    if (!m.conns.empty()) throw std::logic_error("SubscriberFleet::connect is called once");
    m.total = count;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t k = i % m.ios.size();
        m.conns.push_back(std::make_unique<Conn>(*m.ios[k], k));
    }
    for (std::size_t p = 0; p < std::min(parallel, count); ++p) m.open_next();
    {
        std::unique_lock lock(m.mutex);
        m.changed.wait_for(lock, timeout, [&] { return m.subscribed.load() + m.failed.load() >= count; });
    }
    for (std::size_t k = 0; k < m.ios.size(); ++k) asio::post(*m.ios[k], [&m, k] { m.arm_pings(k); });
    return m.live();
}

std::size_t SubscriberFleet::live() const { return impl_->live(); }

std::size_t SubscriberFleet::lost() const { return impl_->lost.load(); }

void SubscriberFleet::expect(const std::string& event, const std::string& label, const std::string& then) {
    std::vector<std::string> all_of{"\"event\":\"" + event + "\""};
    if (!label.empty()) all_of.push_back("\"label\":\"" + label + "\"");
    expect_lines(std::move(all_of), then.empty() ? "" : "\"event\":\"" + then + "\"");
}

void SubscriberFleet::expect_lines(std::vector<std::string> all_of, std::string then) {
    Impl& m = *impl_;
    auto r = std::make_shared<Round>();
    r->all_of = std::move(all_of);
    r->then = std::move(then);
    std::lock_guard lock(m.mutex);
    r->id = ++m.rounds;
    m.round = r;
    m.arrivals.clear();
    // What came since mark() counts, at the time it came.
    for (auto& c : m.conns) {
        for (const auto& [at, line] : c->recorded) m.advance(*c, *r, line, at);
        c->recorded.clear();
    }
    m.recording = false;
}

void SubscriberFleet::mark() {
    Impl& m = *impl_;
    std::lock_guard lock(m.mutex);
    m.round.reset();
    m.arrivals.clear();
    for (auto& c : m.conns) c->recorded.clear();
    m.recording = true;
}

std::vector<Arrival> SubscriberFleet::wait(std::chrono::milliseconds timeout) {
    Impl& m = *impl_;
    std::unique_lock lock(m.mutex);
    m.changed.wait_for(lock, timeout, [&] { return m.arrivals.size() >= m.live(); });
    m.round.reset();  // late arrivals belong to no round
    return std::move(m.arrivals);
}

}  // namespace antre::bench
