#include "public_view.hpp"

#include <algorithm>
#include <cstdio>

#include "antre/calendar.hpp"

namespace antre::public_view {

namespace {

const ServiceState* service_of(const Engine& engine, const std::string& code) {
    const auto& all = engine.state().services;
    auto it = std::find_if(all.begin(), all.end(), [&](const ServiceState& s) { return s.def.code == code; });
    return it == all.end() ? nullptr : &*it;
}

json service_names(const Engine& engine, const std::string& code) {
    const ServiceState* s = service_of(engine, code);
    return {{"code", code}, {"name_id", s ? s->def.name_id : code}, {"name_en", s ? s->def.name_en : code}};
}

// The numbers now at the counters (called or being served), by counter.
json now_called(const Engine& engine) {
    json list = json::array();
    for (const auto& c : engine.state().counters) {
        if (!c.active) continue;
        const Ticket* t = engine.find_ticket(*c.active);
        if (!t) continue;
        list.push_back({{"label", t->label},
                        {"counter", c.config.number},
                        {"counter_name", c.config.name},
                        {"state", t->status == TicketStatus::serving ? "serving" : "called"}});
    }
    return list;
}

json office_head(const OfficeConfig& office, Millis now) {
    return {{"name", office.office_name}, {"time", clock_text(office, now)}};
}

}  // namespace

// "10:45" in the office's zone: old phones cannot be trusted with time zones.
std::string clock_text(const OfficeConfig& office, Millis at) {
    LocalTime local;
    try {
        local = OfficeCalendar(office.time_zone).local(at);
    } catch (const std::exception&) {
        return {};
    }
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", local.minute_of_day / 60 % 24, local.minute_of_day % 60);
    return text;
}

const Ticket* find(const Engine& engine, std::string_view code) {
    if (code.empty()) return nullptr;
    for (const auto& t : engine.state().tickets)
        if (t.code == code) return &t;
    return nullptr;
}

bool valid_on(const Ticket& t, const std::string& today) { return t.day == today && t.status != TicketStatus::expired; }

std::string_view state(const Ticket& t) {
    switch (t.status) {
        case TicketStatus::waiting:
            // The latest of the two is what the citizen needs to know; a transfer
            // after a no-show is still a transfer.
            if (t.transfers > 0 && t.service != t.origin_service) return "transferred";
            return t.no_shows > 0 ? "requeued" : "waiting";
        case TicketStatus::called:
            return "called";
        case TicketStatus::serving:
            return "serving";
        case TicketStatus::done:
            return "done";
        case TicketStatus::no_show:
            return "no_show";
        case TicketStatus::cancelled:
            return "cancelled";
        case TicketStatus::expired:
            return "expired";
    }
    return "waiting";
}

json ticket(const Engine& engine, const OfficeConfig& office, const Ticket& t, Millis now,
            const estimates::Set* estimates) {
    json j = {{"office", office_head(office, now)},
              {"label", t.label},
              {"service", service_names(engine, t.origin_service)},
              {"state", state(t)},
              {"counter", nullptr},
              {"counter_name", nullptr},
              {"people_ahead", nullptr},
              {"soon", false},
              {"estimated_wait_s", nullptr},
              {"estimated_call_time", nullptr},
              {"estimated_call_from_time", nullptr},
              {"estimated_call_to_time", nullptr},
              {"estimate", nullptr},
              {"now_called", now_called(engine)}};
    if (t.service != t.origin_service) j["transferred_to"] = service_names(engine, t.service);
    if (t.status == TicketStatus::called || t.status == TicketStatus::serving) {
        j["counter"] = t.counter;
        if (const auto* c = engine.find_counter(t.counter)) j["counter_name"] = c->config.name;
    }
    if (t.status == TicketStatus::waiting) {
        const int ahead = engine.people_ahead(t.id);
        j["people_ahead"] = ahead;
        j["soon"] = ahead <= soon_places;
        if (const auto e = estimates::current(estimates, t)) {
            j["estimate"] = estimates::to_json(*e, now);
            // Not reached today: no time is promised (the page says it may not be served).
            if (e->reached) {
                j["estimated_wait_s"] = j["estimate"]["wait_s"];
                j["estimated_call_time"] = clock_text(office, e->p50);
                j["estimated_call_from_time"] = clock_text(office, e->p10);
                j["estimated_call_to_time"] = clock_text(office, e->p90);
            }
        }
    }
    return j;
}

json office(const Engine& engine, const OfficeConfig& office, Millis now, bool always_open,
            const estimates::Set* estimates) {
    json services = json::array();
    for (const auto& s : engine.state().services) {
        const auto f = engine.figures(s.def.code, now);
        json one = {
            {"code", s.def.code},       {"name_id", s.def.name_id},
            {"name_en", s.def.name_en}, {"open_now", !s.closed && (always_open || engine.in_opening_hours(s.def, now))},
            {"waiting", f.waiting},     {"estimated_wait_s", f.estimated_wait_s},
            {"estimate", nullptr}};
        // The door's estimate when known; null when a ticket taken now is likely not
        // called today; the queue-length figure while no counter serves the service.
        if (estimates)
            if (auto it = estimates->regular.find(s.def.code); it != estimates->regular.end() && it->second.known()) {
                one["estimate"] = estimates::to_json(it->second, now);
                one["estimated_wait_s"] = it->second.call.reached ? one["estimate"]["wait_s"] : json(nullptr);
            }
        services.push_back(std::move(one));
    }
    json counters = json::array();
    for (const auto& c : engine.state().counters) {
        json one = {
            {"number", c.config.number}, {"name", c.config.name}, {"state", to_string(c.state)}, {"label", nullptr}};
        if (c.active)
            if (const Ticket* t = engine.find_ticket(*c.active)) one["label"] = t->label;
        counters.push_back(std::move(one));
    }
    return {{"office", office_head(office, now)}, {"services", services}, {"counters", counters}};
}

}  // namespace antre::public_view
