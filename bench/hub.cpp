// The hub at scale (docs/hub.md "Scale"): a busy office's month written through the
// real engine and store, then shipped to a real antre-hub (in this process, on a
// loopback port) backed by PostgreSQL with fsync on:
//   1. ingest: several offices ship the month at once over the shipping protocol,
//      the ship lines read beforehand from the office's database as the shipper
//      reads them, so the clients cost little and the hub and PostgreSQL are measured;
//   2. catch-up: the real office shipper on a busy day's database, timed from its
//      start to the hub's ack of the day's last event;
//   3. a month's report by office across `report_offices` offices, as the hub's
//      `report` op answers it: the pass that computes closed months ahead of reads
//      keeps each office's month, then the first read and the next ones find it kept
//      (the months of the offices beyond the ingest ones copied inside PostgreSQL
//      from the first).
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "antre/hub_link.hpp"
#include "busy_office.hpp"
#include "hub_ahead.hpp"
#include "hub_reports.hpp"
#include "hub_server.hpp"
#include "hub_shipper.hpp"
#include "hub_store.hpp"
#include "modes.hpp"
#include "office_state.hpp"
#include "password.hpp"
#include "pg_cluster.hpp"
#include "sqlite.hpp"

namespace antre::bench {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string office_name(long i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "bench-%03ld", i);
    return buf;
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU seconds of this process (the hub and the clients) and, with a postmaster pid,
// of PostgreSQL's ended backends (the postmaster's children's times, counted as it
// reaps them): the machine is shared, so the wall time alone says little.
struct Cpu {
    double process = 0, backends = 0;
};

Cpu cpu_seconds(int postmaster) {
    rusage self{};
    ::getrusage(RUSAGE_SELF, &self);
    Cpu cpu;
    cpu.process = static_cast<double>(self.ru_utime.tv_sec + self.ru_stime.tv_sec) +
                  static_cast<double>(self.ru_utime.tv_usec + self.ru_stime.tv_usec) / 1e6;
    if (postmaster <= 0) return cpu;
    std::ifstream in("/proc/" + std::to_string(postmaster) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::vector<double> f;
    for (std::string x; fields >> x;) f.push_back(std::strtod(x.c_str(), nullptr));
    // After the name: state is field 3, utime..cstime are fields 14..17 (proc(5)).
    if (f.size() >= 15) cpu.backends = (f[11] + f[12] + f[13] + f[14]) / static_cast<double>(::sysconf(_SC_CLK_TCK));
    return cpu;
}

// What an office sends for its month: its state, then every batch, as request lines.
struct Shipment {
    std::string state_line;
    std::vector<std::string> ship_lines;
    std::int64_t last_seq = 0;
    std::size_t events = 0;
};

Shipment read_shipment(const std::string& db_path, const OfficeConfig& office, long batch) {
    Shipment s;
    sql::Database db(db_path, true);
    json state = read_office_state(db, office.office_name, office.time_zone);
    s.state_line = json{{"id", 2}, {"op", "state"}, {"state", state}}.dump();
    for (std::int64_t id = 3;; ++id) {
        json b = read_ship_batch(db, s.last_seq, static_cast<std::size_t>(batch));
        const auto& events = b.at("events");
        if (events.empty()) break;
        s.events += events.size();
        s.last_seq = events.back().at("seq").get<std::int64_t>();
        b["id"] = id;
        b["op"] = "ship";
        s.ship_lines.push_back(b.dump());
    }
    return s;
}

json ask(hub_link::Line& line, const std::string& request) {
    json reply = json::parse(line.ask(request));
    if (reply.value("ok", false) != true) throw std::runtime_error("the hub refused: " + reply.dump());
    return reply;
}

// One office's connection shipping its month; the batches' round trips in `latency`.
void ship_month(unsigned short port, const std::string& office, const std::string& secret, const Shipment& s,
                Samples& latency, std::string& problem) {
    try {
        hub_link::Line line({"127.0.0.1", std::to_string(port), false}, "", 64 * 1024);
        ask(line, json{{"id", 1}, {"op", "hello"}, {"office", office}, {"secret", secret}}.dump());
        ask(line, s.state_line);
        std::int64_t acked = 0;
        for (const auto& l : s.ship_lines) {
            const auto t0 = Clock::now();
            acked = ask(line, l).at("acked_seq").get<std::int64_t>();
            latency.add(Clock::now() - t0);
        }
        if (acked != s.last_seq)
            problem = office + ": acked " + std::to_string(acked) + ", shipped up to " + std::to_string(s.last_seq);
    } catch (const std::exception& e) {
        problem = office + ": " + e.what();
    }
}

// The first office's month copied to `office` inside PostgreSQL (report data, not ingest).
void copy_office(pg::Connection& c, const std::string& from, const std::string& office) {
    const std::vector<std::optional<std::string>> p{from, office};
    pg::Transaction t(c);
    c.exec(
        "UPDATE offices SET (acked_seq, acked_day) = (SELECT acked_seq, acked_day FROM offices WHERE office_id = $1) "
        "WHERE office_id = $2",
        p);
    c.exec(
        "INSERT INTO office_months (office_id, month, version) SELECT $2, month, version FROM office_months "
        "WHERE office_id = $1",
        p);
    c.exec(
        "INSERT INTO events (office_id, seq, at_ms, day, type, ticket, service, counter, officer, detail) "
        "SELECT $2, seq, at_ms, day, type, ticket, service, counter, officer, detail FROM events WHERE office_id = $1",
        p);
    c.exec(
        "INSERT INTO tickets (office_id, id, label, estimated_wait_s, called_at, service_started_at, as_of_seq) "
        "SELECT $2, id, label, estimated_wait_s, called_at, service_started_at, as_of_seq FROM tickets "
        "WHERE office_id = $1",
        p);
    c.exec("INSERT INTO office_state (office_id, state) SELECT $2, state FROM office_state WHERE office_id = $1", p);
    t.commit();
}

}  // namespace

Report run_hub(const HubBenchOptions& o, const std::string& dir) {
    Report r;
    r.mode = "hub";
    r.title = std::to_string(o.offices) + " offices shipping a busy month at once into antre-hub on PostgreSQL, a " +
              "busy day's catch-up, a month's report by office across " + std::to_string(o.report_offices) + " offices";
    r.params = {{"offices", o.offices},
                {"days", o.days},
                {"tickets_per_day", o.tickets},
                {"batch", o.batch},
                {"seed", o.seed},
                {"report_offices", o.report_offices},
                {"report_runs", o.report_runs},
                {"db", o.db.empty() ? "own cluster" : "given"}};
    const fs::path folder = fs::path(dir) / "hub-bench";
    fs::create_directories(folder);
    // Removed last, after the hub and the cluster (declared after it) are gone.
    struct Cleanup {
        fs::path folder;
        bool keep;
        ~Cleanup() {
            std::error_code ignored;
            if (!keep) fs::remove_all(folder, ignored);
        }
    } cleanup{folder, o.keep};

    // The office's month and a day of it, through the real engine and store.
    const OfficeConfig office = busy_office(o.counters);
    const std::string month_db = (folder / "office-month.db").string();
    const std::string day_db = (folder / "office-day.db").string();
    write_busy_office(month_db, office, o.days, o.tickets, o.seed);
    write_busy_office(day_db, office, 1, o.tickets, o.seed + 1);
    const Shipment month = read_shipment(month_db, office, o.batch);
    const Shipment day = read_shipment(day_db, office, o.batch);

    std::unique_ptr<test::PgCluster> cluster;
    std::string conninfo = o.db;
    if (conninfo.empty()) {
        cluster = std::make_unique<test::PgCluster>(test::PgClusterOptions{folder, true});
        conninfo = cluster->conninfo();
    }
    r.server = "antre-hub in-process on 127.0.0.1, PostgreSQL " +
               std::string(o.db.empty() ? "15, own cluster under " + folder.string() +
                                              " (fsync on, shared_buffers 512MB, max_wal_size 4GB)"
                                        : "given by --db");
    hub::HubStore store(conninfo);
    if (!store.offices().empty()) throw std::invalid_argument("--db must be an empty database (it holds offices)");
    const std::string secret = password::new_token();
    const std::string hash = password::hash_pin(secret);
    const long total = std::max(o.offices, o.report_offices);
    for (long i = 1; i <= total; ++i) store.put_office(office_name(i), hash);
    for (long i = 1; i <= o.catchups; ++i) store.put_office("catchup-" + std::to_string(i), hash);

    hub::HubServer server({conninfo, "127.0.0.1", 0, "", "", 1024});
    std::thread hub_thread([&] { server.run(); });
    struct StopHub {
        hub::HubServer& s;
        std::thread& t;
        ~StopHub() {
            s.stop();
            t.join();
        }
    } stop_hub{server, hub_thread};

    // 1. Ingest: every office at once.
    {
        std::vector<Samples> latency(static_cast<std::size_t>(o.offices));
        std::vector<std::string> problems(static_cast<std::size_t>(o.offices));
        std::vector<std::thread> threads;
        const int postmaster = cluster ? cluster->server_pid() : 0;
        const Cpu cpu0 = cpu_seconds(postmaster);
        const auto t0 = Clock::now();
        for (long i = 0; i < o.offices; ++i) {
            const auto k = static_cast<std::size_t>(i);
            threads.emplace_back(
                [&, i, k] { ship_month(server.port(), office_name(i + 1), secret, month, latency[k], problems[k]); });
        }
        for (auto& t : threads) t.join();
        const double wall = seconds_since(t0);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the backends end and are reaped
        const Cpu cpu1 = cpu_seconds(postmaster);
        const double process = cpu1.process - cpu0.process, backends = cpu1.backends - cpu0.backends;
        const double cpu = process + backends;
        Samples all;
        for (const auto& l : latency) all.merge(l);
        for (const auto& p : problems)
            if (!p.empty()) r.problems.push_back("ingest: " + p);
        r.add_row("ingest: one ship of " + std::to_string(o.batch) + " events (round trip)", all, 0, wall);
        const double events = static_cast<double>(month.events) * static_cast<double>(o.offices);
        r.add_figure("ingest: events stored", events, "events");
        r.add_figure("ingest: events per second, all offices", events / wall, "events/s");
        if (postmaster > 0) {
            r.add_figure("ingest: CPU per event, hub and PostgreSQL backends", cpu / events * 1e6, "us");
            r.add_figure("ingest: CPU per event, of it the bench's process (hub and clients)", process / events * 1e6,
                         "us");
            r.add_figure("ingest: CPU per event, of it PostgreSQL's backends", backends / events * 1e6, "us");
            r.add_figure("ingest: events per second on 2 cores of its own (from the CPU per event)", 2 * events / cpu,
                         "events/s");
        }
        pg::Connection c(conninfo);
        auto n = c.exec("SELECT count(*) FROM events");
        if (std::stod(n.get(0, 0)) != events)
            r.problems.push_back("ingest: the hub holds " + n.get(0, 0) + " events, not " + std::to_string(events));
        auto size = c.exec(
            "SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits "
            "WHERE inhparent = 'events'::regclass");
        r.add_figure("events tables with indexes, per event", std::stod(size.get(0, 0)) / events, "bytes");
    }

    // 2. Catch-up: a busy day's database, the real shipper, timed to the last ack.
    {
        Samples catchup;
        for (long i = 1; i <= o.catchups; ++i) {
            HubShipOptions ship;
            ship.url = "tcp://127.0.0.1:" + std::to_string(server.port());
            ship.office_id = "catchup-" + std::to_string(i);
            ship.secret = secret;
            ship.office_name = office.office_name;
            ship.time_zone = office.time_zone;
            fs::remove(day_db + ".hub-ack");
            const auto t0 = Clock::now();
            HubShipper shipper(day_db, ship);
            while (shipper.acked() < day.last_seq) {
                if (seconds_since(t0) > 600) throw std::runtime_error("catch-up: no ack of the whole day in 600 s");
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            catchup.add(Clock::now() - t0);
        }
        r.add_row("catch-up: a day's " + std::to_string(day.events) + " events, shipper start to last ack", catchup, 0,
                  0);
    }

    // 3. A month's report by office across report_offices offices.
    {
        // Each office's first event of January: its ack passes December's end, so
        // December is computed ahead (docs/hub.md "Months kept").
        hub::ShippedEvent january;
        january.event.at = OfficeCalendar(office.time_zone).day_start("2026-01-05") + 8 * 3'600'000;
        january.event.day = "2026-01-05";
        january.event.type = "ticket_issued";
        january.event.ticket = 1'000'000'000;
        january.event.service = office.services.front().code;
        january.event.detail = "none";
        for (long i = 1; i <= o.offices; ++i) {
            january.seq = store.acked_seq(office_name(i)) + 1;
            store.store_events(office_name(i), {january});
        }
        pg::Connection c(conninfo);
        const auto t0 = Clock::now();
        for (long i = o.offices + 1; i <= o.report_offices; ++i) copy_office(c, office_name(1), office_name(i));
        c.exec("ANALYZE");
        r.add_figure("report data: months copied inside PostgreSQL", seconds_since(t0), "s");
        std::vector<std::string> ids;
        for (long i = 1; i <= o.report_offices; ++i) ids.push_back(office_name(i));
        const json request = {{"by", "office"}, {"from", "2025-12-01"}, {"to", "2025-12-31"}, {"offices", ids}};
        const json one = {{"by", "service"}, {"from", "2025-12-01"}, {"to", "2025-12-31"}, {"offices", {ids[0]}}};
        const Millis now =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        hub::Figures figures(store, std::nullopt, now);
        // The month is closed: the first read of one office computes its figures from its
        // events and keeps them; then the pass that runs on its own thread in antre-hub
        // computes every office's month ahead of any read (docs/hub.md "Months kept"),
        // and the first read across the offices finds them kept, as the next reads do.
        Samples single, ahead, cold, warm;
        auto t1 = Clock::now();
        figures.run("report", one);
        single.add(Clock::now() - t1);
        std::map<std::string, std::string> seen;
        t1 = Clock::now();
        const std::size_t kept = hub::MonthsAhead::pass(store, now, seen);
        ahead.add(Clock::now() - t1);
        const std::size_t expected =
            hub::Figures::ahead_kinds().size() * static_cast<std::size_t>(o.report_offices) - 1;
        if (kept != expected)
            r.problems.push_back("months ahead: kept " + std::to_string(kept) + " replies, not " +
                                 std::to_string(expected));
        hub::Figures reader(store, std::nullopt, now);
        t1 = Clock::now();
        const json first = reader.run("report", request);
        cold.add(Clock::now() - t1);
        if (reader.replays() != 0)
            r.problems.push_back("report: the first read after the pass replayed " + std::to_string(reader.replays()) +
                                 " offices");
        json reply;
        for (long run = 0; run < o.report_runs; ++run) {
            t1 = Clock::now();
            reply = reader.run("report", request);
            warm.add(Clock::now() - t1);
        }
        if (reply != first) r.problems.push_back("report: the kept figures differ from the first read's");
        r.add_row("report: a month of one office by service, first read (computed from the events, kept)", single, 0,
                  0);
        r.add_row(
            "months ahead: one pass over " + std::to_string(o.report_offices) +
                " offices, each closed month's report by office, by service, IKM and officer sheets computed and kept",
            ahead, 0, 0);
        r.add_figure("months ahead: replies kept by the pass", static_cast<double>(kept), "replies");
        r.add_row("report: a month by office across " + std::to_string(o.report_offices) +
                      " offices, first read after the pass (kept, nothing replayed)",
                  cold, 0, 0);
        r.add_row("report: the same, next reads (kept)", warm, 0, 0);
        r.add_figure("report: events read per office", static_cast<double>(month.events), "events");
        // Every office holds the same month: every row must be the first one's.
        const auto& rows = reply.at("rows");
        if (rows.size() != static_cast<std::size_t>(o.report_offices))
            r.problems.push_back("report: " + std::to_string(rows.size()) + " rows");
        for (const auto& row : rows) {
            json a = row, b = rows.at(0);
            a.erase("key");
            b.erase("key");
            if (a != b) r.problems.push_back("report: the row of " + row.value("key", "?") + " differs from the first");
            if (row.value("served", 0) == 0) r.problems.push_back("report: nothing served at " + row.value("key", "?"));
        }
    }
    return r;
}

}  // namespace antre::bench
