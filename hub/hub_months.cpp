#include "hub_months.hpp"

namespace antre::hub {

namespace months {

namespace {

std::string first_day(const std::string& day) { return day.substr(0, 8) + "01"; }

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

}  // namespace

TicketMonths of_tickets(const std::vector<ShippedEvent>& events) {
    TicketMonths out;
    for (const auto& e : events) {
        if (!e.event.ticket) continue;
        const std::string m = first_day(e.event.day);
        auto [it, fresh] = out.try_emplace(static_cast<std::int64_t>(*e.event.ticket), m, m);
        if (fresh) continue;
        it->second.first = std::min(it->second.first, m);
        it->second.second = std::max(it->second.second, m);
    }
    return out;
}

std::optional<std::string> whole_month(const std::string& from, const std::string& to) {
    if (from.size() != 10 || to.size() != 10 || from.substr(8) != "01" || to.substr(0, 8) != from.substr(0, 8))
        return std::nullopt;
    const int y = std::stoi(from.substr(0, 4)), m = std::stoi(from.substr(5, 2));
    if (m < 1 || m > 12 || std::stoi(to.substr(8)) != days_in(y, m)) return std::nullopt;
    return from;
}

void add_element(std::string& array, const std::optional<std::string>& v, bool quote) {
    if (array.size() > 1) array += ',';
    if (!v) {
        array += "NULL";
    } else if (!quote) {
        array += *v;
    } else {
        array += '"';
        for (const char ch : *v) {
            if (ch == '"' || ch == '\\') array += '\\';
            array += ch;
        }
        array += '"';
    }
}

std::string last_day(const std::string& month) {
    const int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
    return month.substr(0, 8) + std::to_string(days_in(y, m));
}

}  // namespace months

void HubStore::store_tickets(const std::string& office, const std::vector<TicketFacts>& tickets, std::int64_t as_of,
                             const months::TicketMonths& months) {
    if (tickets.empty()) return;
    // One statement. A row read at an older point of the office's log (a batch sent
    // again, a restored office) never replaces one read at a newer point; the months
    // the ticket's events fall in always widen. Then, if the row is new or changed,
    // every month its events fall in changes version: their figures read this row
    // (docs/hub.md "Months kept"). The rows go as arrays (unnest): one statement text
    // whatever the batch, so PostgreSQL parses and plans little, with eleven parameters
    // rather than nine a ticket.
    std::vector<std::string> cols(9, "{");
    auto add = [&](std::size_t c, const std::optional<std::string>& v, bool quote) {
        months::add_element(cols[c], v, quote);
    };
    auto opt = [](const std::optional<std::int64_t>& v) {
        return v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt;
    };
    for (const auto& f : tickets) {
        add(0, std::to_string(f.id), false);
        add(1, f.label, true);
        add(2, opt(f.estimated_wait_s), false);
        add(3, opt(f.called_at), false);
        add(4, opt(f.service_started_at), false);
        add(5, opt(f.estimated_call_from), false);
        add(6, opt(f.estimated_call_to), false);
        const auto m = months.find(f.id);
        add(7, m == months.end() ? std::nullopt : std::optional<std::string>(m->second.first), false);
        add(8, m == months.end() ? std::nullopt : std::optional<std::string>(m->second.second), false);
    }
    std::vector<std::optional<std::string>> params{office, std::to_string(as_of)};
    for (auto& c : cols) params.push_back(std::move(c += '}'));
    std::string sql =
        "WITH up AS (INSERT INTO tickets (office_id, id, label, estimated_wait_s, called_at, service_started_at, "
        "estimated_call_from, estimated_call_to, first_month, last_month, as_of_seq) "
        "SELECT $1, v.*, $2::bigint FROM unnest($3::bigint[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], "
        "$8::bigint[], $9::bigint[], $10::date[], $11::date[]) "
        "AS v(id, label, estimated_wait_s, called_at, service_started_at, estimated_call_from, estimated_call_to, "
        "first_month, last_month) ON CONFLICT (office_id, id) DO UPDATE SET "
        "first_month = least(tickets.first_month, EXCLUDED.first_month), "
        "last_month = greatest(tickets.last_month, EXCLUDED.last_month)";
    for (const char* column : {"label", "estimated_wait_s", "called_at", "service_started_at", "estimated_call_from",
                               "estimated_call_to", "as_of_seq"})
        sql += std::string(", ") + column + " = CASE WHEN tickets.as_of_seq <= EXCLUDED.as_of_seq THEN EXCLUDED." +
               column + " ELSE tickets." + column + " END";
    // The rows before this statement (its sub-statements share one snapshot): only a
    // row new or changed marks months, so a batch sent again marks none.
    const std::string facts =
        "label, estimated_wait_s, called_at, service_started_at, estimated_call_from, estimated_call_to, "
        "first_month, last_month";
    sql += " RETURNING id, " + facts + "), old AS (SELECT id, " + facts +
           " FROM tickets WHERE office_id = $1::text AND id IN (SELECT id FROM up)) " + months::bump_insert +
           "SELECT DISTINCT $1::text, m::date FROM up LEFT JOIN old USING (id), "
           "generate_series(up.first_month::timestamp, up.last_month::timestamp, interval '1 month') AS m "
           "WHERE old.id IS NULL OR (up.label, up.estimated_wait_s, up.called_at, up.service_started_at, "
           "up.estimated_call_from, up.estimated_call_to, up.first_month, up.last_month) IS DISTINCT FROM "
           "(old.label, old.estimated_wait_s, old.called_at, old.service_started_at, old.estimated_call_from, "
           "old.estimated_call_to, old.first_month, old.last_month)" +
           months::bump_conflict;
    c_.exec(sql, params);
}

HubStore::Kept HubStore::kept(const std::string& office, const std::string& month, const std::string& kind,
                              const std::string& inputs) {
    // One round trip: the month's version now, and what is kept if it is of that version.
    auto r = c_.exec(
        "SELECT coalesce(m.version, 0), f.version, f.reply FROM (SELECT 1) AS one "
        "LEFT JOIN office_months m ON m.office_id = $1 AND m.month = $2::date "
        "LEFT JOIN month_figures f ON f.office_id = $1 AND f.month = $2::date AND f.kind = $3 AND f.inputs = md5($4)",
        {office, month, kind, inputs});
    Kept k;
    k.version = std::stoll(r.get(0, 0));
    if (!r.is_null(0, 1) && std::stoll(r.get(0, 1)) == k.version) k.reply = r.get(0, 2);
    return k;
}

void HubStore::keep(const std::string& office, const std::string& month, const std::string& kind,
                    const std::string& inputs, std::int64_t version, const std::string& reply) try {
    c_.exec(
        "INSERT INTO month_figures (office_id, month, kind, version, inputs, reply) "
        "VALUES ($1, $2::date, $3, $4::bigint, md5($5), $6) ON CONFLICT (office_id, month, kind) DO UPDATE "
        "SET version = EXCLUDED.version, inputs = EXCLUDED.inputs, reply = EXCLUDED.reply, computed_at = now() "
        "WHERE month_figures.version <= EXCLUDED.version",
        {office, month, kind, std::to_string(version), inputs, reply});
} catch (const pg::Error&) {
    // A hub reading a hot-standby replica cannot write: the figures it computed are
    // right all the same, only not kept. A connection gone is the caller's error.
    if (!c_.ok()) throw;
}

std::optional<std::string> HubStore::acked_day(const std::string& office) {
    auto r = c_.exec("SELECT to_char(acked_day, 'YYYY-MM-DD') FROM offices WHERE office_id = $1", {office});
    if (r.rows() == 0 || r.is_null(0, 0)) return std::nullopt;
    return r.get(0, 0);
}

namespace {

std::string text_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& k : items) months::add_element(out, k, true);
    return out + "}";
}

// The months of office $1 with a kind of $2 not kept at the month's version (and, with
// $3, not from those inputs).
constexpr const char* behind_sql =
    "EXISTS (SELECT 1 FROM unnest($2::text[]) AS k WHERE NOT EXISTS (SELECT 1 FROM month_figures f "
    "WHERE f.office_id = m.office_id AND f.month = m.month AND f.kind = k AND f.version = m.version";

}  // namespace

std::vector<std::string> HubStore::months_behind(const std::string& office, const std::vector<std::string>& kinds,
                                                 const std::string& inputs, const std::string& before) {
    auto r = c_.exec(std::string("SELECT to_char(m.month, 'YYYY-MM-DD') FROM office_months m "
                                 "WHERE m.office_id = $1 AND m.month < $4::date AND ") +
                         behind_sql + " AND f.inputs = md5($3))) ORDER BY m.month",
                     {office, text_array(kinds), inputs, before});
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.get(i, 0));
    return out;
}

std::vector<std::string> HubStore::offices_behind(const std::vector<std::string>& kinds, Millis now) {
    // The offices' time zones are in their states: a month that may have ended somewhere
    // (UTC+14 at the earliest) is a candidate; the caller checks it in the office's zone.
    auto r = c_.exec(std::string("SELECT DISTINCT m.office_id FROM office_months m WHERE m.month + interval '1 month' "
                                 "<= (to_timestamp($1::bigint / 1000.0) AT TIME ZONE 'UTC') + interval '14 hours' "
                                 "AND ") +
                         behind_sql + ")) ORDER BY m.office_id",
                     {std::to_string(now), text_array(kinds)});
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.get(i, 0));
    return out;
}

bool HubStore::read_only() { return c_.exec("SELECT pg_is_in_recovery()").get(0, 0) == "t"; }

std::vector<std::pair<std::string, std::string>> HubStore::state_digests() {
    auto r = c_.exec("SELECT office_id, md5(state::text) FROM office_state ORDER BY office_id");
    std::vector<std::pair<std::string, std::string>> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.get(i, 0), r.get(i, 1));
    return out;
}

}  // namespace antre::hub
