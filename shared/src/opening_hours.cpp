#include "opening_hours.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "antre/calendar.hpp"
#include "antre/config.hpp"

namespace antre::config_detail {
namespace {

constexpr std::array<const char*, 7> weekday_keys{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

/// A window and the path of its [open, close] pair, for error messages.
using PlacedWindow = std::pair<OpeningWindow, std::string>;

// The one place that decides whether a day's windows make sense; both the file
// parser and validate_hours come here, each with its own way of naming paths.
void check_day(std::vector<PlacedWindow> windows) {
    for (const auto& [w, path] : windows) {
        if (w.open_minute < 0 || w.open_minute > 24 * 60) {
            throw ConfigError(index(path, 0), "opening time is outside 00:00..24:00");
        }
        if (w.close_minute < 0 || w.close_minute > 24 * 60) {
            throw ConfigError(index(path, 1), "closing time is outside 00:00..24:00");
        }
        if (w.close_minute <= w.open_minute) {
            throw ConfigError(index(path, 1), "closing time " + format_hhmm(w.close_minute) +
                                                  " must be after opening time " + format_hhmm(w.open_minute));
        }
    }
    std::sort(windows.begin(), windows.end(),
              [](const auto& a, const auto& b) { return a.first.open_minute < b.first.open_minute; });
    for (std::size_t i = 1; i < windows.size(); ++i) {
        const auto& prev = windows[i - 1].first;
        const auto& [w, path] = windows[i];
        if (w.open_minute < prev.close_minute) {
            throw ConfigError(index(path, 0), "window " + format_hhmm(w.open_minute) + "-" +
                                                  format_hhmm(w.close_minute) + " overlaps " +
                                                  format_hhmm(prev.open_minute) + "-" + format_hhmm(prev.close_minute));
        }
    }
}

PlacedWindow parse_window(const Json& j, int weekday, const std::string& path) {
    if (!j.is_array() || j.size() != 2) {
        throw ConfigError(path, "must be a pair [\"HH:MM\", \"HH:MM\"] (opening, closing)");
    }
    OpeningWindow w;
    w.weekday = weekday;
    w.open_minute = as_time(j[0], index(path, 0));
    w.close_minute = as_time(j[1], index(path, 1));
    return {w, path};
}

bool by_day_then_opening(const OpeningWindow& a, const OpeningWindow& b) {
    return std::pair(a.weekday, a.open_minute) < std::pair(b.weekday, b.open_minute);
}

}  // namespace

int weekday_of_key(const std::string& key) {
    const auto it = std::find(weekday_keys.begin(), weekday_keys.end(), key);
    return it == weekday_keys.end() ? -1 : static_cast<int>(it - weekday_keys.begin());
}

std::string key_of_weekday(int weekday) { return weekday_keys.at(static_cast<std::size_t>(weekday)); }

std::vector<OpeningWindow> parse_hours(const Json& j, const std::string& path) {
    const JsonFields fields(j, path, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"});
    std::vector<OpeningWindow> hours;
    for (int weekday = 0; weekday < 7; ++weekday) {
        const std::string key = weekday_keys[static_cast<std::size_t>(weekday)];
        if (!fields.has(key)) continue;
        const Json& day = fields.array(key);
        const std::string day_path = fields.path(key);
        std::vector<PlacedWindow> windows;
        // A first element that is a string means the day is written as one pair.
        if (!day.empty() && day[0].is_string()) {
            windows.push_back(parse_window(day, weekday, day_path));
        } else {
            for (std::size_t i = 0; i < day.size(); ++i) {
                windows.push_back(parse_window(day[i], weekday, index(day_path, i)));
            }
        }
        check_day(windows);
        for (const auto& placed : windows) hours.push_back(placed.first);
    }
    std::sort(hours.begin(), hours.end(), by_day_then_opening);
    return hours;
}

Json hours_to_json(const std::vector<OpeningWindow>& hours) {
    auto sorted = hours;
    std::sort(sorted.begin(), sorted.end(), by_day_then_opening);
    Json out = Json::object();
    for (int weekday = 0; weekday < 7; ++weekday) {
        Json pairs = Json::array();
        for (const auto& w : sorted) {
            if (w.weekday == weekday) {
                pairs.push_back({format_hhmm(w.open_minute), format_hhmm(w.close_minute)});
            }
        }
        if (pairs.empty()) continue;
        out[weekday_keys[static_cast<std::size_t>(weekday)]] = pairs.size() == 1 ? pairs[0] : pairs;
    }
    return out;
}

void validate_hours(const std::vector<OpeningWindow>& hours, const std::string& path) {
    for (const auto& w : hours) {
        if (w.weekday < 0 || w.weekday > 6) {
            throw ConfigError(path, "weekday " + std::to_string(w.weekday) + " is not 0 (Sunday) .. 6 (Saturday)");
        }
    }
    auto sorted = hours;
    std::sort(sorted.begin(), sorted.end(), by_day_then_opening);
    for (int weekday = 0; weekday < 7; ++weekday) {
        std::vector<PlacedWindow> windows;
        for (const auto& w : sorted) {
            if (w.weekday == weekday) windows.push_back({w, ""});
        }
        const std::string day_path = join(path, weekday_keys[static_cast<std::size_t>(weekday)]);
        for (std::size_t i = 0; i < windows.size(); ++i) {
            windows[i].second = windows.size() == 1 ? day_path : index(day_path, i);
        }
        check_day(windows);
    }
}

}  // namespace antre::config_detail
