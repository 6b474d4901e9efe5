// The subcommands of antre-bench and their options. options.cpp reads the command
// line into these structs (with CLI11, checking every number); each mode runs and
// returns a Report that main() prints as a table or as JSON.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "report.hpp"
#include "target.hpp"

namespace antre::bench {

struct BaselineOptions {
    long syncs = 1000;
    long commits = 1000;
};

struct ClosedOptions {
    long clients = 50;
    long ops = 20000;
    std::string mix = "issue";  ///< issue | call
    bool verify = false;
    bool keyed = false;  ///< every write carries a retry key, as the kiosk and counter programs send
};

struct OpenOptions {
    double rate = 100;
    double seconds = 30;
    long kiosks = 4;
    long counters = 6;
    double busy = 0.85;
    long seed = 1;
    bool verify = false;
};

/// fanout (displays) and idle (connections): a fleet of subscribed connections and calls to them.
struct FleetOptions {
    long connections = 0;
    long calls = 0;
    long io_threads = 1;
    double settle_s = 2;  ///< idle only
    /// The displays' threads at the idle priority ("idle") or as any program ("normal").
    std::string displays_priority = "idle";
};

/// crowd: phones following their tickets over SSE while kiosks issue and a counter calls.
struct CrowdOptions {
    long phones = 2000;
    long kiosks = 4;
    double issue_rate = 2;  ///< issues per second, per kiosk
    long calls = 60;
    double call_gap_s = 0.25;  ///< the counter's pause after each finish
    long io_threads = 1;
    /// The phones' threads at the idle priority ("idle") or as any program ("normal").
    std::string phones_priority = "idle";
};

struct HostileOptions {
    long requests = 2000;
    long half_lines = 200;
    std::string kinds = "flood,long,garbage,half";
};

struct YearOptions {
    long tickets = 500'000;
    long days = 250;
    long counters = 30;
    std::string db;  ///< empty: year.db under --dir
    long seed = 1;
    /// Reads the reports of the database an earlier run wrote (same --tickets, --days,
    /// --counters and --seed) instead of writing it again.
    bool reuse = false;
};

/// idle-clients: the SDL programs' CPU while nothing happens.
struct IdleClientsOptions {
    double seconds = 30;
    double settle_s = 3;  ///< after the start, before the CPU time is read
    std::string clients = "display,kiosk,counter";
    std::string render_driver = "software";  ///< SDL_RENDER_DRIVER
    std::string bin_dir;                     ///< where antre-display, antre-kiosk, antre-counter are
};

/// estimate: the forward estimate of a busy office's whole queue, in-process.
struct EstimateOptions {
    long waiting = 240;  ///< tickets waiting when the timing starts
    long changes = 300;  ///< changes, each followed by one timed estimate
    long runs = 24;      ///< forward runs per estimate
    std::string rule = "config";
    long seed = 1;
    /// Give the runs a learned table (ForwardOptions::learned: 200 holding times per
    /// service), as the server does from its history.
    bool learned = false;
    /// Give the runs the config's break roster of the day (ForwardOptions::pauses), as
    /// the server does.
    bool roster = false;
};

/// hub: antre-hub on PostgreSQL with many offices (bench/hub.cpp).
struct HubBenchOptions {
    std::string db;            ///< libpq connection string of an empty database; empty: an own cluster
    long offices = 8;          ///< offices shipping their month at once
    long days = 22;            ///< office days in the month each ships
    long tickets = 2000;       ///< tickets a day (a busy office: some 10,000 events)
    long counters = 30;        ///< the busy office's counters
    long batch = 2000;         ///< events per ship, as an office sends
    long catchups = 3;         ///< catch-ups of a busy day, one after another
    long report_offices = 50;  ///< offices in the month's report
    long report_runs = 3;      ///< times each report is computed
    long seed = 1;
    bool keep = false;  ///< leave the folder (databases, cluster) behind
};

/// rush: the opening of online booking, with a kiosk and a counter at work.
struct RushOptions {
    long attempts = 10000;
    double seconds = 60;  ///< the attempts are spread evenly over this long
    long places = 300;
    double quiet_seconds = 20;  ///< the kiosk and counter alone, before the rush
    double kiosk_rate = 5;      ///< issues per second
    double counter_rate = 4;    ///< calls per second (each then finished)
    long workers = 200;         ///< citizens' requests in flight at most
    bool check_targets = true;  ///< booking p99 <= 500 ms, kiosk and counter p99 <= 2x quiet
};

struct SummaryOptions {
    std::vector<std::string> files;
    bool markdown = false;
};

/// One checked antre-bench command line.
struct BenchCommandLine {
    std::string mode;
    bool json = false;
    /// The server (and for baseline and year the disk, --dir) every mode runs against.
    TargetOptions target;
    BaselineOptions baseline;
    ClosedOptions closed;
    OpenOptions open;
    FleetOptions fanout{1000, 200};
    FleetOptions idle{10000, 5};
    CrowdOptions crowd;
    HostileOptions hostile;
    YearOptions year;
    IdleClientsOptions idle_clients;
    EstimateOptions estimate;
    HubBenchOptions hub;
    RushOptions rush;
    SummaryOptions summary;
};

/// Reads argv. A command line to carry out, or the exit status after the help (0)
/// or a usage error (2) was printed.
std::variant<BenchCommandLine, int> read_bench_command_line(int argc, char** argv);

/// The machine's bare limits on the disk of --dir: fdatasync latency and single-row SQLite commits.
Report run_baseline(const BaselineOptions& o, const std::string& dir);
/// N kiosks (or counters) issuing (or calling) as fast as the replies come.
Report run_closed(const ClosedOptions& o, TargetOptions target);
/// Poisson arrivals at a given rate and counters with realistic service times.
Report run_open(const OpenOptions& o, TargetOptions target);
/// How long a call takes to reach each of K subscribed displays.
Report run_fanout(const FleetOptions& o, TargetOptions target);
/// Thousands of subscribed, idle connections: the server's memory, and calls still arriving.
Report run_idle(const FleetOptions& o, TargetOptions target);
/// Kiosks and a counter on the quiet server, then with thousands of phones following their tickets.
Report run_crowd(const CrowdOptions& o, TargetOptions target);
/// A kiosk's latency alone, then while hostile connections misbehave.
Report run_hostile(const HostileOptions& o, TargetOptions target);
/// Fills a database with a year of a busy office, then times the restart on it.
Report run_year(const YearOptions& o, const std::string& dir);
/// Each SDL client program alone under the offscreen video driver: its CPU in % of one core.
Report run_idle_clients(const IdleClientsOptions& o, TargetOptions target);
/// The forward estimate of every waiting ticket of a busy office, timed after each change.
Report run_estimate(const EstimateOptions& o, const std::string& config_path);
/// Many offices shipping into antre-hub on PostgreSQL; a day's catch-up; a month's report across offices.
Report run_hub(const HubBenchOptions& o, const std::string& dir);
/// The opening rush of online booking: exactly --places accepted, the rest "penuh", and the floor's p99.
Report run_rush(const RushOptions& o, TargetOptions target);
/// Reads the JSON of earlier runs and prints the headline figures with their ratios; returns the exit code.
int run_summary(const SummaryOptions& o);

}  // namespace antre::bench
