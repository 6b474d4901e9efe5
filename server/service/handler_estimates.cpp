// Keeping the call estimates current (docs/queue.md "Estimates on the screens"): the
// forward run on a copy of the engine, away from the I/O thread, one at a time.
#include <utility>

#include "handler.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

void Handler::refresh_estimates() {
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
    auto work = [copy, result, now] { *result = estimates::compute(*copy, now); };
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
    const std::string line = protocol::encode_event("queue_changed", {{"services", std::move(services)}});
    broadcast_({{line}, {line}});  // queue figures name nobody
}

}  // namespace antre
