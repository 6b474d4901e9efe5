#include "store_check.hpp"

#include <set>

#include "sqlite.hpp"

namespace antre::test {

namespace {

// The status a ticket has after `event`, from the status before it.
std::string status_after(const std::string& event, const std::string& detail, const std::string& before) {
    if (event == "ticket_issued" || event == "ticket_transferred") return "waiting";
    if (event == "ticket_called" || event == "ticket_recalled") return "called";
    if (event == "service_started") return "serving";
    if (event == "ticket_finished") return "done";
    if (event == "ticket_no_show") return detail == "requeued" ? "waiting" : "no_show";
    if (event == "ticket_cancelled") return "cancelled";
    if (event == "ticket_expired") return "expired";
    return before;  // priority_changed and the like leave the status as it was
}

}  // namespace

StoreCheck check_store(const std::string& db_path) {
    StoreCheck out;
    auto problem = [&](const std::string& p) { out.problems.push_back(p); };
    sql::Database db(db_path);
    {
        sql::Statement q(db, "SELECT value FROM meta WHERE key = 'day'");
        if (q.step()) out.day = q.text(0);
    }
    {
        sql::Statement q(db,
                         "SELECT id, day, origin_service, number, label, status, first_called_at IS NOT NULL "
                         "FROM tickets ORDER BY id");
        while (q.step())
            out.tickets[q.int64(0)] = {q.int64(0), q.text(1), q.text(2),        q.integer(3),
                                       q.text(4),  q.text(5), q.integer(6) != 0};
    }
    // Numbering: 1..n within each day and service.
    std::map<std::pair<std::string, std::string>, std::set<int>> numbers;
    for (const auto& [id, t] : out.tickets) {
        if (!numbers[{t.day, t.origin_service}].insert(t.number).second)
            problem("number " + std::to_string(t.number) + " of " + t.origin_service + " on " + t.day + " twice");
        if (t.day < out.day && t.status == "waiting")
            problem("ticket " + t.label + " of " + t.day + " still waiting on " + out.day + ": half a day's close");
    }
    for (const auto& [key, set] : numbers)
        if (!set.empty() && (*set.begin() != 1 || *set.rbegin() != static_cast<int>(set.size())))
            problem("numbers of " + key.second + " on " + key.first + " skip: " + std::to_string(set.size()) +
                    " tickets up to " + std::to_string(*set.rbegin()));
    {
        sql::Statement q(db, "SELECT service, day, last_number FROM service_days");
        while (q.step()) {
            auto it = numbers.find({q.text(1), q.text(0)});
            const int n = it == numbers.end() ? 0 : static_cast<int>(it->second.size());
            if (q.integer(2) != n)
                problem("service_days says " + q.text(0) + " on " + q.text(1) + " reached " +
                        std::to_string(q.integer(2)) + ", the tickets say " + std::to_string(n));
        }
    }
    // The event log, folded ticket by ticket, against the rows.
    std::map<TicketId, std::string> derived;
    std::string last_day_started, created_day;
    {
        sql::Statement q(db, "SELECT type, ticket, detail, day FROM events ORDER BY seq");
        while (q.step()) {
            ++out.events;
            const std::string type = q.text(0);
            if (type == "office_created") created_day = q.text(3);
            if (type == "day_started") last_day_started = q.text(2);
            if (q.is_null(1)) continue;
            const TicketId id = q.int64(1);
            if (!out.tickets.count(id))
                problem(type + " event for ticket " + std::to_string(id) + " that is not stored");
            if (type != "ticket_issued" && !derived.count(id))
                problem(type + " event for ticket " + std::to_string(id) + " before its ticket_issued");
            derived[id] = status_after(type, q.text(2), derived[id]);
        }
    }
    for (const auto& [id, t] : out.tickets) {
        auto it = derived.find(id);
        if (it == derived.end())
            problem("ticket " + t.label + " has no events");
        else if (it->second != t.status)
            problem("ticket " + t.label + " is " + t.status + " but its events say " + it->second);
    }
    const std::string expected_day = last_day_started.empty() ? created_day : last_day_started;
    if (expected_day != out.day) problem("the database is at day " + out.day + ", its events at " + expected_day);
    // Counters and the tickets they hold.
    std::set<TicketId> held;
    {
        sql::Statement q(db, "SELECT number, active_ticket FROM counters WHERE active_ticket IS NOT NULL");
        while (q.step()) {
            const TicketId id = q.int64(1);
            held.insert(id);
            auto it = out.tickets.find(id);
            if (it == out.tickets.end() || (it->second.status != "called" && it->second.status != "serving"))
                problem("counter " + std::to_string(q.integer(0)) + " holds ticket " + std::to_string(id) +
                        " that is not called or serving");
        }
    }
    for (const auto& [id, t] : out.tickets)
        if ((t.status == "called" || t.status == "serving") && !held.count(id))
            problem("ticket " + t.label + " is " + t.status + " but no counter holds it");
    return out;
}

}  // namespace antre::test
