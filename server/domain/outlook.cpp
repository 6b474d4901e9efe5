// What the forward estimate draws from (estimate.hpp), read from the engine's tickets in
// one pass: per service its holding times and arrival rates; today's no-show and
// transfer shares; the waiting tickets.
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "estimate.hpp"
#include "percentile.hpp"

namespace antre {
namespace {

constexpr std::size_t recent_holds = 30;        // today's last finished tickets of a service
constexpr std::size_t min_own_holds = 5;        // fewer than this: the typical duration instead
constexpr Millis rate_window_ms = 60 * 60'000;  // arrivals counted over the last hour
constexpr Millis min_rate_window_ms = 15 * 60'000;
constexpr double fallback_sigma = 0.555;  // ln-sd of a lognormal with cv 0.6
constexpr double prior_no_show = 0.04;    // a no-show share before the day says otherwise
constexpr double prior_calls = 25;        // ... weighted as this many calls

// Standard normal quantiles at (i + 0.5) / n: the fallback's evenly spread sample.
template <std::size_t n>
std::array<double, n> normal_quantiles() {
    std::array<double, n> z{};
    for (std::size_t i = 0; i < n; ++i) {
        const double p = (static_cast<double>(i) + 0.5) / static_cast<double>(n);
        double lo = -8, hi = 8;
        for (int k = 0; k < 60; ++k) {
            const double mid = (lo + hi) / 2;
            (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
        }
        z[i] = (lo + hi) / 2;
    }
    return z;
}

// The configured typical duration (half of max_service_minutes, as the engine's own
// estimate assumes before any ticket finished) as the median of a lognormal, cv 0.6.
HoldSamples typical_holds(const Service& s) {
    static const auto z = normal_quantiles<32>();
    const double median_ms = s.max_service_minutes * 60'000.0 / 2;
    HoldSamples out;
    for (double q : z) out.push_back(static_cast<Millis>(median_ms * std::exp(fallback_sigma * q)));
    return out;
}

// The end of the opening window of `s` that holds `now` (0 when none does).
Millis issuing_until(const Service& s, const LocalTime& local, Millis now) {
    for (const auto& w : s.hours)
        if (w.weekday == local.weekday && local.minute_of_day >= w.open_minute && local.minute_of_day < w.close_minute)
            return now + (w.close_minute - local.minute_of_day) * 60'000LL - local.second_of_minute * 1000LL;
    return 0;
}

}  // namespace

Outlook outlook(const Engine& engine, Millis now, const ForwardOptions& options) {
    const EngineState& st = engine.state();
    std::map<std::string, std::vector<std::pair<Millis, Millis>>> holds;  // service -> (finished, hold)
    std::map<std::string, std::pair<int, int>> issued;                    // service -> (regular, priority)
    Outlook out;
    Millis first_issue = now;
    double calls = 0, no_shows = 0, legs = 0, transfers = 0;
    for (const auto& t : st.tickets) {
        if (t.status == TicketStatus::waiting) out.waiting.push_back(t.id);
        if (t.day != st.day) continue;
        first_issue = std::min(first_issue, t.issued_at);
        if (t.issued_at > now - rate_window_ms && t.issued_at <= now)
            ++(t.priority == Priority::none ? issued[t.origin_service].first : issued[t.origin_service].second);
        if (t.status == TicketStatus::done && t.finished_at && t.called_at)
            holds[t.service].emplace_back(*t.finished_at, *t.finished_at - *t.called_at);
        if (t.first_called_at) {
            no_shows += t.no_shows;
            // every no-show was a call; so was the call of a ticket now held, done or cancelled
            calls += t.no_shows + (t.status == TicketStatus::waiting || t.status == TicketStatus::no_show ? 0 : 1);
        }
        // Today's transfers: their share of the legs served, and where they went.
        legs += (t.status == TicketStatus::done ? 1 : 0) + t.transfers;
        transfers += t.transfers;
        if (t.transfers > 0) out.transfer_to.push_back(t.service);
    }
    out.no_show_share = (no_shows + prior_no_show * prior_calls) / (calls + prior_calls);
    out.transfer_share = legs > 0 ? transfers / legs : 0;
    const Millis window = std::clamp(now - first_issue, min_rate_window_ms, rate_window_ms);
    const LocalTime local = engine.calendar().local(now);
    for (const auto& s : st.services) {
        ServiceOutlook o;
        o.rate_window = window;
        if (auto learned = options.learned.find(s.def.code); learned != options.learned.end()) {
            o.hold = learned->second;
        } else if (auto h = holds.find(s.def.code); h != holds.end() && h->second.size() >= min_own_holds) {
            auto& list = h->second;
            std::sort(list.begin(), list.end());
            const std::size_t from = list.size() > recent_holds ? list.size() - recent_holds : 0;
            for (std::size_t i = from; i < list.size(); ++i) o.hold.push_back(list[i].second);
        }
        if (o.hold.empty()) o.hold = typical_holds(s.def);
        std::sort(o.hold.begin(), o.hold.end());
        const auto counts = issued[s.def.code];
        o.regular_rate = counts.first / static_cast<double>(window);
        o.priority_rate = counts.second / static_cast<double>(window);
        if (!s.closed) o.issuing_until = issuing_until(s.def, local, now);
        out.services.emplace(s.def.code, std::move(o));
    }
    return out;
}

}  // namespace antre
