// Hostile clients: how much later a well-behaved kiosk's answers come while
// others misbehave, against the same kiosk on the quiet server just before. The
// misbehaving connections (each kind on its own thread, reconnecting whenever the
// server drops them): snapshot floods whose replies are never read, 10 MB lines,
// binary garbage, and connections that send half a line and then nothing.
#include <atomic>
#include <random>
#include <thread>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio.hpp>

#include "modes.hpp"

namespace antre::bench {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

/// Bytes the misbehaving connections got into the server, and how often it cut them off.
struct Attack {
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> bytes{0};
    std::atomic<std::uint64_t> dropped{0};
};

/// Writes `data` until the server closes the connection or the attack ends; false once closed.
bool write_all(tcp::socket& s, const std::string& data, Attack& attack) {
    boost::system::error_code ec;
    const auto n = asio::write(s, asio::buffer(data), ec);
    attack.bytes += n;
    return !ec;
}

/// Runs `one` over fresh connections until the attack ends, counting every connection the server closed.
void keep_attacking(const Target& target, Attack& attack, const std::function<void(tcp::socket&)>& one) {
    asio::io_context io;
    while (!attack.stop) {
        tcp::socket s(io);
        boost::system::error_code ec;
        s.connect({asio::ip::make_address(target.host()), target.port()}, ec);
        if (ec) continue;
        one(s);
        ++attack.dropped;
    }
}

const std::string hello_line = "{\"id\":0,\"op\":\"hello\",\"role\":\"kiosk\"}\n";

std::string garbage_lines(std::mt19937& rng, int lines) {
    std::string out;
    for (int i = 0; i < lines; ++i) {
        for (auto k = 1 + rng() % 400; k > 0; --k) out += static_cast<char>(0x80 + rng() % 0x80);
        out += '\n';
    }
    return out;
}

Samples measure_issues(Client& kiosk, const Target& target, long requests, std::size_t& errors) {
    Samples s;
    for (long i = 0; i < requests; ++i) {
        const auto& service = target.services()[static_cast<std::size_t>(i) % target.services().size()].code;
        const auto t0 = Clock::now();
        const Reply r = kiosk.call("issue", {{"service", service}});
        if (r.ok)
            s.add(Clock::now() - t0);
        else
            ++errors;
    }
    return s;
}

}  // namespace

Report run_hostile(const HostileOptions& o, TargetOptions options) {
    const long requests = o.requests;
    const long half_lines = o.half_lines;
    // Which kinds attack: any of flood, long, garbage, half (comma-separated).
    const std::string kinds = "," + o.kinds + ",";
    auto attacks_with = [&](const char* kind) {
        return kinds.find("," + std::string(kind) + ",") != std::string::npos;
    };
    options.counters = 0;
    Target target(options);
    Report report;
    report.mode = "hostile";
    report.title = "a kiosk issuing alone, then while others flood, send 10 MB lines, garbage and half lines";
    report.params = {{"requests", requests}, {"half_lines", half_lines}, {"kinds", kinds.substr(1, kinds.size() - 2)}};
    report.server = target.describe();
    auto kiosk = target.connect({{"role", "kiosk"}});

    std::size_t quiet_errors = 0, attacked_errors = 0;
    auto t0 = Clock::now();
    const Samples quiet = measure_issues(*kiosk, target, requests, quiet_errors);
    report.add_row("issue, quiet server", quiet, quiet_errors,
                   std::chrono::duration<double>(Clock::now() - t0).count());
    const auto rss_before = target.server_rss_mb();

    Attack attack;
    std::vector<std::thread> attackers;
    if (attacks_with("flood"))
        attackers.emplace_back([&] {  // snapshot floods, replies never read
            std::string burst;
            for (int i = 0; i < 100; ++i) burst += "{\"id\":" + std::to_string(i) + ",\"op\":\"snapshot\"}\n";
            keep_attacking(target, attack, [&](tcp::socket& s) {
                if (!write_all(s, hello_line, attack)) return;
                while (!attack.stop && write_all(s, burst, attack)) {}
            });
        });
    if (attacks_with("long"))
        attackers.emplace_back([&] {  // 10 MB lines
            const std::string chunk(1 << 20, 'x');
            keep_attacking(target, attack, [&](tcp::socket& s) {
                for (int i = 0; i < 10 && !attack.stop && write_all(s, chunk, attack); ++i) {}
            });
        });
    if (attacks_with("garbage"))
        attackers.emplace_back([&] {  // binary garbage
            std::mt19937 rng(7);
            const std::string junk = garbage_lines(rng, 1000);
            keep_attacking(target, attack, [&](tcp::socket& s) {
                if (!write_all(s, hello_line, attack)) return;
                while (!attack.stop && write_all(s, junk, attack)) {}
            });
        });
    // Half lines: connections that hold a slot and never finish their request.
    asio::io_context io;
    std::vector<tcp::socket> idle;
    for (long i = 0; attacks_with("half") && i < half_lines; ++i) {
        idle.emplace_back(io);
        boost::system::error_code ec;
        idle.back().connect({asio::ip::make_address(target.host()), target.port()}, ec);
        if (!ec) write_all(idle.back(), "{\"id\":1,\"op\":\"iss", attack);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the attack in full swing

    t0 = Clock::now();
    const Samples attacked = measure_issues(*kiosk, target, requests, attacked_errors);
    report.add_row("issue, under attack", attacked, attacked_errors,
                   std::chrono::duration<double>(Clock::now() - t0).count());
    const auto rss_during = target.server_rss_mb();
    attack.stop = true;
    for (auto& t : attackers) t.join();

    report.add_figure("hostile bytes sent", static_cast<double>(attack.bytes) / 1e6, "MB");
    report.add_figure("hostile connections opened and ended", static_cast<double>(attack.dropped), "");
    if (rss_before) report.add_figure("server memory before the attack", *rss_before, "MB");
    if (rss_during) report.add_figure("server memory during the attack", *rss_during, "MB");
    const auto q = summarize(quiet), a = summarize(attacked);
    report.add_figure("extra delay at p50", a.p50_ms - q.p50_ms, "ms");
    report.add_figure("extra delay at p99", a.p99_ms - q.p99_ms, "ms");
    if (quiet_errors + attacked_errors > 0) report.problems.push_back("the well-behaved kiosk was refused");
    target.check_alive(report.problems);
    return report;
}

}  // namespace antre::bench
