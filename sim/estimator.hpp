// Wait estimators the day simulator compares (docs/queue.md "Simulator"): each is
// asked, right after a ticket is issued, what wait it would print on that ticket,
// and the simulator later holds the answer against the ticket's real first call.
// A new estimator (such as one that runs the office forward) is one more class.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "engine.hpp"
#include "estimate.hpp"
#include "model.hpp"

namespace antre::sim {

/// An estimated wait from issue to first call, in seconds; an interval when the
/// estimator gives one (10th to 90th percentile).
struct Estimate {
    double wait_s = 0;
    std::optional<double> low_s, high_s;
};

class Estimator {
public:
    virtual ~Estimator() = default;
    /// Short name for tables and JSON ("engine", "QL", "LES").
    virtual std::string name() const = 0;
    /// The wait it would print on ticket `id`, issued at `now`; `engine` is the office
    /// right after the issue. Nothing when it has no estimate to give.
    virtual std::optional<Estimate> on_issued(const Engine& engine, TicketId id, Millis now) = 0;
    /// Told of every ticket's first call, right after the engine made it.
    virtual void on_first_call(const Ticket& /*ticket*/, Millis /*now*/) {}
};

/// What the kiosk prints today: the estimate the engine stores on the ticket at issue
/// (QueueFigures::estimated_wait_s's rule for that ticket).
class EngineEstimator final : public Estimator {
public:
    std::string name() const override { return "engine"; }
    std::optional<Estimate> on_issued(const Engine& engine, TicketId id, Millis now) override;
};

/// Queue length (QL, Ibrahim & Whitt 2009): (people ahead + 1) x mean service time /
/// counters serving the service (not closed); 0 when nobody is ahead and one of those
/// counters is free to call at once.
class QueueLengthEstimator final : public Estimator {
public:
    /// Mean service time per service, in seconds (the model's, or the office history's).
    explicit QueueLengthEstimator(std::map<std::string, double> mean_service_s)
        : mean_service_s_(std::move(mean_service_s)) {}
    std::string name() const override { return "QL"; }
    std::optional<Estimate> on_issued(const Engine& engine, TicketId id, Millis now) override;

private:
    std::map<std::string, double> mean_service_s_;
};

/// Last to enter service (LES, Ibrahim & Whitt 2009): the wait of the latest ticket
/// of the same service to be first called; 0 before any of that service was called.
class LastToEnterEstimator final : public Estimator {
public:
    std::string name() const override { return "LES"; }
    std::optional<Estimate> on_issued(const Engine& engine, TicketId id, Millis now) override;
    void on_first_call(const Ticket& ticket, Millis now) override;

private:
    std::map<std::string, double> last_wait_s_;
};

/// The forward estimate (server/domain/estimate.hpp): the office run forward from its
/// state at issue with the real call rule; the ticket's p50, with p10-p90 as interval.
/// Nothing when the ticket is not reached before the office day ends.
class ForwardEstimator final : public Estimator {
public:
    explicit ForwardEstimator(ForwardOptions options = {}) : options_(std::move(options)) {}
    std::string name() const override { return "forward"; }
    std::optional<Estimate> on_issued(const Engine& engine, TicketId id, Millis now) override;

private:
    ForwardOptions options_;
};

/// The four estimators every report compares, the QL one with these mean service times
/// and the forward one with `forward` (e.g. the day's pause roster).
std::vector<std::unique_ptr<Estimator>> standard_estimators(const std::map<std::string, double>& mean_service_s,
                                                            ForwardOptions forward = {});

/// The plan's breaks as the forward estimate's pause roster.
std::vector<PlannedPause> pause_roster(const DayPlan& plan, Millis midnight);

}  // namespace antre::sim
