// Tests of the day simulator (sim/): seeded days are reproducible, the drawn arrivals
// follow the model, a tiny day with no randomness gives exactly the waits and the
// QL/LES estimates worked out by hand, and what-if staffing learns from a database.
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <random>

#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "engine.hpp"
#include "history.hpp"
#include "report.hpp"
#include "run.hpp"
#include "simulator.hpp"
#include "store.hpp"

namespace sim_test {

using namespace antre;
using namespace antre::sim;

namespace {

const OfficeConfig& sorong() {
    static const OfficeConfig office = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    return office;
}

constexpr Millis minute = 60'000;

// One service, one counter, Monday to Friday 08:00-15:00 WIT, a 15-minute wait standard.
OfficeConfig tiny_office() {
    return parse_config(R"({
      "office": {"name": "Kantor Uji", "time_zone": "Asia/Jayapura"},
      "opening_hours": {"mon": ["08:00", "15:00"], "tue": ["08:00", "15:00"], "wed": ["08:00", "15:00"],
                        "thu": ["08:00", "15:00"], "fri": ["08:00", "15:00"]},
      "services": [{"code": "KTP", "prefix": "A", "name_id": "KTP-el", "name_en": "ID card",
                    "daily_quota": 0, "max_wait_minutes": 15, "max_service_minutes": 15}],
      "counters": [{"number": 1, "name": "Loket 1", "services": ["KTP"]}]
    })");
}

class TempDb {
public:
    TempDb() {
        static std::atomic<int> serial{0};
        std::random_device rd;
        path_ = (std::filesystem::temp_directory_path() /
                 ("antre-sim-test-" + std::to_string(rd()) + "-" + std::to_string(++serial) + ".sqlite"))
                    .string();
    }
    ~TempDb() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix, ec);
    }
    TempDb(const TempDb&) = delete;
    TempDb& operator=(const TempDb&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

const std::string monday = "2026-12-07";

}  // namespace

TEST_CASE("a seeded simulated day is reproducible") {
    const auto model = synthetic_model(sorong(), 1, 500);
    const auto a = to_json(run_days(sorong(), model, monday, 42, 1)).dump();
    const auto b = to_json(run_days(sorong(), model, monday, 42, 1)).dump();
    const auto c = to_json(run_days(sorong(), model, monday, 43, 1)).dump();
    CHECK(a == b);
    CHECK(a != c);
    // And the drawn plan itself, citizen by citizen.
    const auto p1 = draw_day(model, sorong(), monday, 7), p2 = draw_day(model, sorong(), monday, 7);
    REQUIRE(p1.arrivals.size() == p2.arrivals.size());
    for (std::size_t i = 0; i < p1.arrivals.size(); ++i) {
        CHECK(p1.arrivals[i].at == p2.arrivals[i].at);
        CHECK(p1.arrivals[i].service == p2.arrivals[i].service);
        CHECK(p1.arrivals[i].service_ms == p2.arrivals[i].service_ms);
    }
}

TEST_CASE("the drawn arrivals follow the model: totals, mix, morning peak and opening hours") {
    const OfficeConfig& office = sorong();
    const auto model = synthetic_model(office, 1, 500);
    CHECK(model.expected_arrivals() == Approx(500).epsilon(1e-9));
    const OfficeCalendar calendar(office.time_zone);
    const Millis midnight = calendar.day_start(monday);
    constexpr int days = 200;
    double total = 0, ktp = 0, second_hour = 0, last_hour = 0;
    double service_s = 0, services = 0;
    for (int seed = 1; seed <= days; ++seed) {
        const auto plan = draw_day(model, office, monday, static_cast<std::uint64_t>(seed));
        total += static_cast<double>(plan.arrivals.size());
        for (const auto& a : plan.arrivals) {
            const int m = static_cast<int>((a.at - midnight) / minute);
            REQUIRE(m >= 8 * 60);
            REQUIRE(m < 15 * 60);
            if (a.service == "KTP") {
                ++ktp;
                service_s += static_cast<double>(a.service_ms) / 1000.0;
                ++services;
            }
            if (m / 60 == 9) ++second_hour;
            if (m / 60 == 14) ++last_hour;
        }
    }
    // A Poisson day of mean 500 has sd 22.4; the mean of 200 days has sd 1.6.
    CHECK(std::abs(total / days - 500) < 8);
    // KTP is 150 of the 460 of daily quota.
    CHECK(std::abs(ktp / total - 150.0 / 460.0) < 0.01);
    // The second hour has weight 1.6, the seventh 0.5 (of a mean of 1 per hour).
    CHECK(std::abs(second_hour / days - 500 * 1.6 / 7.0) < 5);
    CHECK(std::abs(last_hour / days - 500 * 0.5 / 7.0) < 3);
    // KTP's mean service time is a third of its 15-minute standard.
    CHECK(std::abs(service_s / services - 300) < 6);
}

TEST_CASE("a tiny day with no randomness gives the waits and estimates worked out by hand") {
    const OfficeConfig office = tiny_office();
    const OfficeCalendar calendar(office.time_zone);
    const Millis eight = calendar.day_start(monday) + 8 * 60 * minute;
    DayPlan plan;
    plan.day = monday;
    for (int i = 0; i < 3; ++i) {
        Arrival a;
        a.at = eight + i * minute;  // 08:00, 08:01, 08:02
        a.service = "KTP";
        a.service_ms = 10 * minute;
        plan.arrivals.push_back(a);
    }
    const auto day = simulate(office, plan, standard_estimators({{"KTP", 600.0}}));
    REQUIRE(day.tickets.size() == 3);
    // Called at 08:00, 08:10 and 08:20: waits 0, 9 and 18 minutes.
    CHECK(day.tickets[0].wait_s() == Approx(0));
    CHECK(day.tickets[1].wait_s() == Approx(540));
    CHECK(day.tickets[2].wait_s() == Approx(1080));
    for (const auto& t : day.tickets) CHECK(t.status == TicketStatus::done);
    REQUIRE(day.estimators == std::vector<std::string>{"engine", "QL", "LES", "forward"});
    auto est = [&](std::size_t ticket, std::size_t e) { return day.tickets[ticket].estimates[e]->wait_s; };
    // engine: people ahead x the configured half of max_service (450 s) / 1 counter.
    CHECK(est(0, 0) == Approx(0));
    CHECK(est(1, 0) == Approx(0));
    CHECK(est(2, 0) == Approx(450));
    // QL: 0 with the counter free; then (ahead + 1) x 600 s.
    CHECK(est(0, 1) == Approx(0));
    CHECK(est(1, 1) == Approx(600));
    CHECK(est(2, 1) == Approx(1200));
    // LES: the wait of the last called, the first ticket's 0 each time.
    CHECK(est(0, 2) == Approx(0));
    CHECK(est(1, 2) == Approx(0));
    CHECK(est(2, 2) == Approx(0));
    // forward: the free counter calls the first ticket at once; the others wait behind
    // the ticket in hand, with an interval around the point estimate.
    CHECK(est(0, 3) == Approx(0));
    for (std::size_t i = 1; i < 3; ++i) {
        const Estimate& e = *day.tickets[i].estimates[3];
        CHECK(*e.low_s <= e.wait_s);
        CHECK(e.wait_s <= *e.high_s);
        CHECK(e.wait_s > 0);
    }
    CHECK(day.tickets[2].estimates[3]->wait_s > day.tickets[1].estimates[3]->wait_s);

    const Report r = summarise({day}, office);
    REQUIRE(r.services.size() == 2);
    const auto& ktp = r.services[0];
    CHECK(ktp.tickets == 3);
    CHECK(*ktp.mean_wait_s == Approx(540));
    CHECK(*ktp.median_wait_s == Approx(540));
    CHECK(*ktp.p90_wait_s == Approx(1080));
    CHECK(*ktp.longest_wait_s == Approx(1080));
    CHECK(*ktp.within_standard == Approx(2.0 / 3.0));  // 18 minutes is past 15
    REQUIRE(ktp.calibration.size() == 4);
    CHECK(ktp.calibration[0].mae_s == Approx(390));  // |0|, |0-540|, |450-1080|
    CHECK(ktp.calibration[0].bias_s == Approx(-390));
    CHECK(ktp.calibration[1].mae_s == Approx(60));  // 0, 60, 120
    CHECK(ktp.calibration[1].bias_s == Approx(60));
    CHECK(ktp.calibration[2].mae_s == Approx(540));  // 0, 540, 1080
    CHECK(ktp.calibration[2].bias_s == Approx(-540));
    CHECK(*ktp.calibration[1].mae_share == Approx(60.0 / 540.0));
    CHECK_FALSE(ktp.calibration[0].coverage);  // engine, QL and LES give no interval
    CHECK(ktp.calibration[3].coverage);
}

TEST_CASE("the simulated officers take breaks, mark no-shows and transfer") {
    OfficeConfig office = tiny_office();
    office.services.push_back(office.services[0]);
    office.services[1].code = "KK";
    office.services[1].prefix = "B";
    office.counters[0].services = {"KTP", "KK"};
    const OfficeCalendar calendar(office.time_zone);
    const Millis eight = calendar.day_start(monday) + 8 * 60 * minute;
    DayPlan plan;
    plan.day = monday;
    plan.no_show_wait_ms = 2 * minute;
    plan.transfer_after_ms = 1 * minute;
    plan.breaks = {{1, 8 * 60 + 5, 30}};  // due at 08:05 while serving: taken at 08:10
    Arrival a;
    a.at = eight;
    a.service = "KTP";
    a.service_ms = 10 * minute;
    plan.arrivals.push_back(a);  // served 08:00-08:10
    a.at = eight + minute;
    a.absent = true;
    plan.arrivals.push_back(a);  // called 08:40, no-show 08:42, put back behind the next
    a.at = eight + 2 * minute;
    a.absent = false;
    a.transfer_to = "KK";
    a.transfer_service_ms = 5 * minute;
    plan.arrivals.push_back(a);  // called 08:42, transferred to KK 08:43
    // The counter prefers KTP: the absent citizen again 08:43, final no-show 08:45;
    // then the transferred one at KK 08:45, done 08:50.
    const auto day = simulate(office, plan, standard_estimators({{"KTP", 600.0}, {"KK", 600.0}}));
    REQUIRE(day.tickets.size() == 3);
    CHECK(day.tickets[1].wait_s() == Approx(39 * 60));
    CHECK(day.tickets[1].status == TicketStatus::no_show);
    CHECK(day.tickets[2].wait_s() == Approx(40 * 60));
    CHECK(day.tickets[2].transferred);
    CHECK(day.tickets[2].status == TicketStatus::done);
    CHECK(day.last_event == eight + 50 * minute);
}

TEST_CASE("what-if: one more counter for a service shortens its waits on the same days") {
    const OfficeConfig& office = sorong();
    const auto added = parse_add_counter("KTP@Mon", office);
    CHECK(added.weekday == 1);
    CHECK(added.services == std::vector<std::string>{"KTP"});
    CHECK_THROWS_AS(parse_add_counter("XYZ@Mon", office), std::invalid_argument);
    CHECK_THROWS_AS(parse_add_counter("KTP@Someday", office), std::invalid_argument);
    const OfficeConfig more = with_counters(office, {added});
    REQUIRE(more.counters.size() == office.counters.size() + 1);
    CHECK(more.counters.back().number == 7);
    const auto model = synthetic_model(office, 1, 500);
    const Report before = run_days(office, model, monday, 1, 5);
    const Report after = run_days(more, model, monday, 1, 5);
    CHECK(*after.services[0].mean_wait_s < *before.services[0].mean_wait_s);
    CHECK(*after.services[0].within_standard > *before.services[0].within_standard);
}

TEST_CASE("what-if learns arrivals, mix and service times from an office database") {
    const OfficeConfig office = tiny_office();
    const OfficeCalendar calendar(office.time_zone);
    TempDb file;
    {
        Store store(file.path());
        // Two Mondays of November 2026, four KTP tickets each: three at 09:xx, one at
        // 10:xx, each served for exactly 8 minutes; and one Tuesday ticket.
        for (const std::string day : {"2026-11-02", "2026-11-09"}) {
            const Millis nine = calendar.day_start(day) + 9 * 60 * minute;
            Engine engine(office, calendar.day_start(day));
            if (store.is_new()) store.apply(engine.everything());
            store.apply(engine.login(1, "198003152006041001", nine - minute));
            for (int i = 0; i < 4; ++i) store.apply(engine.issue("KTP", Priority::none, nine + i * 20 * minute));
            Millis t = nine + 70 * minute;
            for (int i = 0; i < 4; ++i, t += 10 * minute) {
                store.apply(engine.call_next(1, t));
                store.apply(engine.start(1, t));
                store.apply(engine.finish(1, t + 8 * minute));
            }
        }
        Engine tuesday(office, calendar.day_start("2026-11-10"));
        store.apply(tuesday.issue("KTP", Priority::lansia, calendar.day_start("2026-11-10") + 9 * 60 * minute));
    }
    const History h = read_history(file.path(), "2026-11", office);
    CHECK(h.days.at(1) == 2);
    CHECK(h.days.at(2) == 1);
    CHECK(h.tickets == 9);
    CHECK(h.priority == 1);
    const DayModel m = h.model_for(office, 1);
    CHECK(m.arrivals.at("KTP")[9] == Approx(3));
    CHECK(m.arrivals.at("KTP")[10] == Approx(1));
    CHECK(m.expected_arrivals() == Approx(4));
    CHECK(m.service_time.at("KTP").median_s() == Approx(480));
    CHECK(m.service_time.at("KTP").sigma == Approx(0).margin(1e-9));
    CHECK(m.priority_share == Approx(1.0 / 9.0));
    CHECK_THROWS_AS(h.model_for(office, 3), std::runtime_error);  // no Wednesday in the log
    CHECK_THROWS_AS(read_history(file.path(), "2026-13", office), std::runtime_error);
    CHECK_THROWS_AS(read_history(file.path() + ".missing", "2026-11", office), std::runtime_error);
    // And a day simulated from it runs.
    const Report r = run_days(office, m, "2026-11-30", 1, 3);
    CHECK(r.services[0].tickets > 0);
}

}  // namespace sim_test
