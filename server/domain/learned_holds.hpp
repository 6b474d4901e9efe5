// Holding times learned from the office's history (docs/queue.md "Forward estimate",
// "Learned holding times"): per service, the call-to-finish times of finished tickets
// on recent days of the same weekday and hours, for ForwardOptions::learned. Pure: the
// rows come from the store (Store::finished_legs), the answer depends on them alone.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "antre/calendar.hpp"
#include "antre/domain.hpp"

namespace antre {

/// One finished ticket of the history: its (last) service, its last call and finish.
struct FinishedLeg {
    std::string service;
    Millis called_at = 0;
    Millis finished_at = 0;
};

struct LearnOptions {
    /// A level (below) with fewer finished tickets of a service gives way to the next.
    std::size_t min_samples = 20;
    /// At most this many of a level's tickets are kept, the most recent.
    std::size_t max_samples = 200;
    /// The hours looked at: the hour of `now` and the ones after it, up to this many.
    int hours = 3;
};

/// Per service, the sorted holding times (finish - call; ForwardOptions::learned) of `legs` taken at the first
/// level that has `min_samples` of them: called on the weekday of `now` in its hour or
/// the `hours - 1` after it; on that weekday at any hour; on any day. A service with
/// fewer at every level is left out, so that the estimate falls back to today's own
/// holding times and then the configured typical duration (outlook()).
std::map<std::string, std::vector<Millis>> learned_holds(std::span<const FinishedLeg> legs,
                                                         const OfficeCalendar& calendar, Millis now,
                                                         const LearnOptions& options = {});

}  // namespace antre
