// antre-bench's modes and options, declared once for CLI11: the parser checks
// every number and writes each mode's --help (with its defaults) from them.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <CLI/CLI.hpp>

#include "antre/command_line.hpp"
#include "antre/protocol.hpp"
#include "estimate.hpp"
#include "modes.hpp"

namespace antre::bench {
namespace {

using command_line::whole;

// A number (fractions allowed) above `lo`, or from `lo` when `inclusive`.
CLI::Validator number_from(double lo, bool inclusive) {
    std::ostringstream bound;
    bound << lo;
    const std::string what = (inclusive ? "a number from " : "a number above ") + bound.str();
    return CLI::Validator(
        [lo, inclusive, what](std::string& text) -> std::string {
            char* end = nullptr;
            const double x = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || !(inclusive ? x >= lo : x > lo))
                return "expected " + what + ", got \"" + text + "\"";
            return "";
        },
        what, "number");
}

// A comma-separated list of some of `allowed`.
CLI::Validator some_of(const std::vector<std::string>& allowed) {
    return CLI::Validator(
        [allowed](std::string& text) -> std::string {
            std::istringstream in(text);
            for (std::string item; std::getline(in, item, ',');)
                if (std::find(allowed.begin(), allowed.end(), item) == allowed.end())
                    return "expected some of " + CLI::detail::join(allowed, ",") + ", got \"" + item + "\"";
            return "";
        },
        "LIST", "list");
}

void dir_option(CLI::App* mode, TargetOptions& t, const std::string& what) {
    mode->add_option("--dir", t.dir, what)->capture_default_str();
}

// The server a mode drives: its own child (default) or a running one.
void server_options(CLI::App* mode, TargetOptions& t) {
    const char* own = "Own server (default): an antre-server child on a free loopback port, fresh database";
    const char* running = "Running server";
    dir_option(mode, t, "where the own server's folder goes (the disk measured)");
    mode->get_option("--dir")->group(own);
    mode->add_option("--server", t.server_bin, "the antre-server executable")->capture_default_str()->group(own);
    mode->add_option("--config", t.config, "the office it starts from")->capture_default_str()->group(own);
    mode->add_flag("--keep", t.keep, "leave the own server's folder behind")->group(own);
    auto* host = mode->add_option("--host", t.host, "drive a running server at this address instead")->group(running);
    mode->add_option("--port", t.port, "the running server's port")
        ->check(command_line::port())
        ->capture_default_str()
        ->group(running);
    mode->add_option("--logins", t.logins, "with --host: a file of \"COUNTER NIP PIN\" lines for counter sessions")
        ->needs(host)
        ->group(running);
    mode->add_option("--server-pid", t.server_pid, "with --host: the server's pid, to read its memory")
        ->check(whole(1, 4194304))
        ->needs(host)
        ->group(running);
}

void json_option(CLI::App* mode, bool& json) {
    mode->add_flag("--json", json, "print the report as JSON instead of a table");
}

void verify_option(CLI::App* mode, bool& verify) {
    mode->add_flag("--verify", verify,
                   "check every acknowledged ticket (look-up by id; for an own server again after kill -9 and a "
                   "restart) and that each service's numbers are gap-free");
}

void fleet_options(CLI::App* mode, FleetOptions& f, const char* count_name, const std::string& count_what) {
    mode->add_option(count_name, f.connections, count_what)->check(whole(1))->capture_default_str();
    mode->add_option("--calls", f.calls, "calls, one after another")->check(whole(1))->capture_default_str();
    mode->add_option("--io-threads", f.io_threads, "I/O threads of the subscribers")
        ->check(whole(1, 64))
        ->capture_default_str();
    mode->add_option("--displays-priority", f.displays_priority,
                     "idle: the subscribers' threads take a core only when the server and the counter leave one "
                     "free, as boards of their own would; normal: they compete for the cores. Either way a line's "
                     "time is when it reached the subscriber's socket (the kernel's receive stamp)")
        ->check(CLI::IsMember({"idle", "normal"}))
        ->capture_default_str();
}

void declare(CLI::App& app, BenchCommandLine& line) {
    app.description(
        "antre-bench: drives a real antre-server with simulated kiosks, counters and displays, and measures the "
        "machine's bare limits on the same disk (docs/benchmarks.md)");
    app.footer(
        "Each mode has its own --help, e.g. antre-bench closed --help.\n"
        "Exit status: 0 ok, 1 a check failed or requests failed, 2 usage, 3 cannot run.");
    app.require_subcommand(1);
    TargetOptions& t = line.target;

    auto* baseline = app.add_subcommand(
        "baseline",
        "fdatasync latency of 512 B writes and single-row SQLite commits/s (WAL, synchronous=FULL) in a folder "
        "under --dir, the disk the database is on");
    dir_option(baseline, t, "the folder whose disk is measured");
    baseline->add_option("--syncs", line.baseline.syncs, "fdatasyncs")->check(whole(1))->capture_default_str();
    baseline->add_option("--commits", line.baseline.commits, "SQLite commits")->check(whole(1))->capture_default_str();
    json_option(baseline, line.json);

    auto* closed = app.add_subcommand(
        "closed",
        "closed loop: each client sends its next request when the last is answered; issue: kiosks issue tickets; "
        "call: kiosks issue, then counters call_next+finish");
    closed->add_option("--clients", line.closed.clients, "kiosks (or counters)")
        ->check(whole(1, 999))
        ->capture_default_str();
    closed->add_option("--ops", line.closed.ops, "tickets")->check(whole(1))->capture_default_str();
    closed->add_option("--mix", line.closed.mix, "issue|call")
        ->check(CLI::IsMember({"issue", "call"}))
        ->capture_default_str();
    closed->add_flag("--keyed", line.closed.keyed,
                     "every issue, call_next and finish carries a retry key, as antre-kiosk and antre-counter "
                     "send them (the server keeps each answer in the commit)");
    verify_option(closed, line.closed.verify);
    server_options(closed, t);
    json_option(closed, line.json);

    auto* open =
        app.add_subcommand("open", "open loop: Poisson arrivals, latency from each arrival (no coordinated omission)");
    open->add_option("--rate", line.open.rate, "arrivals per second")
        ->check(number_from(0, false))
        ->capture_default_str();
    open->add_option("--seconds", line.open.seconds, "how long")->check(number_from(0, false))->capture_default_str();
    open->add_option("--kiosks", line.open.kiosks, "kiosks")->check(whole(1))->capture_default_str();
    open->add_option("--counters", line.open.counters, "counters serving")->check(whole(1, 999))->capture_default_str();
    open->add_option("--busy", line.open.busy, "the counters' share of busy time")
        ->check(number_from(0, false))
        ->capture_default_str();
    open->add_option("--seed", line.open.seed, "random seed")->capture_default_str();
    verify_option(open, line.open.verify);
    server_options(open, t);
    json_option(open, line.json);

    auto* fanout = app.add_subcommand("fanout", "time from a counter's call to each subscribed display receiving it");
    fleet_options(fanout, line.fanout, "--displays", "subscribed displays");
    server_options(fanout, t);
    json_option(fanout, line.json);

    auto* idle =
        app.add_subcommand("idle", "server memory with many subscribed idle connections; calls must reach all");
    fleet_options(idle, line.idle, "--connections", "subscribed idle connections");
    idle->add_option("--settle", line.idle.settle_s, "seconds idle before the memory is read")
        ->check(number_from(0, true))
        ->capture_default_str();
    server_options(idle, t);
    json_option(idle, line.json);

    auto* crowd = app.add_subcommand(
        "crowd",
        "phones following their tickets over Server-Sent Events on the public port while kiosks issue and a "
        "counter calls: issue latency quiet and with the crowd, server memory, call to every page");
    CrowdOptions& co = line.crowd;
    crowd->add_option("--phones", co.phones, "phones, each following one ticket")
        ->check(whole(1))
        ->capture_default_str();
    crowd->add_option("--kiosks", co.kiosks, "kiosks issuing in both phases")
        ->check(whole(1, 64))
        ->capture_default_str();
    crowd->add_option("--issue-rate", co.issue_rate, "issues per second, per kiosk")
        ->check(number_from(0, false))
        ->capture_default_str();
    crowd->add_option("--calls", co.calls, "calls in each phase, one after another")
        ->check(whole(1))
        ->capture_default_str();
    crowd->add_option("--call-gap", co.call_gap_s, "seconds the counter waits after each finish")
        ->check(number_from(0, true))
        ->capture_default_str();
    crowd->add_option("--io-threads", co.io_threads, "I/O threads of the phones")
        ->check(whole(1, 64))
        ->capture_default_str();
    crowd
        ->add_option("--phones-priority", co.phones_priority,
                     "idle: the phones' threads take a core only when the server, kiosks and counter leave "
                     "one free, as phones of their own would; normal: they compete for the cores")
        ->check(CLI::IsMember({"idle", "normal"}))
        ->capture_default_str();
    server_options(crowd, t);
    crowd->add_option("--public-port", t.public_port, "with --host: the running server's public port")
        ->check(command_line::port())
        ->needs(crowd->get_option("--host"))
        ->group("Running server");
    json_option(crowd, line.json);

    auto* hostile = app.add_subcommand(
        "hostile",
        "a kiosk's issue latency on the quiet server, then while other connections flood snapshots without "
        "reading, send 10 MB lines, garbage and half lines");
    hostile->add_option("--requests", line.hostile.requests, "the kiosk's issues, each time")
        ->check(whole(1))
        ->capture_default_str();
    hostile->add_option("--half-lines", line.hostile.half_lines, "connections that send half a line")
        ->check(whole(0))
        ->capture_default_str();
    hostile->add_option("--kinds", line.hostile.kinds, "which attacks, comma-separated")
        ->check(some_of({"flood", "long", "garbage", "half"}))
        ->capture_default_str();
    server_options(hostile, t);
    json_option(hostile, line.json);

    auto* year = app.add_subcommand(
        "year",
        "a year of a busy office written through the engine and store (one commit per day), then the restart on "
        "it timed (open, load, restore)");
    year->add_option("--tickets", line.year.tickets, "tickets over the year")->check(whole(1))->capture_default_str();
    year->add_option("--days", line.year.days, "office days")->check(whole(1))->capture_default_str();
    year->add_option("--counters", line.year.counters, "counters")->check(whole(1, 999))->capture_default_str();
    year->add_option("--db", line.year.db, "the database written (default: year.db under --dir)");
    dir_option(year, t, "the folder of the default --db");
    year->add_option("--seed", line.year.seed, "random seed")->capture_default_str();
    year->add_flag("--reuse", line.year.reuse,
                   "time the restart and the reports on the database an earlier run wrote with the same options, "
                   "without writing it again");
    json_option(year, line.json);

    auto* clients = app.add_subcommand(
        "idle-clients",
        "CPU of antre-display (1920x1080), antre-kiosk and antre-counter (logged in), each alone for --seconds "
        "under SDL_VIDEODRIVER=offscreen, against an own server with tickets waiting and one called");
    IdleClientsOptions& ic = line.idle_clients;
    clients->add_option("--seconds", ic.seconds, "how long each client is measured")
        ->check(number_from(0, false))
        ->capture_default_str();
    clients->add_option("--settle", ic.settle_s, "seconds after a client's start before its CPU time is read")
        ->check(number_from(0, true))
        ->capture_default_str();
    clients->add_option("--clients", ic.clients, "which programs, comma-separated")
        ->check(some_of({"display", "kiosk", "counter"}))
        ->capture_default_str();
    clients->add_option("--render-driver", ic.render_driver, "SDL_RENDER_DRIVER for the clients")
        ->capture_default_str();
    clients->add_option("--bin-dir", ic.bin_dir, "where the client programs are")->capture_default_str();
    dir_option(clients, t, "where the own server's folder goes");
    clients->add_option("--server", t.server_bin, "the antre-server executable")->capture_default_str();
    clients->add_option("--config", t.config, "the office it starts from")->capture_default_str();
    json_option(clients, line.json);

    auto* estimate = app.add_subcommand(
        "estimate",
        "the forward estimate of every waiting ticket of a busy office (the config's counters all at work), timed "
        "in-process after each change");
    EstimateOptions& eo = line.estimate;
    estimate->add_option("--waiting", eo.waiting, "tickets waiting when the timing starts")
        ->check(whole(1, 100000))
        ->capture_default_str();
    estimate->add_option("--changes", eo.changes, "changes, each followed by one timed estimate")
        ->check(whole(1, 1000000))
        ->capture_default_str();
    eo.runs = ForwardOptions{}.runs;  // what the server's estimate does unless told otherwise
    estimate->add_option("--runs", eo.runs, "forward runs per estimate")->check(whole(1, 10000))->capture_default_str();
    estimate->add_option("--rule", eo.rule, "call rule: config, strict or urgency")
        ->check(CLI::IsMember({"config", "strict", "urgency"}))
        ->capture_default_str();
    estimate->add_option("--seed", eo.seed, "random seed")->capture_default_str();
    estimate->add_flag("--learned", eo.learned,
                       "holding times learned from history (200 per service), as the server gives them");
    estimate->add_flag("--roster", eo.roster, "the config's break roster of the day, as the server gives it");
    estimate->add_option("--config", t.config, "the office")->capture_default_str();
    json_option(estimate, line.json);

    auto* hub = app.add_subcommand(
        "hub",
        "antre-hub on PostgreSQL (fsync on): offices shipping a busy month at once (events/s), the real shipper "
        "catching up a busy day, a month's report by office across many offices (docs/hub.md)");
    HubBenchOptions& ho = line.hub;
    hub->add_option("--db", ho.db,
                    "libpq connection string of an empty database (default: an own cluster under --dir)");
    hub->add_option("--offices", ho.offices, "offices shipping at once")->check(whole(1, 500))->capture_default_str();
    hub->add_option("--days", ho.days, "office days each ships (from 2025-12-01, a month at most)")
        ->check(whole(1, 22))
        ->capture_default_str();
    hub->add_option("--tickets", ho.tickets, "tickets a day")->check(whole(1, 100000))->capture_default_str();
    hub->add_option("--counters", ho.counters, "the office's counters")->check(whole(1, 999))->capture_default_str();
    hub->add_option("--batch", ho.batch, "events per ship (the hub takes at most 2000)")
        ->check(whole(1, 2000))
        ->capture_default_str();
    hub->add_option("--catchups", ho.catchups, "catch-ups of a busy day")->check(whole(1, 100))->capture_default_str();
    hub->add_option("--report-offices", ho.report_offices, "offices in the month's report")
        ->check(whole(1, 1000))
        ->capture_default_str();
    hub->add_option("--report-runs", ho.report_runs, "reads of the month across offices after the first (kept)")
        ->check(whole(1, 100))
        ->capture_default_str();
    hub->add_option("--seed", ho.seed, "random seed")->capture_default_str();
    hub->add_flag("--keep", ho.keep, "leave the folder (office databases, the own cluster) behind");
    dir_option(hub, t, "where the office databases and the own cluster go (the disk measured)");
    json_option(hub, line.json);
    auto* rush = app.add_subcommand(
        "rush", "the opening of online booking: many citizens book one session at once, a kiosk and a counter at work");
    RushOptions& ro = line.rush;
    rush->add_option("--attempts", ro.attempts, "booking attempts, each with its own NIK")
        ->check(whole(1, 50000))
        ->capture_default_str();
    rush->add_option("--seconds", ro.seconds, "the attempts are spread evenly over this long")
        ->check(number_from(0, false))
        ->capture_default_str();
    rush->add_option("--places", ro.places, "places of the one session booked")
        ->check(whole(1, 100000))
        ->capture_default_str();
    rush->add_option("--quiet-seconds", ro.quiet_seconds, "the kiosk and counter alone before the rush")
        ->check(number_from(0, false))
        ->capture_default_str();
    rush->add_option("--kiosk-rate", ro.kiosk_rate, "issues per second")
        ->check(number_from(0, false))
        ->capture_default_str();
    rush->add_option("--counter-rate", ro.counter_rate, "calls per second, each then finished")
        ->check(number_from(0, false))
        ->capture_default_str();
    rush->add_option("--workers", ro.workers, "booking requests in flight at most")
        ->check(whole(1, 2000))
        ->capture_default_str();
    rush->add_flag("!--no-targets", ro.check_targets,
                   "report the latency figures without failing on the targets (smoke runs on a busy machine)");
    server_options(rush, t);
    json_option(rush, line.json);

    auto* summary =
        app.add_subcommand("summary", "headline figures of earlier --json runs with their ratios to the baselines");
    summary->add_option("FILE", line.summary.files, "the JSON reports of earlier runs")->required();
    summary->add_flag("--markdown", line.summary.markdown, "a Markdown table (for docs/benchmarks.md)");

    for (CLI::App* mode : app.get_subcommands([](CLI::App*) { return true; }))
        mode->callback([&line, mode] { line.mode = mode->get_name(); });
}

}  // namespace

std::variant<BenchCommandLine, int> read_bench_command_line(int argc, char** argv) {
    BenchCommandLine line;
    line.target.port = protocol::default_port;
    line.target.config = std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json";
    line.target.server_bin = default_server_binary();
    line.idle_clients.bin_dir = std::filesystem::path(line.target.server_bin).parent_path().string();
    CLI::App app{"", "antre-bench"};
    declare(app, line);
    if (auto status = command_line::parse(app, argc, argv)) return *status;
    return line;
}

}  // namespace antre::bench
