// The engine's commands on the day and its tickets: the day's close, issuing, check-in,
// the citizen's answers, and what any authorised actor or the administration changes.
#include "engine.hpp"

#include <algorithm>

#include "engine_rules.hpp"
#include "skm.hpp"

namespace antre {

using engine_rules::is_active;
using engine_rules::key_spacing;

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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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

Effect Engine::cancel(TicketId id, const std::string& actor, const std::string& reason, Millis now) {
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
    require_today(now);
    Effect fx;
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
