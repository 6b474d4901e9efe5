// Closed loop: every client sends its next request as soon as the reply to the
// last one arrives, so the server is never idle and its throughput shows.
// --mix issue: N kiosks issue tickets, round-robin over the services.
// --mix call:  N kiosks first issue --ops tickets, then N counters, each with its
//              own officer, call_next and finish until every ticket is done.
#include <atomic>
#include <latch>
#include <map>
#include <stdexcept>

#include "antre/errors.hpp"
#include "modes.hpp"
#include "verify.hpp"

namespace antre::bench {

using json = nlohmann::json;

namespace {

/// One client's share of a loop; touched only on that client's own thread.
struct Worker {
    std::unique_ptr<Client> client;
    Samples first;   // issue, or call_next
    Samples second;  // finish
    std::vector<IssuedTicket> tickets;
    std::map<std::string, std::size_t> errors;
};

/// What all workers of one loop share.
struct Loop {
    explicit Loop(long total_ops, std::size_t workers, bool keyed_writes)
        : total(total_ops), keyed(keyed_writes), finished(static_cast<std::ptrdiff_t>(workers)) {}
    long total;
    bool keyed;  // each write carries the client's next retry key
    std::atomic<long> next{0};
    std::latch finished;
    /// `fields`, with the client's next retry key when the loop is keyed.
    json with_key(Client& c, json fields) const {
        if (keyed) fields["key"] = c.new_key();
        return fields;
    }
};

void issue_step(Worker& w, Loop& loop, const std::vector<ServiceInfo>& services) {
    const long n = loop.next.fetch_add(1);
    if (n >= loop.total) return loop.finished.count_down();
    const auto& service = services[static_cast<std::size_t>(n) % services.size()].code;
    const auto t0 = Clock::now();
    w.client->call_async(
        "issue", loop.with_key(*w.client, {{"service", service}}), [&w, &loop, &services, t0](Reply r) {
            if (r.ok) {
                w.first.add(Clock::now() - t0);  // only acknowledged requests count, in latency and rate
                w.tickets.push_back(issued_from(r.body["ticket"]));
            } else {
                ++w.errors[r.code];
            }
            issue_step(w, loop, services);
        });
}

void call_step(Worker& w, Loop& loop) {
    if (loop.next.fetch_add(1) >= loop.total) return loop.finished.count_down();
    const auto t0 = Clock::now();
    w.client->call_async("call_next", loop.with_key(*w.client, json::object()), [&w, &loop, t0](Reply r) {
        if (!r.ok) {
            ++w.errors[r.code];
            // An empty queue means the others have taken the rest: this counter is done.
            if (r.code == errc::queue_empty) return loop.finished.count_down();
            return call_step(w, loop);
        }
        w.first.add(Clock::now() - t0);
        w.tickets.push_back(issued_from(r.body["ticket"]));
        const auto t1 = Clock::now();
        w.client->call_async("finish", loop.with_key(*w.client, json::object()), [&w, &loop, t1](Reply f) {
            if (f.ok)
                w.second.add(Clock::now() - t1);
            else
                ++w.errors[f.code];
            call_step(w, loop);
        });
    });
}

/// Runs one loop over all workers; returns its wall time in seconds.
double run_loop(std::vector<Worker>& workers, long ops, bool keyed, const std::function<void(Worker&, Loop&)>& step) {
    Loop loop(ops, workers.size(), keyed);
    const auto start = Clock::now();
    for (auto& w : workers) step(w, loop);
    loop.finished.wait();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::size_t error_count(const std::vector<Worker>& workers, std::vector<std::string>& problems, const char* allowed) {
    std::map<std::string, std::size_t> all;
    for (const auto& w : workers)
        for (const auto& [code, n] : w.errors) all[code] += n;
    std::size_t total = 0;
    for (const auto& [code, n] : all) {
        if (code == allowed) continue;
        total += n;
        problems.push_back(std::to_string(n) + " requests failed with " + code);
    }
    return total;
}

/// The server's CPU time (user + system, from /proc) per acknowledged operation
/// since `before`: the figure compared with Redis's per LPUSH, which other work
/// on the machine hardly moves, unlike the rates and latencies.
void add_cpu_per_op(Report& r, const Target& target, std::optional<double> before, std::size_t ops) {
    const auto after = target.server_cpu_s();
    if (before && after && ops > 0)
        r.add_figure("server_cpu_us_per_op", (*after - *before) * 1e6 / static_cast<double>(ops), "us");
}

}  // namespace

Report run_closed(const ClosedOptions& o, TargetOptions options) {
    const long clients = o.clients;
    const long ops = o.ops;
    const std::string& mix = o.mix;
    const bool verify = o.verify;
    options.counters = mix == "call" ? static_cast<int>(clients) : 1;

    Target target(options);
    Report r;
    r.mode = "closed";
    r.title = std::to_string(clients) + (mix == "call" ? " counters" : " kiosks") + ", " + std::to_string(ops) +
              " tickets, mix " + mix + (o.keyed ? ", keyed" : "") + ", each client one request at a time";
    r.params = {{"clients", clients}, {"ops", ops}, {"mix", mix}, {"verify", verify}, {"keyed", o.keyed}};
    r.server = target.describe();
    const auto before = last_numbers(target);
    // The counters must drain exactly the tickets this run issues.
    if (mix == "call" && waiting_tickets(target) > 0)
        throw std::runtime_error(
            "the call mix needs a server with nobody waiting, and counters that serve every "
            "service; " +
            std::to_string(waiting_tickets(target)) + " tickets are waiting");

    std::vector<Worker> kiosks(static_cast<std::size_t>(clients));
    for (auto& w : kiosks) w.client = target.connect({{"role", "kiosk"}});
    const auto issue_cpu = target.server_cpu_s();
    const double issue_s =
        run_loop(kiosks, ops, o.keyed, [&](Worker& w, Loop& l) { issue_step(w, l, target.services()); });
    Samples issued_lat;
    std::vector<IssuedTicket> issued;
    for (auto& w : kiosks) {
        issued_lat.merge(w.first);
        issued.insert(issued.end(), w.tickets.begin(), w.tickets.end());
        w.client.reset();
    }
    r.add_row("issue", issued_lat, error_count(kiosks, r.problems, ""), issue_s);
    if (mix == "issue") {
        r.add_figure("durable_ops_per_s", ops_per_second(r.rows.back()), "ops/s");
        add_cpu_per_op(r, target, issue_cpu, issued_lat.size());
    }

    std::vector<IssuedTicket> called;
    if (mix == "call") {
        std::vector<Worker> counters(static_cast<std::size_t>(clients));
        for (std::size_t i = 0; i < counters.size(); ++i)
            counters[i].client = target.connect(target.counter_hello(static_cast<int>(i)));
        const auto call_cpu = target.server_cpu_s();
        const double call_s = run_loop(counters, static_cast<long>(issued.size()), o.keyed, call_step);
        Samples call_lat, finish_lat;
        for (auto& w : counters) {
            call_lat.merge(w.first);
            finish_lat.merge(w.second);
            called.insert(called.end(), w.tickets.begin(), w.tickets.end());
        }
        const auto errors = error_count(counters, r.problems, errc::queue_empty);
        r.add_row("call_next", call_lat, errors, call_s);
        r.add_row("finish", finish_lat, 0, call_s);
        r.add_figure("durable_ops_per_s", static_cast<double>(call_lat.size() + finish_lat.size()) / call_s, "ops/s");
        add_cpu_per_op(r, target, call_cpu, call_lat.size() + finish_lat.size());
        if (called.size() != issued.size())
            r.problems.push_back(std::to_string(issued.size()) + " tickets issued but " +
                                 std::to_string(called.size()) + " called");
    }
    if (target.check_alive(r.problems) && verify) {
        verify_tickets(target, issued, before, mix == "call" ? "done" : "waiting", r.problems);
        if (mix == "call") {
            // Every ticket called exactly once, and the ones called are the ones issued.
            std::map<std::int64_t, int> seen;
            for (const auto& t : issued) seen[t.id] = 0;
            for (const auto& t : called) ++seen[t.id];
            std::size_t wrong = 0;
            for (const auto& [id, n] : seen) wrong += n != 1;
            if (wrong) r.problems.push_back(std::to_string(wrong) + " tickets not called exactly once");
        }
        r.notes.push_back("verified: " + std::to_string(issued.size()) +
                          " acknowledged tickets, numbering per service, look-up by id" +
                          (target.own() ? " before and after kill -9 and a restart" : ""));
    }
    return r;
}

}  // namespace antre::bench
