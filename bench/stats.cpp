#include "stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace antre::bench {

Percentiles summarize(const Samples& samples) {
    Percentiles p;
    std::vector<std::int64_t> v = samples.nanoseconds();
    p.count = v.size();
    if (v.empty()) return p;
    std::sort(v.begin(), v.end());
    auto ms = [](std::int64_t ns) { return static_cast<double>(ns) / 1e6; };
    // Nearest rank: the smallest sample with at least q of all samples at or below it.
    auto rank = [&](double q) {
        const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
        return ms(v[std::clamp<std::size_t>(k, 1, v.size()) - 1]);
    };
    const long double sum = std::accumulate(v.begin(), v.end(), 0.0L);
    p.mean_ms = static_cast<double>(sum / static_cast<long double>(v.size())) / 1e6;
    p.p50_ms = rank(0.50);
    p.p90_ms = rank(0.90);
    p.p99_ms = rank(0.99);
    p.p999_ms = rank(0.999);
    p.max_ms = ms(v.back());
    return p;
}

}  // namespace antre::bench
