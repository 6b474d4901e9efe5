#include "booking_report.hpp"

#include <map>

namespace antre::booking_report {
namespace {

struct Counts {
    int booked = 0, active = 0, checked_in = 0, missed = 0, cancelled = 0, closed = 0;
    int on_time = 0, called_in_session = 0;

    void add(const Fact& f, const OfficeCalendar& calendar) {
        // As the day's view counts them: a booking cancelled by either side holds no place.
        if (f.status != BookingStatus::cancelled) ++booked;
        switch (f.status) {
            case BookingStatus::active:
                ++active;
                break;
            case BookingStatus::checked_in:
                ++checked_in;
                break;
            case BookingStatus::missed:
                ++missed;
                break;
            case BookingStatus::cancelled:
                ++(f.by_office ? closed : cancelled);
                break;
        }
        if (f.status != BookingStatus::checked_in || !f.checked_in_at) return;
        // The promise: a citizen who checks in by the session's end (office time) is
        // called by then too. One checked in during the grace after it was promised
        // nothing more than a place; one still waiting counts as not called (yet).
        const Millis session_end = calendar.day_start(f.day) + Millis{f.session_end} * 60'000;
        if (*f.checked_in_at > session_end) return;
        ++on_time;
        if (f.first_called_at && *f.first_called_at <= session_end) ++called_in_session;
    }
};

nlohmann::json share(int part, int whole) { return whole ? nlohmann::json(double(part) / whole) : nlohmann::json(); }

nlohmann::json row(const Counts& c) {
    return {{"booked", c.booked},
            {"active", c.active},
            {"checked_in", c.checked_in},
            {"missed", c.missed},
            {"cancelled", c.cancelled},
            {"closed", c.closed},
            {"attendance", share(c.checked_in, c.checked_in + c.missed)},
            {"on_time", c.on_time},
            {"called_in_session", c.called_in_session},
            {"called_in_session_share", share(c.called_in_session, c.on_time)}};
}

}  // namespace

nlohmann::json reply(const std::vector<Fact>& facts, const OfficeCalendar& calendar, const std::string& by,
                     const std::string& from, const std::string& to) {
    std::map<std::string, Counts> keyed;  // ordered by day or by service code
    Counts total;
    for (const Fact& f : facts) {
        keyed[by == "service" ? f.service : f.day].add(f, calendar);
        total.add(f, calendar);
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& [key, counts] : keyed) {
        nlohmann::json r = row(counts);
        r["key"] = key;
        rows.push_back(std::move(r));
    }
    return {{"from", from}, {"to", to}, {"by", by}, {"rows", std::move(rows)}, {"total", row(total)}};
}

}  // namespace antre::booking_report
