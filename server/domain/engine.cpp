#include "engine.hpp"

#include <algorithm>
#include <climits>
#include <exception>

#include "percentile.hpp"
#include "skm.hpp"

namespace antre {
namespace {

constexpr std::int64_t key_spacing = 1024;  // room for no-show inserts between tickets

bool is_active(TicketStatus s) { return s == TicketStatus::called || s == TicketStatus::serving; }

}  // namespace

// Rolls the day over at the start of a command, and undoes that roll-over when the
// command is then refused: a Refusal leaves the state exactly as it was, and the
// expiries are reported by the next command that succeeds (or by roll_over()).
// The state is copied only when the day really turns.
class Engine::DayTurn {
public:
    DayTurn(Engine& engine, Millis now) : engine_(engine) {
        if (engine_.calendar_.day_of(now) > engine_.state_.day) saved_ = engine_.state_;
        effect_ = engine_.roll_over(now);
    }
    DayTurn(const DayTurn&) = delete;
    DayTurn& operator=(const DayTurn&) = delete;
    ~DayTurn() {
        if (saved_ && std::uncaught_exceptions() > exceptions_) {
            engine_.state_ = std::move(*saved_);
            engine_.index();
        }
    }
    Effect effect() { return std::move(effect_); }

private:
    Engine& engine_;
    const int exceptions_ = std::uncaught_exceptions();
    std::optional<EngineState> saved_;
    Effect effect_;
};

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

// -- commands -----------------------------------------------------------------

Effect Engine::roll_over(Millis now) {
    Effect fx;
    const std::string today = calendar_.day_of(now);
    if (today <= state_.day) return fx;
    // Waiting tickets expire at the last moment of their own day.
    const Millis day_end = calendar_.next_day_start(calendar_.day_start(state_.day)) - 1;
    for (auto& t : state_.tickets) {
        if (t.status != TicketStatus::waiting) continue;
        t.status = TicketStatus::expired;
        fx.events.push_back(ticket_event("ticket_expired", std::max(day_end, t.issued_at), t, 0, ""));
    }
    // Every closed ticket leaves memory now; the effect carries their final copies,
    // which the store saves (those closed earlier were also saved by their own effects).
    for (const auto& t : state_.tickets)
        if (!is_active(t.status)) fx.records.tickets.push_back(t);
    state_.tickets.erase(std::remove_if(state_.tickets.begin(), state_.tickets.end(),
                                        [&](const Ticket& t) { return !is_active(t.status); }),
                         state_.tickets.end());
    // A counter left open overnight closes with the day, so its officer starts the
    // new day with a fresh log-in; one still serving stays open until it finishes.
    for (auto& c : state_.counters) {
        if (c.state == CounterState::closed || c.active) continue;
        auto e = event("counter_closed", std::max(day_end, c.since));
        e.counter = c.config.number;
        e.officer = c.officer;
        e.detail = "day_end";
        c.state = CounterState::closed;
        c.officer.clear();
        c.pause_reason.clear();
        c.since = e.at;
        fx.events.push_back(std::move(e));
        fx.counters.push_back(c.config.number);
    }
    for (auto& s : state_.services) {
        s.last_number = 0;
        s.regular_since_priority = -1;
        fx.services.push_back(s.def.code);
    }
    state_.day = today;
    state_.recent_calls.clear();
    index();
    auto e = event("day_started", calendar_.day_start(today));
    e.detail = today;
    fx.events.push_back(std::move(e));
    return sealed(std::move(fx));
}

Effect Engine::issue(const std::string& service, Priority priority, Millis now, bool ignore_hours, std::string code) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    check_issue(service, now, ignore_hours);
    Ticket& t = add_ticket(service_ref(service), priority, now, std::move(code));
    // A new ticket joins the end of its queue. Its id-based key alone could tie
    // with, and so go ahead of, a no-show put back at the end or a tail moved up
    // by a renumbering; insert_at then gives it a key after the last one.
    insert_at(t, queue_of(t).size(), fx);
    return issued(t, std::move(fx), now);
}

void Engine::check_issue(const std::string& service, Millis now, bool ignore_hours) const {
    const ServiceState& s = known_service(service);
    if (s.closed) throw Refusal(errc::service_closed, "Layanan " + s.def.name_id + " sedang ditutup");
    if (!ignore_hours && !in_opening_hours(s.def, now))
        throw Refusal(errc::service_closed, "Layanan " + s.def.name_id + " di luar jam pelayanan");
    if (s.def.daily_quota > 0 && s.last_number >= s.def.daily_quota)
        throw Refusal(errc::quota_reached, "Kuota hari ini untuk " + s.def.name_id + " habis (" +
                                               std::to_string(s.def.daily_quota) + " nomor)");
}

Effect Engine::check_in(const std::string& service, std::int64_t booking, Millis session_start, Millis now,
                        std::string code) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& s = service_ref(service);
    if (s.closed) throw Refusal(errc::service_closed, "Layanan " + s.def.name_id + " sedang ditutup");
    Ticket& t = add_ticket(s, Priority::none, now, std::move(code));
    t.booking = booking;
    t.waits_from = std::max(now, session_start) - Millis{s.def.max_wait_minutes} * 60'000;
    // Its place in the regular line: after every ticket that counts as waiting from
    // no later than it does, before the first that counts from later.
    const auto& q = queue_of(t);
    const auto at =
        std::find_if(q.begin(), q.end(), [&](TicketId id) { return waits_since(*find_ticket(id)) > *t.waits_from; });
    insert_at(t, static_cast<std::size_t>(at - q.begin()), fx);
    return issued(t, std::move(fx), now);
}

Ticket& Engine::add_ticket(ServiceState& s, Priority priority, Millis now, std::string code) {
    Ticket t;
    t.id = state_.next_ticket_id++;
    t.day = state_.day;
    t.service = t.origin_service = s.def.code;
    t.number = ++s.last_number;
    t.label = ticket_label(s.def.prefix, t.number);
    t.priority = priority;
    t.issued_at = now;
    t.queue_key = t.id * key_spacing;
    t.code = std::move(code);
    state_.tickets.push_back(t);
    ticket_index_[t.id] = state_.tickets.size() - 1;
    return ticket_ref(t.id);
}

Effect Engine::issued(Ticket& t, Effect fx, Millis now) {
    const std::string service = t.service;
    t.estimated_wait_s = people_ahead(t.id) * median_service_s(service) / std::max(1, serving_counters(service));
    fx.events.push_back(ticket_event("ticket_issued", now, t, 0, "", std::string(to_string(t.priority))));
    add_unique(fx.services, service);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::promise(TicketId ticket, std::optional<int> wait_s, std::optional<Millis> call_from,
                       std::optional<Millis> call_to) {
    Ticket& t = ticket_ref(ticket);
    if (t.status != TicketStatus::waiting)
        throw Refusal(errc::invalid_state, "Nomor " + t.label + " tidak sedang menunggu");
    t.estimated_wait_s = wait_s ? std::optional(std::max(0, *wait_s)) : std::nullopt;
    t.estimated_call_from = call_from;
    t.estimated_call_to = call_to;
    Effect fx;
    fx.tickets.push_back(t.id);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::rate(TicketId ticket, int rating, int counter, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    if (rating < 1 || rating > 4)
        throw Refusal(errc::invalid_value, "Nilai harus 1 (Tidak Puas) sampai 4 (Sangat Puas)");
    Ticket& t = ticket_ref(ticket);  // unknown_ticket when not one of today's
    if (t.status != TicketStatus::done)
        throw Refusal(errc::invalid_state, "Nomor " + t.label + " belum selesai dilayani");
    if (counter > 0 && t.counter != counter)
        throw Refusal(errc::forbidden, "Nomor " + t.label + " tidak dilayani di loket " + std::to_string(counter));
    if (t.rating) throw Refusal(errc::already_exists, "Nomor " + t.label + " sudah dinilai");
    t.rating = rating;
    fx.events.push_back(ticket_event("ticket_rated", now, t, t.counter, t.officer, std::to_string(rating)));
    fx.tickets.push_back(t.id);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::survey(const std::vector<int>& answers, const skm::Profile& profile, const std::string& note,
                      const std::string& service, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    if (answers.size() != metrics::skm_unsur) throw Refusal(errc::invalid_value, "Survei SKM berisi tepat 9 jawaban");
    metrics::SurveyAnswers a{};
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (answers[i] < 1 || answers[i] > 4) throw Refusal(errc::invalid_value, "Setiap jawaban bernilai 1 sampai 4");
        a[i] = answers[i];
    }
    skm::check_profile(profile);
    skm::check_note(note);
    if (!service.empty() && !find_service(service))
        throw Refusal(errc::unknown_service, "Layanan " + service + " tidak ada");
    auto e = event("survey_submitted", now);
    e.service = service;
    e.detail = skm::survey_detail(a, profile);
    fx.events.push_back(std::move(e));
    fx.note = note;
    return sealed(std::move(fx));
}

Effect Engine::login(int counter, const std::string& officer, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = counter_ref(counter);
    if (c.officer == officer) return sealed(std::move(fx));  // the same officer again: a reconnect
    if (!c.officer.empty()) throw Refusal(errc::counter_occupied, c.config.name + " sedang dipakai petugas lain");
    for (const auto& other : state_.counters)
        if (other.officer == officer)
            throw Refusal(errc::officer_elsewhere,
                          "Petugas ini masih masuk di " + other.config.name + "; keluar dari sana dulu");
    c.officer = officer;
    c.state = CounterState::open;
    c.since = now;
    c.pause_reason.clear();
    auto e = event("counter_opened", now);
    e.counter = counter;
    e.officer = officer;
    fx.events.push_back(std::move(e));
    fx.counters.push_back(counter);
    return sealed(std::move(fx));
}

Effect Engine::logout(int counter, Millis now, const std::string& by) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = counter_ref(counter);
    if (c.state == CounterState::closed) throw Refusal(errc::counter_closed, c.config.name + " sudah tutup");
    if (c.active)
        throw Refusal(errc::counter_busy, c.config.name + " masih memegang nomor " + ticket_ref(*c.active).label +
                                              "; selesaikan atau alihkan dulu");
    auto e = event("counter_closed", now);
    e.counter = counter;
    e.officer = c.officer;
    e.detail = by;
    c.officer.clear();
    c.state = CounterState::closed;
    c.pause_reason.clear();
    c.since = now;
    fx.events.push_back(std::move(e));
    fx.counters.push_back(counter);
    return sealed(std::move(fx));
}

Effect Engine::call(Counter& c, Ticket& t, Millis now) {
    Effect fx;
    dequeue(t);
    if (t.status == TicketStatus::waiting) {
        auto& s = service_ref(t.service);
        s.regular_since_priority = regular_count_after_call(s.regular_since_priority, t.priority != Priority::none);
        add_unique(fx.services, t.service);
    }
    t.status = TicketStatus::called;
    if (!t.first_called_at) t.first_called_at = now;
    t.called_at = now;
    t.service_started_at.reset();
    t.finished_at.reset();
    t.counter = c.config.number;
    t.officer = c.officer;
    c.active = t.id;
    fx.events.push_back(ticket_event("ticket_called", now, t, c.config.number, c.officer));
    note_call(t, c.config.number, now, false);
    fx.tickets.push_back(t.id);
    fx.counters.push_back(c.config.number);
    fx.ticket = t.id;
    return fx;
}

Effect Engine::call_next(int counter, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = working_counter(counter);
    if (c.active)
        throw Refusal(errc::counter_busy, c.config.name + " masih memegang nomor " + ticket_ref(*c.active).label);
    auto next = pick_next(c, now);
    if (!next) throw Refusal(errc::queue_empty, "Tidak ada antrean untuk " + c.config.name);
    fx.merge(call(c, ticket_ref(*next), now));
    return sealed(std::move(fx));
}

Effect Engine::call_ticket(int counter, TicketId id, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = working_counter(counter);
    if (c.active)
        throw Refusal(errc::counter_busy, c.config.name + " masih memegang nomor " + ticket_ref(*c.active).label);
    auto& t = ticket_ref(id);
    if (is_active(t.status))
        throw Refusal(errc::ticket_taken, "Nomor " + t.label + " sedang dipegang loket " + std::to_string(t.counter));
    if (t.status != TicketStatus::waiting)
        throw Refusal(errc::invalid_state,
                      "Nomor " + t.label + " tidak sedang menunggu (" + std::string(status_word_id(t.status)) + ")");
    fx.merge(call(c, t, now));
    return sealed(std::move(fx));
}

Effect Engine::recall(int counter, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = working_counter(counter);
    auto& t = active_ticket(c);
    if (t.status != TicketStatus::called)
        throw Refusal(errc::invalid_state, "Nomor " + t.label + " sudah dilayani; tidak perlu dipanggil ulang");
    ++t.recalls;
    fx.events.push_back(ticket_event("ticket_recalled", now, t, counter, c.officer, std::to_string(t.recalls)));
    note_call(t, counter, now, true);
    fx.tickets.push_back(t.id);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::start(int counter, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = working_counter(counter);
    auto& t = active_ticket(c);
    if (t.status != TicketStatus::called)
        throw Refusal(errc::invalid_state, "Layanan untuk nomor " + t.label + " sudah dimulai");
    t.status = TicketStatus::serving;
    t.service_started_at = now;
    fx.events.push_back(ticket_event("service_started", now, t, counter, c.officer));
    fx.tickets.push_back(t.id);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::finish(int counter, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = working_counter(counter);
    auto& t = active_ticket(c);
    if (!t.service_started_at) t.service_started_at = t.called_at;  // no explicit start: service began at the call
    t.status = TicketStatus::done;
    t.finished_at = now;
    note_service_time(t);
    c.active.reset();
    fx.events.push_back(ticket_event("ticket_finished", now, t, counter, c.officer));
    fx.tickets.push_back(t.id);
    fx.counters.push_back(counter);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::no_show(int counter, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = working_counter(counter);
    auto& t = active_ticket(c);
    if (t.status != TicketStatus::called)
        throw Refusal(errc::invalid_state, "Nomor " + t.label + " sedang dilayani; tidak bisa ditandai tidak hadir");
    auto e = ticket_event("ticket_no_show", now, t, counter, c.officer);
    c.active.reset();
    ++t.no_shows;
    // A ticket from an earlier day has no place in today's queue: its no-show is final.
    if (t.no_shows <= office_.policy.no_show_max_requeues && t.day == state_.day) {
        t.status = TicketStatus::waiting;
        t.counter = 0;
        t.officer.clear();
        insert_at(t, static_cast<std::size_t>(office_.policy.no_show_requeue_places), fx);
        e.detail = "requeued";
    } else {
        t.status = TicketStatus::no_show;
        e.detail = "final";
    }
    fx.events.push_back(std::move(e));
    add_unique(fx.tickets, t.id);
    fx.counters.push_back(counter);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::transfer(int counter, const std::string& to_service, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = working_counter(counter);
    auto& t = active_ticket(c);
    auto& target = service_ref(to_service);
    if (to_service == t.service)
        throw Refusal(errc::invalid_value, "Nomor " + t.label + " sudah di layanan " + target.def.name_id);
    if (t.day != state_.day)
        throw Refusal(errc::invalid_state,
                      "Nomor " + t.label + " dari hari sebelumnya tidak bisa dialihkan; selesaikan di sini");
    if (target.closed) throw Refusal(errc::service_closed, "Layanan " + target.def.name_id + " sedang ditutup");
    auto e = ticket_event("ticket_transferred", now, t, counter, c.officer, t.service);
    e.service = to_service;
    c.active.reset();
    t.service = to_service;
    t.status = TicketStatus::waiting;
    t.counter = 0;
    t.officer.clear();
    ++t.transfers;
    // The citizen keeps the place their arrival earned: the queue key set at
    // issue orders them among the target's waiting tickets by arrival.
    enqueue(t, fx);
    fx.events.push_back(std::move(e));
    fx.counters.push_back(counter);
    add_unique(fx.services, to_service);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::pause(int counter, const std::string& reason, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = working_counter(counter);
    if (c.active)
        throw Refusal(errc::counter_busy, c.config.name + " masih memegang nomor " + ticket_ref(*c.active).label);
    c.state = CounterState::paused;
    c.pause_reason = reason;
    c.since = now;
    auto e = event("counter_paused", now);
    e.counter = counter;
    e.officer = c.officer;
    e.detail = reason;
    fx.events.push_back(std::move(e));
    fx.counters.push_back(counter);
    return sealed(std::move(fx));
}

Effect Engine::resume(int counter, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& c = counter_ref(counter);
    if (c.state != CounterState::paused) throw Refusal(errc::invalid_state, c.config.name + " tidak sedang istirahat");
    c.state = CounterState::open;
    c.pause_reason.clear();
    c.since = now;
    auto e = event("counter_resumed", now);
    e.counter = counter;
    e.officer = c.officer;
    fx.events.push_back(std::move(e));
    fx.counters.push_back(counter);
    return sealed(std::move(fx));
}

Effect Engine::cancel(TicketId id, const std::string& actor, const std::string& reason, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& t = ticket_ref(id);
    if (t.status == TicketStatus::waiting) {
        dequeue(t);
    } else if (is_active(t.status)) {
        auto& c = counter_ref(t.counter);
        c.active.reset();
        fx.counters.push_back(c.config.number);
    } else {
        throw Refusal(errc::invalid_state, "Nomor " + t.label + " sudah " + std::string(status_word_id(t.status)));
    }
    t.status = TicketStatus::cancelled;
    fx.events.push_back(ticket_event("ticket_cancelled", now, t, t.counter, actor, reason));
    fx.tickets.push_back(t.id);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::set_priority(TicketId id, Priority priority, const std::string& actor, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& t = ticket_ref(id);
    if (!is_active(t.status) && t.status != TicketStatus::waiting)
        throw Refusal(errc::invalid_state, "Nomor " + t.label + " sudah " + std::string(status_word_id(t.status)));
    fx.ticket = t.id;
    if (t.priority == priority) return sealed(std::move(fx));
    if (t.status == TicketStatus::waiting) {
        dequeue(t);
        t.priority = priority;
        enqueue(t, fx);
    } else {
        t.priority = priority;
    }
    fx.events.push_back(ticket_event("priority_changed", now, t, t.counter, actor, std::string(to_string(priority))));
    add_unique(fx.tickets, t.id);
    fx.ticket = t.id;
    return sealed(std::move(fx));
}

Effect Engine::set_service_closed(const std::string& service, bool closed, const std::string& actor, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    auto& s = service_ref(service);
    if (s.closed == closed) return sealed(std::move(fx));
    s.closed = closed;
    auto e = event(closed ? "service_closed" : "service_opened", now);
    e.service = service;
    e.officer = actor;
    fx.events.push_back(std::move(e));
    fx.services.push_back(service);
    return sealed(std::move(fx));
}

Effect Engine::upsert_service(const Service& service, const std::string& actor, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    try {
        validate_service(service, "service");
    } catch (const ConfigError& err) {
        throw Refusal(errc::invalid_value, err.what());
    }
    for (const auto& s : state_.services)
        if (s.def.code != service.code && s.def.prefix == service.prefix)
            throw Refusal(errc::invalid_value, "Huruf " + service.prefix + " sudah dipakai layanan " + s.def.code);
    auto e = event("service_updated", now);
    if (auto* existing = find_service(service.code)) {
        const Service& old = existing->def;
        Service next = service;
        next.standard_from = old.standard_from;
        next.earlier_standards = old.earlier_standards;
        if (next.max_wait_minutes != old.max_wait_minutes || next.max_service_minutes != old.max_service_minutes) {
            const std::string today = calendar_.day_of(now);
            // A second change on the same day replaces the first: one period per day.
            if (old.standard_from != today) {
                next.earlier_standards.push_back({old.standard_from, old.max_wait_minutes, old.max_service_minutes});
                next.standard_from = today;
            }
            e.detail = "standar " + std::to_string(old.max_wait_minutes) + "/" +
                       std::to_string(old.max_service_minutes) + " -> " + std::to_string(next.max_wait_minutes) + "/" +
                       std::to_string(next.max_service_minutes) + " menit mulai " + today;
        }
        if (old == next) return sealed(std::move(fx));
        const_cast<ServiceState*>(existing)->def = next;
    } else {
        state_.services.push_back({service, false, 0, -1});
        index();
        e.type = "service_created";
    }
    e.service = service.code;
    e.officer = actor;
    fx.events.push_back(std::move(e));
    fx.services.push_back(service.code);
    return sealed(std::move(fx));
}

Effect Engine::upsert_counter(const CounterConfig& counter, const std::string& actor, Millis now) {
    DayTurn turn(*this, now);
    Effect fx = turn.effect();
    std::vector<Service> services;
    for (const auto& s : state_.services) services.push_back(s.def);
    try {
        validate_counter(counter, services, "counter");
    } catch (const ConfigError& err) {
        throw Refusal(errc::invalid_value, err.what());
    }
    auto e = event("counter_updated", now);
    if (auto* existing = find_counter(counter.number)) {
        if (existing->config == counter) return sealed(std::move(fx));
        const_cast<Counter*>(existing)->config = counter;
    } else {
        state_.counters.push_back({counter, CounterState::closed, "", {}, "", now});
        std::sort(state_.counters.begin(), state_.counters.end(),
                  [](const Counter& a, const Counter& b) { return a.config.number < b.config.number; });
        e.type = "counter_created";
    }
    e.counter = counter.number;
    e.officer = actor;
    fx.events.push_back(std::move(e));
    fx.counters.push_back(counter.number);
    return sealed(std::move(fx));
}

}  // namespace antre
