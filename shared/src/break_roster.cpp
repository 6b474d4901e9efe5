#include "break_roster.hpp"

#include <algorithm>

#include "antre/calendar.hpp"
#include "opening_hours.hpp"

namespace antre {

bool BreakRule::applies_on(int weekday) const {
    return weekdays.empty() || std::find(weekdays.begin(), weekdays.end(), weekday) != weekdays.end();
}

bool BreakRule::covers(int counter) const {
    return counters.empty() || std::find(counters.begin(), counters.end(), counter) != counters.end();
}

namespace config_detail {
namespace {

// The longest break a counter may take in one go: a whole afternoon is a closed counter.
constexpr int longest_break_minutes = 240;

// A non-empty list at `key` whose items `read` turns into values, none twice.
template <class Read>
std::vector<int> read_list(const JsonFields& f, const std::string& key, Read read) {
    std::vector<int> out;
    if (!f.has(key)) return out;
    const Json& list = f.array(key);
    if (list.empty()) throw ConfigError(f.path(key), "must name at least one; leave it out to mean all");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = index(f.path(key), i);
        const int value = read(list[i], path);
        if (std::find(out.begin(), out.end(), value) != out.end())
            throw ConfigError(path, list[i].dump() + " is listed twice");
        out.push_back(value);
    }
    return out;
}

BreakRule parse_rule(const Json& j, const std::string& path, const std::vector<CounterConfig>& counters) {
    const JsonFields f(j, path, {"counters", "days", "start", "minutes"});
    BreakRule rule;
    const std::string start = f.text("start");
    rule.start_minute = parse_hhmm(start);
    if (rule.start_minute < 0 || rule.start_minute >= 24 * 60)
        throw ConfigError(f.path("start"),
                          "must be a time written HH:MM between 00:00 and 23:59, got \"" + start + "\"");
    rule.minutes = f.integer("minutes");
    if (rule.minutes < 1 || rule.minutes > longest_break_minutes)
        throw ConfigError(f.path("minutes"), "must be between 1 and " + std::to_string(longest_break_minutes) +
                                                 ", got " + std::to_string(rule.minutes));
    if (rule.start_minute + rule.minutes > 24 * 60)
        throw ConfigError(f.path("minutes"), "the break from " + start + " must end by 24:00");
    rule.counters = read_list(f, "counters", [&](const Json& item, const std::string& at) {
        const int n = as_integer(item, at);
        const bool known = std::any_of(counters.begin(), counters.end(), [&](const auto& c) { return c.number == n; });
        if (!known) throw ConfigError(at, "unknown counter " + std::to_string(n));
        return n;
    });
    rule.weekdays = read_list(f, "days", [](const Json& item, const std::string& at) {
        const std::string key = as_text(item, at);
        const int weekday = weekday_of_key(key);
        if (weekday < 0)
            throw ConfigError(
                at,
                "must be one of \"sun\", \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", got \"" + key + "\"");
        return weekday;
    });
    return rule;
}

// A counter and weekday both rules apply to, if any: {counter, weekday}, or {0, -1}.
std::pair<int, int> shared_counter_and_day(const BreakRule& a, const BreakRule& b,
                                           const std::vector<CounterConfig>& counters) {
    for (int day = 0; day < 7; ++day) {
        if (!a.applies_on(day) || !b.applies_on(day)) continue;
        for (const auto& c : counters)
            if (a.covers(c.number) && b.covers(c.number)) return {c.number, day};
    }
    return {0, -1};
}

}  // namespace

std::vector<BreakRule> parse_breaks(const Json& j, const std::string& path,
                                    const std::vector<CounterConfig>& counters) {
    if (!j.is_array()) throw ConfigError(path, "must be a list of breaks");
    std::vector<BreakRule> rules;
    for (std::size_t i = 0; i < j.size(); ++i) {
        BreakRule rule = parse_rule(j[i], index(path, i), counters);
        // One counter cannot be on two breaks at once: a roster typed twice, or a typo.
        for (std::size_t k = 0; k < rules.size(); ++k) {
            const BreakRule& other = rules[k];
            if (rule.start_minute >= other.start_minute + other.minutes ||
                other.start_minute >= rule.start_minute + rule.minutes)
                continue;
            const auto [counter, day] = shared_counter_and_day(rule, other, counters);
            if (day < 0) continue;
            throw ConfigError(index(path, i), "counter " + std::to_string(counter) + " is already on break " +
                                                  format_hhmm(other.start_minute) + "-" +
                                                  format_hhmm(other.start_minute + other.minutes) + " on " +
                                                  key_of_weekday(day) + " (" + index(path, k) + ")");
        }
        rules.push_back(std::move(rule));
    }
    return rules;
}

}  // namespace config_detail
}  // namespace antre
