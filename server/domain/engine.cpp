#include "engine.hpp"

#include <algorithm>
#include <climits>
#include <stdexcept>

#include "engine_rules.hpp"
#include "percentile.hpp"

namespace antre {

using engine_rules::key_spacing;

// The day closes in one place: roll_over(), which the caller makes before a command of
// a new day (the server's handler does before every request, and on a timer at
// midnight), so that the close is kept whatever the command's outcome. A command never
// turns the day itself; given a moment of a later day than the state's, it is a
// caller's error, not a citizen's.
void Engine::require_today(Millis now) const {
    const std::string today = calendar_.day_of(now);
    if (today > state_.day)
        throw std::logic_error("engine: a command of " + today + " on the state of " + state_.day +
                               ": roll_over(now) first");
}

Effect Engine::sealed(Effect fx) const {
    for (auto id : fx.tickets)
        if (const Ticket* t = find_ticket(id)) fx.records.tickets.push_back(*t);
    for (int n : fx.counters)
        if (const Counter* c = find_counter(n)) fx.records.counters.push_back(*c);
    for (const auto& code : fx.services) {
        auto it = service_index_.find(code);
        if (it != service_index_.end())
            fx.records.services.push_back({state_.services[it->second], it->second, state_.day});
    }
    fx.records.day = state_.day;
    return fx;
}

Effect Engine::everything() const {
    Effect fx;
    for (const auto& s : state_.services) fx.services.push_back(s.def.code);
    for (const auto& c : state_.counters) fx.counters.push_back(c.config.number);
    return sealed(std::move(fx));
}

Engine::Engine(const OfficeConfig& config, Millis now) : office_(config), calendar_(config.time_zone) {
    state_.day = calendar_.day_of(now);
    for (const auto& s : config.services) state_.services.push_back({s, false, 0, -1});
    for (const auto& c : config.counters) state_.counters.push_back({c, CounterState::closed, "", {}, "", now});
    std::sort(state_.counters.begin(), state_.counters.end(),
              [](const Counter& a, const Counter& b) { return a.config.number < b.config.number; });
    index();
}

Engine::Engine(const OfficeConfig& config, EngineState state)
    : office_(config), calendar_(config.time_zone), state_(std::move(state)) {
    index();
}

void Engine::index() {
    ticket_index_.clear();
    service_index_.clear();
    queues_.clear();
    for (std::size_t i = 0; i < state_.services.size(); ++i) {
        service_index_[state_.services[i].def.code] = i;
        queues_[state_.services[i].def.code];
    }
    for (std::size_t i = 0; i < state_.tickets.size(); ++i) ticket_index_[state_.tickets[i].id] = i;
    for (auto& t : state_.tickets) {
        if (t.status != TicketStatus::waiting) continue;
        auto& q = queue_of(t);
        q.push_back(t.id);
        queues_[t.service].waiting_ids.insert(t.id);
    }
    for (auto& [code, q] : queues_) {
        auto by_key = [this](TicketId a, TicketId b) { return ticket_ref(a).queue_key < ticket_ref(b).queue_key; };
        std::sort(q.priority.begin(), q.priority.end(), by_key);
        std::sort(q.regular.begin(), q.regular.end(), by_key);
    }
    std::vector<const Ticket*> finished;
    for (const auto& t : state_.tickets)
        if (t.status == TicketStatus::done && t.finished_at && t.service_started_at) finished.push_back(&t);
    std::sort(finished.begin(), finished.end(),
              [](const Ticket* a, const Ticket* b) { return *a->finished_at < *b->finished_at; });
    for (const Ticket* t : finished) note_service_time(*t);
}

// The estimate uses the median of the service's latest finished tickets; kept as
// they finish, so that no request has to scan the day's tickets for them.
void Engine::note_service_time(const Ticket& t) {
    auto it = queues_.find(t.service);
    if (it == queues_.end()) return;
    auto& recent = it->second.recent_service;
    recent.push_back(*t.finished_at - *t.service_started_at);
    if (recent.size() > recent_service_window) recent.pop_front();
}

// The board's rule: the ticket's earlier entry goes, the call goes in front, and
// the list keeps its length.
void Engine::note_call(const Ticket& t, int counter, Millis at, bool recall) {
    auto& recent = state_.recent_calls;
    std::erase_if(recent, [&](const RecentCall& c) { return c.ticket == t.id; });
    recent.insert(recent.begin(), RecentCall{t.id, t.service, counter, at, recall});
    if (recent.size() > recent_calls_kept) recent.resize(recent_calls_kept);
}

// -- lookups ------------------------------------------------------------------

bool Engine::in_opening_hours(const Service& s, Millis now) const {
    const LocalTime t = calendar_.local(now);
    return std::any_of(s.hours.begin(), s.hours.end(), [&](const OpeningWindow& w) {
        return w.weekday == t.weekday && t.minute_of_day >= w.open_minute && t.minute_of_day < w.close_minute;
    });
}

const Ticket* Engine::find_ticket(TicketId id) const {
    auto it = ticket_index_.find(id);
    return it == ticket_index_.end() ? nullptr : &state_.tickets[it->second];
}

const Ticket* Engine::find_ticket(const std::string& label) const {
    for (const auto& t : state_.tickets)
        if (t.label == label && t.day == state_.day) return &t;
    return nullptr;
}

const Counter* Engine::find_counter(int number) const {
    for (const auto& c : state_.counters)
        if (c.config.number == number) return &c;
    return nullptr;
}

const ServiceState* Engine::find_service(const std::string& code) const {
    auto it = service_index_.find(code);
    return it == service_index_.end() ? nullptr : &state_.services[it->second];
}

Ticket& Engine::ticket_ref(TicketId id) {
    auto it = ticket_index_.find(id);
    if (it == ticket_index_.end())
        throw Refusal(errc::unknown_ticket, "Nomor antrean " + std::to_string(id) + " tidak ditemukan");
    return state_.tickets[it->second];
}

Counter& Engine::counter_ref(int number) {
    if (auto* c = find_counter(number)) return const_cast<Counter&>(*c);
    throw Refusal(errc::unknown_counter, "Loket " + std::to_string(number) + " tidak dikenal");
}

const ServiceState& Engine::known_service(const std::string& code) const {
    if (auto* s = find_service(code)) return *s;
    throw Refusal(errc::unknown_service, "Layanan '" + code + "' tidak dikenal");
}

ServiceState& Engine::service_ref(const std::string& code) { return const_cast<ServiceState&>(known_service(code)); }

Counter& Engine::working_counter(int number) {
    auto& c = counter_ref(number);
    if (c.state == CounterState::closed)
        throw Refusal(errc::counter_closed, c.config.name + " belum dibuka: petugas harus masuk dulu");
    if (c.state == CounterState::paused) throw Refusal(errc::counter_paused, c.config.name + " sedang istirahat");
    return c;
}

Ticket& Engine::active_ticket(Counter& c) {
    if (!c.active) throw Refusal(errc::no_active_ticket, c.config.name + " tidak sedang memegang nomor antrean");
    return ticket_ref(*c.active);
}

std::vector<TicketId>& Engine::queue_of(const Ticket& t) {
    auto& q = queues_[t.service];
    return t.priority == Priority::none ? q.regular : q.priority;
}

Event Engine::ticket_event(std::string type, Millis now, const Ticket& t, int counter, const std::string& officer,
                           std::string detail) const {
    Event e = event(std::move(type), now);
    e.ticket = t.id;
    e.service = t.service;
    e.counter = counter;
    e.officer = officer;
    e.detail = std::move(detail);
    return e;
}

Event Engine::event(std::string type, Millis now) const {
    Event e;
    e.type = std::move(type);
    e.at = now;
    e.day = calendar_.day_of(now);
    return e;
}

// -- queue order --------------------------------------------------------------

void Engine::enqueue(Ticket& t, Effect& fx) {
    auto& q = queue_of(t);
    auto pos = std::lower_bound(q.begin(), q.end(), t.queue_key,
                                [this](TicketId id, std::int64_t key) { return ticket_ref(id).queue_key < key; });
    insert_at(t, static_cast<std::size_t>(pos - q.begin()), fx);
}

// Places `t` at `position` of its class queue, giving it a key between its
// neighbours; when they leave no room, the tail moves up one spacing (order kept).
void Engine::insert_at(Ticket& t, std::size_t position, Effect& fx) {
    auto& q = queue_of(t);
    position = std::min(position, q.size());
    const std::int64_t after = position < q.size() ? ticket_ref(q[position]).queue_key : LLONG_MAX;
    const std::int64_t before = position > 0 ? ticket_ref(q[position - 1]).queue_key : LLONG_MIN;
    if (t.queue_key <= before || t.queue_key >= after) {
        if (position == q.size()) {
            t.queue_key = before == LLONG_MIN ? t.id * key_spacing : before + key_spacing;
        } else if (position == 0) {
            t.queue_key = after - key_spacing;
        } else if (after - before >= 2) {
            t.queue_key = before + (after - before) / 2;
        } else {
            for (std::size_t i = position; i < q.size(); ++i) {
                ticket_ref(q[i]).queue_key += key_spacing;
                add_unique(fx.tickets, q[i]);
            }
            t.queue_key = before + key_spacing / 2;
        }
    }
    q.insert(q.begin() + static_cast<std::ptrdiff_t>(position), t.id);
    queues_[t.service].waiting_ids.insert(t.id);
    add_unique(fx.tickets, t.id);
}

void Engine::dequeue(const Ticket& t) {
    auto& q = queue_of(t);
    q.erase(std::remove(q.begin(), q.end(), t.id), q.end());
    queues_[t.service].waiting_ids.erase(t.id);
}

ServiceHeads Engine::heads(const ServiceState& s, const Queues& q, std::size_t p, std::size_t r, int since) const {
    ServiceHeads h;
    if (p < q.priority.size()) h.priority = LineHead{q.priority[p], waits_since(*find_ticket(q.priority[p]))};
    if (r < q.regular.size()) h.regular = LineHead{q.regular[r], waits_since(*find_ticket(q.regular[r]))};
    h.regular_since_priority = since;
    h.max_wait_s = s.def.max_wait_minutes * 60;
    return h;
}

std::optional<TicketId> Engine::pick_next(const Counter& c, Millis now) const {
    std::vector<ServiceHeads> lines;
    lines.reserve(c.config.services.size());
    for (const auto& code : c.config.services) {
        const ServiceState* s = find_service(code);
        auto qi = queues_.find(code);
        lines.push_back(s && qi != queues_.end() ? heads(*s, qi->second, 0, 0, s->regular_since_priority)
                                                 : ServiceHeads{});
    }
    const auto pick = choose_line(office_.policy, lines, now);
    if (!pick) return std::nullopt;
    const ServiceHeads& h = lines[pick->service];
    return pick->priority ? h.priority->ticket : h.regular->ticket;
}

// Call-next's choice inside one service, replayed from its current state: `visit`
// gets each waiting ticket (and whether it is a priority one) in the order call-next
// would take them, until it returns false. `extra` is a priority ticket issued at
// that moment, placed last in the priority line (what a priority ticket taken now
// would meet); its id is 0.
template <class Visit>
void Engine::replay(const std::string& service, Visit&& visit, std::optional<Millis> extra) const {
    const ServiceState* s = find_service(service);
    auto qi = queues_.find(service);
    if (!s || qi == queues_.end()) return;
    const Queues& q = qi->second;
    int since = s->regular_since_priority;
    std::size_t p = 0, r = 0;
    for (;;) {
        ServiceHeads h = heads(*s, q, p, r, since);
        if (!h.priority && extra && p == q.priority.size()) h.priority = LineHead{0, *extra};
        if (!h.priority && !h.regular) return;
        const bool priority = priority_goes_first(office_.policy, h);
        const LineHead& head = priority ? *h.priority : *h.regular;
        if (!visit(head.ticket, priority)) return;
        if (head.ticket == 0) return;
        ++(priority ? p : r);
        since = regular_count_after_call(since, priority);
    }
}

std::vector<TicketId> Engine::waiting(const std::string& service) const {
    std::vector<TicketId> out;
    replay(service, [&](TicketId id, bool) {
        out.push_back(id);
        return true;
    });
    return out;
}

int Engine::people_ahead(TicketId id) const {
    const Ticket* t = find_ticket(id);
    if (!t || t->status != TicketStatus::waiting) return 0;
    const auto& q = queues_.at(t->service);
    // The shipped strict policy takes every priority ticket first: then the count
    // needs no replay (O(1) for a ticket just issued, searched from the back).
    if (office_.policy.rule == CallRule::strict && office_.policy.regular_between_priority == 0) {
        const bool priority = t->priority != Priority::none;
        const auto& own = priority ? q.priority : q.regular;
        const auto at = std::find(own.rbegin(), own.rend(), id);
        const auto index = static_cast<std::size_t>(own.rend() - at) - 1;
        return static_cast<int>(priority ? index : q.priority.size() + index);
    }
    // The urgency rule takes a priority head before a regular head when it counts from no
    // later (priority_goes_first): the last regular ticket, the one just issued, then has
    // every ticket of both lines before it once no priority ticket counts from later than
    // it. O(priority line) instead of a replay of the whole queue at every issue.
    if (office_.policy.rule == CallRule::urgency && t->priority == Priority::none && !q.regular.empty() &&
        q.regular.back() == id) {
        const Millis mine = waits_since(*t);
        const Millis boost = Millis{office_.policy.priority_boost_minutes} * 60'000;
        if (std::all_of(q.priority.begin(), q.priority.end(),
                        [&](TicketId p) { return waits_since(*find_ticket(p)) - boost <= mine; }))
            return static_cast<int>(q.priority.size() + q.regular.size()) - 1;
    }
    int ahead = 0;
    replay(t->service, [&](TicketId next, bool) {
        if (next == id) return false;
        ++ahead;
        return true;
    });
    return ahead;
}

int Engine::median_service_s(const std::string& service) const {
    const auto& kept = queues_.at(service).recent_service;
    if (kept.empty()) return find_service(service)->def.max_service_minutes * 60 / 2;
    return static_cast<int>(median({kept.begin(), kept.end()}) / 1000);
}

int Engine::serving_counters(const std::string& service) const {
    int n = 0;
    for (const auto& c : state_.counters)
        if (c.state != CounterState::closed &&
            std::find(c.config.services.begin(), c.config.services.end(), service) != c.config.services.end())
            ++n;
    return n;
}

QueueFigures Engine::figures(const std::string& service, Millis now) const {
    QueueFigures f;
    const ServiceState* s = find_service(service);
    if (!s) return f;
    const auto& q = queues_.at(service);
    f.priority_waiting = static_cast<int>(q.priority.size());
    f.waiting = f.priority_waiting + static_cast<int>(q.regular.size());
    f.last_number = s->last_number;
    f.issued_today = s->last_number;
    // Ticket ids follow the order of issue, so the lowest waiting id is the oldest.
    if (!q.waiting_ids.empty()) f.oldest_issued_at = find_ticket(*q.waiting_ids.begin())->issued_at;
    f.estimated_wait_s = f.waiting * median_service_s(service) / std::max(1, serving_counters(service));
    // A priority ticket taken now waits behind the tickets call-next would take first.
    int ahead = 0;
    replay(
        service,
        [&](TicketId next, bool) {
            if (next == 0) return false;
            ++ahead;
            return true;
        },
        now);
    f.priority_estimated_wait_s = ahead * median_service_s(service) / std::max(1, serving_counters(service));
    return f;
}

}  // namespace antre
