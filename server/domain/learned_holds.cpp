#include "learned_holds.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace antre {

std::map<std::string, std::vector<Millis>> learned_holds(std::span<const FinishedLeg> legs,
                                                         const OfficeCalendar& calendar, Millis now,
                                                         const LearnOptions& options) {
    const LocalTime at = calendar.local(now);
    const int hour = at.minute_of_day / 60;
    // Per service and level (0: weekday and hours, 1: weekday, 2: any day): (called, hold).
    using Level = std::vector<std::pair<Millis, Millis>>;
    std::map<std::string, std::array<Level, 3>> levels;
    for (const auto& leg : legs) {
        if (leg.finished_at <= leg.called_at) continue;  // not a hold (a clock step back)
        const LocalTime t = calendar.local(leg.called_at);
        auto& level = levels[leg.service];
        const std::pair<Millis, Millis> row{leg.called_at, leg.finished_at - leg.called_at};
        level[2].push_back(row);
        if (t.weekday != at.weekday) continue;
        level[1].push_back(row);
        const int h = t.minute_of_day / 60;
        if (h >= hour && h < hour + std::max(1, options.hours)) level[0].push_back(row);
    }
    std::map<std::string, std::vector<Millis>> out;
    for (auto& [service, level] : levels) {
        for (auto& rows : level) {
            if (rows.size() < std::max<std::size_t>(1, options.min_samples)) continue;
            // the most recent first, then the holds in order
            std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            const std::size_t n = std::min(rows.size(), std::max<std::size_t>(1, options.max_samples));
            std::vector<Millis> holds;
            holds.reserve(n);
            for (std::size_t i = 0; i < n; ++i) holds.push_back(rows[i].second);
            std::sort(holds.begin(), holds.end());
            out.emplace(service, std::move(holds));
            break;
        }
    }
    return out;
}

}  // namespace antre
