// The report read from the store (the `report` op's path: an EventReader on the
// office's file streaming into the metrics) against the same figures computed from the
// events as the engine made them, kept in memory; and the summaries' order statistics
// against sorted values. Ten office days of a random but seeded office run through the
// real Engine and Store: transfers, requeued and final no-shows, cancels, recalls,
// pauses (some left open over the night), ratings, days closed with tickets still
// waiting, and an officer taking over a counter.
#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "antre/config.hpp"
#include "antre/errors.hpp"
#include "day_digest.hpp"
#include "engine.hpp"
#include "metrics.hpp"
#include "reports.hpp"
#include "sqlite.hpp"
#include "store.hpp"

namespace report_read_test {

using namespace antre;

namespace {

constexpr Millis minute = 60'000;

struct TempFile {
    std::string path = (std::filesystem::temp_directory_path() /
                        ("antre-report-read-" + std::to_string(std::random_device{}()) + ".sqlite"))
                           .string();
    ~TempFile() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
    }
};

// An office whose every effect goes to the store and, as LoggedEvents, to `log`.
struct Run {
    OfficeConfig config = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    OfficeCalendar calendar{config.time_zone};
    Engine engine;
    Store& store;
    std::vector<metrics::LoggedEvent> log;
    std::vector<std::string> days;

    Run(Store& s, Millis start) : engine(config, start), store(s) { store.apply({engine.everything()}); }

    void operator<<(const Effect& fx) {
        store.apply({fx});
        for (const auto& e : fx.events) {
            metrics::LoggedEvent le;
            le.seq = static_cast<std::int64_t>(log.size() + 1);
            le.event = e;
            const Ticket* t = e.ticket ? fx.find_ticket(*e.ticket) : nullptr;
            if (!t && e.ticket) t = engine.find_ticket(*e.ticket);
            if (t) le.label = t->label;
            if (t && e.type == "ticket_called") {
                le.estimated_wait_s = t->estimated_wait_s;
                le.estimated_call_from = t->estimated_call_from;
                le.estimated_call_to = t->estimated_call_to;
            }
            if (t && e.type == "ticket_finished") {
                le.leg_called_at = t->called_at;
                le.leg_started_at = t->service_started_at;
            }
            log.push_back(std::move(le));
        }
    }
    // A refused command (nobody waiting, a ticket already rated) changes nothing.
    template <class F>
    void attempt(F&& command) {
        try {
            *this << command();
        } catch (const Refusal&) {}
    }

    void day(Millis opening, std::mt19937& rng, int number) {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        const auto& services = engine.state().services;
        // Counter 1 changes hands from the fourth day on.
        const std::string first = number < 3 ? "198003152006041001" : "198507222009032002";
        for (int c = 1; c <= 4; ++c)
            attempt(
                [&] { return engine.login(c, c == 1 ? first : "19800101200601" + std::to_string(1000 + c), opening); });
        std::vector<TicketId> issued;
        for (Millis t = opening; t < opening + 6 * 60 * minute; t += minute) {
            if (unit(rng) < 0.45) {
                const auto& s = services[static_cast<std::size_t>(unit(rng) * double(services.size()))].def;
                attempt(
                    [&] { return engine.issue(s.code, unit(rng) < 0.1 ? Priority::lansia : Priority::none, t, true); });
                if (!log.empty() && log.back().event.type == "ticket_issued")
                    issued.push_back(*log.back().event.ticket);
            }
            if (!issued.empty() && unit(rng) < 0.02)
                attempt([&] { return engine.cancel(issued[issued.size() / 2], "", "pergi", t); });
            const int c = 1 + static_cast<int>(unit(rng) * 4);
            const Counter* counter = nullptr;
            for (const auto& k : engine.state().counters)
                if (k.config.number == c) counter = &k;
            if (!counter || counter->state == CounterState::closed) continue;
            const double roll = unit(rng);
            if (counter->state == CounterState::paused) {
                if (roll < 0.3) attempt([&] { return engine.resume(c, t); });
            } else if (!counter->active) {
                if (roll < 0.05)
                    attempt([&] { return engine.pause(c, "istirahat", t); });
                else if (roll < 0.6)
                    attempt([&] { return engine.call_next(c, t); });
            } else if (roll < 0.03) {
                attempt([&] { return engine.recall(c, t); });
            } else if (roll < 0.07) {
                attempt([&] { return engine.no_show(c, t); });
            } else if (roll < 0.1) {
                const auto& to = services[static_cast<std::size_t>(unit(rng) * double(services.size()))].def;
                attempt([&] { return engine.transfer(c, to.code, t); });
            } else if (roll < 0.3) {
                attempt([&] { return engine.start(c, t); });
            } else if (roll < 0.5) {
                const TicketId id = *counter->active;
                attempt([&] { return engine.finish(c, t); });
                if (unit(rng) < 0.3) attempt([&] { return engine.rate(id, 1 + int(unit(rng) * 4), c, t + minute); });
            }
        }
        // Counters 1 and 2 log out; 3 and 4 are left open (one maybe paused) overnight.
        for (int c = 1; c <= 2; ++c) attempt([&] { return engine.logout(c, opening + 7 * 60 * minute); });
    }

    // The report of [from, to] computed from the in-memory events of those days.
    nlohmann::json from_log(metrics::GroupBy by, const std::string& from, const std::string& to) const {
        const auto p = reports::period(calendar, from, to);
        return reports::report(p, by, calendar, calendar.next_day_start(p.to_ms), services(), [&](const auto& visit) {
            for (const auto& le : log)
                if (le.event.day >= from && le.event.day <= to) visit(le);
        });
    }
    // The same read from the office's file, as the `report` op reads it.
    nlohmann::json from_file(metrics::GroupBy by, const std::string& from, const std::string& to,
                             const std::string& path) const {
        const auto p = reports::period(calendar, from, to);
        EventReader reader(path);
        return reports::report(p, by, calendar, calendar.next_day_start(p.to_ms), services(),
                               [&](const auto& visit) { reader.for_each_between(from, to, visit); });
    }
    // The same read from the event log and the tickets alone, without the day digests.
    nlohmann::json from_log_only(metrics::GroupBy by, const std::string& from, const std::string& to,
                                 const std::string& path) const {
        const auto p = reports::period(calendar, from, to);
        sql::Database db(path, true);
        return reports::report(p, by, calendar, calendar.next_day_start(p.to_ms), services(), [&](const auto& visit) {
            for_each_event_between(db, from, to, visit, EventSource::log);
        });
    }
    std::vector<Service> services() const {
        std::vector<Service> out;
        for (const auto& s : engine.state().services) out.push_back(s.def);
        return out;
    }
};

// Ten office days of the scenario above from Monday 2026-11-30, each closed by the next
// day's roll-over.
void ten_days(Run& run, const OfficeCalendar& calendar) {
    Millis day = calendar.day_start("2026-11-30");
    std::mt19937 rng(19);
    for (int d = 0; d < 10; ++d) {
        while (calendar.local(day).weekday == 0 || calendar.local(day).weekday == 6) day = calendar.next_day_start(day);
        run << run.engine.roll_over(day + 7 * 60 * minute);
        run.days.push_back(calendar.day_of(day));
        run.day(day + 8 * 60 * minute, rng, d);
        day = calendar.next_day_start(day);
    }
}

}  // namespace

TEST_CASE("a report read from the store equals the one computed from the events as made", "[metrics][store][report]") {
    TempFile file;
    Store store(file.path);
    const OfficeCalendar calendar(load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json").time_zone);
    Run run(store, calendar.day_start("2026-11-30"));  // a Monday
    ten_days(run, calendar);
    // What the scenario must contain for the comparison to mean something.
    auto count = [&](const std::string& type, const std::string& detail = "") {
        return std::count_if(run.log.begin(), run.log.end(), [&](const auto& le) {
            return le.event.type == type && (detail.empty() || le.event.detail == detail);
        });
    };
    CHECK(count("ticket_finished") > 200);
    CHECK(count("ticket_transferred") > 5);
    CHECK(count("ticket_no_show", "final") > 0);
    CHECK(count("ticket_no_show", "requeued") > 0);
    CHECK(count("ticket_cancelled") > 5);
    CHECK(count("ticket_recalled") > 5);
    CHECK(count("ticket_expired") > 0);
    CHECK(count("ticket_rated") > 20);
    CHECK(count("counter_paused") > 5);

    const std::vector<std::pair<std::string, std::string>> periods = {
        {run.days.front(), run.days.back()}, {run.days[3], run.days[3]}, {run.days[2], run.days[6]}};
    for (const auto& [from, to] : periods)
        for (auto by : {metrics::GroupBy::officer, metrics::GroupBy::service, metrics::GroupBy::counter,
                        metrics::GroupBy::day, metrics::GroupBy::hour, metrics::GroupBy::office}) {
            INFO(from << ".." << to << " by " << metrics::to_string(by));
            const auto expected = run.from_log(by, from, to);
            REQUIRE_FALSE(expected.at("rows").empty());
            CHECK(run.from_file(by, from, to, file.path) == expected);
        }
}

namespace {

std::vector<std::string> digested_days(const std::string& path) {
    sql::Database db(path, true);
    sql::Statement q(db, "SELECT day FROM day_digests ORDER BY day");
    std::vector<std::string> days;
    while (q.step()) days.push_back(q.text(0));
    return days;
}

}  // namespace

TEST_CASE("day digests: a period read through them equals the log's, cut at every day", "[metrics][store][report]") {
    TempFile file;
    Store store(file.path);
    const OfficeCalendar calendar(load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json").time_zone);
    Run run(store, calendar.day_start("2026-11-30"));
    ten_days(run, calendar);
    // Each close wrote the digests of the days it settled; today (the last day) has none.
    const auto digested = digested_days(file.path);
    REQUIRE(digested.size() >= 5);
    CHECK(std::find(digested.begin(), digested.end(), run.days.back()) == digested.end());
    // Every digest decodes to exactly the events the log read gives its day.
    {
        sql::Database db(file.path, true);
        sql::Statement q(db, "SELECT day, data, events, first_seq, last_seq FROM day_digests ORDER BY day");
        while (q.step()) {
            const std::string day = q.text(0);
            INFO(day);
            std::vector<metrics::LoggedEvent> decoded;
            CHECK(day_digest::decode(q.blob(1), [&](const metrics::LoggedEvent& e) { decoded.push_back(e); }) ==
                  static_cast<std::size_t>(q.int64(2)));
            const auto logged = read_events_between(db, day, day, EventSource::log);
            REQUIRE(decoded.size() == logged.size());
            CHECK(decoded.front().seq == q.int64(3));
            CHECK(decoded.back().seq == q.int64(4));
            for (std::size_t i = 0; i < logged.size(); ++i) {
                INFO("event " << i);
                CHECK(decoded[i].seq == logged[i].seq);
                CHECK(decoded[i].event == logged[i].event);
                CHECK(decoded[i].label == logged[i].label);
                CHECK(decoded[i].estimated_wait_s == logged[i].estimated_wait_s);
                CHECK(decoded[i].estimated_call_from == logged[i].estimated_call_from);
                CHECK(decoded[i].estimated_call_to == logged[i].estimated_call_to);
                CHECK(decoded[i].leg_called_at == logged[i].leg_called_at);
                CHECK(decoded[i].leg_started_at == logged[i].leg_started_at);
            }
        }
    }
    // Every period from any day to any later one (digests and the log's days mixed,
    // today included), as the report op reads it, the log alone and the events as made.
    for (std::size_t i = 0; i < run.days.size(); ++i)
        for (std::size_t j = i; j < run.days.size(); ++j) {
            const std::string& from = run.days[i];
            const std::string& to = run.days[j];
            for (auto by : {metrics::GroupBy::officer, metrics::GroupBy::service, metrics::GroupBy::hour}) {
                INFO(from << ".." << to << " by " << metrics::to_string(by));
                const auto expected = run.from_log(by, from, to);
                CHECK(run.from_file(by, from, to, file.path) == expected);
                CHECK(run.from_log_only(by, from, to, file.path) == expected);
            }
        }
    // A digest whose block does not follow the one before it in seq order is not used:
    // the period is read from the log alone, with the same figures.
    {
        sql::Database db(file.path);
        sql::Statement q(db, "UPDATE day_digests SET first_seq = 1, last_seq = 2 WHERE day = ?1");
        q.bind(1, digested.back());
        q.run();
    }
    for (auto by : {metrics::GroupBy::officer, metrics::GroupBy::day})
        CHECK(run.from_file(by, run.days.front(), run.days.back(), file.path) ==
              run.from_log(by, run.days.front(), run.days.back()));
}

TEST_CASE("day digests: a day waits for its tickets to end, and a late event of a digested day drops its digest",
          "[metrics][store][report]") {
    TempFile file;
    Store store(file.path);
    const OfficeCalendar calendar(load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json").time_zone);
    const Millis monday = calendar.day_start("2026-11-30"), tuesday = calendar.next_day_start(monday),
                 wednesday = calendar.next_day_start(tuesday), thursday = calendar.next_day_start(wednesday);
    Run run(store, monday);
    const std::string officer = "198003152006041001";
    const std::string service = run.config.services.front().code;
    // Monday: a ticket called at 23:00 is still at its counter when the day closes.
    run << run.engine.login(1, officer, monday + 8 * 60 * minute);
    run << run.engine.issue(service, Priority::none, monday + 9 * 60 * minute, true);
    run << run.engine.call_next(1, monday + 23 * 60 * minute);
    run << run.engine.roll_over(tuesday + 7 * 60 * minute);
    CHECK(digested_days(file.path).empty());  // Monday waits for its ticket
    // Tuesday: it is finished; a second ticket comes and goes.
    run << run.engine.finish(1, tuesday + 8 * 60 * minute);
    run << run.engine.issue(service, Priority::none, tuesday + 9 * 60 * minute, true);
    run << run.engine.call_next(1, tuesday + 9 * 60 * minute + 5 * minute);
    const Effect second = run.engine.finish(1, tuesday + 9 * 60 * minute + 15 * minute);
    run << second;
    run << run.engine.roll_over(wednesday + 7 * 60 * minute);
    CHECK(digested_days(file.path) == std::vector<std::string>{"2026-11-30", "2026-12-01"});
    for (auto by : {metrics::GroupBy::officer, metrics::GroupBy::service})
        CHECK(run.from_file(by, "2026-11-30", "2026-12-02", file.path) == run.from_log(by, "2026-11-30", "2026-12-02"));

    // An event of Tuesday written on Wednesday (a clock set back across midnight): the
    // digest of Tuesday goes, and the report reads Tuesday from the log, late event
    // included. Tuesday's events and Wednesday's no longer lie apart in seq order, so no
    // later close digests either.
    Event late;
    late.type = "ticket_rated";
    late.at = tuesday + 10 * 60 * minute;
    late.day = "2026-12-01";
    late.ticket = second.ticket;
    late.service = service;
    late.counter = 1;
    late.officer = officer;
    late.detail = "4";
    Effect fx;
    fx.events.push_back(late);
    run << fx;
    run << run.engine.issue(service, Priority::none, wednesday + 9 * 60 * minute, true);  // the day goes on
    CHECK(digested_days(file.path) == std::vector<std::string>{"2026-11-30"});
    const auto with_late = run.from_log_only(metrics::GroupBy::service, "2026-11-30", "2026-12-02", file.path);
    int ratings = 0;
    for (const auto& row : with_late.at("rows"))
        if (row.at("key") == service) ratings = row.at("ratings").get<int>();
    CHECK(ratings == 1);
    CHECK(run.from_file(metrics::GroupBy::service, "2026-11-30", "2026-12-02", file.path) == with_late);
    run << run.engine.roll_over(thursday + 7 * 60 * minute);
    CHECK(digested_days(file.path) == std::vector<std::string>{"2026-11-30"});
    for (auto by : {metrics::GroupBy::officer, metrics::GroupBy::service})
        CHECK(run.from_file(by, "2026-11-30", "2026-12-02", file.path) ==
              run.from_log_only(by, "2026-11-30", "2026-12-02", file.path));
}

TEST_CASE("day digests: a cut or damaged digest is refused, not misread", "[metrics][store]") {
    metrics::LoggedEvent a, b;
    a.seq = 41;
    a.event = {"ticket_issued", 1'764'460'800'000, "2026-11-30", TicketId(7), "KTP", 0, "", "none"};
    b.seq = 42;
    b.event = {"ticket_called", 1'764'461'100'000, "2026-11-30", TicketId(7), "KTP", 3, "198003152006041001", ""};
    b.label = "A-001";
    b.estimated_wait_s = 240;
    b.estimated_call_from = 1'764'460'900'000;
    b.estimated_call_to = 1'764'461'400'000;
    const std::string data = day_digest::encode({a, b});
    std::vector<metrics::LoggedEvent> back;
    CHECK(day_digest::decode(data, [&](const metrics::LoggedEvent& e) { back.push_back(e); }) == 2);
    REQUIRE(back.size() == 2);
    CHECK(back[1].event == b.event);
    CHECK(back[1].label == "A-001");
    CHECK(back[1].estimated_call_to == b.estimated_call_to);
    CHECK_FALSE(back[0].estimated_wait_s);
    const auto ignore = [](const metrics::LoggedEvent&) {};
    for (std::size_t n = 0; n < data.size(); ++n) {
        INFO("cut to " << n << " bytes");
        CHECK_THROWS_AS(day_digest::decode(data.substr(0, n), ignore), std::runtime_error);
    }
    CHECK_THROWS_AS(day_digest::decode(data + "x", ignore), std::runtime_error);
}

TEST_CASE("summaries of many durations in any order: mean, median and p90 of the values sorted", "[metrics]") {
    // Waits of 1..n minutes (plus seconds) in a shuffled order of calls, one service.
    OfficeConfig config = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    const OfficeCalendar calendar(config.time_zone);
    const Millis opening = calendar.day_start("2026-11-30") + 8 * 60 * minute;
    const std::string service = config.services.front().code;
    std::mt19937 rng(7);
    for (int n : {1, 2, 3, 10, 11, 997}) {
        std::vector<metrics::LoggedEvent> log;
        std::vector<Millis> waits;
        std::uniform_int_distribution<Millis> spread(0, 400 * minute);
        for (int i = 0; i < n; ++i) {
            metrics::LoggedEvent issued, called;
            issued.event = {"ticket_issued", opening, "2026-11-30", TicketId(i + 1), service, 0, "", "none"};
            const Millis wait = spread(rng);
            called.event = {
                "ticket_called", opening + wait, "2026-11-30", TicketId(i + 1), service, 1, "198003152006041001", ""};
            log.push_back(issued);
            log.push_back(called);
            waits.push_back(wait);
        }
        // Calls in an order unrelated to the waits.
        std::stable_partition(log.begin(), log.end(), [](const auto& le) { return le.event.type == "ticket_issued"; });
        std::shuffle(log.begin() + n, log.end(), rng);
        const auto rows = metrics::compute(log, config.services, metrics::GroupBy::office, calendar,
                                           calendar.day_start("2026-11-30"), opening + 500 * minute);
        REQUIRE(rows.size() == 1);
        std::sort(waits.begin(), waits.end());
        double sum = 0;
        for (Millis w : waits) sum += double(w);
        const auto& wait = rows[0].wait;
        CHECK(wait.count == std::size_t(n));
        CHECK(*wait.median_s == double(waits[std::size_t(n + 1) / 2 - 1]) / 1000.0);
        CHECK(*wait.p90_s == double(nearest_rank(waits, 90)) / 1000.0);
        CHECK(*wait.mean_s == sum / n / 1000.0);
    }
}

}  // namespace report_read_test
