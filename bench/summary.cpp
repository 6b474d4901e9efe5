// `antre-bench summary FILE...`: the headline figures of earlier runs (their
// --json output, and scripts/bench-redis's), each with its ratio to the matching
// baseline measured in the same session, and the issue's target beside it.
// Targets are reported, never asserted: the exit code says only whether the
// files could be read.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "modes.hpp"

namespace antre::bench {

using json = nlohmann::json;

namespace {

struct Line {
    std::string figure;
    double value = 0;
    std::string unit;
    std::string baseline;  // what it is compared with, and that figure
    std::optional<double> ratio;
    std::string target;
    std::string verdict;
};

struct Runs {
    json baseline, many_issue, many_call, many_issue_keyed, many_call_keyed, one, fanout, idle, open, hostile, year,
        redis, clients;
};

std::optional<double> number_at(const json& j, const json::json_pointer& p) {
    if (j.is_null() || !j.contains(p) || !j[p].is_number()) return std::nullopt;
    return j[p].get<double>();
}

std::string fixed(double x, int decimals = 2) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    return buf;
}

/// "met" or how far off: `good` says whether the value is on the right side of `limit`.
std::string verdict(double value, double limit, bool above) {
    const bool met = above ? value >= limit : value <= limit;
    if (met) return "met";
    const double off = above ? (limit - value) / limit : (value - limit) / limit;
    return "MISSED by " + fixed(off * 100, 0) + "%";
}

Runs read_runs(const std::vector<std::string>& files) {
    Runs runs;
    for (const auto& file : files) {
        std::ifstream in(file);
        if (!in) throw std::runtime_error("cannot read " + file);
        json j = json::parse(in, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            // A run that failed before it printed its report: the others are still summed up.
            std::cerr << "antre-bench summary: " << file << " holds no report (did its run fail?); left out\n";
            continue;
        }
        const std::string mode = j.value("mode", "");
        if (mode == "baseline")
            runs.baseline = j;
        else if (mode == "closed" && j["params"].value("clients", 0) == 1)
            runs.one = j;
        else if (mode == "closed" && j["params"].value("mix", "") == "call")
            (j["params"].value("keyed", false) ? runs.many_call_keyed : runs.many_call) = j;
        else if (mode == "closed")
            (j["params"].value("keyed", false) ? runs.many_issue_keyed : runs.many_issue) = j;
        else if (mode == "fanout")
            runs.fanout = j;
        else if (mode == "idle")
            runs.idle = j;
        else if (mode == "open")
            runs.open = j;
        else if (mode == "hostile")
            runs.hostile = j;
        else if (mode == "year")
            runs.year = j;
        else if (mode == "redis")
            runs.redis = j;
        else if (mode == "idle-clients")
            runs.clients = j;
        else
            throw std::runtime_error(file + ": not an antre-bench or bench-redis result");
    }
    return runs;
}

/// A throughput line against Redis and against bare SQLite commits.
void throughput_lines(const json& run, const char* redis_op, const Runs& runs, std::vector<Line>& lines) {
    const auto ops = number_at(run, "/figures/durable_ops_per_s/value"_json_pointer);
    if (!ops) return;
    const auto clients = run["params"].value("clients", 0);
    const std::string mix = run["params"].value("mix", "") + (run["params"].value("keyed", false) ? ", keyed" : "");
    const std::string run_name = "closed, " + std::to_string(clients) + " clients, mix " + mix;
    const std::string what = run_name + ": durable ops/s";
    const std::string redis_key = std::string(redis_op) + "_c" + std::to_string(clients);
    if (auto redis = number_at(runs.redis, json::json_pointer("/ops/" + redis_key + "/ops_per_s")))
        lines.push_back({what, *ops, "ops/s", "Redis " + redis_key + " (appendfsync always) " + fixed(*redis, 0) + "/s",
                         *ops / *redis, ">= 1x", verdict(*ops / *redis, 1, true)});
    if (auto sqlite = number_at(runs.baseline, "/figures/sqlite_commits_per_s/value"_json_pointer))
        lines.push_back({what, *ops, "ops/s", "bare SQLite commits " + fixed(*sqlite, 0) + "/s", *ops / *sqlite,
                         ">= 7x", verdict(*ops / *sqlite, 7, true)});
    // The server's CPU time per operation beside Redis's per LPUSH/RPOP in the same run:
    // the figure that other work on the machine hardly moves.
    const auto cpu = number_at(run, "/figures/server_cpu_us_per_op/value"_json_pointer);
    if (!cpu) return;
    const auto redis_cpu = number_at(runs.redis, json::json_pointer("/ops/" + redis_key + "/cpu_us_per_op"));
    const bool beside = redis_cpu && *redis_cpu > 0;
    lines.push_back({run_name + ": server CPU per op", *cpu, "us",
                     beside ? "Redis " + redis_key + " " + fixed(*redis_cpu, 1) + " us" : "",
                     beside ? std::optional<double>(*cpu / *redis_cpu) : std::nullopt, beside ? "<= 2x" : "",
                     beside ? verdict(*cpu / *redis_cpu, 2, false) : ""});
}

/// Why a commit costs more than one fdatasync: each bare figure of the baseline run as
/// a ratio to its fdatasync (a file that grows; a commit growing the -wal; one reusing it).
void commit_lines(const json& run, std::vector<Line>& lines) {
    const auto sync = number_at(run, "/figures/fdatasync_p50_ms/value"_json_pointer);
    if (!sync) return;
    const std::pair<const char*, const char*> parts[] = {
        {"fdatasync_growing_p50_ms", "baseline: fdatasync of a growing file, p50"},
        {"sqlite_commit_p50_ms", "baseline: SQLite commit, -wal growing (fresh), p50"},
        {"sqlite_commit_reused_p50_ms", "baseline: SQLite commit, -wal reused, p50"}};
    for (const auto& [key, what] : parts)
        if (auto p50 = number_at(run, json::json_pointer(std::string("/figures/") + key + "/value")))
            lines.push_back({what, *p50, "ms", "bare fdatasync p50 " + fixed(*sync, 3) + " ms", *p50 / *sync, "", ""});
}

/// The SDL programs' CPU while idle, against the issue's limits.
void idle_client_lines(const json& run, std::vector<Line>& lines) {
    const std::pair<const char*, double> clients[] = {{"display", 10}, {"kiosk", 2}, {"counter", 2}};
    for (const auto& [name, limit] : clients)
        if (auto pct = number_at(run, json::json_pointer(std::string("/figures/") + name + "_cpu_pct/value")))
            lines.push_back({std::string("idle clients: ") + name + " CPU", *pct, "% core", "", std::nullopt,
                             "<= " + fixed(limit, 0) + "%", verdict(*pct, limit, false)});
}

std::vector<Line> headline(const Runs& runs) {
    std::vector<Line> lines;
    const auto sync_p50 = number_at(runs.baseline, "/figures/fdatasync_p50_ms/value"_json_pointer);
    const auto sync_p99 = number_at(runs.baseline, "/figures/fdatasync_p99_ms/value"_json_pointer);
    commit_lines(runs.baseline, lines);
    throughput_lines(runs.many_issue, "lpush", runs, lines);
    throughput_lines(runs.many_call, "rpop", runs, lines);
    // The kiosk's and the counter's path: every write with a retry key (closed --keyed).
    throughput_lines(runs.many_issue_keyed, "lpush", runs, lines);
    throughput_lines(runs.many_call_keyed, "rpop", runs, lines);
    if (auto p50 = number_at(runs.one, "/ops/issue/p50_ms"_json_pointer)) {
        const std::string what = "closed, 1 client: issue p50 latency";
        if (sync_p50)
            lines.push_back({what, *p50, "ms", "bare fdatasync p50 " + fixed(*sync_p50, 3) + " ms", *p50 / *sync_p50,
                             "<= 1.5x", verdict(*p50 / *sync_p50, 1.5, false)});
        if (auto reused = number_at(runs.baseline, "/figures/sqlite_commit_reused_p50_ms/value"_json_pointer))
            lines.push_back({what, *p50, "ms", "bare SQLite commit, -wal reused, p50 " + fixed(*reused, 3) + " ms",
                             *p50 / *reused, "", ""});
        if (auto redis = number_at(runs.redis, "/ops/lpush_c1/p50_ms"_json_pointer))
            lines.push_back(
                {what, *p50, "ms", "Redis lpush_c1 p50 " + fixed(*redis, 3) + " ms", *p50 / *redis, "", ""});
    }
    if (auto p99 = number_at(runs.fanout, json::json_pointer("/ops/call -> each display/p99_ms"))) {
        const auto displays = runs.fanout["params"].value("displays", 0);
        lines.push_back({"fanout, " + std::to_string(displays) + " displays: call -> display p99", *p99, "ms",
                         sync_p50 ? "bare fdatasync p50 " + fixed(*sync_p50, 3) + " ms (the call's own commit)" : "",
                         sync_p50 ? std::optional<double>(*p99 / *sync_p50) : std::nullopt, "< 5 ms",
                         verdict(*p99, 5, false)});
        if (auto cpu = number_at(runs.fanout, "/figures/server_cpu_ms_per_call/value"_json_pointer))
            lines.push_back(
                {"fanout: server CPU per call (call, finish, deliveries)", *cpu, "ms", "", std::nullopt, "", ""});
        if (auto spread = number_at(runs.fanout, json::json_pointer("/ops/first -> each display/p99_ms")))
            lines.push_back(
                {"fanout: first display -> each display p99 (fan-out alone)", *spread, "ms", "", std::nullopt, "", ""});
        if (auto read =
                number_at(runs.fanout, json::json_pointer("/ops/call -> each display, read by the bench/p99_ms")))
            lines.push_back({"fanout: call -> each display read by the bench's own thread, p99", *read, "ms", "",
                             std::nullopt, "", ""});
    }
    if (auto rss = number_at(runs.idle, "/figures/server_rss_mb/value"_json_pointer)) {
        const auto n = runs.idle["params"].value("connections", 0);
        const auto before = number_at(runs.idle, "/figures/server_rss_mb_before/value"_json_pointer);
        lines.push_back({"idle, " + std::to_string(n) + " subscribed connections: server RSS", *rss, "MB",
                         before ? "the same server with none " + fixed(*before, 1) + " MB" : "",
                         before ? std::optional<double>(*rss / *before) : std::nullopt, "< 150 MB",
                         verdict(*rss, 150, false)});
        const auto missed = number_at(runs.idle, json::json_pointer("/ops/call -> each display/errors")).value_or(0);
        if (auto p99 = number_at(runs.idle, json::json_pointer("/ops/call -> each display/p99_ms")))
            lines.push_back({"idle, " + std::to_string(n) + " displays: call -> display p99", *p99, "ms",
                             sync_p50 ? "bare fdatasync p50 " + fixed(*sync_p50, 3) + " ms" : "",
                             sync_p50 ? std::optional<double>(*p99 / *sync_p50) : std::nullopt,
                             n >= 10000 ? "< 50 ms" : "", n >= 10000 ? verdict(*p99, 50, false) : ""});
        const bool ok = runs.idle.value("ok", false);
        lines.push_back({"idle: calls reaching every connection", missed, "missed", "", std::nullopt, "0 missed",
                         ok && missed == 0 ? "met" : "MISSED"});
    }
    // The round trip of a request that commits nothing: the floor under the issue's p50.
    if (auto p50 = number_at(runs.open, json::json_pointer("/ops/call_next (queue empty)/p50_ms")); p50 && sync_p50)
        lines.push_back({"open: a request with no commit (call_next, queue empty) p50", *p50, "ms",
                         "bare fdatasync p50 " + fixed(*sync_p50, 3) + " ms", *p50 / *sync_p50, "", ""});
    if (auto p99 = number_at(runs.open, json::json_pointer("/ops/issue (from arrival)/p99_ms"))) {
        const auto rate = runs.open["params"].value("rate", 0.0);
        lines.push_back({"open, " + fixed(rate, 0) + " arrivals/s: issue p99 from arrival", *p99, "ms",
                         sync_p99 ? "bare fdatasync p99 " + fixed(*sync_p99, 3) + " ms" : "",
                         sync_p99 ? std::optional<double>(*p99 / *sync_p99) : std::nullopt, "", ""});
    }
    // A kiosk among hostile connections: what the attack adds to its issue, and the memory it costs.
    if (auto p99 = number_at(runs.hostile, json::json_pointer("/figures/extra delay at p99/value")))
        lines.push_back(
            {"hostile: a kiosk's issue, extra delay at p99 during the attack", *p99, "ms", "", std::nullopt, "", ""});
    if (auto during = number_at(runs.hostile, json::json_pointer("/figures/server memory during the attack/value"))) {
        const auto before =
            number_at(runs.hostile, json::json_pointer("/figures/server memory before the attack/value"));
        lines.push_back({"hostile: server memory during the attack", *during, "MB",
                         before ? "before it " + fixed(*before, 1) + " MB" : "",
                         before ? std::optional<double>(*during / *before) : std::nullopt, "", ""});
    }
    if (auto p50 =
            number_at(runs.year, json::json_pointer("/ops/restart: open the store and restore the engine/p50_ms"))) {
        const auto tickets = runs.year["params"].value("tickets", 0);
        lines.push_back({"year of data (" + std::to_string(tickets) + " tickets): restart p50", *p50, "ms", "",
                         std::nullopt, "< 1000 ms", verdict(*p50, 1000, false)});
    }
    if (auto p50 = number_at(runs.year, json::json_pointer("/ops/report: one month by officer/p50_ms")))
        lines.push_back({"year of data: report of one month by officer, p50", *p50, "ms", "", std::nullopt, "< 100 ms",
                         verdict(*p50, 100, false)});
    if (auto p50 = number_at(runs.year, json::json_pointer("/ops/report: the whole year by service/p50_ms")))
        lines.push_back({"year of data: report of the whole year by service, p50", *p50, "ms", "", std::nullopt,
                         "< 500 ms", verdict(*p50, 500, false)});
    idle_client_lines(runs.clients, lines);
    return lines;
}

}  // namespace

int run_summary(const SummaryOptions& o) {
    const bool markdown = o.markdown;
    const Runs runs = read_runs(o.files);
    const auto lines = headline(runs);
    if (runs.baseline.contains("machine"))
        std::cout << "machine: " << runs.baseline["machine"].value("summary", "") << "\n\n";
    if (markdown) {
        std::cout << "| figure | value | baseline (same run) | ratio | target | verdict |\n|---|--:|---|--:|---|---|\n";
        for (const auto& l : lines)
            std::cout << "| " << l.figure << " | " << fixed(l.value) << " " << l.unit << " | " << l.baseline << " | "
                      << (l.ratio ? fixed(*l.ratio) + "x" : "") << " | " << l.target << " | " << l.verdict << " |\n";
        return 0;
    }
    for (const auto& l : lines) {
        std::printf("%-58s %10s %-6s %8s  %-8s %s\n", l.figure.c_str(), fixed(l.value).c_str(), l.unit.c_str(),
                    l.ratio ? (fixed(*l.ratio) + "x").c_str() : "", l.target.c_str(), l.verdict.c_str());
        if (!l.baseline.empty()) std::printf("%-58s   vs %s\n", "", l.baseline.c_str());
    }
    return 0;
}

}  // namespace antre::bench
