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

/// Nearest-rank percentile (0 < p <= 100) of sorted values: the ceil(p/100 * n)-th
/// smallest (at least the first). `sorted` must not be empty.
inline Millis nearest_rank(const std::vector<Millis>& sorted, double p) {
    const auto n = static_cast<double>(sorted.size());
    const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * n)));
    return sorted[std::min(rank, sorted.size()) - 1];
}

/// The median: the nearest-rank p50 of `values` (in any order), the ceil(n/2)-th
/// smallest, so of an even count the lower middle value; always a measured value.
/// `values` must not be empty.
inline Millis median(std::vector<Millis> values) {
    const std::size_t k = (values.size() + 1) / 2 - 1;  // ceil(n/2)-th, counted from 0
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

}  // namespace antre
