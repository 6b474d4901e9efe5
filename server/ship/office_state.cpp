#include "office_state.hpp"

#include <algorithm>

#include "sqlite.hpp"

namespace antre {

using nlohmann::json;

json read_office_state(sql::Database& db, const std::string& office_name, const std::string& time_zone) {
    json services = json::array(), counters = json::array(), officers = json::array();
    {
        // The definitions as the office keeps them (targets, standard_from and
        // earlier_standards included), in the office's order.
        sql::Statement q(db, "SELECT definition, closed FROM services ORDER BY position");
        while (q.step()) {
            json s = json::parse(q.text(0));
            s["closed"] = q.integer(1) != 0;
            services.push_back(std::move(s));
        }
    }
    {
        // Definitions only: who sits at a counter right now is in the event log.
        sql::Statement q(db, "SELECT definition FROM counters ORDER BY number");
        while (q.step()) counters.push_back(json::parse(q.text(0)));
    }
    {
        // Named columns: pin_hash is never read here.
        sql::Statement q(db, "SELECT nip, name, role, active FROM officers ORDER BY nip");
        while (q.step())
            officers.push_back(
                {{"nip", q.text(0)}, {"name", q.text(1)}, {"role", q.text(2)}, {"active", q.integer(3) != 0}});
    }
    return {{"office", {{"name", office_name}, {"time_zone", time_zone}}},
            {"services", services},
            {"counters", counters},
            {"officers", officers}};
}

json read_ticket_facts(sql::Database& db, const std::vector<std::int64_t>& ids) {
    json out = json::array();
    sql::Statement q(db,
                     "SELECT label, estimated_wait_s, called_at, service_started_at, estimated_call_from, "
                     "estimated_call_to FROM tickets WHERE id = ?1");
    for (const auto id : ids) {
        q.reset();
        q.bind(1, id);
        if (!q.step()) continue;
        auto opt = [&](int c) { return q.is_null(c) ? json(nullptr) : json(q.int64(c)); };
        out.push_back({{"id", id},
                       {"label", q.text(0)},
                       {"estimated_wait_s", opt(1)},
                       {"called_at", opt(2)},
                       {"service_started_at", opt(3)},
                       {"estimated_call_from", opt(4)},
                       {"estimated_call_to", opt(5)}});
    }
    return out;
}

json read_ship_batch(sql::Database& db, std::int64_t after, std::size_t limit) {
    db.exec("BEGIN");
    json events = json::array();
    std::vector<std::int64_t> tickets;
    {
        sql::Statement q(db,
                         "SELECT seq, at, day, type, ticket, service, counter, officer, detail FROM events "
                         "WHERE seq > ?1 ORDER BY seq LIMIT ?2");
        q.bind(1, after).bind(2, static_cast<std::int64_t>(limit));
        while (q.step()) {
            json e = {{"seq", q.int64(0)},     {"at", q.int64(1)},     {"day", q.text(2)},
                      {"type", q.text(3)},     {"ticket", nullptr},    {"service", q.text(5)},
                      {"counter", q.int64(6)}, {"officer", q.text(7)}, {"detail", q.text(8)}};
            if (!q.is_null(4)) {
                e["ticket"] = q.int64(4);
                tickets.push_back(q.int64(4));
            }
            events.push_back(std::move(e));
        }
    }
    std::sort(tickets.begin(), tickets.end());
    tickets.erase(std::unique(tickets.begin(), tickets.end()), tickets.end());
    json facts = read_ticket_facts(db, tickets);
    sql::Statement last(db, "SELECT coalesce(max(seq), 0) FROM events");
    last.step();
    const std::int64_t as_of = last.int64(0);
    db.exec("COMMIT");
    return {{"events", std::move(events)}, {"tickets", std::move(facts)}, {"tickets_as_of", as_of}};
}

}  // namespace antre
