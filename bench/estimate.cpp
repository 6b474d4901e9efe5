// The forward estimate of a busy office's whole queue (server/domain/estimate.hpp),
// timed in-process: no server, no disk. The office is the config's, its counters all
// at work with a ticket in hand and a morning of tickets behind them; each change is
// one more ticket issued (or, every third change, a counter finishing and calling
// next), and after each the estimate of every waiting ticket is timed.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <random>
#include <stdexcept>

#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "antre/errors.hpp"
#include "estimate.hpp"
#include "estimates.hpp"
#include "modes.hpp"

namespace antre::bench {

namespace {
constexpr Millis minute = 60'000;

// The CPU time this thread has used: what an estimate costs whatever else the machine runs.
Clock::duration thread_cpu() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::chrono::duration_cast<Clock::duration>(std::chrono::seconds(ts.tv_sec) +
                                                       std::chrono::nanoseconds(ts.tv_nsec));
}
}  // namespace

Report run_estimate(const EstimateOptions& o, const std::string& config_path) {
    OfficeConfig office = load_config(config_path);
    if (o.rule == "strict") office.policy.rule = CallRule::strict;
    if (o.rule == "urgency") office.policy.rule = CallRule::urgency;
    office.policy.regular_between_priority = 0;
    for (auto& s : office.services) s.daily_quota = 0;  // a queue as long as asked
    const OfficeCalendar calendar(office.time_zone);
    const Millis opening = calendar.day_start("2026-12-07") + 8 * 60 * minute;  // a Monday, 08:00
    Engine engine(office, opening - 10 * minute);
    std::mt19937 rng(static_cast<std::uint32_t>(o.seed));
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto& services = engine.state().services;
    // A counter finishes what it holds and calls next (when anyone is waiting for it).
    auto turn = [&](int n, Millis at) {
        if (engine.find_counter(n)->active) engine.finish(n, at);
        try {
            engine.call_next(n, at);
        } catch (const Refusal&) {}
    };
    auto issue = [&](Millis at) {
        const auto& code = services[rng() % services.size()].def.code;
        engine.issue(code, unit(rng) < 0.08 ? Priority::lansia : Priority::none, at, true);
    };
    // Two hours of the morning: the tickets finished so far give the service times.
    const auto counters = engine.state().counters;
    for (const auto& c : counters)
        engine.login(c.config.number, "19800101200601" + std::to_string(1000 + c.config.number), opening);
    Millis now = opening;
    const long before = o.waiting + 10 * static_cast<long>(counters.size());
    for (long i = 0; i < before; ++i) {
        now = opening + 120 * minute * i / before;
        issue(now);
        if (i % 10 != 9) continue;
        for (const auto& c : counters) turn(c.config.number, now);
    }
    ForwardOptions fo;
    fo.runs = static_cast<int>(o.runs);
    if (o.learned)  // what the server learns from eight weeks: 200 holds a service, around the typical duration
        for (const auto& s : services) {
            std::lognormal_distribution<double> hold(std::log(s.def.max_service_minutes * 30'000.0), 0.55);
            auto& samples = fo.learned[s.def.code];
            for (int i = 0; i < 200; ++i) samples.push_back(static_cast<Millis>(hold(rng)));
            std::sort(samples.begin(), samples.end());
        }
    Samples timing, cpu;
    std::size_t waiting_total = 0, estimated = 0;
    for (long change = 0; change < o.changes; ++change) {
        now += 15'000;
        if (change % 3 == 2) {
            turn(counters[static_cast<std::size_t>(change) % counters.size()].config.number, now);
        } else {
            issue(now);
        }
        fo.seed = static_cast<std::uint64_t>(change);
        if (o.roster) fo.pauses = estimates::day_roster(office.breaks, engine, now);  // as each refresh builds it
        const auto start = Clock::now();
        const auto start_cpu = thread_cpu();
        const auto list = estimate_calls(engine, now, fo);
        cpu.add(thread_cpu() - start_cpu);
        timing.add(Clock::now() - start);
        for (const auto& t : engine.state().tickets) waiting_total += t.status == TicketStatus::waiting;
        estimated += list.size();
    }
    Report r;
    r.mode = "estimate";
    r.title = "forward estimate of every waiting ticket after each change, " + std::to_string(counters.size()) +
              " counters, rule " + std::string(to_string(office.policy.rule)) + ", " + std::to_string(o.runs) + " runs";
    r.params = {{"waiting", o.waiting}, {"changes", o.changes}, {"runs", o.runs},    {"rule", o.rule},
                {"seed", o.seed},       {"learned", o.learned}, {"roster", o.roster}};
    r.server = "in-process engine (no server, no disk)";
    r.add_row("estimate_calls (whole queue)", timing, 0, 0);
    r.add_row("  its thread's CPU time", cpu, 0, 0);
    r.add_figure("waiting tickets (mean)", static_cast<double>(waiting_total) / static_cast<double>(o.changes), "");
    r.add_figure("estimates per change (mean)", static_cast<double>(estimated) / static_cast<double>(o.changes), "");
    if (estimated != waiting_total) r.problems.push_back("not every waiting ticket got an estimate");
    return r;
}

}  // namespace antre::bench
