// Queue metrics (issue #6): pure computation from the event log, no SQL and no
// clock. The exact definitions are in docs/metrics.md; this code is their one
// implementation, shared by the `report` op, the CLI and antre-bench.
#pragma once

#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/calendar.hpp"
#include "antre/domain.hpp"
#include "engine.hpp"

namespace antre::metrics {

/// Bumped whenever a definition in docs/metrics.md changes meaning.
inline constexpr const char* definitions_version = "metrics-v1 (docs/metrics.md)";

/// One stored event with its sequence number and its ticket's label.
struct LoggedEvent {
    std::int64_t seq = 0;
    Event event;
    /// The ticket's label; the store fills it on ticket_called only (what breach
    /// lists need), and "" elsewhere is fine.
    std::string label;
};

/// What a report is grouped by.
enum class GroupBy { officer, service, counter, day, hour };
/// Parses "officer" | "service" | "counter" | "day" | "hour".
std::optional<GroupBy> parse_group_by(const std::string& s);
const char* to_string(GroupBy by);

/// Mean, median and p90 of a set of durations, in seconds; empty when no samples.
struct Summary {
    std::size_t count = 0;
    std::optional<double> mean_s;
    std::optional<double> median_s;  ///< nearest-rank p50
    std::optional<double> p90_s;     ///< nearest-rank p90
};

/// Lower bounds, in minutes, of the buckets of the wait and service histograms;
/// the last bucket is open (60 minutes and more).
inline constexpr int histogram_edges_min[] = {0, 5, 10, 15, 20, 30, 45, 60};
inline constexpr std::size_t histogram_buckets = std::size(histogram_edges_min);

/// How many durations fall in each bucket: counts[i] holds those with
/// edges[i] <= minutes < edges[i+1] (the last bucket has no upper bound).
struct Histogram {
    std::vector<int> counts = std::vector<int>(histogram_buckets, 0);
};

/// The histogram of a set of durations (milliseconds).
Histogram histogram(const std::vector<Millis>& durations);

/// A wait or service longer than its service standard.
struct Breach {
    TicketId ticket = 0;
    std::string label;
    double minutes_over = 0;
};

/// Breach lists stop at this many per row (the count goes on).
inline constexpr std::size_t breach_list_limit = 50;

/// The figures of one group (one officer, service, counter, day or hour).
struct Row {
    std::string key;
    int arrivals = 0;
    int served = 0;
    int no_shows = 0;
    int transfers = 0;
    int cancelled = 0;
    int expired = 0;
    Summary wait, walk, service, total;
    Histogram wait_histogram;     ///< the same waits as `wait`, in buckets
    Histogram service_histogram;  ///< the same services as `service`, in buckets
    std::optional<double> wait_within;     ///< share of waits within max_wait_minutes
    std::optional<double> service_within;  ///< share of services within max_service_minutes
    int wait_breach_count = 0;
    int service_breach_count = 0;
    std::vector<Breach> wait_breaches;
    std::vector<Breach> service_breaches;
    /// Officer and counter groupings only: logged-in time not paused, and its use.
    std::optional<double> available_s;
    std::optional<double> busy_s;
    std::optional<double> idle_s;
    std::optional<double> utilisation;
};

/// Computes one row per group from `events` (in seq order). `services` gives the
/// standards; `until` closes counter sessions still open at the end of the data.
std::vector<Row> compute(const std::vector<LoggedEvent>& events, const std::vector<Service>& services, GroupBy by,
                         const OfficeCalendar& calendar, Millis until);

/// Nearest-rank percentile (0 < p <= 100) of sorted values: the ceil(p/100 * n)-th.
Millis nearest_rank(const std::vector<Millis>& sorted, double p);

nlohmann::json to_json(const Row& row);

}  // namespace antre::metrics
