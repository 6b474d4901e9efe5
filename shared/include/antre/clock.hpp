// Time source. The server injects one into the request handler so that tests can
// run a whole simulated office day in milliseconds.
#pragma once

#include <atomic>
#include <chrono>

#include "antre/domain.hpp"

namespace antre {

class Clock {
public:
    virtual ~Clock() = default;
    /// Current time in UTC milliseconds since the epoch.
    virtual Millis now() const = 0;
};

class SystemClock final : public Clock {
public:
    Millis now() const override {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
};

/// A clock that only moves when told; for tests and simulations.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Millis start) : now_(start) {}
    Millis now() const override { return now_.load(); }
    void set(Millis t) { now_.store(t); }
    void advance(Millis ms) { now_.fetch_add(ms); }

private:
    std::atomic<Millis> now_;
};

/// A clock that starts at `start` and runs `speed` times as fast as real time.
/// antre-server's --test-clock: lets a test process cross an office-local
/// midnight in a second or two (never for production).
class ScaledClock final : public Clock {
public:
    ScaledClock(Millis start, double speed) : start_(start), speed_(speed), origin_(std::chrono::steady_clock::now()) {}
    Millis now() const override {
        const std::chrono::duration<double, std::milli> real = std::chrono::steady_clock::now() - origin_;
        return start_ + static_cast<Millis>(real.count() * speed_);
    }

private:
    Millis start_;
    double speed_;
    std::chrono::steady_clock::time_point origin_;
};

}  // namespace antre
