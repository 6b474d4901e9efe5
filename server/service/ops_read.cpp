// The ops that only read: the live state (ping, snapshot, ticket), an officer's own
// day, and the managers' lists of officers, events and administrative changes.
#include <algorithm>
#include <map>

#include "antre/errors.hpp"
#include "handler.hpp"
#include "metrics.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

std::optional<Outcome> Handler::op_ping(Call& c) {
    return Outcome{protocol::encode_ok(c.req.id, {{"now", c.now}}), false};
}

// snapshot and subscribe: the same answer; subscribe also starts the broadcasts.
std::optional<Outcome> Handler::op_snapshot(Call& c) {
    close_day_if_due(c.now);
    return Outcome{protocol::encode_ok(
                       c.req.id, {{"snapshot", views::snapshot(*engine_, c.now, options_.always_open, c.audience)}}),
                   c.req.op == "subscribe"};
}

std::optional<Outcome> Handler::op_ticket(Call& c) {
    const Ticket* t = engine_->find_ticket(ticket_ref(c.body()));
    if (!t) throw Refusal(errc::unknown_ticket, "Nomor antrean tidak ditemukan");
    return Outcome{protocol::encode_ok(c.req.id, {{"ticket", views::ticket(*engine_, *t, c.audience)}}), false};
}

std::optional<Outcome> Handler::op_audit(Call& c) {
    return Outcome{protocol::encode_ok(c.req.id, audit(c.body())), false};
}

std::optional<Outcome> Handler::op_officers(Call& c) {
    json list = json::array();
    for (const auto& o : store_.officers())
        list.push_back({{"nip", o.nip}, {"name", o.name}, {"role", to_string(o.role)}, {"active", o.active}});
    return Outcome{protocol::encode_ok(c.req.id, {{"officers", list}}), false};
}

std::optional<Outcome> Handler::op_events(Call& c) {
    const auto after = protocol::opt_int(c.body(), "after").value_or(0);
    const auto limit = std::clamp<std::int64_t>(protocol::opt_int(c.body(), "limit").value_or(100), 1, 1000);
    json list = json::array();
    for (const auto& [seq, e] : store_.events(after, static_cast<int>(limit))) {
        json j = {{"seq", seq},           {"type", e.type},       {"at", e.at},           {"day", e.day},
                  {"service", e.service}, {"counter", e.counter}, {"officer", e.officer}, {"detail", e.detail}};
        j["ticket"] = e.ticket ? json(*e.ticket) : json(nullptr);
        list.push_back(std::move(j));
    }
    return Outcome{protocol::encode_ok(c.req.id, {{"events", list}}), false};
}

// The officer's own figures for today, shown live on the counter screen. Service
// time and the standard follow docs/metrics definitions: finished tickets only.
std::optional<Outcome> Handler::op_my_day(Call& c) {
    const SessionContext& ctx = c.ctx;
    const Millis now = c.now;
    const std::string day = engine_->calendar().day_of(now);
    const OfficerDay d = store_.officer_day(ctx.nip, day);
    std::vector<Millis> all;
    int within = 0;
    std::map<std::string, std::vector<Millis>> by_service;
    for (const auto& [service, ms] : d.service_times) {
        all.push_back(ms);
        by_service[service].push_back(ms);
        const ServiceState* s = engine_->find_service(service);
        if (s && ms <= static_cast<Millis>(s->def.max_service_minutes) * 60'000) ++within;
    }
    // The same median as the managers' reports (docs/metrics.md), in whole seconds.
    auto median_s = [](const std::vector<Millis>& v) -> json {
        if (v.empty()) return nullptr;
        return median(v) / 1000;
    };
    json services = json::array();
    for (const auto& [service, list] : by_service)
        services.push_back({{"service", service}, {"served", list.size()}, {"median_service_s", median_s(list)}});
    json r = {{"day", day},
              {"officer", ctx.nip},
              {"served", d.served},
              {"no_shows", d.no_shows},
              {"transfers", d.transfers},
              {"median_service_s", median_s(all)},
              {"within_standard",
               all.empty() ? json(nullptr) : json(static_cast<double>(within) / static_cast<double>(all.size()))},
              {"by_service", services}};
    return Outcome{protocol::encode_ok(c.req.id, std::move(r)), false};
}

}  // namespace antre
