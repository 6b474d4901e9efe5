#include "views.hpp"

#include <algorithm>

#include "antre/protocol.hpp"

namespace antre::views {

json ticket(const Engine& engine, const Ticket& t) {
    json j = protocol::to_json(t);
    if (t.status == TicketStatus::waiting) j["people_ahead"] = engine.people_ahead(t.id);
    return j;
}

json counter(const Engine& engine, const Counter& c) {
    json j = {{"number", c.config.number},
              {"name", c.config.name},
              {"services", c.config.services},
              {"state", to_string(c.state)},
              {"officer", c.officer},
              {"pause_reason", c.pause_reason},
              {"since", c.since},
              {"active", nullptr}};
    if (c.active)
        if (const Ticket* t = engine.find_ticket(*c.active)) j["active"] = ticket(engine, *t);
    return j;
}

json service(const Engine& engine, const ServiceState& s, Millis now, bool always_open) {
    json j = protocol::to_json(s.def);
    const auto f = engine.figures(s.def.code);
    const bool in_hours = always_open || engine.in_opening_hours(s.def, now);
    j["closed"] = s.closed;
    j["open_now"] = in_hours && !s.closed;
    j["waiting"] = f.waiting;
    j["priority_waiting"] = f.priority_waiting;
    j["last_number"] = f.last_number;
    j["issued_today"] = f.issued_today;
    j["quota_left"] = s.def.daily_quota > 0 ? json(std::max(0, s.def.daily_quota - f.issued_today)) : json(nullptr);
    j["oldest_issued_at"] = f.oldest_issued_at ? json(*f.oldest_issued_at) : json(nullptr);
    j["estimated_wait_s"] = f.estimated_wait_s;
    j["priority_estimated_wait_s"] = f.priority_estimated_wait_s;
    return j;
}

json snapshot(const Engine& engine, Millis now, bool always_open) {
    const auto& st = engine.state();
    json services = json::array();
    for (const auto& s : st.services) services.push_back(service(engine, s, now, always_open));
    json counters = json::array();
    for (const auto& c : st.counters) counters.push_back(counter(engine, c));
    json waiting = json::array();
    for (const auto& s : st.services)
        for (auto id : engine.waiting(s.def.code)) waiting.push_back(ticket(engine, *engine.find_ticket(id)));
    // The latest calls of the day, newest first, for the board's history panel.
    std::vector<const Ticket*> called;
    for (const auto& t : st.tickets)
        if (t.called_at && t.day == st.day) called.push_back(&t);
    std::sort(called.begin(), called.end(), [](const Ticket* a, const Ticket* b) { return *a->called_at > *b->called_at; });
    if (called.size() > 10) called.resize(10);
    json recent = json::array();
    for (const Ticket* t : called) recent.push_back(ticket(engine, *t));
    return {{"office", {{"name", engine.office().office_name},
                        {"time_zone", engine.office().time_zone},
                        {"language", engine.office().language},
                        {"day", st.day},
                        {"now", now}}},
            {"services", std::move(services)},
            {"counters", std::move(counters)},
            {"waiting", std::move(waiting)},
            {"recent_calls", std::move(recent)}};
}

json event(const Engine& engine, const Effect& fx, const Event& e, std::int64_t seq) {
    json j = {{"seq", seq}, {"at", e.at}, {"day", e.day}, {"service", e.service},
              {"counter", e.counter}, {"officer", e.officer}, {"detail", e.detail}};
    if (e.ticket) {
        const Ticket* t = engine.find_ticket(*e.ticket);
        if (!t) t = fx.find_closed(*e.ticket);
        if (t) j["ticket"] = ticket(engine, *t);
    }
    if (e.counter)
        if (const Counter* c = engine.find_counter(e.counter)) j["counter_state"] = counter(engine, *c);
    return j;
}

}  // namespace antre::views
