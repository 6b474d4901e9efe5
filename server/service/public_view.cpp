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

// The page's JSON text written straight out, without a json tree: with two thousand
// pages open this runs for each page at every change (docs/public-page.md, the crowd).
// Keys come in the order json::dump gives them (sorted), strings escaped as it does.

void put_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += hex[(c >> 4) & 0xf];
                    out += hex[c & 0xf];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

// `,"key":` (the comma left out for the first key of an object).
void put_key(std::string& out, std::string_view key) {
    if (out.back() != '{') out += ',';
    put_string(out, key);
    out += ':';
}

// A number, or null for none.
void put_number(std::string& out, std::optional<long long> n) {
    if (n)
        out += std::to_string(*n);
    else
        out += "null";
}

void put_bool(std::string& out, bool b) { out += b ? "true" : "false"; }

void put_service(std::string& out, const Engine& engine, const std::string& code) {
    const ServiceState* s = service_of(engine, code);
    out += '{';
    put_key(out, "code");
    put_string(out, code);
    put_key(out, "name_en");
    put_string(out, s ? s->def.name_en : code);
    put_key(out, "name_id");
    put_string(out, s ? s->def.name_id : code);
    out += '}';
}

// estimates::to_json(e, now) as text.
void put_estimate(std::string& out, const CallEstimate& e, Millis now) {
    out += '{';
    const auto at = [&](std::string_view key, Millis value) {
        put_key(out, key);
        put_number(out, e.reached ? std::optional<long long>(value) : std::nullopt);
    };
    at("call_at", e.p50);
    at("call_from", e.p10);
    at("call_to", e.p90);
    put_key(out, "reached");
    put_bool(out, e.reached);
    put_key(out, "wait_s");
    put_number(out, estimates::wait_s(e, now));
    out += '}';
}

void put_time(std::string& out, Moment& moment, std::string_view key, std::optional<Millis> at) {
    put_key(out, key);
    if (at)
        put_string(out, moment.clock_text(*at));
    else
        out += "null";
}

// A ticket's page without the part all pages share ("office" and "now_called"): its
// fields, from the first key's comma on (`,"counter":...`), with "ok" among them.
void put_own_fields(std::string& out, Moment& moment, const Ticket& t) {
    const Engine& engine = moment.engine();
    const bool at_counter = t.status == TicketStatus::called || t.status == TicketStatus::serving;
    const bool waiting = t.status == TicketStatus::waiting;
    std::optional<CallEstimate> estimate;
    if (waiting) estimate = estimates::current(moment.estimates(), t);
    const bool promised = estimate && estimate->reached;  // not reached today: no time is promised

    put_key(out, "counter");
    put_number(out, at_counter ? std::optional<long long>(t.counter) : std::nullopt);
    put_key(out, "counter_name");
    const Counter* c = at_counter ? engine.find_counter(t.counter) : nullptr;
    if (c)
        put_string(out, c->config.name);
    else
        out += "null";
    put_key(out, "estimate");
    if (estimate)
        put_estimate(out, *estimate, moment.now());
    else
        out += "null";
    put_time(out, moment, "estimated_call_from_time", promised ? std::optional(estimate->p10) : std::nullopt);
    put_time(out, moment, "estimated_call_time", promised ? std::optional(estimate->p50) : std::nullopt);
    put_time(out, moment, "estimated_call_to_time", promised ? std::optional(estimate->p90) : std::nullopt);
    put_key(out, "estimated_wait_s");
    put_number(out, promised ? std::optional<long long>(estimates::wait_s(*estimate, moment.now())) : std::nullopt);
    put_key(out, "label");
    put_string(out, t.label);
    put_key(out, "ok");
    out += "true";
    put_key(out, "people_ahead");
    const int ahead = waiting ? moment.people_ahead(t) : 0;
    put_number(out, waiting ? std::optional<long long>(ahead) : std::nullopt);
    put_key(out, "service");
    put_service(out, engine, t.origin_service);
    put_key(out, "soon");
    put_bool(out, waiting && ahead <= soon_places);
    put_key(out, "state");
    put_string(out, state(t));
    if (t.service != t.origin_service) {
        put_key(out, "transferred_to");
        put_service(out, engine, t.service);
    }
}

}  // namespace

std::string ticket_text(Moment& moment, const Ticket& t) {
    const std::string& shared = moment.shared_text();
    std::string text;
    text.reserve(shared.size() + 640);
    text += '{';
    text += shared;
    put_own_fields(text, moment, t);
    text += '}';
    return text;
}

json ticket(Moment& moment, const Ticket& t) {
    json j = json::parse(ticket_text(moment, t));
    j.erase("ok");
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
    return {{"office", Moment(engine, office, now, estimates).head()}, {"services", services}, {"counters", counters}};
}

}  // namespace antre::public_view
