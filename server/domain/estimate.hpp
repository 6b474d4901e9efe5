// The forward estimate of call times (docs/queue.md "Forward estimate"): the office is
// run forward from the engine's current state, many times, with the same call rule as
// call-next (call_rule.hpp), drawn service times, no-shows and future arrivals; each
// waiting ticket gets the 10th, 50th and 90th percentile of the moment it is called.
// Plain C++ with no I/O; the same engine, time and seed give the same estimate.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine.hpp"

namespace antre {

/// When one waiting ticket will be called, as percentiles over the runs. A run in
/// which it is not called before the office day ends counts as later than any time,
/// so `reached` is false when that is so in half of the runs or more (then p50 and p90
/// are the day's end, and no promise should be printed).
struct CallEstimate {
    TicketId ticket = 0;
    Millis p10 = 0, p50 = 0, p90 = 0;
    bool reached = false;
    bool operator==(const CallEstimate&) const = default;
};

/// A counter's time with one citizen, from the call to the finish (the walk to the
/// counter included): a sorted sample to draw from.
using HoldSamples = std::vector<Millis>;

/// A pause on the office's roster (istirahat): counter `counter` stops calling from
/// `from` for `length_ms`; a counter holding a ticket then pauses when done with it.
struct PlannedPause {
    int counter = 0;
    Millis from = 0;
    Millis length_ms = 0;
};

struct ForwardOptions {
    /// Runs of the office; the interval is their p10-p90 (of 8: the earliest and the
    /// latest), widened below. 8 keeps a busy office's whole queue under a millisecond.
    int runs = 8;
    std::uint64_t seed = 1;
    /// Stop a run once this ticket is called (the others then carry no estimate): what
    /// a single ticket's estimate costs at issue.
    std::optional<TicketId> only;
    /// A ticket being taken now that the engine does not hold yet: it joins the end of
    /// its service's line with the id the engine gives next (what an issue would do), and
    /// counts as one of the last hour's arrivals. What a ticket taken at the door would
    /// be told, without a copy of the engine to issue it on.
    struct Newcomer {
        std::string service;
        bool priority = false;
    };
    std::optional<Newcomer> newcomer;
    /// How long a paused counter stays away (istirahat), counted from its pause, when
    /// no pause of `pauses` explains it.
    Millis typical_pause_ms = 30 * 60'000;
    /// Today's pause roster: a counter open now that has not changed state since a
    /// pause's start (it has not taken it yet) takes it in the runs.
    std::vector<PlannedPause> pauses;
    /// How long a counter waits for a citizen who does not come, before the no-show.
    Millis no_show_wait_ms = 2 * 60'000;
    /// How long the first leg of a transferred ticket holds its counter, at most.
    Millis transfer_after_ms = 2 * 60'000;
    /// Per service, holding times learned from the office's history (recent days by
    /// weekday and hour): when given for a service they replace today's own.
    std::map<std::string, HoldSamples> learned;
    /// The share of calls that end in a no-show; unset: today's (Outlook::no_show_share).
    std::optional<double> no_show_share;
    /// Whether citizens keep arriving while the services issue tickets (at the last
    /// hour's rate per service and class); false: only the tickets waiting now.
    bool arrivals = true;
    /// The interval's calibration (docs/queue.md "Forward estimate"): the runs' p10 and
    /// p90 are moved away from p50 by `interval_scale` times their distance to it, plus
    /// `interval_margin` times the estimated wait (p50 - now), so that the interval also
    /// holds what the runs do not vary (the model's own error).
    /// Calibrated on the day simulator (docs/benchmarks.md): 8 runs' p10-p90 held 70%
    /// of the waits, widened by 5% of the wait 80%.
    double interval_scale = 1.0;
    double interval_margin = 0.05;
};

/// What the forward run draws from for one service: its holding times, and how many
/// tickets of each class arrive per millisecond (from the last hour's issues).
struct ServiceOutlook {
    HoldSamples hold;
    double regular_rate = 0, priority_rate = 0;  ///< arrivals per ms
    Millis issuing_until = 0;                    ///< the end of today's opening window; 0 = not issuing now
    Millis rate_window = 1;                      ///< the time the arrival rates were counted over
};

/// Everything the forward run reads from the engine's tickets, gathered in one pass over
/// them (outlook()), so that the runs of one refresh, or an issue's, read them once.
struct Outlook {
    std::map<std::string, ServiceOutlook> services;  ///< every service's, by code
    /// The share of today's calls that ended in a no-show, pulled towards 4% while few
    /// calls were made.
    double no_show_share = 0;
    double transfer_share = 0;             ///< today's transfers per leg served
    std::vector<std::string> transfer_to;  ///< the service of each ticket transferred today
    std::vector<TicketId> waiting;         ///< every waiting ticket, in the engine's order
};

/// The outlook of the engine at `now` (see docs/queue.md): per service today's last
/// finished tickets (falling back to a lognormal around half of max_service_minutes
/// plus the walk), or `learned`, and the last hour's arrivals; today's no-shows and
/// transfers; the waiting tickets. `options.newcomer` is not counted here: the forward
/// run adds it to its service's rate, so one outlook serves many runs.
Outlook outlook(const Engine& engine, Millis now, const ForwardOptions& options);

/// Every waiting ticket's call estimate at `now`, in the order of the engine's tickets
/// (only `options.only` when set).
std::vector<CallEstimate> estimate_calls(const Engine& engine, Millis now, const ForwardOptions& options = {});
/// The same, drawing from an outlook computed earlier at the same `now` (outlook()).
std::vector<CallEstimate> estimate_calls(const Engine& engine, Millis now, const ForwardOptions& options,
                                         const Outlook& look);

}  // namespace antre
