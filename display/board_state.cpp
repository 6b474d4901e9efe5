#include "board_state.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace antre::display {

using json = nlohmann::json;

namespace {

// A field of a server record, or `fallback` when it is missing, null or mistyped:
// the board keeps going on whatever the server sends.
template <class T>
T field(const json& j, const char* key, T fallback) {
    if (!j.is_object()) return fallback;
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    try {
        return it->get<T>();
    } catch (const json::exception&) {
        return fallback;
    }
}

ServiceView service_from(const json& j, std::size_t colour) {
    ServiceView s;
    s.code = field<std::string>(j, "code", "");
    s.prefix = field<std::string>(j, "prefix", "");
    s.name = field<std::string>(j, "name_id", s.code);
    s.waiting = field<int>(j, "waiting", 0);
    s.priority_waiting = field<int>(j, "priority_waiting", 0);
    s.closed = field<bool>(j, "closed", false);
    s.open_now = field<bool>(j, "open_now", !s.closed);
    if (const int quota = field<int>(j, "quota_left", -1); quota >= 0) s.quota_left = quota;
    if (const int wait = field<int>(j, "estimated_wait_s", -1); wait >= 0) s.estimated_wait_s = wait;
    const json estimate = field<json>(j, "estimate", json::object());
    if (estimate.is_object() && estimate.contains("regular")) s.door = gui::door_from_json(estimate["regular"]);
    s.colour = colour;
    return s;
}

std::optional<HeldTicket> held_from(const json& j) {
    if (!j.is_object()) return std::nullopt;
    HeldTicket t;
    t.id = field<TicketId>(j, "id", 0);
    t.label = field<std::string>(j, "label", "");
    t.service = field<std::string>(j, "service", "");
    t.status = parse_ticket_status(field<std::string>(j, "status", "called")).value_or(TicketStatus::called);
    return t;
}

CounterView counter_from(const json& j) {
    CounterView c;
    c.number = field<int>(j, "number", 0);
    c.name = field<std::string>(j, "name", "Loket " + std::to_string(c.number));
    c.services = field<std::vector<std::string>>(j, "services", {});
    c.state = parse_counter_state(field<std::string>(j, "state", "closed")).value_or(CounterState::closed);
    c.pause_reason = field<std::string>(j, "pause_reason", "");
    if (j.is_object() && j.contains("active")) c.held = held_from(j["active"]);
    return c;
}

Call call_from(const json& ticket, Millis at, bool recall) {
    Call c;
    c.ticket = field<TicketId>(ticket, "id", 0);
    c.label = field<std::string>(ticket, "label", "");
    c.service = field<std::string>(ticket, "service", "");
    c.counter = field<int>(ticket, "counter", 0);
    c.at = at;
    c.recall = recall;
    // The mark only: a booked ticket's record names nobody (docs/booking.md).
    c.booked = ticket.is_object() && ticket.contains("booking") && !ticket["booking"].is_null();
    return c;
}

void update_counter(BoardState& state, const json& record) {
    if (!record.is_object()) return;
    CounterView c = counter_from(record);
    if (c.number <= 0) return;
    auto it = std::lower_bound(state.counters.begin(), state.counters.end(), c.number,
                               [](const CounterView& v, int n) { return v.number < n; });
    if (it != state.counters.end() && it->number == c.number)
        *it = std::move(c);
    else
        state.counters.insert(it, std::move(c));
}

void update_services(BoardState& state, const json& records) {
    if (!records.is_array()) return;
    for (const auto& r : records) {
        const auto code = field<std::string>(r, "code", "");
        if (code.empty()) continue;
        auto it = std::find_if(state.services.begin(), state.services.end(),
                               [&](const ServiceView& s) { return s.code == code; });
        if (it != state.services.end())
            *it = service_from(r, it->colour);
        else
            state.services.push_back(service_from(r, state.services.size()));
    }
}

void enqueue(BoardState& state, const Call& call) {
    if (state.pending.size() >= announcement_queue_limit) {
        state.pending.pop_front();
        ++state.dropped_announcements;
    }
    state.pending.push_back(call);
}

void show(BoardState& state, const Call& call) {
    std::erase_if(state.recent, [&](const Call& c) { return c.ticket == call.ticket; });
    state.recent.insert(state.recent.begin(), call);
    if (state.recent.size() > recent_calls_kept) state.recent.resize(recent_calls_kept);
}

void record_call(BoardState& state, const json& event, bool recall) {
    if (!event.contains("ticket")) return;
    const Call call = call_from(event["ticket"], field<Millis>(event, "at", 0), recall);
    if (call.label.empty() || !state.filter.shows(call)) return;
    state.newest_call_at = std::max(state.newest_call_at, call.at);
    show(state, call);
    enqueue(state, call);
}

void apply_snapshot(BoardState& state, const json& snap) {
    const bool reconnect = state.has_snapshot;
    const json office = snap.value("office", json::object());  // snap is an object: checked by the caller
    state.office_name = field<std::string>(office, "name", state.office_name);
    state.time_zone = field<std::string>(office, "time_zone", state.time_zone);
    state.day = field<std::string>(office, "day", state.day);
    // Only an http(s) address short enough for a readable QR; anything else: no QR.
    const auto url = field<std::string>(office, "public_url", "");
    const bool web = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
    state.public_url = web && url.size() <= public_url_limit ? url : "";

    state.services.clear();
    update_services(state, snap.value("services", json::array()));
    state.counters.clear();
    for (const auto& c : snap.value("counters", json::array())) update_counter(state, c);

    // recent_calls: newest first. Calls made while the link was down, whose
    // citizen has not come yet, are announced now, oldest first; at start-up
    // the board shows the history without speaking it.
    std::vector<Call> calls;
    std::vector<Call> missed;
    for (const auto& t : snap.value("recent_calls", json::array())) {
        // Each entry is the ticket as it is now, with `call`: the service, counter,
        // moment and kind of its latest call, which is what the live board showed (the
        // ticket's own counter is 0 once it went back to a queue, its service changes
        // with a transfer).
        const json call = t.is_object() ? t.value("call", json::object()) : json::object();
        Call c = call_from(t, field<Millis>(call, "at", field<Millis>(t, "called_at", 0)),
                           field<bool>(call, "recall", field<int>(t, "recalls", 0) > 0));
        c.counter = field<int>(call, "counter", c.counter);
        c.service = field<std::string>(call, "service", c.service);
        if (c.label.empty() || !state.filter.shows(c)) continue;
        if (reconnect && c.at > state.newest_call_at && field<std::string>(t, "status", "") == "called" &&
            field<int>(t, "counter", 0) == c.counter)
            missed.push_back(c);
        calls.push_back(std::move(c));
    }
    if (calls.size() > recent_calls_kept) calls.resize(recent_calls_kept);
    state.recent = std::move(calls);
    for (auto it = missed.rbegin(); it != missed.rend(); ++it) enqueue(state, *it);
    for (const auto& c : state.recent) state.newest_call_at = std::max(state.newest_call_at, c.at);

    state.has_snapshot = true;
    state.connected = true;
}

}  // namespace

bool BoardFilter::shows(const Call& call) const {
    return (services.empty() || services.contains(call.service)) &&
           (counters.empty() || counters.contains(call.counter));
}

void apply_event(BoardState& state, const json& event) {
    if (!event.is_object()) return;
    ++state.revision;
    const auto type = field<std::string>(event, "event", "");
    if (type == "snapshot") {
        if (event.contains("snapshot") && event["snapshot"].is_object()) apply_snapshot(state, event["snapshot"]);
        return;
    }
    // Every counter event carries the counter record after the change.
    if (event.contains("counter_state")) update_counter(state, event["counter_state"]);
    if (type == "ticket_called") {
        record_call(state, event, false);
    } else if (type == "ticket_recalled") {
        record_call(state, event, true);
    } else if (type == "queue_changed") {
        update_services(state, event.value("services", json::array()));
    } else if (type == "day_started") {
        state.day = field<std::string>(event, "detail", state.day);
        state.recent.clear();
    }
}

void set_connected(BoardState& state, bool connected) {
    if (state.connected != connected) ++state.revision;
    state.connected = connected;
}

std::optional<Call> start_announcement(BoardState& state, Millis now) {
    if (state.announcing || state.pending.empty()) return std::nullopt;
    state.announcing = state.pending.front();
    state.pending.pop_front();
    state.announcing_since = now;
    ++state.revision;
    return state.announcing;
}

void finish_announcement(BoardState& state) {
    if (state.announcing) ++state.revision;
    state.announcing.reset();
}

const Call* featured_call(const BoardState& state) {
    if (state.announcing) return &*state.announcing;
    return state.recent.empty() ? nullptr : &state.recent.front();
}

bool highlight_active(const BoardState& state, Millis now) {
    return state.announcing && now >= state.announcing_since && now - state.announcing_since < highlight_ms;
}

bool highlight_lit(const BoardState& state, Millis now) {
    return highlight_active(state, now) && (now - state.announcing_since) % blink_period_ms < blink_period_ms * 6 / 10;
}

std::vector<const CounterView*> shown_counters(const BoardState& state) {
    const auto& f = state.filter;
    std::vector<const CounterView*> out;
    for (const auto& c : state.counters) {
        bool shown = true;
        if (!f.counters.empty())
            shown = f.counters.contains(c.number);
        else if (!f.services.empty())
            shown = std::any_of(c.services.begin(), c.services.end(),
                                [&](const std::string& s) { return f.services.contains(s); });
        if (shown) out.push_back(&c);
    }
    return out;
}

const HeldTicket* shown_ticket(const BoardState& state, const CounterView& counter) {
    // A counter is shown when it serves one of the board's services, but the ticket
    // it holds may be of another one it serves: that ticket is not this board's.
    if (!counter.held) return nullptr;
    const auto& services = state.filter.services;
    return services.empty() || services.contains(counter.held->service) ? &*counter.held : nullptr;
}

std::vector<const ServiceView*> shown_services(const BoardState& state) {
    const auto& f = state.filter;
    std::set<std::string> served;
    if (f.services.empty() && !f.counters.empty())
        for (const auto& c : state.counters)
            if (f.counters.contains(c.number)) served.insert(c.services.begin(), c.services.end());
    std::vector<const ServiceView*> out;
    for (const auto& s : state.services) {
        const bool shown = !f.services.empty()   ? f.services.contains(s.code)
                           : !f.counters.empty() ? served.contains(s.code)
                                                 : true;
        if (shown) out.push_back(&s);
    }
    return out;
}

const ServiceView* find_service(const BoardState& state, const std::string& code) {
    for (const auto& s : state.services)
        if (s.code == code) return &s;
    return nullptr;
}

}  // namespace antre::display
