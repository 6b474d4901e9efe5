#include "report.hpp"

#include <cstdio>

namespace antre::bench {

using json = nlohmann::json;

void Report::add_row(std::string op, const Samples& samples, std::size_t errors, double seconds) {
    rows.push_back({std::move(op), summarize(samples), errors, seconds});
}

void Report::add_figure(std::string name, double value, std::string unit) {
    figures.push_back({std::move(name), value, std::move(unit)});
}

double ops_per_second(const OpRow& row) {
    return row.seconds > 0 ? static_cast<double>(row.latency.count) / row.seconds : 0;
}

namespace {

std::string format(const char* pattern, auto... values) {
    char buf[256];
    std::snprintf(buf, sizeof buf, pattern, values...);
    return buf;
}

}  // namespace

void print_table(std::ostream& out, const Report& r) {
    out << "antre-bench " << r.mode << ": " << r.title << "\n";
    if (!r.server.empty()) out << "server:  " << r.server << "\n";
    if (r.machine.contains("summary")) out << "machine: " << r.machine["summary"].get<std::string>() << "\n";
    if (!r.rows.empty()) {
        out << "\n"
            << format("%-28s %8s %10s %9s %9s %9s %9s %9s %6s\n", "operation", "count", "ops/s", "mean ms", "p50 ms",
                      "p90 ms", "p99 ms", "max ms", "errors");
        for (const auto& row : r.rows) {
            const auto& l = row.latency;
            const std::string rate = row.seconds > 0 ? format("%.1f", ops_per_second(row)) : "-";
            out << format("%-28s %8zu %10s %9.3f %9.3f %9.3f %9.3f %9.3f %6zu\n", row.op.c_str(), l.count, rate.c_str(),
                          l.mean_ms, l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms, row.errors);
        }
    }
    if (!r.figures.empty()) {
        out << "\n";
        for (const auto& f : r.figures) out << format("%-40s %12.3f %s\n", f.name.c_str(), f.value, f.unit.c_str());
    }
    for (const auto& n : r.notes) out << "note: " << n << "\n";
    for (const auto& p : r.problems) out << "PROBLEM: " << p << "\n";
    out << (r.problems.empty() ? "\nok\n" : "\nFAILED\n");
}

json to_json(const Report& r) {
    json ops = json::object();
    for (const auto& row : r.rows) {
        const auto& l = row.latency;
        ops[row.op] = {{"count", l.count},       {"errors", row.errors},
                       {"seconds", row.seconds}, {"ops_per_s", ops_per_second(row)},
                       {"mean_ms", l.mean_ms},   {"p50_ms", l.p50_ms},
                       {"p90_ms", l.p90_ms},     {"p99_ms", l.p99_ms},
                       {"p999_ms", l.p999_ms},   {"max_ms", l.max_ms}};
    }
    json figures = json::object();
    for (const auto& f : r.figures) figures[f.name] = {{"value", f.value}, {"unit", f.unit}};
    return {{"mode", r.mode},          {"title", r.title},   {"params", r.params},
            {"machine", r.machine},    {"server", r.server}, {"ops", ops},
            {"figures", figures},      {"notes", r.notes},   {"problems", r.problems},
            {"ok", r.problems.empty()}};
}

}  // namespace antre::bench
