// Open loop: a simulated office day compressed in time. Citizens arrive at the
// kiosks as a Poisson process at --rate per second whatever the server is doing,
// and each issue's latency is measured from the moment the citizen arrived, not
// from when the request could be sent, so a slow server cannot hide its own
// backlog (no coordinated omission). Counters call, serve for an exponential
// time whose mean is half the service's max_service_minutes, compressed by the
// factor that keeps them --busy, and finish.
#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "antre/errors.hpp"
#include "modes.hpp"
#include "verify.hpp"

namespace antre::bench {

using json = nlohmann::json;

namespace {

/// Share of citizens with a priority (elderly, disabled, pregnant, children).
constexpr double priority_share = 0.10;
constexpr const char* priority_groups[] = {"lansia", "disabilitas", "ibu_hamil", "anak"};
/// An officer facing an empty queue presses "call" again after about this long (office time).
constexpr double recall_empty_queue_office_s = 10;

struct Kiosk {
    std::unique_ptr<Client> client;
    Samples latency;  // from the citizen's arrival
    std::vector<IssuedTicket> tickets;
    std::map<std::string, std::size_t> errors;
};

struct Officer {
    std::unique_ptr<Client> client;
    Samples call, empty, finish;  // call_next that called someone, call_next on an empty queue, finish
    Samples waits;                // each called citizen's wait, in wall time
    std::map<std::string, std::size_t> errors;
};

struct Day {
    Clock::time_point start, end;
    double compression = 1;                // office seconds per wall second
    std::map<std::string, double> mean_s;  // wall mean service time per service
};

std::string shortest(double x) {
    std::ostringstream out;
    out << x;  // 100, 2.5: no trailing zeros
    return out.str();
}

Clock::duration wall(double seconds) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

void work_counter(Officer& o, const Day& day, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    const auto poll = wall(std::max(0.001, recall_empty_queue_office_s / day.compression));
    std::this_thread::sleep_until(day.start);
    while (Clock::now() < day.end) {
        const auto t0 = Clock::now();
        const Reply r = o.client->call("call_next");
        const auto took = Clock::now() - t0;
        if (!r.ok) {
            if (r.code == errc::queue_empty)
                o.empty.add(took);
            else
                ++o.errors[r.code];
            std::this_thread::sleep_for(poll);
            continue;
        }
        o.call.add(took);
        const json& t = r.body["ticket"];
        o.waits.add(std::chrono::milliseconds(t.value("called_at", 0LL) - t.value("issued_at", 0LL)));
        const auto it = day.mean_s.find(t.value("service", std::string()));
        const double mean = it == day.mean_s.end() ? 1.0 : it->second;
        std::exponential_distribution<double> service(1.0 / mean);
        std::this_thread::sleep_until(std::min(day.end, Clock::now() + wall(service(rng))));
        const auto t1 = Clock::now();
        const Reply f = o.client->call("finish");
        if (f.ok)
            o.finish.add(Clock::now() - t1);
        else
            ++o.errors[f.code];
    }
}

}  // namespace

Report run_open(const OpenOptions& opt, TargetOptions options) {
    const double rate = opt.rate;
    const double seconds = opt.seconds;
    const long kiosk_count = opt.kiosks;
    const long counter_count = opt.counters;
    const double busy = opt.busy;
    const long seed = opt.seed;
    const bool verify = opt.verify;
    options.counters = static_cast<int>(counter_count);

    Target target(options);
    const auto& services = target.services();
    std::vector<double> weights;
    double weighted_mean = 0, total_weight = 0;
    for (const auto& s : services) {
        weights.push_back(s.weight);
        weighted_mean += s.weight * s.mean_service_s;
        total_weight += s.weight;
    }
    weighted_mean /= total_weight;
    Day day;
    // The compression that makes `counter_count` counters `busy` at this arrival rate.
    day.compression = rate * weighted_mean / (busy * static_cast<double>(counter_count));
    for (const auto& s : services) day.mean_s[s.code] = s.mean_service_s / day.compression;

    Report r;
    r.mode = "open";
    r.title = shortest(rate) + " arrivals/s for " + shortest(seconds) + " s, " + std::to_string(kiosk_count) +
              " kiosks, " + std::to_string(counter_count) + " counters " +
              std::to_string(static_cast<int>(busy * 100)) + "% busy";
    r.params = {{"rate", rate}, {"seconds", seconds}, {"kiosks", kiosk_count}, {"counters", counter_count},
                {"busy", busy}, {"seed", seed},       {"verify", verify}};
    r.server = target.describe();
    const auto before = last_numbers(target);

    std::vector<Kiosk> kiosks(static_cast<std::size_t>(kiosk_count));
    for (auto& k : kiosks) k.client = target.connect({{"role", "kiosk"}});
    std::vector<Officer> officers(static_cast<std::size_t>(counter_count));
    for (std::size_t i = 0; i < officers.size(); ++i)
        officers[i].client = target.connect(target.counter_hello(static_cast<int>(i)));

    day.start = Clock::now() + std::chrono::milliseconds(100);
    day.end = day.start + wall(seconds);
    std::vector<std::thread> counters;
    for (std::size_t i = 0; i < officers.size(); ++i)
        counters.emplace_back(work_counter, std::ref(officers[i]), std::cref(day),
                              static_cast<std::uint64_t>(seed) + i + 1);

    std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
    std::exponential_distribution<double> gap(rate);
    std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
    std::bernoulli_distribution has_priority(priority_share);
    std::uniform_int_distribution<std::size_t> group(0, std::size(priority_groups) - 1);
    std::mutex mutex;
    std::condition_variable all_answered;
    long outstanding = 0, arrivals = 0;
    Samples lag;  // how late the benchmark sent each request: it must stay small
    double offset = 0;
    while (true) {
        offset += gap(rng);
        const auto at = day.start + wall(offset);
        if (at >= day.end) break;
        json fields = {{"service", services[pick(rng)].code}};
        if (has_priority(rng)) fields["priority"] = priority_groups[group(rng)];
        std::this_thread::sleep_until(at);
        lag.add(Clock::now() - at);
        Kiosk* k = &kiosks[static_cast<std::size_t>(arrivals++) % kiosks.size()];
        {
            std::lock_guard lock(mutex);
            ++outstanding;
        }
        k->client->call_async("issue", std::move(fields), [&, k, at](Reply reply) {
            if (reply.ok) {
                k->latency.add(Clock::now() - at);
                k->tickets.push_back(issued_from(reply.body["ticket"]));
            } else {
                ++k->errors[reply.code];
            }
            std::lock_guard lock(mutex);
            if (--outstanding == 0) all_answered.notify_all();
        });
    }
    {
        std::unique_lock lock(mutex);
        all_answered.wait_for(lock, std::chrono::seconds(60), [&] { return outstanding == 0; });
    }
    for (auto& k : kiosks) k.client.reset();  // a reply still missing fails now, while all it touches lives
    for (auto& t : counters) t.join();

    Samples issue, call, empty, finish, waits;
    std::vector<IssuedTicket> issued;
    std::map<std::string, std::size_t> errors;
    for (auto& k : kiosks) {
        issue.merge(k.latency);
        issued.insert(issued.end(), k.tickets.begin(), k.tickets.end());
        for (const auto& [code, n] : k.errors) errors[code] += n;
    }
    for (auto& o : officers) {
        call.merge(o.call);
        empty.merge(o.empty);
        finish.merge(o.finish);
        waits.merge(o.waits);
        for (const auto& [code, n] : o.errors) errors[code] += n;
    }
    std::size_t error_total = 0;
    for (const auto& [code, n] : errors) {
        error_total += n;
        r.problems.push_back(std::to_string(n) + " requests failed with " + code);
    }
    r.add_row("issue (from arrival)", issue, error_total, seconds);
    r.add_row("call_next", call, 0, seconds);
    r.add_row("finish", finish, 0, seconds);
    r.add_row("call_next (queue empty)", empty, 0, seconds);
    const auto wait = summarize(waits);
    const auto lagged = summarize(lag);
    r.add_figure("arrivals_per_s", static_cast<double>(arrivals) / seconds, "/s");
    r.add_figure("durable_ops_per_s", static_cast<double>(issued.size() + call.size() + finish.size()) / seconds,
                 "ops/s");
    r.add_figure("compression", day.compression, "office s per s");
    r.add_figure("office_hours_simulated", seconds * day.compression / 3600, "h");
    r.add_figure("citizens_served", static_cast<double>(finish.size()), "");
    r.add_figure("citizen_wait_p50_office_min", wait.p50_ms * day.compression / 60000, "min");
    r.add_figure("citizen_wait_p90_office_min", wait.p90_ms * day.compression / 60000, "min");
    r.add_figure("bench_send_lag_p99_ms", lagged.p99_ms, "ms");
    r.add_figure("bench_send_lag_max_ms", lagged.max_ms, "ms");
    r.notes.push_back(
        "issue latency counts from each citizen's arrival time; call_next and finish are the "
        "officers' own round trips");
    if (target.check_alive(r.problems) && verify) {
        verify_tickets(target, issued, before, "", r.problems);
        r.notes.push_back("verified: " + std::to_string(issued.size()) + " acknowledged tickets");
    }
    return r;
}

}  // namespace antre::bench
