// The simulator's report (docs/queue.md "Simulator"): per service the waits against
// the service standard, and how well each estimator's printed wait came true.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simulator.hpp"

namespace antre::sim {

/// How one estimator's estimates at issue compare with the real waits (issue to
/// first call) of the tickets that were called.
struct Calibration {
    std::string estimator;
    int tickets = 0;                  ///< called tickets that got an estimate
    double mae_s = 0;                 ///< mean |estimate - wait|
    double bias_s = 0;                ///< mean (estimate - wait): negative = promised too short
    std::optional<double> mae_share;  ///< mae over the mean wait
    std::optional<double> coverage;   ///< share of waits inside the interval, if one was given
};

struct ServiceFigures {
    std::string service;  ///< "" = every service
    int tickets = 0;      ///< issued
    int refused = 0;      ///< citizens turned away (quota reached, closed)
    int called = 0;       ///< first called
    int not_called = 0;   ///< still waiting when the day ended
    int no_shows = 0;     ///< ended as no-shows
    int transferred = 0;  ///< sent on to another service
    std::optional<double> mean_wait_s, median_wait_s, p90_wait_s, longest_wait_s;
    int max_wait_minutes = 0;  ///< the service standard (0 for every service)
    /// Share of issued tickets first called within the service's max_wait standard;
    /// a ticket never called counts as outside.
    std::optional<double> within_standard;
    std::vector<Calibration> calibration;
};

struct Report {
    std::string day;
    int runs = 0;
    std::optional<double> offered_load;
    std::vector<ServiceFigures> services;  ///< in the office's order, then the whole office
};

/// The figures of one or more simulated days of `office` (pooled over the days).
Report summarise(const std::vector<DayResult>& days, const OfficeConfig& office);

/// A readable table of the report.
std::string to_text(const Report& report);
nlohmann::json to_json(const Report& report);

/// Two reports side by side (what-if staffing): waits and share within standard.
std::string compare_text(const Report& before, const Report& after, const std::string& change);
nlohmann::json compare_json(const Report& before, const Report& after, const std::string& change);

}  // namespace antre::sim
