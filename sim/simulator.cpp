#include "simulator.hpp"

#include <algorithm>
#include <queue>
#include <tuple>
#include <unordered_map>

#include "antre/calendar.hpp"
#include "antre/errors.hpp"

namespace antre::sim {

std::optional<double> TicketOutcome::wait_s() const {
    if (!first_called_at) return std::nullopt;
    return static_cast<double>(*first_called_at - issued_at) / 1000.0;
}

namespace {

enum class Kind { login, arrival, start, finish, no_show, transfer, break_due, break_end };

struct Step {
    Millis at = 0;
    std::uint64_t seq = 0;  // ties at the same moment go in the order they were scheduled
    Kind kind = Kind::arrival;
    int counter = 0;
    std::size_t index = 0;  // the arrival, or the break
    bool operator>(const Step& o) const { return std::tie(at, seq) > std::tie(o.at, o.seq); }
};

class Day {
public:
    Day(const OfficeConfig& office, const DayPlan& plan, const std::vector<std::unique_ptr<Estimator>>& estimators)
        : office_(office),
          plan_(plan),
          estimators_(estimators),
          calendar_(office.time_zone),
          midnight_(calendar_.day_start(plan.day)),
          engine_(office, midnight_),
          day_end_(calendar_.next_day_start(midnight_) - 60'000) {
        result_.day = plan.day;
        for (const auto& e : estimators) result_.estimators.push_back(e->name());
    }

    DayResult run() {
        const int weekday = calendar_.local(midnight_).weekday;
        const int open = office_hours(office_, weekday).first;
        if (open >= 0)
            for (const auto& c : office_.counters) schedule(midnight_ + open * 60'000LL, Kind::login, c.number);
        for (std::size_t i = 0; i < plan_.arrivals.size(); ++i) schedule(plan_.arrivals[i].at, Kind::arrival, 0, i);
        for (std::size_t i = 0; i < plan_.breaks.size(); ++i)
            schedule(midnight_ + plan_.breaks[i].start_minute * 60'000LL, Kind::break_due, plan_.breaks[i].counter, i);
        while (!steps_.empty()) {
            const Step s = steps_.top();
            steps_.pop();
            if (s.at > day_end_) break;
            do_step(s);
            result_.last_event = std::max(result_.last_event, s.at);
        }
        for (auto& t : result_.tickets)
            if (const Ticket* now = engine_.find_ticket(t.id)) t.status = now->status;
        return std::move(result_);
    }

private:
    void schedule(Millis at, Kind kind, int counter, std::size_t index = 0) {
        steps_.push({at, next_seq_++, kind, counter, index});
    }

    void do_step(const Step& s) {
        switch (s.kind) {
            case Kind::login:
                engine_.login(s.counter, "SIM-" + std::to_string(s.counter), s.at);
                break;
            case Kind::arrival:
                arrive(plan_.arrivals[s.index], s.at);
                break;
            case Kind::start:
                start(s.counter, s.at);
                break;
            case Kind::finish:
                engine_.finish(s.counter, s.at);
                done_with_ticket(s.counter, s.at);
                break;
            case Kind::no_show:
                engine_.no_show(s.counter, s.at);
                done_with_ticket(s.counter, s.at);
                break;
            case Kind::transfer: {
                const auto& a = plan_.arrivals[arrival_of_.at(*active(s.counter))];
                engine_.transfer(s.counter, a.transfer_to, s.at);
                result_.tickets[ticket_slot_.at(a_index(a))].transferred = true;
                done_with_ticket(s.counter, s.at);
                break;
            }
            case Kind::break_due: {
                const Counter* c = engine_.find_counter(s.counter);
                if (!c || c->state != CounterState::open) break;
                if (c->active) {
                    pending_break_[s.counter] = plan_.breaks[s.index].minutes;
                } else {
                    take_break(s.counter, plan_.breaks[s.index].minutes, s.at);
                }
                break;
            }
            case Kind::break_end:
                engine_.resume(s.counter, s.at);
                break;
        }
        dispatch(s.at);
    }

    std::size_t a_index(const Arrival& a) const { return static_cast<std::size_t>(&a - plan_.arrivals.data()); }

    std::optional<TicketId> active(int counter) const {
        const Counter* c = engine_.find_counter(counter);
        return c ? c->active : std::nullopt;
    }

    void arrive(const Arrival& a, Millis now) {
        Effect fx;
        try {
            fx = engine_.issue(a.service, a.priority, now);
        } catch (const Refusal&) {
            ++result_.refused[a.service];
            return;
        }
        TicketOutcome t;
        t.id = *fx.ticket;
        t.service = a.service;
        t.priority = a.priority;
        t.issued_at = now;
        for (const auto& e : estimators_) t.estimates.push_back(e->on_issued(engine_, t.id, now));
        arrival_of_[t.id] = a_index(a);
        ticket_slot_[a_index(a)] = result_.tickets.size();
        result_.tickets.push_back(std::move(t));
    }

    void start(int counter, Millis now) {
        engine_.start(counter, now);
        const TicketId id = *active(counter);
        const Arrival& a = plan_.arrivals[arrival_of_.at(id)];
        const bool first_leg = engine_.find_ticket(id)->transfers == 0;
        if (first_leg && !a.transfer_to.empty()) {
            schedule(now + std::min(plan_.transfer_after_ms, a.service_ms), Kind::transfer, counter);
        } else {
            schedule(now + (first_leg ? a.service_ms : a.transfer_service_ms), Kind::finish, counter);
        }
    }

    void take_break(int counter, int minutes, Millis now) {
        engine_.pause(counter, "istirahat", now);
        schedule(now + minutes * 60'000LL, Kind::break_end, counter);
    }

    void done_with_ticket(int counter, Millis now) {
        auto it = pending_break_.find(counter);
        if (it == pending_break_.end()) return;
        const int minutes = it->second;
        pending_break_.erase(it);
        take_break(counter, minutes, now);
    }

    // Every free counter calls, in number order, until none finds a ticket.
    void dispatch(Millis now) {
        for (const auto& c : engine_.state().counters) {
            if (c.state != CounterState::open || c.active) continue;
            const int number = c.config.number;
            Effect fx;
            try {
                fx = engine_.call_next(number, now);
            } catch (const Refusal&) {
                continue;
            }
            const TicketId id = *fx.ticket;
            auto& outcome = result_.tickets[ticket_slot_.at(arrival_of_.at(id))];
            if (!outcome.first_called_at) {
                outcome.first_called_at = now;
                const Ticket& t = *engine_.find_ticket(id);
                for (const auto& e : estimators_) e->on_first_call(t, now);
            }
            const Arrival& a = plan_.arrivals[arrival_of_.at(id)];
            if (a.absent) {
                schedule(now + plan_.no_show_wait_ms, Kind::no_show, number);
            } else {
                schedule(now + plan_.walk_ms, Kind::start, number);
            }
        }
    }

    const OfficeConfig& office_;
    const DayPlan& plan_;
    const std::vector<std::unique_ptr<Estimator>>& estimators_;
    OfficeCalendar calendar_;
    Millis midnight_;
    Engine engine_;
    Millis day_end_;
    std::priority_queue<Step, std::vector<Step>, std::greater<>> steps_;
    std::uint64_t next_seq_ = 0;
    std::unordered_map<TicketId, std::size_t> arrival_of_;      // ticket -> its arrival
    std::unordered_map<std::size_t, std::size_t> ticket_slot_;  // arrival -> result_.tickets
    std::map<int, int> pending_break_;                          // counter -> minutes, once its ticket is done
    DayResult result_;
};

}  // namespace

DayResult simulate(const OfficeConfig& office, const DayPlan& plan,
                   const std::vector<std::unique_ptr<Estimator>>& estimators) {
    return Day(office, plan, estimators).run();
}

}  // namespace antre::sim
