// Tests of the forward estimate of call times (server/domain/estimate.*, docs/queue.md
// "Forward estimate"): tiny offices worked out by hand with fixed service times, and
// properties over random busy offices run through the real engine.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <vector>

#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "antre/errors.hpp"
#include "estimate.hpp"
#include "estimator.hpp"
#include "model.hpp"
#include "simulator.hpp"

namespace estimate_test {

using namespace antre;

namespace {

constexpr Millis minute = 60'000;
constexpr Millis wit_offset = 9 * 60 * minute;
// 2026-11-30 (a Monday) 00:00 WIT, as UTC milliseconds.
constexpr Millis monday = 1'795'996'800'000LL - wit_offset;

Millis at(int h, int mi, int s = 0) { return monday + (h * 60 + mi) * minute + s * 1000; }

Service service(std::string code, std::string prefix) {
    Service s;
    s.code = std::move(code);
    s.prefix = std::move(prefix);
    s.name_id = s.name_en = s.code;
    for (int weekday = 1; weekday <= 5; ++weekday) s.hours.push_back({weekday, 8 * 60, 15 * 60});
    s.max_wait_minutes = 60;
    s.max_service_minutes = 20;
    return s;
}

OfficeConfig office(CallRule rule, std::vector<std::vector<std::string>> counters) {
    OfficeConfig o;
    o.time_zone = "Asia/Jayapura";
    o.policy.rule = rule;
    o.policy.priority_boost_minutes = 20;
    o.policy.preference_step_percent = 25;
    o.services = {service("KTP", "A"), service("KK", "B"), service("AKTA", "C")};
    for (std::size_t i = 0; i < counters.size(); ++i)
        o.counters.push_back({static_cast<int>(i + 1), "Loket " + std::to_string(i + 1), counters[i]});
    return o;
}

// Fixed holding times, no no-shows and no arrivals: every run is the same run.
ForwardOptions fixed(std::map<std::string, Millis> hold) {
    ForwardOptions o;
    for (const auto& [code, ms] : hold) o.learned[code] = {ms};
    o.no_show_share = 0.0;
    o.arrivals = false;
    o.interval_scale = 1;  // the runs' own p10-p90, uncalibrated
    o.interval_margin = 0;
    return o;
}

std::map<TicketId, CallEstimate> by_ticket(const std::vector<CallEstimate>& list) {
    std::map<TicketId, CallEstimate> out;
    for (const auto& e : list) out[e.ticket] = e;
    return out;
}

void exactly(const CallEstimate& e, Millis when) {
    INFO("ticket " << e.ticket);
    CHECK(e.reached);
    CHECK(e.p10 == when);
    CHECK(e.p50 == when);
    CHECK(e.p90 == when);
}

}  // namespace

TEST_CASE("estimate: one counter, fixed service times, the ticket in hand counted by its elapsed time") {
    Engine engine(office(CallRule::strict, {{"KTP"}}), at(7, 0));
    engine.login(1, "198003152006041001", at(8, 0));
    const TicketId first = *engine.issue("KTP", Priority::none, at(8, 0)).ticket;
    engine.call_next(1, at(8, 0));
    const TicketId a = *engine.issue("KTP", Priority::none, at(8, 1)).ticket;
    const TicketId b = *engine.issue("KTP", Priority::none, at(8, 1)).ticket;
    const TicketId c = *engine.issue("KTP", Priority::none, at(8, 2)).ticket;
    // A-001 called at 08:00, 2 minutes into a 5-minute hold at 08:02: the counter is
    // free at 08:05, then every 5 minutes.
    const auto e = by_ticket(estimate_calls(engine, at(8, 2), fixed({{"KTP", 5 * minute}})));
    REQUIRE(e.size() == 3);
    CHECK(e.count(first) == 0);
    exactly(e.at(a), at(8, 5));
    exactly(e.at(b), at(8, 10));
    exactly(e.at(c), at(8, 15));
}

TEST_CASE("estimate: a paused counter comes back after the typical pause") {
    Engine engine(office(CallRule::strict, {{"KTP"}}), at(7, 0));
    engine.login(1, "198003152006041001", at(8, 0));
    engine.pause(1, "istirahat", at(8, 10));
    const TicketId a = *engine.issue("KTP", Priority::none, at(8, 11)).ticket;
    const TicketId b = *engine.issue("KTP", Priority::none, at(8, 12)).ticket;
    const auto e = by_ticket(estimate_calls(engine, at(8, 20), fixed({{"KTP", 4 * minute}})));
    exactly(e.at(a), at(8, 40));  // paused at 08:10 for 30 minutes
    exactly(e.at(b), at(8, 44));
}

TEST_CASE("estimate: two services sharing a counter, under the strict and the urgency rule") {
    // Counter 1 serves KTP (5 minutes) before KK (10 minutes). KK's ticket came at
    // 08:10, KTP's at 08:20 and 08:21; the counter is free at 08:30.
    for (const CallRule rule : {CallRule::strict, CallRule::urgency}) {
        Engine engine(office(rule, {{"KTP", "KK"}}), at(7, 0));
        engine.login(1, "198003152006041001", at(8, 0));
        const TicketId kk = *engine.issue("KK", Priority::none, at(8, 10)).ticket;
        const TicketId ktp1 = *engine.issue("KTP", Priority::none, at(8, 20)).ticket;
        const TicketId ktp2 = *engine.issue("KTP", Priority::none, at(8, 21)).ticket;
        const auto e = by_ticket(estimate_calls(engine, at(8, 30), fixed({{"KTP", 5 * minute}, {"KK", 10 * minute}})));
        if (rule == CallRule::strict) {
            // KTP first while it has anyone waiting: 08:30, 08:35, then KK at 08:40.
            exactly(e.at(ktp1), at(8, 30));
            exactly(e.at(ktp2), at(8, 35));
            exactly(e.at(kk), at(8, 40));
        } else {
            // At 08:30 KK has used 20/60 of its standard, /1.25 for its second place:
            // 0.27, over KTP's 10/60 = 0.17. At 08:40 KTP's head has waited 20 minutes.
            exactly(e.at(kk), at(8, 30));
            exactly(e.at(ktp1), at(8, 40));
            exactly(e.at(ktp2), at(8, 45));
        }
        // The engine's own call-next agrees with the first call of the estimate.
        const auto called = *engine.call_next(1, at(8, 30)).ticket;
        CHECK(called == (rule == CallRule::strict ? ktp1 : kk));
    }
}

TEST_CASE("estimate: priority arrivals expected from the last hour push a regular ticket back") {
    Engine engine(office(CallRule::strict, {{"KTP"}}), at(7, 0));
    engine.login(1, "198003152006041001", at(8, 0));
    engine.pause(1, "istirahat", at(8, 0));
    for (int i = 0; i < 12; ++i) engine.issue("KTP", Priority::lansia, at(8, 5 * i));
    engine.resume(1, at(9, 0));
    for (int i = 0; i < 12; ++i) {
        engine.call_next(1, at(9, i));
        engine.finish(1, at(9, i) + 30'000);
    }
    // Twenty regular tickets at 09:15; the last would be called at 10:50 without arrivals.
    TicketId regular = 0;
    for (int i = 0; i < 20; ++i) regular = *engine.issue("KTP", Priority::none, at(9, 15)).ticket;
    ForwardOptions with = fixed({{"KTP", 5 * minute}});
    ForwardOptions without = with;
    with.arrivals = true;
    with.only = without.only = regular;
    const auto later = estimate_calls(engine, at(9, 15), with);
    const auto sooner = estimate_calls(engine, at(9, 15), without);
    REQUIRE(later.size() == 1);
    REQUIRE(sooner.size() == 1);
    CHECK(later[0].ticket == regular);
    exactly(sooner[0], at(10, 50));
    // Eight priority tickets came in the last hour; under the strict rule each one that
    // comes in the next 95 minutes goes ahead of it (about 12 of them, 5 minutes each).
    CHECK(later[0].p10 > at(10, 50));
    CHECK(later[0].p10 <= later[0].p50);
    CHECK(later[0].p50 <= later[0].p90);
}

TEST_CASE("estimate: no counter serves the service, so no call is reached today") {
    Engine engine(office(CallRule::strict, {{"KTP"}}), at(7, 0));
    engine.login(1, "198003152006041001", at(8, 0));
    engine.issue("AKTA", Priority::none, at(8, 1));
    const auto e = estimate_calls(engine, at(8, 2), fixed({}));
    REQUIRE(e.size() == 1);
    CHECK_FALSE(e[0].reached);
}

TEST_CASE("estimate: one ticket alone gives what the whole queue gives it") {
    Engine engine(office(CallRule::urgency, {{"KTP", "KK"}, {"KK", "AKTA"}}), at(7, 0));
    engine.login(1, "198003152006041001", at(8, 0));
    engine.login(2, "198507222009032002", at(8, 0));
    std::vector<TicketId> ids;
    for (int i = 0; i < 20; ++i)
        ids.push_back(*engine.issue(i % 3 == 0 ? "KK" : i % 3 == 1 ? "KTP" : "AKTA", Priority::none, at(8, i)).ticket);
    ForwardOptions all;
    all.runs = 16;
    ForwardOptions one = all;
    one.only = ids[13];
    const auto whole = by_ticket(estimate_calls(engine, at(8, 20), all));
    const auto single = estimate_calls(engine, at(8, 20), one);
    REQUIRE(single.size() == 1);
    CHECK(single[0] == whole.at(ids[13]));
    one.only = 999;
    CHECK(estimate_calls(engine, at(8, 20), one).empty());
}

TEST_CASE("estimate: a ticket too far back to be called today, alone, gives what the whole queue gives it") {
    // One counter, holds of 2 minutes (as short as a no-show's wait): from 14:00 the
    // day's end is 600 minutes away, so the tickets from the 301st on cannot be called in
    // any run, and the stopping run skips its runs for them (Forward::may_call_today).
    Engine engine(office(CallRule::urgency, {{"KTP"}}), at(7, 0));
    engine.login(1, "198003152006041001", at(8, 0));
    std::vector<TicketId> ids;
    for (int i = 0; i < 320; ++i)
        ids.push_back(*engine.issue("KTP", Priority::none, at(8, 0) + Millis{i} * 60'000).ticket);
    ForwardOptions all;
    all.learned["KTP"] = {2 * 60'000};
    all.runs = 16;
    const Millis now = at(14, 0);
    const auto whole = by_ticket(estimate_calls(engine, now, all));
    for (const std::size_t i : {0, 150, 280, 295, 298, 299, 300, 301, 319}) {
        INFO("ticket " << i + 1 << " of the queue");
        ForwardOptions one = all;
        one.only = ids[i];
        const auto single = estimate_calls(engine, now, one);
        REQUIRE(single.size() == 1);
        CHECK(single[0] == whole.at(ids[i]));
    }
    CHECK(whole.at(ids[0]).reached);
    CHECK_FALSE(whole.at(ids[319]).reached);
}

TEST_CASE("estimate: properties over random busy offices") {
    const OfficeConfig shipped = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    std::mt19937 random(15);
    for (int round = 0; round < 12; ++round) {
        OfficeConfig o = shipped;
        o.policy.rule = round % 2 ? CallRule::urgency : CallRule::strict;
        Engine engine(o, at(7, 0));
        const auto& counters = engine.state().counters;
        for (const auto& c : counters)
            engine.login(c.config.number, "19800315200604100" + std::to_string(c.config.number), at(8, 0));
        Millis now = at(8, 0);
        std::vector<std::string> codes;
        for (const auto& s : o.services) codes.push_back(s.code);
        for (int i = 0; i < 150; ++i) {
            now += static_cast<Millis>(random() % 40'000);
            const auto& code = codes[random() % codes.size()];
            const Priority p = random() % 10 == 0 ? Priority::lansia : Priority::none;
            try {
                engine.issue(code, p, now);
            } catch (const Refusal&) {}
            const int n = counters[random() % counters.size()].config.number;
            const Counter& c = *engine.find_counter(n);
            try {
                if (c.active)
                    engine.finish(n, now);
                else
                    engine.call_next(n, now);
            } catch (const Refusal&) {}
        }
        ForwardOptions options;
        options.seed = static_cast<std::uint64_t>(round);
        const auto estimates = by_ticket(estimate_calls(engine, now, options));
        for (const auto& [id, e] : estimates) {
            INFO("round " << round << " ticket " << id);
            CHECK(now <= e.p10);
            CHECK(e.p10 <= e.p50);
            CHECK(e.p50 <= e.p90);
        }
        CHECK(estimate_calls(engine, now, options) == estimate_calls(engine, now, options));  // seeded
        // The calibration only widens the runs' own interval, around the same p50.
        ForwardOptions raw = options;
        raw.interval_scale = 1;
        raw.interval_margin = 0;
        const auto runs_own = by_ticket(estimate_calls(engine, now, raw));
        REQUIRE(runs_own.size() == estimates.size());
        for (const auto& [id, e] : estimates) {
            const CallEstimate& r = runs_own.at(id);
            INFO("round " << round << " ticket " << id);
            CHECK(e.p50 == r.p50);
            CHECK(e.p10 <= r.p10);
            CHECK(e.p90 >= r.p90);
        }
        if (o.policy.rule != CallRule::strict) continue;
        // Strict rule: a service's regular line is called in its order, so its p50
        // never goes down along the line.
        for (const auto& code : codes) {
            Millis last = 0;
            for (const auto& t : engine.state().tickets) {
                if (t.status != TicketStatus::waiting || t.service != code || t.priority != Priority::none) continue;
                INFO("round " << round << " " << t.label);
                CHECK(estimates.at(t.id).p50 >= last);
                last = estimates.at(t.id).p50;
            }
        }
    }
}

TEST_CASE("estimate: the pause roster, taken when the counter is done with its ticket, and once") {
    Engine engine(office(CallRule::strict, {{"KTP"}}), at(7, 0));
    engine.login(1, "198003152006041001", at(8, 0));
    std::vector<TicketId> t;
    for (int i = 0; i < 4; ++i) t.push_back(*engine.issue("KTP", Priority::none, at(8, 0)).ticket);
    ForwardOptions o = fixed({{"KTP", 10 * minute}});
    o.pauses = {{1, at(8, 15), 30 * minute}};
    SECTION("due while it holds a ticket: it pauses at 08:20, when done") {
        const auto e = by_ticket(estimate_calls(engine, at(8, 0), o));
        exactly(e.at(t[0]), at(8, 0));
        exactly(e.at(t[1]), at(8, 10));
        exactly(e.at(t[2]), at(8, 50));
        exactly(e.at(t[3]), at(9, 0));
    }
    engine.call_next(1, at(8, 0));
    engine.finish(1, at(8, 10));
    engine.pause(1, "istirahat", at(8, 10));
    SECTION("under way: it lasts the roster's length, not the typical pause") {
        o.pauses[0].length_ms = 45 * minute;
        const auto e = by_ticket(estimate_calls(engine, at(8, 20), o));
        exactly(e.at(t[1]), at(8, 55));
        exactly(e.at(t[2]), at(9, 5));
    }
    SECTION("taken already: the counter resumed after the pause's start") {
        engine.resume(1, at(8, 40));
        const auto e = by_ticket(estimate_calls(engine, at(8, 40), o));
        exactly(e.at(t[1]), at(8, 40));
        exactly(e.at(t[2]), at(8, 50));
        exactly(e.at(t[3]), at(9, 0));
    }
}

TEST_CASE("estimate: on seeded busy days the interval holds most waits and p50 beats QL and LES") {
    // Three days of the shipped office at about load 1 (420 citizens), its breaks on
    // the roster: the figures of docs/benchmarks.md on fewer days, with floors that an
    // uncalibrated interval (about two thirds inside) or an estimate that ignores the
    // breaks (a bias of about -7%) does not reach.
    const OfficeConfig shipped = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    const std::string day = "2026-12-07";
    const OfficeCalendar calendar(shipped.time_zone);
    const auto model = sim::synthetic_model(shipped, calendar.local(calendar.day_start(day)).weekday, 420);
    std::map<std::string, double> mean_service_s;
    for (const auto& [code, t] : model.service_time) mean_service_s[code] = t.mean_s();
    struct Tally {
        double abs = 0, signed_sum = 0, wait = 0, n = 0, inside = 0;
    };
    std::map<std::string, Tally> tally;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const sim::DayPlan plan = sim::draw_day(model, shipped, day, seed);
        ForwardOptions forward;
        forward.pauses = sim::pause_roster(plan, calendar.day_start(day));
        const auto result = sim::simulate(shipped, plan, sim::standard_estimators(mean_service_s, forward));
        for (const auto& t : result.tickets) {
            const auto wait = t.wait_s();
            if (!wait) continue;
            for (std::size_t i = 0; i < result.estimators.size(); ++i) {
                const auto& e = t.estimates[i];
                if (!e) continue;
                Tally& y = tally[result.estimators[i]];
                y.abs += std::abs(e->wait_s - *wait);
                y.signed_sum += e->wait_s - *wait;
                y.wait += *wait;
                y.n += 1;
                if (e->low_s && e->high_s) y.inside += *e->low_s <= *wait && *wait <= *e->high_s;
            }
        }
    }
    const Tally& f = tally.at("forward");
    REQUIRE(f.n > 800);
    const double mean_wait = f.wait / f.n;
    INFO("forward: MAE " << f.abs / f.n / 60 << " min, bias " << f.signed_sum / f.n / 60 << " min, mean wait "
                         << mean_wait / 60 << " min, inside " << f.inside / f.n);
    CHECK(f.inside / f.n >= 0.75);
    CHECK(std::abs(f.signed_sum / f.n) <= 0.05 * mean_wait);
    CHECK(f.abs / f.n <= 0.15 * mean_wait);
    CHECK(f.abs / f.n < tally.at("QL").abs / tally.at("QL").n);
    CHECK(f.abs / f.n < tally.at("LES").abs / tally.at("LES").n);
}

}  // namespace estimate_test
