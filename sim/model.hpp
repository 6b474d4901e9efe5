// The day simulator's model of an office day (docs/queue.md "Simulator"): how many
// citizens come for which service in each hour, how long each service takes, how
// often a citizen does not come when called or is sent to another service, and when
// counters take their breaks. A model is drawn into a DayPlan with a seed: every
// random number of a simulated day is drawn here, so the same plan replayed gives
// the same day, and two staffings compared on one plan meet the same citizens.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "antre/config.hpp"
#include "antre/domain.hpp"

namespace antre::sim {

/// A small, portable random source (splitmix64): the same draws on every platform
/// and standard library, which the standard distributions do not promise.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    /// Uniform in [0, 1).
    double uniform();
    /// Exponential with the given mean.
    double exponential(double mean);
    /// Standard normal (Box-Muller).
    double normal();

private:
    std::uint64_t state_;
};

/// Service time of one service: lognormal, ln(seconds) ~ Normal(mu, sigma).
struct ServiceTime {
    double mu = 0;
    double sigma = 0;
    double mean_s() const;
    double median_s() const;
    /// The lognormal with this mean and coefficient of variation (sd / mean).
    static ServiceTime from_mean(double mean_s, double cv);
};

/// One counter's break (istirahat): when it wants to pause and for how long. A counter
/// holding a ticket pauses when it is done with it.
struct Break {
    int counter = 0;
    int start_minute = 0;  ///< office-local minute of the day
    int minutes = 0;
};

struct DayModel {
    /// Expected arrivals per service per office-local hour (0..23) of the day.
    std::map<std::string, std::array<double, 24>> arrivals;
    std::map<std::string, ServiceTime> service_time;
    double priority_share = 0.08;   ///< of arrivals, in a priority group
    double no_show_share = 0.04;    ///< of citizens, gone when called
    double transfer_share = 0.03;   ///< of served citizens, sent on to another service
    double walk_s = 30;             ///< from the call to the counter (service starts)
    double no_show_wait_s = 120;    ///< how long an officer waits before marking a no-show
    double transfer_after_s = 120;  ///< into the service when an officer transfers
    std::vector<Break> breaks;

    /// Expected arrivals of the whole day.
    double expected_arrivals() const;
};

/// The synthetic day of the issue: `arrivals` expected citizens over the day's
/// opening hours with a morning peak, the service mix in proportion to the daily
/// quotas (equal where a service has none), lognormal service times with a mean of
/// a third of each service's max_service_minutes (cv 0.6), and one 30-minute break
/// per counter around midday, staggered so half the counters are at work.
DayModel synthetic_model(const OfficeConfig& office, int weekday, double arrivals);

/// The morning-peak weight of the hour that starts `hours_after_open` hours after
/// the office opens (1.0 = the day's average hour).
double peak_weight(int hours_after_open);

/// One citizen of the day, with everything that will happen to them drawn already.
struct Arrival {
    Millis at = 0;
    std::string service;
    Priority priority = Priority::none;
    bool absent = false;      ///< will not come when called (a no-show each call)
    Millis service_ms = 0;    ///< at the first service
    std::string transfer_to;  ///< "" = finished at the first service
    Millis transfer_service_ms = 0;
};

struct DayPlan {
    std::string day;                ///< "YYYY-MM-DD"
    std::vector<Arrival> arrivals;  ///< in time order
    std::vector<Break> breaks;
    Millis walk_ms = 0;
    Millis no_show_wait_ms = 0;
    Millis transfer_after_ms = 0;
};

/// Draws a day from the model: a Poisson process per service and hour (exponential
/// gaps at that hour's rate), only inside the service's opening hours of `day`.
DayPlan draw_day(const DayModel& model, const OfficeConfig& office, const std::string& day, std::uint64_t seed);

/// The opening windows of the office's services on `weekday`: the earliest opening
/// and latest closing minute; {-1, -1} when nothing opens.
std::pair<int, int> office_hours(const OfficeConfig& office, int weekday);

/// Offered load: expected work (arrivals x mean service time) over the counters'
/// time at work (opening hours minus breaks). About 1 is a busy day.
double offered_load(const DayModel& model, const OfficeConfig& office, int weekday);

}  // namespace antre::sim
