#include "history.hpp"

#include <cmath>
#include <numeric>
#include <regex>
#include <set>
#include <stdexcept>

#include "antre/calendar.hpp"
#include "sqlite.hpp"
#include "store.hpp"

namespace antre::sim {

History read_history(const std::string& db_path, const std::string& month, const OfficeConfig& office) {
    static const std::regex month_form(R"(\d{4}-(0[1-9]|1[0-2]))");
    if (!std::regex_match(month, month_form))
        throw std::runtime_error("--month: expected YYYY-MM, got \"" + month + "\"");
    History h;
    h.from_day = month + "-01";
    h.to_day = month + "-31";  // every day of the month sorts before it
    const OfficeCalendar calendar(office.time_zone);
    std::map<int, std::set<std::string>> days;
    std::unique_ptr<sql::Database> db;
    try {
        db = std::make_unique<sql::Database>(db_path, true);
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot read " + db_path + ": " + e.what());
    }
    for_each_event_between(*db, h.from_day, h.to_day, [&](const metrics::LoggedEvent& le) {
        const Event& e = le.event;
        if (e.type == "ticket_issued") {
            const LocalTime local = calendar.local(e.at);
            days[local.weekday].insert(e.day);
            auto& hours = h.issued[e.service][local.weekday];
            ++hours[static_cast<std::size_t>(local.minute_of_day / 60)];
            ++h.tickets;
            if (e.detail != "none" && !e.detail.empty()) ++h.priority;
        } else if (e.type == "ticket_no_show" && e.detail == "final") {
            ++h.no_show_tickets;
        } else if (e.type == "ticket_transferred") {
            ++h.transfers;
        } else if (e.type == "ticket_finished") {
            const auto start = le.leg_started_at ? le.leg_started_at : le.leg_called_at;
            if (start && e.at > *start)
                h.log_service_s[e.service].push_back(std::log(static_cast<double>(e.at - *start) / 1000.0));
        }
    });
    for (const auto& [weekday, set] : days) h.days[weekday] = static_cast<int>(set.size());
    return h;
}

DayModel History::model_for(const OfficeConfig& office, int weekday) const {
    auto it = days.find(weekday);
    if (it == days.end() || it->second == 0)
        throw std::runtime_error("the log holds no office day on that weekday between " + from_day + " and " +
                                 to_day.substr(0, 7));
    const double n_days = it->second;
    DayModel m = synthetic_model(office, weekday, 0);
    for (auto& [code, hours] : m.arrivals) {
        hours.fill(0);
        auto s = issued.find(code);
        if (s == issued.end()) continue;
        auto w = s->second.find(weekday);
        if (w == s->second.end()) continue;
        for (std::size_t hr = 0; hr < 24; ++hr) hours[hr] = w->second[hr] / n_days;
    }
    for (const auto& [code, logs] : log_service_s) {
        if (logs.size() < 2 || !m.service_time.count(code)) continue;
        const double mean = std::accumulate(logs.begin(), logs.end(), 0.0) / static_cast<double>(logs.size());
        double ss = 0;
        for (double x : logs) ss += (x - mean) * (x - mean);
        m.service_time[code] = {mean, std::sqrt(ss / static_cast<double>(logs.size() - 1))};
    }
    if (tickets > 0) {
        m.priority_share = static_cast<double>(priority) / tickets;
        m.no_show_share = static_cast<double>(no_show_tickets) / tickets;
        m.transfer_share = static_cast<double>(transfers) / tickets;
    }
    return m;
}

}  // namespace antre::sim
