#include "estimate.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>
#include <utility>

#include "call_rule.hpp"
#include "percentile.hpp"

namespace antre {
namespace {

// A counter that paused up to this long before a pause of the roster is taking that one, early.
constexpr Millis pause_slack_ms = 15 * 60'000;

// splitmix64: the same draws on every platform (as the day simulator's).
class Draws {
public:
    explicit Draws(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }

private:
    std::uint64_t state_;
};

struct RunTicket {
    Millis issued_at = 0;  ///< waits_since(): a booked ticket's counts from its session
    std::size_t service = 0;
    bool priority = false;
    int no_shows = 0;
    bool transferred = false;
};

// One class of a service's waiting tickets, in queue order from `head`.
struct Line {
    std::vector<std::size_t> ids;
    std::size_t head = 0;
    bool empty() const { return head == ids.size(); }
};

struct RunService {
    Line priority, regular;
    int since = -1;  // regular calls since the last priority call
    int max_wait_s = 3600;
};

struct RunCounter {
    std::vector<std::size_t> services;              // indices, in the counter's order of preference
    Millis free_at = 0;                             // when it can call first
    std::vector<std::pair<Millis, Millis>> pauses;  // (due, length) of the roster's pauses still to come
};

enum class Kind { counter_free, arrival, pause_due };

struct Step {
    Millis at = 0;
    std::uint64_t seq = 0;
    Kind kind = Kind::counter_free;
    std::size_t index = 0;  // the counter, or the arrival stream (service x 2 + priority)
    bool operator>(const Step& o) const { return std::tie(at, seq) > std::tie(o.at, o.seq); }
};

// The runs' next steps, earliest first: a binary heap on a buffer kept from run to run.
class Steps {
public:
    void clear() { heap_.clear(); }
    bool empty() const { return heap_.empty(); }
    void push(const Step& s) {
        heap_.push_back(s);
        std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
    }
    Step pop() {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
        const Step s = heap_.back();
        heap_.pop_back();
        return s;
    }

private:
    std::vector<Step> heap_;
};

// The office as the engine holds it at `now`, ready to be run forward many times.
class Forward {
public:
    Forward(const Engine& engine, Millis now, const ForwardOptions& options, const Outlook& look)
        : engine_(engine), options_(options), now_(now), horizon_(engine.calendar().next_day_start(now)) {
        const EngineState& st = engine.state();
        std::map<std::string, std::size_t> index;
        for (const auto& s : st.services) {
            index[s.def.code] = services_.size();
            RunService rs;
            rs.since = s.regular_since_priority;
            rs.max_wait_s = s.def.max_wait_minutes * 60;
            services_.push_back(std::move(rs));
            outlook_.push_back(look.services.at(s.def.code));
        }
        // Every waiting ticket, in the engine's order: the targets are the first ones.
        std::vector<const Ticket*> waiting;
        for (const TicketId id : look.waiting)
            if (const Ticket* t = engine.find_ticket(id); t && index.count(t->service)) waiting.push_back(t);
        std::vector<std::size_t> order(waiting.size());
        for (std::size_t i = 0; i < waiting.size(); ++i) {
            const Ticket& t = *waiting[i];
            tickets_.push_back(
                {waits_since(t), index.at(t.service), t.priority != Priority::none, t.no_shows, t.transfers > 0});
            ids_.push_back(t.id);
            order[i] = i;
            if (options.only && *options.only == t.id) target_ = i;
        }
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return waiting[a]->queue_key < waiting[b]->queue_key; });
        if (const auto& n = options.newcomer; n && index.count(n->service)) {  // last in its line
            // ... and one of the last hour's arrivals, as it would be once issued
            ServiceOutlook& o = outlook_[index.at(n->service)];
            (n->priority ? o.priority_rate : o.regular_rate) += 1.0 / static_cast<double>(o.rate_window);
            const TicketId id = st.next_ticket_id;
            order.push_back(tickets_.size());
            tickets_.push_back({now, index.at(n->service), n->priority, 0, false});
            ids_.push_back(id);
            if (options.only && *options.only == id) target_ = tickets_.size() - 1;
        }
        for (std::size_t i : order) {
            RunService& s = services_[tickets_[i].service];
            (tickets_[i].priority ? s.priority : s.regular).ids.push_back(i);
        }
        for (const auto& c : st.counters) {
            if (c.state == CounterState::closed) continue;
            RunCounter rc;
            for (const auto& code : c.config.services)
                if (auto it = index.find(code); it != index.end()) rc.services.push_back(it->second);
            rc.free_at = now;
            Millis away = options.typical_pause_ms;  // a pause under way: the roster's, or the typical
            for (const auto& p : options.pauses) {
                if (p.counter != c.config.number || p.length_ms <= 0) continue;
                if (c.state == CounterState::paused && p.from <= c.since + pause_slack_ms) {
                    away = p.length_ms;  // the latest one begun by the pause
                } else if (p.from > c.since) {
                    rc.pauses.emplace_back(p.from, p.length_ms);  // not taken yet: no change since it began
                }
            }
            std::sort(rc.pauses.begin(), rc.pauses.end());
            if (c.state == CounterState::paused)
                rc.free_at = std::max(c.since + away, now + std::min(away, Millis{5 * 60'000}));
            if (const Ticket* held = c.active ? engine.find_ticket(*c.active) : nullptr) {
                const auto service = index.find(held->service);
                const Millis from = held->called_at ? *held->called_at : c.since;
                if (service != index.end())
                    held_.push_back({counters_.size(), service->second, std::max<Millis>(0, now - from)});
            }
            counters_.push_back(std::move(rc));
        }
        no_show_ = options.no_show_share ? *options.no_show_share : look.no_show_share;
        transfer_share_ = look.transfer_share;
        for (const auto& code : look.transfer_to)
            if (auto it = index.find(code); it != index.end()) transfer_to_.push_back(it->second);
    }

    std::vector<CallEstimate> run() {
        const std::size_t n = target_ ? 1 : tickets_.size();
        // Each run draws from its own seed, so that a run stopped at one ticket draws
        // what the whole-queue run draws up to that ticket's call.
        Draws seeds(options_.seed);
        const auto runs = static_cast<std::size_t>(std::max(1, options_.runs));
        // calls[ticket * runs + run]: the day's end until the run calls it
        std::vector<Millis> calls(n * runs, horizon_);
        // When no run can call a ticket to estimate before the day's end, every one keeps
        // the day's end without stepping through the arrivals until the services stop
        // issuing (thousands of steps a run behind a long queue).
        for (std::size_t r = 0; r < runs && may_call_today(); ++r) {
            Draws draws(seeds.next());
            one_run(draws, [&](std::size_t ticket, Millis at) {
                if (target_) {
                    if (ticket != *target_) return false;
                    calls[r] = at;
                    return true;
                }
                if (ticket < n) calls[ticket * runs + r] = at;
                return ticket < n;
            });
        }
        std::vector<CallEstimate> out;
        out.reserve(n);
        std::vector<Millis> c(runs);
        for (std::size_t i = 0; i < n; ++i) {
            const auto from = calls.begin() + static_cast<std::ptrdiff_t>(i * runs);
            std::copy(from, from + static_cast<std::ptrdiff_t>(runs), c.begin());
            std::sort(c.begin(), c.end());
            CallEstimate e;
            e.ticket = ids_[target_ ? *target_ : i];
            e.p50 = nearest_rank(c, 50);
            // The calibration: widened around p50, never before now nor past the day's end.
            const double margin = options_.interval_margin * static_cast<double>(e.p50 - now_);
            auto widen = [&](Millis p, double side) {
                const double d = options_.interval_scale * static_cast<double>(p - e.p50) + side * margin;
                return e.p50 + static_cast<Millis>(std::llround(d));
            };
            e.p10 = std::max(now_, std::min(e.p50, widen(nearest_rank(c, 10), -1)));
            e.p90 = std::min(horizon_, std::max(e.p50, widen(nearest_rank(c, 90), 1)));
            e.reached = e.p50 < horizon_;
            out.push_back(e);
        }
        return out;
    }

    bool has_target() const { return !options_.only || target_.has_value(); }

    // Whether a run may call a ticket to estimate before the day's end. Not when no
    // counter is open; nor when the one ticket estimated (`only`) has k tickets before it
    // in its own line and the C counters serving its service cannot call them all in
    // time: each call holds its counter at least m (the shortest hold a run can draw for
    // the service, a no-show's wait or a transfer's first leg), so the ticket's call
    // comes no earlier than now + floor(k / C) * m in any run (requeues, transfers and
    // priority arrivals only add calls before it). Exact: such runs call it never.
    bool may_call_today() const {
        if (counters_.empty()) return false;
        if (!target_) return true;
        const RunTicket& t = tickets_[*target_];
        const RunService& s = services_[t.service];
        const Line& line = t.priority ? s.priority : s.regular;
        const auto ahead =
            static_cast<Millis>(std::find(line.ids.begin(), line.ids.end(), *target_) - line.ids.begin());
        Millis serving = 0;
        for (const RunCounter& c : counters_)
            serving += std::count(c.services.begin(), c.services.end(), t.service) > 0 ? 1 : 0;
        if (serving == 0) return false;
        const HoldSamples& hold = outlook_[t.service].hold;
        const Millis m = std::max<Millis>(1, std::min({hold.empty() ? Millis{1} : hold.front(),
                                                       options_.no_show_wait_ms, options_.transfer_after_ms}));
        return now_ + ahead / serving * m < horizon_;
    }

private:
    struct Held {
        std::size_t counter = 0, service = 0;
        Millis elapsed = 0;
    };

    Millis draw_hold(Draws& d, std::size_t service) const {
        const HoldSamples& h = outlook_[service].hold;
        return h[d.below(h.size())];
    }

    // The rest of a hold that has lasted `elapsed`: a hold longer than that, drawn from
    // the service's; past every one of them, a quarter of the median.
    Millis draw_rest(Draws& d, std::size_t service, Millis elapsed) const {
        const HoldSamples& h = outlook_[service].hold;
        const auto longer = std::upper_bound(h.begin(), h.end(), elapsed);
        if (longer == h.end()) return std::max<Millis>(30'000, h[h.size() / 2] / 4);
        const auto k = static_cast<std::size_t>(h.end() - longer);
        return *(longer + static_cast<std::ptrdiff_t>(d.below(k))) - elapsed;
    }

    Millis next_arrival(Draws& d, std::size_t stream, Millis after) const {
        const ServiceOutlook& o = outlook_[stream / 2];
        const double rate = stream % 2 ? o.priority_rate : o.regular_rate;
        if (!options_.arrivals || rate <= 0 || o.issuing_until <= after) return -1;
        const auto at = after + static_cast<Millis>(-std::log(1 - d.uniform()) / rate) + 1;
        return at < o.issuing_until ? at : -1;
    }

    // One run from now; `called(ticket, at)` is told of each first call and returns
    // whether it was one of the tickets still to be estimated.
    template <class Called>
    void one_run(Draws& d, Called&& called) {
        // The buffers are the previous run's, refilled: no allocation once they have grown.
        auto& services = work_services_;
        auto& tickets = work_tickets_;
        auto& seen = seen_;
        auto& idle = idle_;
        auto& first_free = first_free_;
        auto& next_pause = next_pause_;
        auto& heads = heads_;
        auto& steps = steps_;
        services = services_;
        tickets = tickets_;
        std::size_t left = target_ ? 1 : tickets_.size();
        seen.assign(tickets_.size(), 0);
        idle.assign(counters_.size(), 0);
        steps.clear();
        std::uint64_t seq = 0;
        first_free.resize(counters_.size());
        for (std::size_t c = 0; c < counters_.size(); ++c) first_free[c] = counters_[c].free_at;
        for (const Held& h : held_) first_free[h.counter] = now_ + draw_rest(d, h.service, h.elapsed);
        for (std::size_t c = 0; c < counters_.size(); ++c) {
            steps.push({first_free[c], seq++, Kind::counter_free, c});
            for (const auto& p : counters_[c].pauses)
                if (p.first > now_) steps.push({p.first, seq++, Kind::pause_due, c});
        }
        next_pause.assign(counters_.size(), 0);
        for (std::size_t s = 0; s < 2 * services.size(); ++s)
            if (const Millis at = next_arrival(d, s, now_); at >= 0) steps.push({at, seq++, Kind::arrival, s});
        bool requeued = false;  // a no-show went back into a line: idle counters look again
        const CallPolicy& policy = engine_.office().policy;

        // A counter due for its pause takes it now, instead of calling.
        auto take_pause = [&](std::size_t c, Millis at) {
            const auto& pauses = counters_[c].pauses;
            if (next_pause[c] == pauses.size() || pauses[next_pause[c]].first > at) return false;
            idle[c] = 0;
            steps.push({at + pauses[next_pause[c]++].second, seq++, Kind::counter_free, c});
            return true;
        };

        auto try_call = [&](std::size_t c, Millis at) {
            const RunCounter& counter = counters_[c];
            heads.clear();
            for (std::size_t s : counter.services) {
                const RunService& rs = services[s];
                ServiceHeads h;
                if (!rs.priority.empty()) {
                    const std::size_t id = rs.priority.ids[rs.priority.head];
                    h.priority = LineHead{static_cast<TicketId>(id), tickets[id].issued_at};
                }
                if (!rs.regular.empty()) {
                    const std::size_t id = rs.regular.ids[rs.regular.head];
                    h.regular = LineHead{static_cast<TicketId>(id), tickets[id].issued_at};
                }
                h.regular_since_priority = rs.since;
                h.max_wait_s = rs.max_wait_s;
                heads.push_back(h);
            }
            const auto pick = choose_line(policy, heads, at);
            if (!pick) {
                idle[c] = 1;
                return false;
            }
            idle[c] = 0;
            RunService& rs = services[counter.services[pick->service]];
            Line& line = pick->priority ? rs.priority : rs.regular;
            const std::size_t id = line.ids[line.head++];
            rs.since = regular_count_after_call(rs.since, pick->priority);
            if (!seen[id]) {
                seen[id] = 1;
                if (called(id, at)) --left;
            }
            Millis hold = 0;
            if (d.uniform() < no_show_) {
                hold = options_.no_show_wait_ms;
                if (++tickets[id].no_shows <= policy.no_show_max_requeues) {
                    const auto place =
                        std::min(line.ids.size(),
                                 line.head + static_cast<std::size_t>(std::max(0, policy.no_show_requeue_places)));
                    line.ids.insert(line.ids.begin() + static_cast<std::ptrdiff_t>(place), id);
                    requeued = true;
                }
            } else if (!tickets[id].transferred && !transfer_to_.empty() && d.uniform() < transfer_share_) {
                // Sent on to another service after a short first leg, keeping the place
                // its arrival earned there (as Engine::transfer does).
                hold = std::min(draw_hold(d, tickets[id].service), options_.transfer_after_ms);
                const std::size_t to = transfer_to_[d.below(transfer_to_.size())];
                RunTicket& t = tickets[id];
                t.transferred = true;
                if (to != t.service) {
                    t.service = to;
                    Line& target = t.priority ? services[to].priority : services[to].regular;
                    const auto place = std::upper_bound(
                        target.ids.begin() + static_cast<std::ptrdiff_t>(target.head), target.ids.end(), t.issued_at,
                        [&](Millis issued, std::size_t other) { return issued < tickets[other].issued_at; });
                    target.ids.insert(place, id);
                    requeued = true;
                }
            } else {
                hold = draw_hold(d, tickets[id].service);
            }
            steps.push({at + std::max<Millis>(1, hold), seq++, Kind::counter_free, c});
            return true;
        };

        while (left > 0 && !steps.empty()) {
            const Step s = steps.pop();
            if (s.at >= horizon_) break;
            if (s.kind == Kind::pause_due) {
                if (idle[s.index]) take_pause(s.index, s.at);
                continue;
            }
            if (s.kind == Kind::counter_free) {
                if (take_pause(s.index, s.at)) continue;
                try_call(s.index, s.at);
                if (!std::exchange(requeued, false)) continue;
                for (std::size_t c = 0; c < counters_.size(); ++c)
                    if (idle[c]) try_call(c, s.at);
                continue;
            }
            const std::size_t service = s.index / 2;
            const bool priority = s.index % 2 == 1;
            tickets.push_back({s.at, service, priority, 0});
            seen.push_back(0);
            auto& line = priority ? services[service].priority : services[service].regular;
            line.ids.push_back(tickets.size() - 1);
            if (const Millis at = next_arrival(d, s.index, s.at); at >= 0)
                steps.push({at, seq++, Kind::arrival, s.index});
            for (std::size_t c = 0; c < counters_.size(); ++c)
                if (idle[c]) try_call(c, s.at);
        }
    }

    const Engine& engine_;
    const ForwardOptions& options_;
    Millis now_, horizon_;
    std::vector<RunService> services_;
    std::vector<ServiceOutlook> outlook_;
    std::vector<RunTicket> tickets_;  // the waiting tickets now
    std::vector<TicketId> ids_;
    std::vector<RunCounter> counters_;
    std::vector<Held> held_;
    std::optional<std::size_t> target_;
    double no_show_ = 0;
    double transfer_share_ = 0;
    std::vector<std::size_t> transfer_to_;  // the services today's transfers went to
    // One run's state, kept between runs for its buffers.
    std::vector<RunService> work_services_;
    std::vector<RunTicket> work_tickets_;
    std::vector<char> seen_, idle_;
    std::vector<Millis> first_free_;
    std::vector<std::size_t> next_pause_;
    std::vector<ServiceHeads> heads_;
    Steps steps_;
};

}  // namespace

std::vector<CallEstimate> estimate_calls(const Engine& engine, Millis now, const ForwardOptions& options) {
    return estimate_calls(engine, now, options, outlook(engine, now, options));
}

std::vector<CallEstimate> estimate_calls(const Engine& engine, Millis now, const ForwardOptions& options,
                                         const Outlook& look) {
    Forward forward(engine, now, options, look);
    if (!forward.has_target()) return {};
    return forward.run();
}

}  // namespace antre
