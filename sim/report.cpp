#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>

#include "percentile.hpp"

namespace antre::sim {

namespace {

ServiceFigures figures(const std::string& code, const std::vector<const TicketOutcome*>& tickets, int refused,
                       int max_wait_minutes, const std::vector<std::string>& estimators,
                       const std::function<int(const TicketOutcome&)>& standard_of) {
    ServiceFigures f;
    f.service = code;
    f.refused = refused;
    f.max_wait_minutes = max_wait_minutes;
    f.tickets = static_cast<int>(tickets.size());
    std::vector<Millis> waits;
    int within = 0;
    for (const auto* t : tickets) {
        if (t->status == TicketStatus::no_show) ++f.no_shows;
        if (t->transferred) ++f.transferred;
        if (!t->first_called_at) {
            ++f.not_called;
            continue;
        }
        ++f.called;
        const Millis w = *t->first_called_at - t->issued_at;
        waits.push_back(w);
        if (w <= standard_of(*t) * 60'000LL) ++within;
    }
    if (!waits.empty()) {
        std::sort(waits.begin(), waits.end());
        double sum = 0;
        for (Millis w : waits) sum += static_cast<double>(w);
        f.mean_wait_s = sum / static_cast<double>(waits.size()) / 1000.0;
        f.median_wait_s = static_cast<double>(median(waits)) / 1000.0;
        f.p90_wait_s = static_cast<double>(nearest_rank(waits, 90)) / 1000.0;
        f.longest_wait_s = static_cast<double>(waits.back()) / 1000.0;
    }
    if (f.tickets > 0) f.within_standard = static_cast<double>(within) / f.tickets;
    for (std::size_t e = 0; e < estimators.size(); ++e) {
        Calibration c;
        c.estimator = estimators[e];
        double abs_sum = 0, signed_sum = 0, wait_sum = 0;
        int with_interval = 0, inside = 0;
        for (const auto* t : tickets) {
            const auto wait = t->wait_s();
            if (!wait || e >= t->estimates.size() || !t->estimates[e]) continue;
            const Estimate& est = *t->estimates[e];
            ++c.tickets;
            abs_sum += std::abs(est.wait_s - *wait);
            signed_sum += est.wait_s - *wait;
            wait_sum += *wait;
            if (est.low_s && est.high_s) {
                ++with_interval;
                if (*est.low_s <= *wait && *wait <= *est.high_s) ++inside;
            }
        }
        if (c.tickets > 0) {
            c.mae_s = abs_sum / c.tickets;
            c.bias_s = signed_sum / c.tickets;
            if (wait_sum > 0) c.mae_share = c.mae_s / (wait_sum / c.tickets);
        }
        if (with_interval > 0) c.coverage = static_cast<double>(inside) / with_interval;
        f.calibration.push_back(c);
    }
    return f;
}

std::string minutes(const std::optional<double>& s) {
    if (!s) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *s / 60.0);
    return buf;
}

std::string percent(const std::optional<double>& share) {
    if (!share) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", *share * 100.0);
    return buf;
}

std::string pad(const std::string& s, std::size_t width, bool right = true) {
    if (s.size() >= width) return s;
    return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

nlohmann::json opt(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

nlohmann::json figures_json(const ServiceFigures& f) {
    nlohmann::json j = {{"service", f.service.empty() ? "ALL" : f.service},
                        {"tickets", f.tickets},
                        {"refused", f.refused},
                        {"called", f.called},
                        {"not_called", f.not_called},
                        {"no_shows", f.no_shows},
                        {"transferred", f.transferred},
                        {"mean_wait_s", opt(f.mean_wait_s)},
                        {"median_wait_s", opt(f.median_wait_s)},
                        {"p90_wait_s", opt(f.p90_wait_s)},
                        {"longest_wait_s", opt(f.longest_wait_s)},
                        {"max_wait_minutes", f.max_wait_minutes},
                        {"within_standard", opt(f.within_standard)}};
    auto& cal = j["calibration"] = nlohmann::json::array();
    for (const auto& c : f.calibration)
        cal.push_back({{"estimator", c.estimator},
                       {"tickets", c.tickets},
                       {"mae_s", c.mae_s},
                       {"bias_s", c.bias_s},
                       {"mae_share", opt(c.mae_share)},
                       {"coverage", opt(c.coverage)}});
    return j;
}

}  // namespace

Report summarise(const std::vector<DayResult>& days, const OfficeConfig& office) {
    Report r;
    r.runs = static_cast<int>(days.size());
    if (!days.empty()) r.day = days.front().day;
    const std::vector<std::string> estimators = days.empty() ? std::vector<std::string>{} : days.front().estimators;
    auto standard_of = [&](const std::string& code, const std::string& day) {
        const Service* s = office.find_service(code);
        return s ? s->standard_on(day).max_wait_minutes : 0;
    };
    std::vector<const TicketOutcome*> all;
    int refused_all = 0;
    for (const auto& s : office.services) {
        std::vector<const TicketOutcome*> mine;
        int refused = 0;
        for (const auto& d : days) {
            for (const auto& t : d.tickets)
                if (t.service == s.code) mine.push_back(&t);
            if (auto it = d.refused.find(s.code); it != d.refused.end()) refused += it->second;
        }
        all.insert(all.end(), mine.begin(), mine.end());
        refused_all += refused;
        r.services.push_back(figures(s.code, mine, refused, standard_of(s.code, r.day), estimators,
                                     [&](const TicketOutcome& t) { return standard_of(t.service, r.day); }));
    }
    r.services.push_back(figures("", all, refused_all, 0, estimators,
                                 [&](const TicketOutcome& t) { return standard_of(t.service, r.day); }));
    return r;
}

std::string to_text(const Report& report) {
    std::ostringstream out;
    out << "Simulated day " << report.day << " (" << report.runs << (report.runs == 1 ? " run" : " runs");
    if (report.offered_load) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", *report.offered_load);
        out << ", offered load " << buf;
    }
    out << ")\n\nWaits, issue to first call, in minutes\n";
    out << pad("service", 11, false) << pad("tickets", 8) << pad("refused", 8) << pad("uncalled", 9)
        << pad("no-show", 8) << pad("mean", 8) << pad("median", 8) << pad("p90", 8) << pad("longest", 8)
        << pad("std", 5) << pad("within", 8) << "\n";
    for (const auto& f : report.services) {
        out << pad(f.service.empty() ? "ALL" : f.service, 11, false) << pad(std::to_string(f.tickets), 8)
            << pad(std::to_string(f.refused), 8) << pad(std::to_string(f.not_called), 9)
            << pad(std::to_string(f.no_shows), 8) << pad(minutes(f.mean_wait_s), 8) << pad(minutes(f.median_wait_s), 8)
            << pad(minutes(f.p90_wait_s), 8) << pad(minutes(f.longest_wait_s), 8)
            << pad(f.max_wait_minutes ? std::to_string(f.max_wait_minutes) : "-", 5)
            << pad(percent(f.within_standard), 8) << "\n";
    }
    out << "\nEstimates at issue against the real wait (MAE, bias in minutes; MAE/mean; interval coverage)\n";
    out << pad("service", 11, false);
    if (!report.services.empty())
        for (const auto& c : report.services.front().calibration)
            out << pad(c.estimator + " MAE", 12) << pad("bias", 8) << pad("MAE/W", 7) << pad("in", 7);
    out << "\n";
    for (const auto& f : report.services) {
        out << pad(f.service.empty() ? "ALL" : f.service, 11, false);
        for (const auto& c : f.calibration) {
            out << pad(c.tickets ? minutes(c.mae_s) : "-", 12) << pad(c.tickets ? minutes(c.bias_s) : "-", 8)
                << pad(percent(c.mae_share), 7) << pad(percent(c.coverage), 7);
        }
        out << "\n";
    }
    return out.str();
}

nlohmann::json to_json(const Report& report) {
    nlohmann::json j = {{"day", report.day}, {"runs", report.runs}, {"offered_load", opt(report.offered_load)}};
    auto& services = j["services"] = nlohmann::json::array();
    for (const auto& f : report.services) services.push_back(figures_json(f));
    return j;
}

std::string compare_text(const Report& before, const Report& after, const std::string& change) {
    std::ostringstream out;
    out << "What if: " << change << " (" << before.day << ", " << before.runs << " simulated days each)\n\n";
    out << pad("service", 11, false) << pad("mean before", 12) << pad("after", 8) << pad("p90 before", 11)
        << pad("after", 8) << pad("within before", 14) << pad("after", 8) << "\n";
    for (std::size_t i = 0; i < before.services.size() && i < after.services.size(); ++i) {
        const auto& b = before.services[i];
        const auto& a = after.services[i];
        out << pad(b.service.empty() ? "ALL" : b.service, 11, false) << pad(minutes(b.mean_wait_s), 12)
            << pad(minutes(a.mean_wait_s), 8) << pad(minutes(b.p90_wait_s), 11) << pad(minutes(a.p90_wait_s), 8)
            << pad(percent(b.within_standard), 14) << pad(percent(a.within_standard), 8) << "\n";
    }
    out << "(waits in minutes, issue to first call; within = share called within the service's max_wait)\n";
    return out.str();
}

nlohmann::json compare_json(const Report& before, const Report& after, const std::string& change) {
    return {{"change", change}, {"before", to_json(before)}, {"after", to_json(after)}};
}

}  // namespace antre::sim
