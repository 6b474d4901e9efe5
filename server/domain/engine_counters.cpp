// The engine's commands at a counter: log-in and out, calling, serving, pauses.
#include "engine.hpp"

#include <algorithm>

#include "engine_rules.hpp"

namespace antre {

using engine_rules::is_active;

Effect Engine::login(int counter, const std::string& officer, Millis now) {
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
    auto& c = working_counter(counter);
    if (c.active)
        throw Refusal(errc::counter_busy, c.config.name + " masih memegang nomor " + ticket_ref(*c.active).label);
    auto next = pick_next(c, now);
    if (!next) throw Refusal(errc::queue_empty, "Tidak ada antrean untuk " + c.config.name);
    fx.merge(call(c, ticket_ref(*next), now));
    return sealed(std::move(fx));
}

Effect Engine::call_ticket(int counter, TicketId id, Millis now) {
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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

}  // namespace antre
