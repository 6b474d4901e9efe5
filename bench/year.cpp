// A year of a busy office, written through the real engine and store: every
// ticket with its events (issued, called, recalled, started, finished, no-shows,
// transfers, expiries), one group commit per office day. Then the restart is
// timed: opening the database and restoring the engine, as antre-server does.
#include <algorithm>
#include <filesystem>
#include <random>
#include <stdexcept>

#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "busy_office.hpp"
#include "engine.hpp"
#include "metrics.hpp"
#include "modes.hpp"
#include "sqlite.hpp"
#include "store.hpp"

namespace antre::bench {

namespace fs = std::filesystem;

namespace {

constexpr Millis minute = 60'000;

struct CounterWork {
    int number = 0;
    Millis free_at = 0;  // when its officer can call the next ticket
};

// One office day: arrivals spread over the opening hours, six counters calling in
// turn with service times drawn around each service's standard.
std::vector<Effect> simulate_day(Engine& engine, Millis opening, int tickets, std::mt19937& rng) {
    std::vector<Effect> effects;
    const auto& services = engine.state().services;
    std::discrete_distribution<std::size_t> pick_service({30, 20, 15, 5, 15, 15});
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const Millis day_length = 7 * 60 * minute;
    std::vector<Millis> arrivals;
    for (int i = 0; i < tickets; ++i) arrivals.push_back(opening + static_cast<Millis>(unit(rng) * day_length));
    std::sort(arrivals.begin(), arrivals.end());

    std::vector<CounterWork> counters;
    for (const auto& c : engine.state().counters) {
        counters.push_back({c.config.number, opening});
        effects.push_back(engine.login(c.config.number, "19800101200601" + std::to_string(1000 + c.config.number),
                                       opening - 10 * minute));
    }
    std::size_t next_arrival = 0;
    auto issue_until = [&](Millis t) {
        while (next_arrival < arrivals.size() && arrivals[next_arrival] <= t) {
            const auto& s = services[pick_service(rng) % services.size()].def;
            const Priority p = unit(rng) < 0.08 ? Priority::lansia : Priority::none;
            effects.push_back(engine.issue(s.code, p, arrivals[next_arrival], true));
            ++next_arrival;
        }
    };
    const Millis closing = opening + day_length + 60 * minute;
    while (true) {
        auto& c = *std::min_element(counters.begin(), counters.end(),
                                    [](const CounterWork& a, const CounterWork& b) { return a.free_at < b.free_at; });
        if (c.free_at >= closing) break;
        issue_until(c.free_at);
        try {
            const Effect called = engine.call_next(c.number, c.free_at);
            const Ticket& t = *engine.find_ticket(*called.ticket);
            const int standard = engine.find_service(t.service)->def.max_service_minutes;
            effects.push_back(called);
            Millis at = c.free_at + static_cast<Millis>(unit(rng) * minute);  // the walk to the counter
            const double roll = unit(rng);
            if (roll < 0.04) {
                effects.push_back(engine.recall(c.number, at));
                effects.push_back(engine.no_show(c.number, at + minute));
                c.free_at = at + minute;
                continue;
            }
            effects.push_back(engine.start(c.number, at));
            at += static_cast<Millis>(std::exponential_distribution<double>(1.0 / (standard * 0.25))(rng) * minute);
            if (roll < 0.06 && t.transfers == 0) {
                // Sent on to the next service in the list (e.g. KK after KTP-el).
                const auto here = std::find_if(services.begin(), services.end(),
                                               [&](const ServiceState& st) { return st.def.code == t.service; });
                const auto to = std::next(here) == services.end() ? services.begin() : std::next(here);
                effects.push_back(engine.transfer(c.number, to->def.code, at));
            } else {
                effects.push_back(engine.finish(c.number, at));
            }
            c.free_at = at;
        } catch (const Refusal&) {
            c.free_at += minute;  // nobody waiting for this counter yet
        }
    }
    for (const auto& c : engine.state().counters)
        if (!c.active && c.state != CounterState::closed) effects.push_back(engine.logout(c.config.number, closing));
    return effects;
}

}  // namespace

OfficeConfig busy_office(long counters) {
    OfficeConfig office = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    // A busy office: some 2,000 citizens a day need more than Sorong's six counters,
    // so this one has 30, each serving every service in its own order of preference.
    for (auto& s : office.services) s.daily_quota = 0;
    office.counters.clear();
    for (int n = 1; n <= counters; ++n) {
        CounterConfig c{n, "Loket " + std::to_string(n), {}};
        for (std::size_t i = 0; i < office.services.size(); ++i)
            c.services.push_back(office.services[(static_cast<std::size_t>(n) + i) % office.services.size()].code);
        office.counters.push_back(c);
    }
    return office;
}

Samples write_busy_office(const std::string& db, const OfficeConfig& office, long days, long tickets_per_day,
                          long seed) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
    if (const auto dir = fs::path(db).parent_path(); !dir.empty()) fs::create_directories(dir);
    std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));
    const OfficeCalendar calendar(office.time_zone);
    // Working days from Monday 2025-12-01, 08:00 WIT.
    Millis day = calendar.day_start("2025-12-01");
    Samples day_commits;
    Store store(db);
    Engine engine(office, day);
    store.apply(engine.everything());
    for (long d = 0; d < days; ++d) {
        while (calendar.local(day).weekday == 0 || calendar.local(day).weekday == 6) day = calendar.next_day_start(day);
        std::vector<Effect> effects{engine.roll_over(day + 7 * 60 * minute)};
        auto rest = simulate_day(engine, day + 8 * 60 * minute, static_cast<int>(tickets_per_day), rng);
        effects.insert(effects.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
        const auto t0 = Clock::now();
        store.apply(effects);  // one durable commit for the whole day
        day_commits.add(Clock::now() - t0);
        day = calendar.next_day_start(day);
    }
    return day_commits;
}

Report run_year(const YearOptions& o, const std::string& folder) {
    const long long total = o.tickets;
    const long long days = o.days;
    const std::string db = o.db.empty() ? (fs::path(folder) / "year.db").string() : o.db;
    const long long seed = o.seed;
    const OfficeConfig office = busy_office(o.counters);
    const auto counters = o.counters;

    Report report;
    report.mode = "year";
    report.title = "a year of a busy office: " + std::to_string(total) + " tickets over " + std::to_string(days) +
                   " office days, then the restart";
    report.params = {{"tickets", total}, {"days", days}, {"counters", counters}, {"db", db}, {"seed", seed}};
    const OfficeCalendar calendar(office.time_zone);
    if (o.reuse) {
        if (!fs::exists(db)) throw std::runtime_error("--reuse: no database " + db + " from an earlier run");
    } else {
        const auto start = Clock::now();
        const Samples day_commits = write_busy_office(db, office, o.days, o.tickets / o.days, o.seed);
        report.add_figure("generation time", std::chrono::duration<double>(Clock::now() - start).count(), "s");
        report.add_row("commit of one office day", day_commits, 0, 0);
    }

    // The restart: what antre-server does before it serves (open, migrate, load,
    // index), timed five times on the cold-opened file.
    Samples restarts;
    std::size_t restored = 0;
    for (int i = 0; i < 5; ++i) {
        const auto t0 = Clock::now();
        Store store(db);
        Engine engine(office, store.load());
        restarts.add(Clock::now() - t0);
        restored = engine.state().tickets.size();
    }
    report.add_row("restart: open the store and restore the engine", restarts, 0, 0);

    // A manager's monthly report: the same store scan and metrics code as the
    // `report` op (events streamed into an Accumulator), over the first full month.
    Samples reports, report_reads;
    std::size_t report_rows = 0, report_events = 0;
    {
        Store store(db);
        const Millis until = calendar.day_start("2026-02-01");
        for (int i = 0; i < 5; ++i) {
            // The read alone (events kept), then the read feeding the report as the op does.
            const auto t0 = Clock::now();
            const auto events = store.events_between("2026-01-01", "2026-01-31");
            report_reads.add(Clock::now() - t0);
            report_events = events.size();
            const auto t1 = Clock::now();
            metrics::Accumulator acc(office.services, metrics::GroupBy::officer, calendar,
                                     calendar.day_start("2026-01-01"));
            store.for_each_event("2026-01-01", "2026-01-31", [&](const metrics::LoggedEvent& e) { acc.add(e); });
            report_rows = acc.finish(until).size();
            reports.add(Clock::now() - t1);
        }
    }
    // The longest period one request may cover: the whole year, by service; read as the
    // report op reads it (the closed days' digests), and once from the event log alone,
    // untimed, which must give the same figures.
    Samples year_reports;
    std::size_t year_events = 0;
    {
        Store store(db);
        const Millis until = calendar.day_start("2027-01-01");
        auto year = [&](EventSource source) {
            metrics::Accumulator acc(office.services, metrics::GroupBy::service, calendar,
                                     calendar.day_start("2026-01-01"));
            year_events = store.for_each_event(
                "2026-01-01", "2026-12-31", [&](const metrics::LoggedEvent& e) { acc.add(e); }, source);
            return acc.finish(until);
        };
        std::vector<metrics::Row> rows;
        for (int i = 0; i < 3; ++i) {
            const auto t0 = Clock::now();
            rows = year(EventSource::digests);
            year_reports.add(Clock::now() - t0);
            if (rows.empty()) throw std::runtime_error("the year report has no rows");
        }
        const auto from_log = year(EventSource::log);
        const auto same = [](const metrics::Row& a, const metrics::Row& b) {
            return metrics::to_json(a) == metrics::to_json(b);
        };
        if (!std::equal(rows.begin(), rows.end(), from_log.begin(), from_log.end(), same))
            throw std::runtime_error("the year report read through the day digests differs from the log's");
    }
    // The first close after an upgrade from schema version 11, which has no day digests:
    // the commit that closes the next day writes every closed day's digest. Timed once on
    // a copy of the file with its digests removed.
    {
        const std::string copy = db + ".upgrade";
        auto remove_copy = [&] {
            for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(copy + suffix);
        };
        remove_copy();
        sql::backup(db, copy);
        std::string last_day;
        {
            sql::Database file(copy);
            file.exec("DELETE FROM day_digests");
            sql::Statement q(file, "SELECT max(day) FROM events");
            if (q.step()) last_day = q.text(0);
        }
        Samples upgrade_close;
        {
            Store store(copy);
            Effect close;
            Event started;
            started.type = "day_started";
            started.at = calendar.next_day_start(calendar.day_start(last_day));
            started.day = calendar.day_of(started.at);
            started.detail = started.day;
            close.events.push_back(started);
            const auto t0 = Clock::now();
            store.apply(close);
            upgrade_close.add(Clock::now() - t0);
        }
        remove_copy();
        report.add_row("the first close after an upgrade: every closed day's digest written", upgrade_close, 0, 0);
    }
    report.add_row("report: one month by officer", reports, 0, 0);
    report.add_row("report: the month's events read and kept, no metrics", report_reads, 0, 0);
    report.add_row("report: the whole year by service", year_reports, 0, 0);
    report.add_figure("tickets written", static_cast<double>(total / days * days), "tickets");
    report.add_figure("database size", static_cast<double>(fs::file_size(db)) / (1024.0 * 1024.0), "MB");
    report.add_figure("tickets restored into memory", static_cast<double>(restored), "tickets");
    report.add_figure("officers in the monthly report", static_cast<double>(report_rows), "rows");
    report.add_figure("events in the monthly report", static_cast<double>(report_events), "events");
    report.add_figure("events in the year's report", static_cast<double>(year_events), "events");
    return report;
}

}  // namespace antre::bench
