#include "model.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "antre/calendar.hpp"

namespace antre::sim {

std::uint64_t Random::next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double Random::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Random::exponential(double mean) { return -mean * std::log1p(-uniform()); }

double Random::normal() {
    const double u1 = 1.0 - uniform();  // in (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double ServiceTime::mean_s() const { return std::exp(mu + sigma * sigma / 2); }
double ServiceTime::median_s() const { return std::exp(mu); }

ServiceTime ServiceTime::from_mean(double mean_s, double cv) {
    const double s2 = std::log(1 + cv * cv);
    return {std::log(mean_s) - s2 / 2, std::sqrt(s2)};
}

double DayModel::expected_arrivals() const {
    double n = 0;
    for (const auto& [code, hours] : arrivals)
        for (double a : hours) n += a;
    return n;
}

double peak_weight(int hours_after_open) {
    // Citizens come early: the second and third hours are the busiest, the afternoon quiet.
    static constexpr double weights[] = {1.0, 1.6, 1.4, 1.1, 0.8, 0.6, 0.5};
    if (hours_after_open < 0) return 0;
    if (hours_after_open >= static_cast<int>(std::size(weights))) return 0.4;
    return weights[hours_after_open];
}

namespace {

// The minutes [a, b) of hour `hour` when `s` issues tickets on `weekday`.
std::vector<std::pair<int, int>> open_in_hour(const Service& s, int weekday, int hour) {
    std::vector<std::pair<int, int>> out;
    for (const auto& w : s.hours) {
        if (w.weekday != weekday) continue;
        const int a = std::max(w.open_minute, hour * 60), b = std::min(w.close_minute, hour * 60 + 60);
        if (a < b) out.emplace_back(a, b);
    }
    return out;
}

int open_minutes(const Service& s, int weekday, int hour) {
    int n = 0;
    for (auto [a, b] : open_in_hour(s, weekday, hour)) n += b - a;
    return n;
}

Priority draw_group(Random& rng) {
    static constexpr Priority groups[] = {Priority::lansia, Priority::disabilitas, Priority::ibu_hamil, Priority::anak};
    return groups[std::min<std::size_t>(3, static_cast<std::size_t>(rng.uniform() * 4))];
}

}  // namespace

std::pair<int, int> office_hours(const OfficeConfig& office, int weekday) {
    int open = -1, close = -1;
    for (const auto& s : office.services)
        for (const auto& w : s.hours) {
            if (w.weekday != weekday) continue;
            open = open < 0 ? w.open_minute : std::min(open, w.open_minute);
            close = std::max(close, w.close_minute);
        }
    return {open, close};
}

DayModel synthetic_model(const OfficeConfig& office, int weekday, double arrivals) {
    DayModel m;
    double quota_sum = 0;
    for (const auto& s : office.services) quota_sum += s.daily_quota;
    const auto [open, close] = office_hours(office, weekday);
    for (const auto& s : office.services) {
        const double share =
            quota_sum > 0 ? s.daily_quota / quota_sum : 1.0 / static_cast<double>(office.services.size());
        std::array<double, 24> w{};
        double total = 0;
        for (int h = 0; h < 24 && open >= 0; ++h) {
            w[h] = peak_weight(h - open / 60) * open_minutes(s, weekday, h) / 60.0;
            total += w[h];
        }
        for (double& x : w) x = total > 0 ? x / total * arrivals * share : 0;
        m.arrivals[s.code] = w;
        m.service_time[s.code] = ServiceTime::from_mean(s.max_service_minutes * 60.0 / 3, 0.6);
    }
    if (open >= 0) {
        const int mid = (open + close) / 2;
        for (std::size_t i = 0; i < office.counters.size(); ++i)
            m.breaks.push_back({office.counters[i].number, mid - 30 + 30 * static_cast<int>(i % 2), 30});
    }
    return m;
}

DayPlan draw_day(const DayModel& model, const OfficeConfig& office, const std::string& day, std::uint64_t seed) {
    const OfficeCalendar calendar(office.time_zone);
    const Millis midnight = calendar.day_start(day);
    const int weekday = calendar.local(midnight).weekday;
    Random rng(seed);
    DayPlan plan;
    plan.day = day;
    plan.breaks = model.breaks;
    plan.walk_ms = std::llround(model.walk_s * 1000);
    plan.no_show_wait_ms = std::llround(model.no_show_wait_s * 1000);
    plan.transfer_after_ms = std::llround(model.transfer_after_s * 1000);

    // Where a transferred citizen goes: another service, in proportion to its arrivals.
    std::vector<std::pair<std::string, double>> mix;
    for (const auto& s : office.services) {
        auto it = model.arrivals.find(s.code);
        double n = 0;
        if (it != model.arrivals.end())
            for (double a : it->second) n += a;
        mix.emplace_back(s.code, n);
    }
    auto draw_other = [&](const std::string& from) {
        double total = 0;
        for (const auto& [code, n] : mix)
            if (code != from) total += n;
        double u = rng.uniform() * total;
        for (const auto& [code, n] : mix) {
            if (code == from || n <= 0) continue;
            if ((u -= n) < 0) return code;
        }
        return std::string();
    };
    auto draw_service_ms = [&](const std::string& code) -> Millis {
        auto it = model.service_time.find(code);
        if (it == model.service_time.end()) return 0;
        return std::max<Millis>(1000, std::llround(std::exp(it->second.mu + it->second.sigma * rng.normal()) * 1000));
    };

    for (const auto& s : office.services) {
        auto it = model.arrivals.find(s.code);
        if (it == model.arrivals.end()) continue;
        for (int h = 0; h < 24; ++h) {
            const double expected = it->second[h];
            const int minutes = open_minutes(s, weekday, h);
            if (expected <= 0 || minutes == 0) continue;
            // A Poisson process at this hour's rate over the minutes it is open: the
            // open intervals laid end to end, exponential gaps between arrivals.
            const double mean_gap_min = minutes / expected;
            for (double t = rng.exponential(mean_gap_min); t < minutes; t += rng.exponential(mean_gap_min)) {
                double left = t;
                int minute = 0;
                for (auto [a, b] : open_in_hour(s, weekday, h)) {
                    if (left < b - a) {
                        minute = a;
                        break;
                    }
                    left -= b - a;
                }
                Arrival a;
                a.at = midnight + std::llround((minute + left) * 60'000);
                a.service = s.code;
                if (rng.uniform() < model.priority_share) a.priority = draw_group(rng);
                a.absent = rng.uniform() < model.no_show_share;
                a.service_ms = draw_service_ms(s.code);
                if (!a.absent && rng.uniform() < model.transfer_share) {
                    a.transfer_to = draw_other(s.code);
                    if (!a.transfer_to.empty()) a.transfer_service_ms = draw_service_ms(a.transfer_to);
                }
                plan.arrivals.push_back(std::move(a));
            }
        }
    }
    std::stable_sort(plan.arrivals.begin(), plan.arrivals.end(),
                     [](const Arrival& a, const Arrival& b) { return a.at < b.at; });
    return plan;
}

double offered_load(const DayModel& model, const OfficeConfig& office, int weekday) {
    double work_s = 0;
    for (const auto& [code, hours] : model.arrivals) {
        auto it = model.service_time.find(code);
        if (it == model.service_time.end()) continue;
        double n = 0;
        for (double a : hours) n += a;
        work_s += n * it->second.mean_s();
    }
    const auto [open, close] = office_hours(office, weekday);
    if (open < 0) return 0;
    double capacity_s = static_cast<double>(office.counters.size()) * (close - open) * 60.0;
    for (const auto& b : model.breaks) capacity_s -= b.minutes * 60.0;
    return capacity_s > 0 ? work_s / capacity_s : 0;
}

}  // namespace antre::sim
