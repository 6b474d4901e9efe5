#include "estimator.hpp"

#include <algorithm>

namespace antre::sim {

std::optional<Estimate> EngineEstimator::on_issued(const Engine& engine, TicketId id, Millis) {
    const Ticket* t = engine.find_ticket(id);
    if (!t || !t->estimated_wait_s) return std::nullopt;
    return Estimate{static_cast<double>(*t->estimated_wait_s), std::nullopt, std::nullopt};
}

std::optional<Estimate> QueueLengthEstimator::on_issued(const Engine& engine, TicketId id, Millis) {
    const Ticket* t = engine.find_ticket(id);
    if (!t) return std::nullopt;
    auto mean = mean_service_s_.find(t->service);
    if (mean == mean_service_s_.end()) return std::nullopt;
    int serving = 0;
    bool free = false;
    for (const auto& c : engine.state().counters) {
        if (c.state == CounterState::closed) continue;
        if (std::find(c.config.services.begin(), c.config.services.end(), t->service) == c.config.services.end())
            continue;
        ++serving;
        if (c.state == CounterState::open && !c.active) free = true;
    }
    const int ahead = engine.people_ahead(id);
    if (serving == 0) return std::nullopt;
    if (ahead == 0 && free) return Estimate{0, std::nullopt, std::nullopt};
    return Estimate{(ahead + 1) * mean->second / serving, std::nullopt, std::nullopt};
}

std::optional<Estimate> LastToEnterEstimator::on_issued(const Engine& engine, TicketId id, Millis) {
    const Ticket* t = engine.find_ticket(id);
    if (!t) return std::nullopt;
    auto it = last_wait_s_.find(t->service);
    return Estimate{it == last_wait_s_.end() ? 0.0 : it->second, std::nullopt, std::nullopt};
}

void LastToEnterEstimator::on_first_call(const Ticket& ticket, Millis now) {
    last_wait_s_[ticket.service] = static_cast<double>(now - ticket.issued_at) / 1000.0;
}

std::optional<Estimate> ForwardEstimator::on_issued(const Engine& engine, TicketId id, Millis now) {
    options_.only = id;
    options_.seed = static_cast<std::uint64_t>(id);  // the same day gives the same estimates
    const auto list = estimate_calls(engine, now, options_);
    if (list.empty() || !list.front().reached) return std::nullopt;
    const CallEstimate& e = list.front();
    auto seconds = [now](Millis at) { return static_cast<double>(at - now) / 1000.0; };
    return Estimate{seconds(e.p50), seconds(e.p10), seconds(e.p90)};
}

std::vector<std::unique_ptr<Estimator>> standard_estimators(const std::map<std::string, double>& mean_service_s,
                                                            ForwardOptions forward) {
    std::vector<std::unique_ptr<Estimator>> out;
    out.push_back(std::make_unique<EngineEstimator>());
    out.push_back(std::make_unique<QueueLengthEstimator>(mean_service_s));
    out.push_back(std::make_unique<LastToEnterEstimator>());
    out.push_back(std::make_unique<ForwardEstimator>(std::move(forward)));
    return out;
}

}  // namespace antre::sim

namespace antre::sim {

std::vector<PlannedPause> pause_roster(const DayPlan& plan, Millis midnight) {
    std::vector<PlannedPause> out;
    for (const auto& b : plan.breaks)
        out.push_back({b.counter, midnight + b.start_minute * 60'000LL, b.minutes * 60'000LL});
    return out;
}

}  // namespace antre::sim
