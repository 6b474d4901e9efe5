// antre-bench: drives a real antre-server over TCP with simulated kiosks,
// counters and displays, and measures the machine's bare limits on the same disk
// to judge the figures against. See docs/benchmarks.md.
#include <iostream>
#include <stdexcept>
#include <string>
#include <variant>

#include "machine.hpp"
#include "modes.hpp"

int main(int argc, char** argv) {
    using namespace antre::bench;
    auto read = read_bench_command_line(argc, argv);
    if (const int* status = std::get_if<int>(&read)) return *status;
    const BenchCommandLine& line = std::get<BenchCommandLine>(read);
    const std::string& mode = line.mode;
    try {
        if (mode == "summary") return run_summary(line.summary);
        Report report;
        if (mode == "baseline")
            report = run_baseline(line.baseline, line.target.dir);
        else if (mode == "closed")
            report = run_closed(line.closed, line.target);
        else if (mode == "open")
            report = run_open(line.open, line.target);
        else if (mode == "fanout")
            report = run_fanout(line.fanout, line.target);
        else if (mode == "idle")
            report = run_idle(line.idle, line.target);
        else if (mode == "year")
            report = run_year(line.year, line.target.dir);
        else if (mode == "crowd")
            report = run_crowd(line.crowd, line.target);
        else if (mode == "hostile")
            report = run_hostile(line.hostile, line.target);
        else if (mode == "estimate")
            report = run_estimate(line.estimate, line.target.config);
        else if (mode == "hub")
            report = run_hub(line.hub, line.target.dir);
        else if (mode == "rush")
            report = run_rush(line.rush, line.target);

        else if (mode == "idle-clients")
            report = run_idle_clients(line.idle_clients, line.target);
        if (report.machine.empty()) report.machine = describe_machine(line.target.dir);
        if (line.json)
            std::cout << to_json(report).dump(2) << "\n";
        else
            print_table(std::cout, report);
        return report.problems.empty() ? 0 : 1;
    } catch (const std::invalid_argument& e) {
        std::cerr << "antre-bench: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "antre-bench: " << e.what() << "\n";
        return 3;
    }
}
