#include "office_state.hpp"

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
    sql::Statement q(db, "SELECT label, estimated_wait_s, called_at, service_started_at FROM tickets WHERE id = ?1");
    for (const auto id : ids) {
        q.reset();
        q.bind(1, id);
        if (!q.step()) continue;
        auto opt = [&](int c) { return q.is_null(c) ? json(nullptr) : json(q.int64(c)); };
        out.push_back({{"id", id},
                       {"label", q.text(0)},
                       {"estimated_wait_s", opt(1)},
                       {"called_at", opt(2)},
                       {"service_started_at", opt(3)}});
    }
    return out;
}

}  // namespace antre
