#include "call_rule.hpp"

#include <algorithm>

namespace antre {
namespace {

// The moment a line's head counts as waiting from: a priority ticket counts as if
// issued `priority_boost_minutes` earlier, so it goes before regular tickets issued
// up to that long before it, and never before one that has waited longer than that.
Millis counts_from(const CallPolicy& policy, const LineHead& head, bool priority) {
    return priority ? head.issued_at - Millis{policy.priority_boost_minutes} * 60'000 : head.issued_at;
}

// The strict rule's choice inside one service (regular_between_priority).
bool strict_priority_turn(const CallPolicy& policy, const ServiceHeads& s) {
    return !s.regular || policy.regular_between_priority == 0 || s.regular_since_priority < 0 ||
           s.regular_since_priority >= policy.regular_between_priority;
}

// The urgency rule's order of a head, highest first: a citizen past the late limit
// before everyone (tier 2), then citizens still within the standard (tier 1), then those
// already late but under the limit (tier 0); inside a tier by urgency, discounted by the
// service's place in the counter's list within the standard only.
struct Rank {
    int tier = 0;
    double score = 0;
    bool operator>(const Rank& o) const { return tier != o.tier ? tier > o.tier : score > o.score; }
};

Rank rank(const CallPolicy& policy, double urgency, std::size_t place) {
    if (urgency >= policy.late_limit_percent / 100.0) return {2, urgency};
    if (urgency >= 1.0) return {0, urgency};
    return {1, urgency / (1.0 + policy.preference_step_percent / 100.0 * static_cast<double>(place))};
}

}  // namespace

bool priority_goes_first(const CallPolicy& policy, const ServiceHeads& s) {
    if (!s.priority) return false;
    if (!s.regular) return true;
    if (policy.rule == CallRule::strict) return strict_priority_turn(policy, s);
    return counts_from(policy, *s.priority, true) <= counts_from(policy, *s.regular, false);
}

std::optional<LinePick> choose_line(const CallPolicy& policy, std::span<const ServiceHeads> services, Millis now) {
    std::optional<LinePick> best;
    Rank best_rank;
    for (std::size_t i = 0; i < services.size(); ++i) {
        const ServiceHeads& s = services[i];
        if (!s.priority && !s.regular) continue;
        const bool priority = priority_goes_first(policy, s);
        if (policy.rule == CallRule::strict) return LinePick{i, priority};
        // Urgency: the share of the service's standard the head has waited. Ties go to
        // the earlier service.
        const LineHead& head = priority ? *s.priority : *s.regular;
        const double waited = static_cast<double>(now - counts_from(policy, head, priority));
        const Rank r = rank(policy, waited / (1000.0 * std::max(1, s.max_wait_s)), i);
        if (!best || r > best_rank) {
            best = LinePick{i, priority};
            best_rank = r;
        }
    }
    return best;
}

int regular_count_after_call(int regular_since_priority, bool priority) {
    if (priority) return 0;
    return regular_since_priority >= 0 ? regular_since_priority + 1 : regular_since_priority;
}

}  // namespace antre
