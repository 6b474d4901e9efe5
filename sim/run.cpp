#include "run.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "antre/calendar.hpp"

namespace antre::sim {

namespace {

const char* const english_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

int parse_weekday(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const char* const id[] = {"min", "sen", "sel", "rab", "kam", "jum", "sab"};
    for (int i = 0; i < 7; ++i) {
        std::string en = english_days[i];
        en[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(en[0])));
        if (s == en || s == id[i]) return i;
    }
    return -1;
}

}  // namespace

std::string weekday_code(int weekday) {
    if (weekday < 0 || weekday > 6) throw std::invalid_argument("weekday out of range: " + std::to_string(weekday));
    return english_days[weekday];
}

AddCounter parse_add_counter(const std::string& text, const OfficeConfig& office) {
    const auto at = text.find('@');
    if (at == std::string::npos || at == 0)
        throw std::invalid_argument("--add-counter: expected SERVICE[,SERVICE...]@DAY (e.g. KTP@Mon), got \"" + text +
                                    "\"");
    AddCounter a;
    a.text = text;
    a.weekday = parse_weekday(text.substr(at + 1));
    if (a.weekday < 0)
        throw std::invalid_argument("--add-counter: unknown day \"" + text.substr(at + 1) +
                                    "\" (Mon, Tue, Wed, Thu, Fri, Sat, Sun or Sen, Sel, Rab, Kam, Jum, Sab, Min)");
    std::string list = text.substr(0, at);
    for (std::size_t from = 0;;) {
        const auto comma = list.find(',', from);
        const std::string code = list.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        if (!office.find_service(code)) throw std::invalid_argument("--add-counter: unknown service \"" + code + "\"");
        a.services.push_back(code);
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return a;
}

void apply_policy(OfficeConfig& office, const std::string& policy) {
    if (policy == "config") return;
    if (policy == "urgency") {
        office.policy.rule = CallRule::urgency;
        return;
    }
    // The strict rule, with priority first or interleaved.
    if (policy == "strict" || policy == "priority-first") {
        office.policy.rule = CallRule::strict;
        office.policy.regular_between_priority = 0;
        return;
    }
    const std::string prefix = "interleave:";
    if (policy.rfind(prefix, 0) == 0) {
        const std::string n = policy.substr(prefix.size());
        if (!n.empty() && n.size() < 4 &&
            std::all_of(n.begin(), n.end(), [](unsigned char c) { return std::isdigit(c); })) {
            office.policy.rule = CallRule::strict;
            office.policy.regular_between_priority = std::stoi(n);
            return;
        }
    }
    throw std::invalid_argument(
        "--policy: expected config, urgency, strict (or priority-first) or interleave:N, got \"" + policy + "\"");
}

Report run_days(const OfficeConfig& office, const DayModel& model, const std::string& day, std::uint64_t seed, int runs,
                const BetweenDays& between) {
    std::map<std::string, double> mean_service_s;
    for (const auto& [code, t] : model.service_time) mean_service_s[code] = t.mean_s();
    std::vector<DayResult> days;
    const OfficeCalendar calendar(office.time_zone);
    for (int i = 0; i < runs; ++i) {
        if (between) between();
        const DayPlan plan = draw_day(model, office, day, seed + static_cast<std::uint64_t>(i));
        ForwardOptions forward;
        forward.pauses = pause_roster(plan, calendar.day_start(day));  // the office's istirahat roster
        days.push_back(simulate(office, plan, standard_estimators(mean_service_s, std::move(forward))));
    }
    Report r = summarise(days, office);
    r.offered_load = offered_load(model, office, calendar.local(calendar.day_start(day)).weekday);
    return r;
}

WhatIf what_if(const OfficeConfig& office, const DayModel& model, const std::vector<AddCounter>& added,
               const std::string& day, std::uint64_t seed, int runs, const BetweenDays& between) {
    WhatIf w;
    for (const auto& a : added)
        w.change += (w.change.empty() ? "" : " and ") + std::string("one more counter for ") + a.text;
    w.before = run_days(office, model, day, seed, runs, between);
    w.after = run_days(with_counters(office, added), model, day, seed, runs, between);
    return w;
}

OfficeConfig with_counters(OfficeConfig office, const std::vector<AddCounter>& added) {
    int next = 0;
    for (const auto& c : office.counters) next = std::max(next, c.number);
    for (const auto& a : added) {
        ++next;
        office.counters.push_back({next, "Loket " + std::to_string(next) + " (tambahan)", a.services});
    }
    return office;
}

std::string next_weekday(const std::string& day, int weekday, const std::string& time_zone) {
    const OfficeCalendar calendar(time_zone);
    Millis t = calendar.day_start(day);
    for (int i = 0; i < 7; ++i, t = calendar.next_day_start(t))
        if (calendar.local(t).weekday == weekday) return calendar.day_of(t);
    return day;
}

}  // namespace antre::sim
