// Queue metrics (issue #6): pure computation from the event log, no SQL and no
// clock. The exact definitions are in docs/metrics.md; this code is their one
// implementation, shared by the `report` op, the CLI and antre-bench.
#pragma once

#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/calendar.hpp"
#include "antre/domain.hpp"
#include "percentile.hpp"
#include "records.hpp"

namespace antre::metrics {

/// Bumped whenever a definition in docs/metrics.md changes meaning.
inline constexpr const char* definitions_version = "metrics-v3 (docs/metrics.md)";

/// One stored event with its sequence number and its ticket's label.
struct LoggedEvent {
    std::int64_t seq = 0;
    Event event;
    /// The ticket's label; the store fills it on ticket_called and ticket_finished
    /// only (what breach lists need), and "" elsewhere is fine.
    std::string label;
    /// The wait shown on the ticket when issued; the store fills it on ticket_called.
    std::optional<int> estimated_wait_s;
    /// The call interval promised when issued; the store fills it on ticket_called.
    std::optional<Millis> estimated_call_from, estimated_call_to;
    /// The finished leg's call and service start, from the ticket's (final) row; the
    /// store fills them on ticket_finished, so that a leg called before the period
    /// still has its service time.
    std::optional<Millis> leg_called_at, leg_started_at;
};

/// What a report is grouped by; `office` is one row for the whole office (key "").
enum class GroupBy { officer, service, counter, day, hour, office };
/// Parses "officer" | "service" | "counter" | "day" | "hour" | "office".
std::optional<GroupBy> parse_group_by(const std::string& s);
const char* to_string(GroupBy by);

/// Mean, median and p90 of a set of durations, in seconds; empty when no samples.
struct Summary {
    std::size_t count = 0;
    std::optional<double> mean_s;
    std::optional<double> median_s;  ///< antre::median (nearest-rank p50)
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

/// Breach lists keep this many per row, the furthest over (the count goes on).
inline constexpr std::size_t breach_list_limit = 50;

/// The figures of one group (one officer, service, counter, day or hour).
struct Row {
    std::string key;
    int arrivals = 0;
    int served = 0;
    int no_shows = 0;         ///< no-show calls: every ticket_no_show, requeued or final
    int no_show_tickets = 0;  ///< tickets that ended as no-shows (the final ticket_no_show)
    int transfers = 0;
    int cancelled = 0;
    int expired = 0;
    Summary wait, walk, service, total;
    /// `wait` split: tickets checked in from an online booking (event booking_checked_in,
    /// waiting from check-in) and walk-in tickets.
    Summary wait_booked, wait_walk_in;
    Histogram wait_histogram;              ///< the same waits as `wait`, in buckets
    Histogram service_histogram;           ///< the same services as `service`, in buckets
    std::optional<double> wait_within;     ///< share of waits within max_wait_minutes
    std::optional<double> service_within;  ///< share of services within max_service_minutes
    int wait_breach_count = 0;
    int service_breach_count = 0;
    std::vector<Breach> wait_breaches;     ///< furthest over first
    std::vector<Breach> service_breaches;  ///< furthest over first
    /// Officer and counter groupings only: logged-in time not paused, and its use.
    std::optional<double> available_s;
    std::optional<double> busy_s;
    std::optional<double> idle_s;
    std::optional<double> utilisation;
    /// Citizens' 1-4 ratings of finished tickets (officer, counter, service, day, hour).
    int ratings = 0;
    std::optional<double> rating_mean;
    /// Estimated wait against the real wait, over the first calls of tickets that
    /// showed an estimate: mean absolute error, bias (mean of estimate - wait) and
    /// share within 5 minutes.
    int estimates = 0;
    std::optional<double> estimate_mae_s;
    std::optional<double> estimate_bias_s;
    std::optional<double> estimate_within_5min;
    /// Of the first calls of tickets that were promised a call interval, how many, and
    /// the share called inside it (from <= call <= to).
    int estimate_intervals = 0;
    std::optional<double> estimate_coverage;
    /// Hour grouping only: arrivals in that hour per office day with arrivals.
    std::optional<double> arrivals_per_hour;
};

/// Restricts a report to one officer's work (the officer performance sheet).
struct Filter {
    std::string officer;  ///< "" = everyone
};

class Builder;

/// Builds one row per group from events given one at a time, in seq order, so that
/// a year's events never have to be held in memory at once. `from` is the start of
/// the period: a counter session opened before it counts from there.
class Accumulator {
public:
    Accumulator(const std::vector<Service>& services, GroupBy by, const OfficeCalendar& calendar, Millis from,
                const Filter& filter = {});
    ~Accumulator();
    void add(const LoggedEvent& event);
    /// The rows; `until` closes counter sessions still open at the end of the data.
    std::vector<Row> finish(Millis until);

private:
    std::unique_ptr<Builder> builder_;
};

/// Computes one row per group from `events` (in seq order) of the period [from, until).
/// `services` gives the standards; counter sessions are clipped to the period.
std::vector<Row> compute(const std::vector<LoggedEvent>& events, const std::vector<Service>& services, GroupBy by,
                         const OfficeCalendar& calendar, Millis from, Millis until, const Filter& filter = {});

nlohmann::json to_json(const Row& row);

// -- the SKM survey (PermenPANRB 14/2017) ------------------------------------

inline constexpr int skm_unsur = 9;
using SurveyAnswers = std::array<int, skm_unsur>;

/// The nine unsur in the regulation's order (Indonesian names).
extern const std::array<const char*, skm_unsur> unsur_names;

/// The IKM over a set of complete surveys: NRR per unsur = mean answer;
/// SKM = (NRR1 + ... + NRR9) x 1/9 (the exact ninth, not the rounded 0.111);
/// IKM = SKM x 25, rounded half up to two decimals, then graded.
struct Ikm {
    int responses = 0;
    std::array<long, skm_unsur> sums{};  ///< the sum of the answers to each unsur
    std::array<double, skm_unsur> nrr{};
    double skm = 0;
    /// IKM in hundredths (8831 = 88.31): the rounded value the grade is read from.
    long ikm_hundredths = 0;
    char grade = '-';              ///< 'A'..'D', '-' without responses
    const char* grade_label = "";  ///< "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"
};
Ikm ikm(const std::vector<SurveyAnswers>& surveys);
/// The grade of an IKM given in hundredths: A 88.31-100, B 76.61-88.30,
/// C 65.00-76.60, D 25.00-64.99.
std::pair<char, const char*> ikm_grade(long hundredths);
/// The answers of a complete survey_submitted event of `service` (any when "").
std::optional<SurveyAnswers> survey_of(const LoggedEvent& event, const std::string& service);
nlohmann::json to_json(const Ikm& ikm);

}  // namespace antre::metrics
