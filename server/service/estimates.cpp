#include "estimates.hpp"

#include <algorithm>

#include "antre/errors.hpp"
#include "public_view.hpp"

namespace antre::estimates {
namespace {

// An open or paused counter serves `service`.
bool staffed(const Engine& engine, const std::string& service) {
    for (const auto& c : engine.state().counters)
        if (c.state != CounterState::closed &&
            std::find(c.config.services.begin(), c.config.services.end(), service) != c.config.services.end())
            return true;
    return false;
}

}  // namespace

ForwardOptions options(const Engine& engine, Millis now, const Learned& learned, const std::vector<BreakRule>& breaks) {
    ForwardOptions o;
    if (learned) o.learned = *learned;
    o.pauses = day_roster(breaks, engine, now);
    return o;
}

std::vector<PlannedPause> day_roster(const std::vector<BreakRule>& breaks, const Engine& engine, Millis now) {
    std::vector<PlannedPause> out;
    if (breaks.empty()) return out;
    const OfficeCalendar& calendar = engine.calendar();
    const LocalTime today = calendar.local(now);
    const Millis midnight = calendar.day_start(today.day);
    for (const auto& rule : breaks) {
        if (!rule.applies_on(today.weekday)) continue;
        const Millis from = midnight + Millis{rule.start_minute} * 60'000;
        const Millis length = Millis{rule.minutes} * 60'000;
        if (from + length + skipped_after_ms < now) continue;
        if (!rule.counters.empty()) {
            for (int n : rule.counters) out.push_back({n, from, length});
            continue;
        }
        for (const auto& c : engine.state().counters) out.push_back({c.config.number, from, length});
    }
    return out;
}

namespace {

// The door of `service` drawing from `look`, the outlook of every service at `now`.
Door door_from(const Engine& engine, const std::string& service, Priority priority, Millis now, bool ignore_hours,
               const ForwardOptions& base, const Outlook& look) {
    engine.check_issue(service, now, ignore_hours);
    Door d;
    d.available = true;
    d.staffed = staffed(engine, service);
    if (!d.staffed) return d;  // nothing to promise (Door::known), so no run
    ForwardOptions o = base;
    o.newcomer = ForwardOptions::Newcomer{service, priority != Priority::none};
    o.only = engine.state().next_ticket_id;
    const auto calls = estimate_calls(engine, now, o, look);
    if (!calls.empty()) d.call = calls.front();
    if (auto it = look.services.find(service); it != look.services.end()) {
        d.closing = it->second.issuing_until;
        const HoldSamples& hold = it->second.hold;  // sorted by outlook()
        d.finish = d.call.p50 + (hold.empty() ? 0 : hold[hold.size() / 2]);
    }
    return d;
}

}  // namespace

Door door(const Engine& engine, const std::string& service, Priority priority, Millis now, bool ignore_hours,
          const ForwardOptions& base) {
    if (!staffed(engine, service)) return door_from(engine, service, priority, now, ignore_hours, base, {});
    return door_from(engine, service, priority, now, ignore_hours, base, outlook(engine, now, base));
}

Set compute(const Engine& engine, Millis now, const ForwardOptions& base) {
    if (engine.calendar().day_of(now) > engine.state().day) {  // the midnight close is due
        Engine turned = engine;
        turned.roll_over(now);
        return compute(turned, now, base);
    }
    Set set;
    set.as_of = now;
    const Outlook look = outlook(engine, now, base);  // one for the queue and every door
    // A ticket of a service nobody serves yet keeps what it was promised (Door::staffed).
    for (const auto& e : estimate_calls(engine, now, base, look))
        if (const Ticket* t = engine.find_ticket(e.ticket); t && staffed(engine, t->service))
            set.tickets.emplace(e.ticket, e);
    for (const auto& s : engine.state().services)
        for (const Priority p : {Priority::none, Priority::lansia}) {
            Door d;  // not available: the service takes no ticket now
            try {
                // The door shows a ticket within opening hours; outside them it is closed.
                d = door_from(engine, s.def.code, p, now, false, base, look);
                d.call.ticket = 0;
            } catch (const Refusal&) {}
            (p == Priority::none ? set.regular : set.priority)[s.def.code] = d;
        }
    return set;
}

std::optional<CallEstimate> current(const Set* set, const Ticket& t) {
    if (t.status != TicketStatus::waiting) return std::nullopt;
    if (set)
        if (const CallEstimate* e = set->find(t.id)) return *e;
    // Only a promise made from the forward estimate has an interval (a queue-length
    // figure from before any counter opened says nothing about the call).
    if (!t.estimated_wait_s || !t.estimated_call_from || !t.estimated_call_to) return std::nullopt;
    CallEstimate e;
    e.ticket = t.id;
    e.p10 = *t.estimated_call_from;
    e.p50 = t.issued_at + Millis{*t.estimated_wait_s} * 1000;
    e.p90 = *t.estimated_call_to;
    e.reached = true;
    return e;
}

Millis wait_s(const CallEstimate& e, Millis now) { return std::max<Millis>(0, e.p50 - now) / 1000; }

json to_json(const CallEstimate& e, Millis now) {
    return json_object([&](JsonDom& o) { write_call(o, e, now); });
}

json to_json(const Door& d, Millis now) {
    json value = json_object([&](JsonDom& o) { write_door(o, "door", d, now); });
    return std::move(value["door"]);
}

std::string closing_quota_refusal(const OfficeConfig& office, const ServiceState& service, const Door& door) {
    if (!office.closing_quota.covers(service.def.code) || !door.known() || door.closing <= 0) return {};
    const Millis limit = door.closing + Millis{office.closing_quota.grace_minutes} * 60'000;
    if (door.call.reached && door.finish <= limit) return {};
    return "Antrean " + service.def.name_id + " hari ini sudah penuh: nomor yang diambil sekarang diperkirakan " +
           "selesai dilayani setelah jam tutup (" + public_view::clock_text(office, door.closing) + " ditambah " +
           std::to_string(office.closing_quota.grace_minutes) + " menit). Silakan datang kembali besok.";
}

}  // namespace antre::estimates
