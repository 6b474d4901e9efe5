// What one benchmark run found, printed as a table for people or as JSON for
// scripts (`--json`); `antre-bench summary` reads the JSON back.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stats.hpp"

namespace antre::bench {

/// One kind of operation: how many, how fast, how long each took.
struct OpRow {
    std::string op;
    Percentiles latency;
    std::size_t errors = 0;
    double seconds = 0;  ///< the wall time the operations ran in; 0 when a rate means nothing
};

/// A single named figure, such as the server's memory.
struct Figure {
    std::string name;
    double value = 0;
    std::string unit;
};

struct Report {
    std::string mode;   ///< the subcommand
    std::string title;  ///< one line saying what was run
    nlohmann::json params = nlohmann::json::object();
    nlohmann::json machine = nlohmann::json::object();
    std::string server;  ///< which server was driven, and where its database lives
    std::vector<OpRow> rows;
    std::vector<Figure> figures;
    std::vector<std::string> notes;
    /// Failed checks and errors; any of them makes antre-bench exit non-zero.
    std::vector<std::string> problems;

    /// Adds a row summarising `samples`; `seconds` 0 leaves its rate out.
    void add_row(std::string op, const Samples& samples, std::size_t errors, double seconds);
    /// Adds a named figure.
    void add_figure(std::string name, double value, std::string unit);
};

/// Operations per second of a row (0 when it has no duration).
double ops_per_second(const OpRow& row);
/// The report for people: a header, one line per operation, the figures, the problems.
void print_table(std::ostream& out, const Report& report);
/// The report for scripts and for `antre-bench summary`.
nlohmann::json to_json(const Report& report);

}  // namespace antre::bench
