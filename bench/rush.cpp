// Rush: the opening of online booking (docs/booking.md). The own server's KTP-el takes
// bookings in one session of --places places; --attempts citizens try to book it within
// --seconds on the public port, each from its own NIK, spread over many addresses as
// phones behind different networks are. Every attempt's latency counts from the moment
// it was due (no coordinated omission). Meanwhile one kiosk issues and one counter calls
// at a steady pace, first for --quiet-seconds with no rush, then during it: their p99
// then against quiet is the rush's cost to the office floor.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "modes.hpp"

namespace antre::bench {

using json = nlohmann::json;

namespace {

struct HttpAnswer {
    int status = 0;  ///< 0: no answer
    std::string body;
};

// One HTTP/1.1 request on a new connection from loopback address `from`, read to its close.
HttpAnswer http(unsigned short port, const std::string& from, const std::string& method, const std::string& target,
                const std::string& body = "") {
    HttpAnswer a;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return a;
    sockaddr_in local{}, server{};
    local.sin_family = server.sin_family = AF_INET;
    ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
    ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    server.sin_port = htons(port);
    std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!body.empty())
        request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    request += "\r\n" + body;
    std::string reply;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0 &&
        ::connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) == 0 &&
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
        char buf[4096];
        for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) reply.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    const auto head_end = reply.find("\r\n\r\n");
    if (reply.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) return a;
    a.status = std::atoi(reply.c_str() + 9);
    a.body = reply.substr(head_end + 4);
    return a;
}

// A well-formed NIK per attempt: Sorong's region codes, two dates of birth, serials 1-5000.
std::string nik(long i) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "927101%s%04ld", i < 5000 ? "120590" : "130590", i % 5000 + 1);
    return buf;
}

// 40 attempts per address, under the server's 60 per address in 10 minutes.
std::string address(long i) {
    const long a = i / 40;
    return "127.1." + std::to_string(a / 250) + "." + std::to_string(a % 250 + 1);
}

Clock::duration seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// The kiosk and the counter, each at a steady pace, timing into the current phase.
struct Floor {
    std::atomic<int> phase{0};  // 0 quiet, 1 rush, 2 stop
    Samples issue[2], call[2];
    std::map<std::string, std::size_t> errors;
    std::mutex mutex;

    void loop(Client& client, double rate, bool kiosk) {
        auto due = Clock::now();
        while (phase < 2) {
            due += seconds(1.0 / rate);
            std::this_thread::sleep_until(due);
            const int p = phase;
            if (p > 1) return;
            const Reply r = kiosk ? client.call("issue", {{"service", "KK"}}) : client.call("call_next");
            const auto took = Clock::now() - due;
            std::lock_guard lock(mutex);
            if (!r.ok) {
                ++errors[(kiosk ? "issue: " : "call_next: ") + r.code];
                continue;
            }
            (kiosk ? issue : call)[p].add(took);
            if (!kiosk) client.call("finish");
        }
    }
};

}  // namespace

Report run_rush(const RushOptions& o, TargetOptions target) {
    if (!target.host.empty()) throw std::invalid_argument("rush drives its own server (it sets the booking rules)");
    target.public_page = true;
    target.counters = 1;
    target.adjust_office = [&o](json& config) {
        for (auto& s : config.at("services")) {
            s.erase("booking");
            if (s.at("code") != "KTP") continue;
            const json session = {{"start", "08:00"}, {"end", "09:00"}, {"places", o.places}};
            s["booking"] = {{"sessions", json::array({session})}, {"days_ahead", 14}, {"opens_at", "00:00"}};
        }
    };
    Target server(target);
    const HttpAnswer services = http(server.public_port(), "127.0.0.1", "GET", "/api/public/booking/services");
    const json list = json::parse(services.body, nullptr, false);
    if (services.status != 200 || list.is_discarded() || list["services"].empty() ||
        list["services"][0]["days"].empty())
        throw std::runtime_error("the own server offers no booking day: " + services.body);
    const std::string day = list["services"][0]["days"][0];

    auto kiosk = server.connect({{"role", "kiosk"}});
    auto counter = server.connect(server.counter_hello(0));
    // A queue for the counter to call from all along (not timed).
    const long before = static_cast<long>((o.quiet_seconds + o.seconds * 2) * o.counter_rate) + 20;
    for (long i = 0; i < before; ++i) kiosk->call("issue", {{"service", "KK"}});
    Floor floor;
    std::thread kiosk_thread([&] { floor.loop(*kiosk, o.kiosk_rate, true); });
    std::thread counter_thread([&] { floor.loop(*counter, o.counter_rate, false); });
    std::this_thread::sleep_for(seconds(o.quiet_seconds));

    // The rush: attempt i is due at start + i x seconds / attempts.
    floor.phase = 1;
    const auto start = Clock::now();
    std::atomic<long> next{0};
    std::mutex mutex;
    Samples booking;
    std::map<std::string, long> answers;  // "ok", or the refusal's code
    std::vector<std::thread> workers;
    for (long w = 0; w < o.workers; ++w)
        workers.emplace_back([&] {
            Samples mine;
            std::map<std::string, long> seen;
            for (long i; (i = next++) < o.attempts;) {
                const auto due = start + seconds(o.seconds * static_cast<double>(i) / static_cast<double>(o.attempts));
                std::this_thread::sleep_until(due);
                const json body = {
                    {"service", "KTP"}, {"day", day}, {"session", "08:00"}, {"nik", nik(i)}, {"name", "Warga"}};
                const HttpAnswer a = http(server.public_port(), address(i), "POST", "/api/public/booking", body.dump());
                mine.add(Clock::now() - due);
                const json j = json::parse(a.body, nullptr, false);
                if (a.status == 200)
                    ++seen["ok"];
                else if (!j.is_discarded() && j.contains("error"))
                    ++seen[j["error"].value("code", "?") +
                           (j["error"].value("message", "").find("penuh") != std::string::npos ? " (penuh)" : "")];
                else
                    ++seen["no answer (" + std::to_string(a.status) + ")"];
            }
            std::lock_guard lock(mutex);
            booking.merge(mine);
            for (const auto& [k, n] : seen) answers[k] += n;
        });
    for (auto& w : workers) w.join();
    const double rush_s = std::chrono::duration<double>(Clock::now() - start).count();
    floor.phase = 2;
    kiosk_thread.join();
    counter_thread.join();

    Report r;
    r.mode = "rush";
    std::ostringstream span;
    span << o.seconds;
    r.title = "opening rush: " + std::to_string(o.attempts) + " booking attempts in " + span.str() + " s for " +
              std::to_string(o.places) + " places, one kiosk and one counter at work";
    r.params = {{"attempts", o.attempts},     {"seconds", o.seconds},
                {"places", o.places},         {"quiet_seconds", o.quiet_seconds},
                {"kiosk_rate", o.kiosk_rate}, {"counter_rate", o.counter_rate},
                {"workers", o.workers},       {"day", day}};
    r.server = server.describe();
    const long full = answers["booking_full (penuh)"];
    r.add_row("booking (public port)", booking, static_cast<std::size_t>(o.attempts - answers["ok"] - full), rush_s);
    r.add_row("kiosk issue, quiet", floor.issue[0], 0, o.quiet_seconds);
    r.add_row("kiosk issue, during the rush", floor.issue[1], 0, rush_s);
    r.add_row("counter call_next, quiet", floor.call[0], 0, o.quiet_seconds);
    r.add_row("counter call_next, during the rush", floor.call[1], 0, rush_s);
    for (const auto& [k, n] : answers) r.add_figure("answered " + k, static_cast<double>(n), "");
    const auto ratio = [](const Samples& quiet, const Samples& rush) {
        const double q = summarize(quiet).p99_ms;
        return q > 0 ? summarize(rush).p99_ms / q : 0.0;
    };
    const double issue_ratio = ratio(floor.issue[0], floor.issue[1]);
    const double call_ratio = ratio(floor.call[0], floor.call[1]);
    r.add_figure("kiosk issue p99, rush / quiet", issue_ratio, "x");
    r.add_figure("counter call p99, rush / quiet", call_ratio, "x");
    for (const auto& [k, n] : floor.errors) r.problems.push_back(std::to_string(n) + " errors " + k);
    if (answers["ok"] != o.places)
        r.problems.push_back(std::to_string(answers["ok"]) + " bookings accepted for " + std::to_string(o.places) +
                             " places");
    for (const auto& [k, n] : answers)
        if (k != "ok" && k != "booking_full (penuh)")
            r.problems.push_back(std::to_string(n) + " attempts answered " + k + ", not \"penuh\"");
    const HttpAnswer left =
        http(server.public_port(), "127.0.0.1", "GET", "/api/public/booking/sessions?service=KTP&day=" + day);
    const json sessions = json::parse(left.body, nullptr, false);
    if (sessions.is_discarded() || sessions["sessions"].empty() || sessions["sessions"][0]["remaining"] != 0)
        r.problems.push_back("the session does not show 0 places left: " + left.body);
    if (o.check_targets) {
        if (summarize(booking).p99_ms > 500) r.problems.push_back("booking p99 above 500 ms");
        if (issue_ratio > 2) r.problems.push_back("kiosk issue p99 during the rush above 2x quiet");
        if (call_ratio > 2) r.problems.push_back("counter call p99 during the rush above 2x quiet");
    }
    server.check_alive(r.problems);
    return r;
}

}  // namespace antre::bench
