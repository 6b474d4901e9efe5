// The call rule: which waiting ticket a counter takes next (docs/queue.md "Call rule").
// Plain functions over the heads of a service's two lines (priority and regular), so
// that call-next, the order shown to citizens and the forward estimate of call times
// all follow one rule.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "antre/domain.hpp"

namespace antre {

/// The first ticket of one line (a service's priority or regular tickets, in queue order).
struct LineHead {
    TicketId ticket = 0;
    Millis issued_at = 0;  ///< the citizen has waited since then
};

/// What the rule sees of one service: the heads of its two lines, the strict rule's
/// interleaving count, and the service's standard for the longest wait.
struct ServiceHeads {
    std::optional<LineHead> priority;
    std::optional<LineHead> regular;
    /// Regular calls since the last priority call today (-1: none yet); strict rule only.
    int regular_since_priority = -1;
    int max_wait_s = 3600;
};

/// The line chosen: a service (its index in the list given) and which of its lines.
struct LinePick {
    std::size_t service = 0;
    bool priority = false;
    bool operator==(const LinePick&) const = default;
};

/// Within one service, whether the priority head is called before the regular head.
/// False when either line is empty in the way that makes the other the only choice.
bool priority_goes_first(const CallPolicy& policy, const ServiceHeads& s);

/// The line call-next takes from, over a counter's services in its order of preference,
/// at `now`; nothing when every line is empty.
std::optional<LinePick> choose_line(const CallPolicy& policy, std::span<const ServiceHeads> services, Millis now);

/// The interleaving count of a service after a call from one of its lines.
int regular_count_after_call(int regular_since_priority, bool priority);

}  // namespace antre
