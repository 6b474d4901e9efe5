// Keeping the call estimates current (docs/queue.md "Estimates on the screens"): the
// forward run on a copy of the engine, away from the I/O thread, one at a time; and
// the holding times it learns from the office's history, rebuilt each hour.
#include <iostream>
#include <utility>

#include "finished_legs.hpp"
#include "handler.hpp"
#include "sqlite.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

namespace {

constexpr Millis day_ms = 24 * 3600 * 1000LL;

// The hour a table is learned for: learned_holds() looks at the weekday and hour of `now`.
std::string hour_of(const OfficeCalendar& calendar, Millis now) {
    const LocalTime t = calendar.local(now);
    return t.day + " " + std::to_string(t.minute_of_day / 60);
}

// The office days learned from: the `days` before today (noon keeps the arithmetic
// on the right day in a zone with daylight saving).
std::pair<std::string, std::string> history_before(const OfficeCalendar& calendar, Millis now, int days) {
    const Millis noon = calendar.day_start(calendar.day_of(now)) + day_ms / 2;
    return {calendar.day_of(noon - days * day_ms), calendar.day_of(noon - day_ms)};
}

estimates::Learned learn(const std::vector<FinishedLeg>& legs, const OfficeCalendar& calendar, Millis now) {
    return std::make_shared<const std::map<std::string, HoldSamples>>(learned_holds(legs, calendar, now));
}

}  // namespace

ForwardOptions Handler::forward_options(Millis now) const {
    return estimates::options(*engine_, now, learned_, office_.breaks);
}

void Handler::learn_here(Millis now) {
    const OfficeCalendar& calendar = engine_->calendar();
    learned_for_ = hour_of(calendar, now);
    const auto [from, to] = history_before(calendar, now, history_days);
    learned_ = learn(store_.finished_legs(from, to), calendar, now);
}

void Handler::relearn_if_due(Millis now) {
    const OfficeCalendar& calendar = engine_->calendar();
    if (learning_ || hour_of(calendar, now) == learned_for_) return;
    const std::string path = store_.reader_path();
    if (path.empty() || !offload_) return learn_here(now);
    learning_ = true;
    learned_for_ = hour_of(calendar, now);  // a failed read is tried again the next hour
    // Named copies, not a structured binding: clang 14 cannot capture a binding.
    const auto period = history_before(calendar, now, history_days);
    const std::string from = period.first;
    const std::string to = period.second;
    auto result = std::make_shared<estimates::Learned>();
    auto failure = std::make_shared<std::string>();
    offload_(
        [path, from, to, calendar, now, result, failure] {
            try {
                sql::Database db(path, true);
                *result = learn(finished_legs(db, from, to), calendar, now);
            } catch (const std::exception& e) {
                *failure = e.what();
            }
        },
        [this, result, failure] {
            learning_ = false;
            if (!failure->empty()) {
                std::cerr << "antre-server: learning holding times: " << *failure << "\n";
                return;
            }
            learned_ = *result;
            refresh_estimates();
        });
}

void Handler::refresh_estimates() {
    relearn_if_due(clock_.now());
    if (estimating_) {
        estimate_again_ = true;
        return;
    }
    if (paced_) return;  // the refresh waiting for its turn copies the engine then: it sees this change
    if (pace_) {
        // At most one refresh begins per estimate_gap: under a burst of changes the
        // copy of the engine and the runs cost a bounded share of the machine, and the
        // screens get the figures of the latest state a moment later.
        const auto now = std::chrono::steady_clock::now();
        if (const auto due = refreshed_ + estimate_gap; now < due) {
            paced_ = true;
            pace_(std::chrono::ceil<std::chrono::milliseconds>(due - now), [this] {
                paced_ = false;
                refresh_estimates();
            });
            return;
        }
        refreshed_ = now;
    }
    estimating_ = true;
    // The copy is the state as committed so far; the run reads nothing else.
    auto copy = std::make_shared<const Engine>(*engine_);
    auto result = std::make_shared<estimates::Set>();
    const Millis now = clock_.now();
    auto work = [copy, result, now, base = forward_options(now)] { *result = estimates::compute(*copy, now, base); };
    auto then = [this, result] {
        estimates_ = result;
        estimating_ = false;
        publish_estimates();
        if (std::exchange(estimate_again_, false)) refresh_estimates();
    };
    if (!offload_) {
        work();
        return then();
    }
    offload_(std::move(work), std::move(then));
}

void Handler::publish_estimates() {
    if (!broadcast_) return;
    json services = json::array();
    const Millis now = clock_.now();
    for (const auto& s : engine_->state().services)
        services.push_back(views::service(*engine_, s, now, options_.always_open, estimates_.get()));
    std::string line = protocol::encode_event("queue_changed", {{"services", std::move(services)}});
    if (!hold_) return broadcast_({{line}, {line}});  // queue figures name nobody
    // Held for the next batch's write (Handler::flush), or sent when the hold ends; a
    // newer refresh's figures replace older ones still held.
    const bool waiting = !figures_held_.empty();
    figures_held_ = std::move(line);
    if (!waiting) hold_(figures_hold, [this] { send_held_figures(); });
}

void Handler::send_held_figures() {
    if (figures_held_.empty() || !broadcast_) return;
    const std::string line = std::exchange(figures_held_, {});
    broadcast_({{line}, {line}});
}

}  // namespace antre
