#include "views.hpp"

#include <algorithm>

#include "antre/printed_once.hpp"
#include "antre/protocol.hpp"

namespace antre::views {

Audience audience_of(std::optional<Role> role) {
    return role && (*role == Role::counter || *role == Role::manager || *role == Role::admin) ? Audience::staff
                                                                                              : Audience::lobby;
}

namespace {

// Each record is described once, for both writers (antre/json_writer.hpp): the
// events go out as text written straight from the engine, replies and snapshots
// as nlohmann objects.

template <class Out>
void put_ticket(Out& o, const Engine& engine, const Ticket& t, Audience audience, const estimates::Set* estimates) {
    protocol::TicketView view;
    view.hide_officer = audience == Audience::lobby;
    if (t.status == TicketStatus::waiting) view.people_ahead = engine.people_ahead(t.id);
    protocol::write_ticket(o, t, view, [&](Out& out) {
        if (!estimates) return;
        if (const auto e = estimates::current(estimates, t))
            out.object("estimate", [&](Out& x) { estimates::write_call(x, *e, estimates->as_of); });
    });
}

template <class Out>
void put_counter(Out& o, const Engine& engine, const Counter& c, Audience audience) {
    const Ticket* active = c.active ? engine.find_ticket(*c.active) : nullptr;
    if (active)
        o.object("active", [&](Out& x) { put_ticket(x, engine, *active, audience, nullptr); });
    else
        o.field("active", nullptr);
    o.field("name", c.config.name);
    o.field("number", c.config.number);
    o.field("officer", audience == Audience::staff ? std::string_view(c.officer) : std::string_view());
    o.field("pause_reason", c.pause_reason);
    o.field("services", c.config.services);
    o.field("since", c.since);
    o.field("state", to_string(c.state));
}

}  // namespace

json ticket(const Engine& engine, const Ticket& t, Audience audience, const estimates::Set* estimates) {
    return json_object([&](JsonDom& o) { put_ticket(o, engine, t, audience, estimates); });
}

void ticket_fields(JsonText& o, const Engine& engine, const Ticket& t, Audience audience,
                   const estimates::Set* estimates) {
    put_ticket(o, engine, t, audience, estimates);
}

json counter(const Engine& engine, const Counter& c, Audience audience) {
    return json_object([&](JsonDom& o) { put_counter(o, engine, c, audience); });
}

json service(const Engine& engine, const ServiceState& s, Millis now, bool always_open,
             const estimates::Set* estimates) {
    // One memo per thread: replies and queue figures are made on the I/O thread,
    // some reads on the worker pool.
    thread_local PrintedOnce<std::string, Service, json> definitions;
    json j = definitions.get(s.def.code, s.def, [](const Service& d) { return protocol::to_json(d); });
    const auto f = engine.figures(s.def.code, now);
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
    if (estimates) {
        // The forward estimate replaces the queue-length figures (docs/queue.md).
        auto door = [&](const std::map<std::string, estimates::Door>& by_service) -> json {
            auto it = by_service.find(s.def.code);
            return it == by_service.end() ? json(nullptr) : estimates::to_json(it->second, now);
        };
        json regular = door(estimates->regular), priority = door(estimates->priority);
        if (regular.is_object()) j["estimated_wait_s"] = regular["wait_s"];
        if (priority.is_object()) j["priority_estimated_wait_s"] = priority["wait_s"];
        j["estimate"] = {
            {"regular", std::move(regular)}, {"priority", std::move(priority)}, {"as_of", estimates->as_of}};
    }
    return j;
}

json snapshot(const Engine& engine, Millis now, bool always_open, Audience audience, const estimates::Set* estimates) {
    const auto& st = engine.state();
    json services = json::array();
    for (const auto& s : st.services) services.push_back(service(engine, s, now, always_open, estimates));
    json counters = json::array();
    for (const auto& c : st.counters) counters.push_back(counter(engine, c, audience));
    json waiting = json::array();
    for (const auto& s : st.services)
        for (auto id : engine.waiting(s.def.code))
            waiting.push_back(ticket(engine, *engine.find_ticket(id), audience, estimates));
    // The board's history panel: the day's latest calls, newest first, each with the
    // counter and moment of that call (the ticket record says what it is now).
    json recent = json::array();
    for (const auto& c : st.recent_calls)
        if (const Ticket* t = engine.find_ticket(c.ticket)) {
            json j = ticket(engine, *t, audience);
            j["call"] = {{"service", c.service}, {"counter", c.counter}, {"at", c.at}, {"recall", c.recall}};
            recent.push_back(std::move(j));
        }
    return {{"office",
             {{"name", engine.office().office_name},
              {"time_zone", engine.office().time_zone},
              {"language", engine.office().language},
              {"day", st.day},
              {"now", now}}},
            {"services", std::move(services)},
            {"counters", std::move(counters)},
            {"waiting", std::move(waiting)},
            {"recent_calls", std::move(recent)}};
}

EventLine event(const Engine& engine, const Effect& fx, const Event& e, Audience audience) {
    const bool staff = audience == Audience::staff;
    // A counter closed by a manager names the manager's NIP in its detail.
    // A manager's answer to a saran is the office's business, not the lobby's.
    const bool detail_names_officer =
        (e.type == "counter_closed" && e.detail != "day_end") || e.type == "survey_replied";
    // As the command left it: a later command of the batch may change it again.
    const Ticket* t = nullptr;
    if (e.ticket) {
        t = fx.find_ticket(*e.ticket);
        if (!t) t = engine.find_ticket(*e.ticket);
    }
    const Counter* c = e.counter ? engine.find_counter(e.counter) : nullptr;
    EventLine line;
    JsonText o(line.text);
    o.begin();
    o.field("at", e.at);
    o.field("counter", e.counter);
    if (c) o.object("counter_state", [&](JsonText& x) { put_counter(x, engine, *c, audience); });
    o.field("day", e.day);
    o.field("detail", staff || !detail_names_officer ? std::string_view(e.detail) : std::string_view());
    o.field("event", e.type);
    o.field("officer", staff ? std::string_view(e.officer) : std::string_view());
    line.seq_at = o.hole("seq");
    o.field("service", e.service);
    if (t) o.object("ticket", [&](JsonText& x) { put_ticket(x, engine, *t, audience, nullptr); });
    o.end();
    return line;
}

std::string EventLine::with_seq(std::int64_t seq) && {
    text.insert(seq_at, std::to_string(seq));
    return std::move(text);
}

}  // namespace antre::views
