// The one definition of a percentile and of the median that every figure of Antre
// uses (reports, the officer's day, the wait estimate): nearest rank, docs/metrics.md.
// Header-only, so that the engine and the metrics share it without depending on each other.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "antre/domain.hpp"

namespace antre {

/// Where the nearest-rank percentile (0 < p <= 100) of `n` values stands among them
/// sorted, counted from 0: the ceil(p/100 * n)-th smallest (at least the first). n > 0.
inline std::size_t nearest_rank_index(std::size_t n, double p) {
    const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(n))));
    return std::min(rank, n) - 1;
}

/// Nearest-rank percentile (0 < p <= 100) of sorted values. `sorted` must not be empty.
inline Millis nearest_rank(const std::vector<Millis>& sorted, double p) {
    return sorted[nearest_rank_index(sorted.size(), p)];
}

/// The same of `values` in any order, found in place (it reorders them) without a full
/// sort: for a period's many durations. `values` must not be empty.
inline Millis nearest_rank_in_place(std::vector<Millis>& values, double p) {
    const std::size_t k = nearest_rank_index(values.size(), p);
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

/// The median: the nearest-rank p50 of `values` (in any order), the ceil(n/2)-th
/// smallest, so of an even count the lower middle value; always a measured value.
/// `values` must not be empty.
inline Millis median(std::vector<Millis> values) { return nearest_rank_in_place(values, 50); }

}  // namespace antre
