// antre-bench: drives a real antre-server over TCP with simulated kiosks,
// counters and displays, and measures the machine's bare limits on the same disk
// to judge the figures against. See docs/benchmarks.md.
#include <iostream>
#include <stdexcept>
#include <string>

#include "machine.hpp"
#include "modes.hpp"

namespace {

const char* const usage = R"(usage: antre-bench MODE [options]

modes:
  baseline [--dir D] [--syncs 1000] [--commits 1000]
      fdatasync latency of 512 B writes and single-row SQLite commits/s (WAL,
      synchronous=FULL) in a folder under D, the disk the database is on
  closed   [--clients 50] [--ops 20000] [--mix issue|call] [--verify]
      closed loop: each client sends its next request when the last is answered;
      issue: kiosks issue tickets; call: kiosks issue, then counters call_next+finish
  open     [--rate 100] [--seconds 30] [--kiosks 4] [--counters 6] [--busy 0.85]
           [--seed 1] [--verify]
      open loop: Poisson arrivals, latency from each arrival (no coordinated omission)
  fanout   [--displays 1000] [--calls 200] [--io-threads 1]
      time from a counter's call to each subscribed display receiving it
  idle     [--connections 10000] [--calls 5] [--io-threads 1] [--settle 2]
      server memory with many subscribed idle connections; calls must reach all
  hostile  [--requests 2000] [--half-lines 200] [--kinds flood,long,garbage,half]
      a kiosk's issue latency on the quiet server, then while other connections
      flood snapshots without reading, send 10 MB lines, garbage and half lines
  year     [--tickets 500000] [--days 250] [--counters 30] [--db data/year.db] [--seed 1]
      a year of a busy office written through the engine and store (one commit
      per day), then the restart on it timed (open, load, restore)
  summary  FILE... [--markdown]
      headline figures of earlier --json runs with their ratios to the baselines

server (closed, open, fanout, idle, hostile): by default an own antre-server child on a
free loopback port, with a fresh database in a folder under --dir:
  --dir D          where the own server's folder goes (default: data)
  --server FILE    the antre-server executable (default: next to antre-bench)
  --config FILE    the office it starts from (default: the shipped config/sorong.json)
  --keep           leave the own server's folder behind
  --host H --port P  drive a running server instead
  --logins FILE    with --host: "COUNTER NIP PIN" lines for counter sessions
  --server-pid N   with --host: the server's pid, to read its memory

--verify checks every acknowledged ticket (look-up by id; for an own server again
after kill -9 and a restart) and that each service's numbers are gap-free.
--json prints the report as JSON instead of a table.
exit: 0 ok, 1 a check failed or requests failed, 2 usage, 3 cannot run)";

}  // namespace

namespace antre::bench {

TargetOptions target_options(Args& args, int counters) {
    TargetOptions o;
    o.host = args.text("host", "");
    o.port = static_cast<unsigned short>(args.integer("port", protocol::default_port));
    o.logins = args.text("logins", "");
    o.server_pid = static_cast<int>(args.integer("server-pid", 0));
    o.dir = args.text("dir", "data");
    o.config = args.text("config", std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    o.server_bin = args.text("server", default_server_binary());
    o.keep = args.flag("keep");
    o.counters = counters;
    return o;
}

}  // namespace antre::bench

int main(int argc, char** argv) {
    using namespace antre::bench;
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        std::cout << usage << "\n";
        return argc < 2 ? 2 : 0;
    }
    const std::string mode = argv[1];
    try {
        Args args(argc, argv, 2, {"verify", "keep", "json", "markdown"});
        if (mode == "summary") return run_summary(args);
        if (!args.positional().empty()) throw std::invalid_argument("unexpected word '" + args.positional()[0] + "'");
        const bool json = args.flag("json");
        Report report;
        if (mode == "baseline") report = run_baseline(args);
        else if (mode == "closed") report = run_closed(args);
        else if (mode == "open") report = run_open(args);
        else if (mode == "fanout") report = run_fanout(args);
        else if (mode == "idle") report = run_idle(args);
        else if (mode == "year") report = run_year(args);
        else if (mode == "hostile") report = run_hostile(args);
        else throw std::invalid_argument("unknown mode " + mode);
        if (report.machine.empty()) report.machine = describe_machine(args.text("dir", "data"));
        if (json) std::cout << to_json(report).dump(2) << "\n";
        else print_table(std::cout, report);
        return report.problems.empty() ? 0 : 1;
    } catch (const std::invalid_argument& e) {
        std::cerr << "antre-bench: " << e.what() << "\n" << usage << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "antre-bench: " << e.what() << "\n";
        return 3;
    }
}
