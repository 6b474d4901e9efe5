// Latency samples and their summary: percentiles by nearest rank over every
// sample kept (no histogram buckets, so p99 of a few hundred samples is exact).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace antre::bench {

using Clock = std::chrono::steady_clock;

/// Latencies of one kind of operation; not thread-safe (one per thread, then merge).
class Samples {
public:
    /// Keeps one sample.
    void add(Clock::duration d) { ns_.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count()); }
    /// Keeps every sample of `other` too.
    void merge(const Samples& other) { ns_.insert(ns_.end(), other.ns_.begin(), other.ns_.end()); }
    std::size_t size() const { return ns_.size(); }
    /// The samples in the order they were kept.
    const std::vector<std::int64_t>& nanoseconds() const { return ns_; }

private:
    std::vector<std::int64_t> ns_;
};

/// The usual figures of a latency distribution, in milliseconds.
struct Percentiles {
    std::size_t count = 0;
    double mean_ms = 0;
    double p50_ms = 0;
    double p90_ms = 0;
    double p99_ms = 0;
    double p999_ms = 0;
    double max_ms = 0;
};

/// Summarises `samples` (all zeros when empty).
Percentiles summarize(const Samples& samples);

}  // namespace antre::bench
