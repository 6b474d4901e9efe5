// Replays a drawn office day through the real queue engine with a simulated clock
// (docs/queue.md "Simulator"). Counters act as officers do: each logs in at opening,
// calls the next ticket whenever it is free, starts when the citizen arrives,
// finishes after the drawn service time, marks a no-show after waiting, transfers,
// and takes its break when it is done with the ticket in hand. No I/O.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "estimator.hpp"
#include "model.hpp"

namespace antre::sim {

/// What became of one ticket of the simulated day.
struct TicketOutcome {
    TicketId id = 0;
    std::string service;  ///< the service it was issued for
    Priority priority = Priority::none;
    Millis issued_at = 0;
    std::optional<Millis> first_called_at;
    TicketStatus status = TicketStatus::waiting;  ///< at the end of the day
    bool transferred = false;
    /// What each estimator (in DayResult::estimators order) said at issue.
    std::vector<std::optional<Estimate>> estimates;
    /// The wait from issue to first call, when it was called.
    std::optional<double> wait_s() const;
};

struct DayResult {
    std::string day;
    std::vector<std::string> estimators;
    std::vector<TicketOutcome> tickets;  ///< in order of issue
    std::map<std::string, int> refused;  ///< per service: citizens sent away (quota, closed)
    Millis last_event = 0;               ///< when the last counter went idle
};

/// Runs `plan` on a fresh engine of `office`. `estimators` are asked at every issue;
/// tickets still waiting at the office day's end are left uncalled.
DayResult simulate(const OfficeConfig& office, const DayPlan& plan,
                   const std::vector<std::unique_ptr<Estimator>>& estimators);

}  // namespace antre::sim
