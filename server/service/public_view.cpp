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
json counters_now(const Engine& engine) {
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

std::optional<OfficeCalendar> calendar_of(const OfficeConfig& office) {
    try {
        return OfficeCalendar(office.time_zone);
    } catch (const std::exception&) {
        return std::nullopt;  // old phones cannot be trusted with time zones: no time rather than a wrong one
    }
}

// "10:45" on the office's clock; empty for an unknown zone.
std::string hh_mm(const std::optional<OfficeCalendar>& calendar, Millis at) {
    if (!calendar) return {};
    const LocalTime local = calendar->local(at);
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", local.minute_of_day / 60 % 24, local.minute_of_day % 60);
    return text;
}

}  // namespace

const Ticket* find(const Engine& engine, std::string_view code) {
    if (code.empty()) return nullptr;
    for (const auto& t : engine.state().tickets)
        if (t.code == code) return &t;
    return nullptr;
}

bool valid_on(const Ticket& t, const std::string& today) { return t.day == today && t.status != TicketStatus::expired; }

Moment::Moment(const Engine& engine, const OfficeConfig& office, Millis now, const estimates::Set* estimates)
    : engine_(engine),
      estimates_(estimates),
      calendar_(calendar_of(office)),
      now_(now),
      now_called_(counters_now(engine)) {
    head_ = {{"name", office.office_name}, {"time", clock_text(now)}};
}

const QueueFigures& Moment::figures(const std::string& service) {
    auto it = figures_.find(service);
    if (it == figures_.end()) it = figures_.emplace(service, engine_.figures(service, now_)).first;
    return it->second;
}

int Moment::people_ahead(const Ticket& t) {
    if (t.status != TicketStatus::waiting) return 0;
    auto it = places_.find(t.service);
    if (it == places_.end()) {
        std::unordered_map<TicketId, int> places;
        int ahead = 0;
        for (const TicketId id : engine_.waiting(t.service)) places.emplace(id, ahead++);
        it = places_.emplace(t.service, std::move(places)).first;
    }
    const auto place = it->second.find(t.id);
    return place == it->second.end() ? engine_.people_ahead(t.id) : place->second;
}

const std::string& Moment::shared_text() {
    if (shared_text_.empty()) shared_text_ = "\"now_called\":" + now_called_.dump() + ",\"office\":" + head_.dump();
    return shared_text_;
}

std::string Moment::clock_text(Millis at) const { return hh_mm(calendar_, at); }

std::string clock_text(const OfficeConfig& office, Millis at) { return hh_mm(calendar_of(office), at); }

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
    Moment moment(engine, office, now, estimates);
    return ticket(moment, t);
}

namespace {

// A ticket's page without the part all pages share ("office" and "now_called").
json own_fields(Moment& moment, const Ticket& t) {
    const Engine& engine = moment.engine();
    json j = {{"label", t.label},
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
              {"estimate", nullptr}};
    if (t.service != t.origin_service) j["transferred_to"] = service_names(engine, t.service);
    if (t.status == TicketStatus::called || t.status == TicketStatus::serving) {
        j["counter"] = t.counter;
        if (const auto* c = engine.find_counter(t.counter)) j["counter_name"] = c->config.name;
    }
    if (t.status == TicketStatus::waiting) {
        const int ahead = moment.people_ahead(t);
        j["people_ahead"] = ahead;
        j["soon"] = ahead <= soon_places;
        if (const auto e = estimates::current(moment.estimates(), t)) {
            j["estimate"] = estimates::to_json(*e, moment.now());
            // Not reached today: no time is promised (the page says it may not be served).
            if (e->reached) {
                j["estimated_wait_s"] = j["estimate"]["wait_s"];
                j["estimated_call_time"] = moment.clock_text(e->p50);
                j["estimated_call_from_time"] = moment.clock_text(e->p10);
                j["estimated_call_to_time"] = moment.clock_text(e->p90);
            }
        }
    }
    return j;
}

}  // namespace

json ticket(Moment& moment, const Ticket& t) {
    json j = own_fields(moment, t);
    j["office"] = moment.head();
    j["now_called"] = moment.now_called();
    return j;
}

std::string ticket_text(Moment& moment, const Ticket& t) {
    json own = own_fields(moment, t);
    own["ok"] = true;
    const std::string own_text = own.dump();  // "{...}", never empty: it has "label"
    const std::string& shared = moment.shared_text();
    std::string text;
    text.reserve(shared.size() + own_text.size() + 1);
    text += '{';
    text += shared;
    text += ',';
    text.append(own_text, 1);
    return text;
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
    return {{"office", Moment(engine, office, now, estimates).head()}, {"services", services}, {"counters", counters}};
}

}  // namespace antre::public_view
