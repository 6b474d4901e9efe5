// Tests of the call rule (server/domain/call_rule.*, docs/queue.md "Call rule"): the
// choice between lines worked out by hand, and properties over random office days run
// through the real engine by the day simulator: under the urgency rule no service waits
// past twice its standard while the office keeps up, and under overload the services
// that share counters bear the delay in proportion to their standards.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "antre/config.hpp"
#include "call_rule.hpp"
#include "model.hpp"
#include "simulator.hpp"

namespace call_rule_test {

using namespace antre;
using namespace antre::sim;

namespace {

constexpr Millis minute = 60'000;

CallPolicy urgency(int boost_minutes = 20, int step_percent = 25, int late_limit_percent = 100) {
    CallPolicy p;
    p.rule = CallRule::urgency;
    p.priority_boost_minutes = boost_minutes;
    p.preference_step_percent = step_percent;
    p.late_limit_percent = late_limit_percent;
    return p;
}

ServiceHeads heads(std::optional<Millis> priority, std::optional<Millis> regular, int max_wait_minutes = 60) {
    ServiceHeads h;
    if (priority) h.priority = LineHead{1, *priority};
    if (regular) h.regular = LineHead{2, *regular};
    h.max_wait_s = max_wait_minutes * 60;
    return h;
}

const OfficeConfig& sorong() {
    static const OfficeConfig office = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    return office;
}

// Sorong's six services and six counters in a ring: counter n serves services n, n+1
// and n+2 (mod 6) in that order, so every service is first at one counter, second at
// another and third at a third, and every two services are linked through counters.
OfficeConfig ring(OfficeConfig office) {
    const std::size_t n = office.services.size();
    for (std::size_t c = 0; c < office.counters.size(); ++c) {
        office.counters[c].services.clear();
        for (std::size_t i = 0; i < 3; ++i) office.counters[c].services.push_back(office.services[(c + i) % n].code);
    }
    for (auto& s : office.services) s.daily_quota = 0;
    return office;
}

// A day with the same arrival rate in every open hour (no morning peak, no breaks),
// the service mix drawn at random around the quotas' proportions, scaled so that the
// offered load is `load`.
DayModel flat_day(const OfficeConfig& office, int weekday, double load, Random& rng) {
    DayModel m = synthetic_model(office, weekday, 100);
    m.breaks.clear();
    m.priority_share = 0.2 * rng.uniform();
    for (auto& [code, hours] : m.arrivals) {
        double day_total = 0;
        int open_hours = 0;
        for (double a : hours) {
            day_total += a;
            if (a > 0) ++open_hours;
        }
        const double weight = 0.5 + rng.uniform();
        for (double& a : hours)
            if (a > 0) a = weight * day_total / open_hours;
    }
    const double scale = load / offered_load(m, office, weekday);
    for (auto& [code, hours] : m.arrivals)
        for (double& a : hours) a *= scale;
    return m;
}

// Per service, the waits (issue to first call) of a simulated day, in seconds.
std::map<std::string, std::vector<double>> waits_by_service(const OfficeConfig& office, const DayModel& model,
                                                            std::uint64_t seed) {
    const std::string day = "2026-12-07";  // a Monday
    const DayResult r = simulate(office, draw_day(model, office, day, seed), {});
    std::map<std::string, std::vector<double>> out;
    for (const auto& t : r.tickets) {
        REQUIRE(t.wait_s());  // counters work until the day's end: everyone is called
        out[t.service].push_back(*t.wait_s());
    }
    return out;
}

int max_wait_s(const OfficeConfig& office, const std::string& code) {
    for (const auto& s : office.services)
        if (s.code == code) return s.max_wait_minutes * 60;
    FAIL("no service " << code);
    return 0;
}

}  // namespace

TEST_CASE("the strict rule takes the counter's first service with a waiting ticket") {
    CallPolicy strict;
    const std::vector<ServiceHeads> lines{heads({}, {}), heads({}, 10 * minute), heads({}, 0)};
    CHECK(choose_line(strict, lines, 200 * minute) == LinePick{1, false});
    CHECK_FALSE(choose_line(strict, std::vector<ServiceHeads>{heads({}, {})}, 0));
}

TEST_CASE("the urgency rule takes the line whose head has used most of its standard") {
    const Millis now = 100 * minute;
    SECTION("the longest wait against a common standard wins, whatever the counter's order") {
        const std::vector<ServiceHeads> lines{heads({}, now - 10 * minute), heads({}, now - 50 * minute)};
        CHECK(choose_line(urgency(20, 0), lines, now) == LinePick{1, false});
    }
    SECTION("a tighter standard makes a shorter wait more urgent") {
        const std::vector<ServiceHeads> lines{heads({}, now - 30 * minute, 60), heads({}, now - 20 * minute, 30)};
        CHECK(choose_line(urgency(20, 0), lines, now) == LinePick{1, false});
    }
    SECTION("a later service of the counter must be more overdue by the preference step") {
        // 40 min of 60 at the second service counts 40/60/1.25 = 0.53 against 30/60 = 0.5.
        std::vector<ServiceHeads> lines{heads({}, now - 30 * minute), heads({}, now - 40 * minute)};
        CHECK(choose_line(urgency(20, 25), lines, now) == LinePick{1, false});
        lines[1] = heads({}, now - 37 * minute);  // 0.49: the first service keeps it
        CHECK(choose_line(urgency(20, 25), lines, now) == LinePick{0, false});
    }
    SECTION("past the standard the place in the counter's list no longer counts") {
        // 70 of 60 minutes at the third service against 65 of 60 at the first.
        const std::vector<ServiceHeads> lines{heads({}, now - 65 * minute), heads({}, {}),
                                              heads({}, now - 70 * minute)};
        CHECK(choose_line(urgency(20, 25), lines, now) == LinePick{2, false});
    }
    SECTION("citizens within the standard go before late ones, until these reach the late limit") {
        // 90 of 60 minutes (late, under the 200% limit) against 50 of 60 (still within).
        std::vector<ServiceHeads> lines{heads({}, now - 90 * minute), heads({}, now - 50 * minute)};
        CHECK(choose_line(urgency(20, 25, 200), lines, now) == LinePick{1, false});
        // With the limit at 100% (the default) only how far into the standard counts.
        CHECK(choose_line(urgency(20, 25, 100), lines, now) == LinePick{0, false});
        // 120 of 60 minutes reaches the 200% limit: before everyone.
        lines[0] = heads({}, now - 120 * minute);
        CHECK(choose_line(urgency(20, 25, 200), lines, now) == LinePick{0, false});
    }
    SECTION("equal urgency goes to the counter's earlier service") {
        const std::vector<ServiceHeads> lines{heads({}, now), heads({}, now)};
        CHECK(choose_line(urgency(), lines, now) == LinePick{0, false});
    }
}

TEST_CASE("under the urgency rule priority is a head start, not a pass past every regular ticket") {
    const Millis now = 100 * minute;
    const CallPolicy p = urgency(20);
    // Issued 10 minutes after the regular head: the 20-minute boost puts it first.
    CHECK(priority_goes_first(p, heads(now - 20 * minute, now - 30 * minute)));
    // Issued 25 minutes after it: the regular ticket has waited longer than the boost.
    CHECK_FALSE(priority_goes_first(p, heads(now - 5 * minute, now - 30 * minute)));
    CHECK(priority_goes_first(p, heads(now, {})));
    CHECK_FALSE(priority_goes_first(p, heads({}, now)));
    // The strict rule with regular_between_priority 0 always takes priority first.
    CHECK(priority_goes_first(CallPolicy{}, heads(now - 5 * minute, now - 30 * minute)));
}

TEST_CASE("the shipped office uses the urgency rule") { CHECK(sorong().policy.rule == CallRule::urgency); }

TEST_CASE("while the office keeps up, no service waits past twice its standard (random days, shipped layout)") {
    OfficeConfig office = sorong();
    for (auto& s : office.services) s.daily_quota = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        Random rng(seed * 7919);
        const double load = 0.6 + 0.3 * rng.uniform();  // 0.6 .. 0.9
        const DayModel model = flat_day(office, 1, load, rng);
        INFO("seed " << seed << ", load " << load);
        for (const auto& [code, waits] : waits_by_service(office, model, seed)) {
            INFO("service " << code);
            CHECK(*std::max_element(waits.begin(), waits.end()) <= 2.0 * max_wait_s(office, code));
        }
    }
}

TEST_CASE("the strict rule can starve a service that every counter lists late (the same check fails)") {
    OfficeConfig office = sorong();
    for (auto& s : office.services) s.daily_quota = 0;
    office.policy = CallPolicy{};
    Random rng(3);
    const DayModel model = flat_day(office, 1, 0.95, rng);
    double worst = 0;
    for (const auto& [code, waits] : waits_by_service(office, model, 3))
        worst = std::max(worst, *std::max_element(waits.begin(), waits.end()) / max_wait_s(office, code));
    CHECK(worst > 2.0);
}

TEST_CASE("under overload, services sharing counters wait in proportion to their standards (random days)") {
    const OfficeConfig office = ring(sorong());
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        Random rng(seed * 104729);
        const double load = 1.15 + 0.3 * rng.uniform();  // 1.15 .. 1.45
        const DayModel model = flat_day(office, 1, load, rng);
        INFO("seed " << seed << ", load " << load);
        double low = 1e18, high = 0;
        for (const auto& [code, waits] : waits_by_service(office, model, seed)) {
            double mean = 0;
            for (double w : waits) mean += w;
            const double ratio = mean / static_cast<double>(waits.size()) / max_wait_s(office, code);
            low = std::min(low, ratio);
            high = std::max(high, ratio);
        }
        CHECK(high <= 2.0 * low);
    }
}

}  // namespace call_rule_test
