#include "hub_store.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "hub_months.hpp"

namespace antre::hub {

namespace {

// An arbitrary constant naming the hub's schema lock (pg_advisory_xact_lock).
constexpr const char* schema_lock = "SELECT pg_advisory_xact_lock(4242001)";

// The events are partitioned by the month of their office day: a month's report
// reads one partition, and old months can be detached or archived whole. The key
// must contain the partition column, so it is (office_id, seq, day); that an office's
// seq is stored once is kept by store_events, under the office's row lock. The key's
// first two columns serve every look-up by seq, so no other index on (office_id, seq)
// is kept: each index costs every stored event (docs/hub.md "Scale").
const char* const schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS offices (
    office_id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    acked_seq BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS events (
    office_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at_ms BIGINT NOT NULL,
    day DATE NOT NULL,
    type TEXT NOT NULL,
    ticket BIGINT,
    service TEXT NOT NULL,
    counter INTEGER NOT NULL,
    officer TEXT NOT NULL,
    detail TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (office_id, seq, day)) PARTITION BY RANGE (day);
CREATE INDEX IF NOT EXISTS events_office_day ON events (office_id, day, type);
-- Hubs before 2026-12 kept this index besides the key; dropped once (it takes the events'
-- table lock, so a hub upgrading waits for the batches being stored).
DO $$ BEGIN
IF to_regclass('events_office_seq') IS NOT NULL THEN DROP INDEX events_office_seq; END IF;
END $$;
CREATE TABLE IF NOT EXISTS office_state (
    office_id TEXT PRIMARY KEY REFERENCES offices,
    state JSONB NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS office_state_history (
    office_id TEXT NOT NULL REFERENCES offices,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    state JSONB NOT NULL);
CREATE INDEX IF NOT EXISTS office_state_history_office ON office_state_history (office_id, received_at);
CREATE TABLE IF NOT EXISTS tickets (
    office_id TEXT NOT NULL REFERENCES offices,
    id BIGINT NOT NULL,
    label TEXT NOT NULL,
    estimated_wait_s INTEGER,
    called_at BIGINT,
    service_started_at BIGINT,
    as_of_seq BIGINT NOT NULL,
    PRIMARY KEY (office_id, id));
-- The call interval promised at issue (offices of schema 8 on), for the estimate's coverage.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS estimated_call_from BIGINT;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS estimated_call_to BIGINT;
-- The months of the office days of the ticket's events (docs/hub.md "Months kept"): a
-- change of the row changes the figures of those months. Added with a one-time fill
-- from the events already held.
DO $$ BEGIN
IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
               AND table_name = 'tickets' AND column_name = 'first_month') THEN
    ALTER TABLE tickets ADD COLUMN first_month DATE, ADD COLUMN last_month DATE;
    UPDATE tickets t SET first_month = m.lo, last_month = m.hi
      FROM (SELECT office_id, ticket, date_trunc('month', min(day))::date AS lo,
                   date_trunc('month', max(day))::date AS hi
              FROM events WHERE ticket IS NOT NULL GROUP BY office_id, ticket) m
     WHERE m.office_id = t.office_id AND m.ticket = t.id;
END IF;
END $$;
-- Each (office, month)'s version, bumped by every ingest that stores an event of the
-- month or changes a row of a ticket with events in it; absent: version 0.
CREATE TABLE IF NOT EXISTS office_months (
    office_id TEXT NOT NULL,
    month DATE NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (office_id, month));
-- A closed month's figures as computed from its events at `version` with the office's
-- services and time zone whose md5 is `inputs`: reused only while both still match.
CREATE TABLE IF NOT EXISTS month_figures (
    office_id TEXT NOT NULL,
    month DATE NOT NULL,
    kind TEXT NOT NULL,
    version BIGINT NOT NULL,
    inputs TEXT NOT NULL,
    reply TEXT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (office_id, month, kind));
-- The latest office day of the events the office's ack covers (docs/hub.md "Months
-- kept"), moved by the ingest with the ack; filled once, on a hub that had no such
-- column, with the day of the event at the ack (one probe of the key per office).
DO $$ BEGIN
IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
               AND table_name = 'offices' AND column_name = 'acked_day') THEN
    ALTER TABLE offices ADD COLUMN acked_day DATE;
    UPDATE offices o SET acked_day = e.day FROM events e WHERE e.office_id = o.office_id AND e.seq = o.acked_seq;
END IF;
END $$;
CREATE TABLE IF NOT EXISTS readers (
    reader_id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    offices JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now());
)sql";

// Regions (docs/hub.md "Roles: regions"): an office may belong to one; a reader given a
// region reads every office of it, those added later too. Altered only when missing: an
// ALTER TABLE locks `offices` even when it changes nothing, and a hub starting (or a test
// connecting) while offices ship would then wait on the ingest's row locks under the
// schema lock, which the ingest may be waiting for.
const char* const region_schema = R"sql(
DO $$ BEGIN
IF NOT EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = 'offices' AND column_name = 'region') THEN
    ALTER TABLE offices ADD COLUMN region TEXT;
    CREATE INDEX offices_region ON offices (region);
END IF;
IF NOT EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = 'readers' AND column_name = 'region') THEN
    ALTER TABLE readers ADD COLUMN region TEXT;
END IF;
END $$;
)sql";

void check_region(const std::optional<std::string>& region) {
    if (!region) return;
    const bool ok = !region->empty() && region->size() <= 64 && std::all_of(region->begin(), region->end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (!ok) throw std::invalid_argument("a region is 1 to 64 of a-z, 0-9, '-' and '_': \"" + *region + "\"");
}

std::string next_month(const std::string& month) {
    int y = std::stoi(month.substr(0, 4));
    int m = std::stoi(month.substr(5, 2)) + 1;
    if (m == 13) {
        m = 1;
        ++y;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return buf;
}

}  // namespace

HubStore::HubStore(const std::string& conninfo) : c_(conninfo) {
    pg::Transaction t(c_);
    c_.exec(schema_lock);
    c_.exec(schema_sql);
    c_.exec(region_schema);
    t.commit();
}

void HubStore::put_office(const std::string& office, const std::string& secret_hash) {
    c_.exec(
        "INSERT INTO offices (office_id, secret_hash) VALUES ($1, $2) "
        "ON CONFLICT (office_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash",
        {office, secret_hash});
}

std::optional<std::string> HubStore::secret_hash(const std::string& office) {
    auto r = c_.exec("SELECT secret_hash FROM offices WHERE office_id = $1", {office});
    if (r.rows() == 0) return std::nullopt;
    return r.get(0, 0);
}

std::int64_t HubStore::acked_seq(const std::string& office) {
    auto r = c_.exec("SELECT acked_seq FROM offices WHERE office_id = $1", {office});
    return r.rows() == 0 ? 0 : std::stoll(r.get(0, 0));
}

void HubStore::ensure_partitions(const std::set<std::string>& months) {
    bool locked = false;
    for (const auto& m : months) {
        const std::string name = "events_" + m.substr(0, 4) + "_" + m.substr(5, 2);
        // Almost always there already: a catalog look-up, no lock. Only a month's
        // first events take the schema lock (held to the commit), so two offices'
        // first events of a month do not race to create the same table, while the
        // batches of other months and offices never wait for each other on it.
        if (c_.exec("SELECT to_regclass($1) IS NULL", {name}).get(0, 0) != "t") continue;
        if (!locked) c_.exec(schema_lock);
        locked = true;
        // Months are digits only (checked with the day), so the name is safe to splice.
        c_.exec("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF events FOR VALUES FROM ('" + m + "-01') TO ('" +
                next_month(m) + "-01')");
    }
}

bool HubStore::store_state(const std::string& office, const std::string& state_json) {
    pg::Transaction t(c_);
    // The office's row locked: two connections of one office take turns.
    auto row = c_.exec("SELECT 1 FROM offices WHERE office_id = $1 FOR UPDATE", {office});
    if (row.rows() == 0) throw std::invalid_argument("unknown office " + office);
    // The same state again (a reconnect, a resend) changes nothing and adds no history.
    auto same = c_.exec("SELECT 1 FROM office_state WHERE office_id = $1 AND state = $2::jsonb", {office, state_json});
    if (same.rows() > 0) return false;
    c_.exec(
        "INSERT INTO office_state (office_id, state) VALUES ($1, $2::jsonb) "
        "ON CONFLICT (office_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()",
        {office, state_json});
    c_.exec("INSERT INTO office_state_history (office_id, state) VALUES ($1, $2::jsonb)", {office, state_json});
    t.commit();
    return true;
}

std::size_t HubStore::state_history_size(const std::string& office) {
    auto r = c_.exec("SELECT count(*) FROM office_state_history WHERE office_id = $1", {office});
    return static_cast<std::size_t>(std::stoll(r.get(0, 0)));
}

std::optional<TicketFacts> HubStore::ticket(const std::string& office, std::int64_t id) {
    auto r = c_.exec(
        "SELECT label, estimated_wait_s, called_at, service_started_at, estimated_call_from, estimated_call_to "
        "FROM tickets WHERE office_id = $1 AND id = $2",
        {office, std::to_string(id)});
    if (r.rows() == 0) return std::nullopt;
    TicketFacts f;
    f.id = id;
    f.label = r.get(0, 0);
    auto opt = [&](int c) {
        return r.is_null(0, c) ? std::nullopt : std::optional<std::int64_t>(std::stoll(r.get(0, c)));
    };
    if (auto w = opt(1)) f.estimated_wait_s = static_cast<int>(*w);
    f.called_at = opt(2);
    f.service_started_at = opt(3);
    f.estimated_call_from = opt(4);
    f.estimated_call_to = opt(5);
    return f;
}

std::optional<std::string> HubStore::state(const std::string& office) {
    auto r = c_.exec("SELECT state::text FROM office_state WHERE office_id = $1", {office});
    if (r.rows() == 0) return std::nullopt;
    return r.get(0, 0);
}

void HubStore::put_reader(const std::string& reader, const std::string& secret_hash,
                          const std::optional<std::vector<std::string>>& offices) {
    const std::optional<std::string> scope =
        offices ? std::optional<std::string>(nlohmann::json(*offices).dump()) : std::nullopt;
    c_.exec(
        "INSERT INTO readers (reader_id, secret_hash, offices) VALUES ($1, $2, $3::jsonb) "
        "ON CONFLICT (reader_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, offices = EXCLUDED.offices",
        {reader, secret_hash, scope});
}

std::optional<ReaderRecord> HubStore::reader(const std::string& reader) {
    auto r = c_.exec("SELECT secret_hash, offices::text, region FROM readers WHERE reader_id = $1", {reader});
    if (r.rows() == 0) return std::nullopt;
    ReaderRecord rec;
    rec.secret_hash = r.get(0, 0);
    if (!r.is_null(0, 1)) rec.offices = nlohmann::json::parse(r.get(0, 1)).get<std::vector<std::string>>();
    if (!r.is_null(0, 2)) rec.region = r.get(0, 2);
    return rec;
}

std::vector<std::string> HubStore::offices() {
    auto r = c_.exec("SELECT office_id FROM offices ORDER BY office_id");
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.get(i, 0));
    return out;
}

void HubStore::set_office_region(const std::string& office, const std::optional<std::string>& region) {
    check_region(region);
    auto r = c_.exec("UPDATE offices SET region = $2 WHERE office_id = $1 RETURNING 1", {office, region});
    if (r.rows() == 0) throw std::invalid_argument("unknown office " + office);
}

void HubStore::set_reader_region(const std::string& reader, const std::optional<std::string>& region) {
    check_region(region);
    auto r = c_.exec("UPDATE readers SET region = $2 WHERE reader_id = $1 RETURNING 1", {reader, region});
    if (r.rows() == 0) throw std::invalid_argument("unknown reader " + reader);
}

std::optional<std::vector<std::string>> HubStore::scope_of(const ReaderRecord& reader) {
    if (!reader.region) return reader.offices;
    auto r = c_.exec("SELECT office_id FROM offices WHERE region = $1 ORDER BY office_id", {*reader.region});
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.get(i, 0));
    return out;
}

std::size_t HubStore::for_each_event(const std::string& office, const std::string& from_day, const std::string& to_day,
                                     const std::function<void(const metrics::LoggedEvent&)>& visit) {
    return for_each_event_in("events", office, from_day, to_day, visit);
}

std::size_t HubStore::for_each_event_of_month(const std::string& office, const std::string& month,
                                              const std::function<void(const metrics::LoggedEvent&)>& visit) {
    // The month's partition itself, not `events`: a long read of `events` would hold
    // its lock against the ingest's creating next month's partition (that takes
    // `events` whole); a month whose tickets' rows alone were shipped has none.
    if (month.size() != 10 || !std::all_of(month.begin(), month.end(), [](char c) {
            return c == '-' || std::isdigit(static_cast<unsigned char>(c));
        }))
        throw std::invalid_argument("not a month: " + month);
    const std::string table = "events_" + month.substr(0, 4) + "_" + month.substr(5, 2);
    if (c_.exec("SELECT to_regclass($1) IS NULL", {table}).get(0, 0) == "t") return 0;
    return for_each_event_in(table, office, month, months::last_day(month), visit);
}

std::size_t HubStore::for_each_event_in(const std::string& table, const std::string& office,
                                        const std::string& from_day, const std::string& to_day,
                                        const std::function<void(const metrics::LoggedEvent&)>& visit) {
    // What the office's store reads (store.cpp, for_each_event_between): the period's
    // events in seq order, with the ticket's label and shown wait on calls and the
    // leg's call and start on finishes. A cursor, 5,000 rows a page: a year's events
    // are never held at once. One read-only transaction: one consistent picture.
    pg::Transaction t(c_);
    c_.exec("SET TRANSACTION READ ONLY");
    c_.exec(
        "DECLARE period CURSOR FOR "
        "SELECT e.seq, e.at_ms, to_char(e.day, 'YYYY-MM-DD'), e.type, e.ticket, e.service, e.counter, e.officer, "
        "e.detail, t.label, t.estimated_wait_s, t.called_at, t.service_started_at, t.estimated_call_from, "
        "t.estimated_call_to "
        "FROM " +
            table +
            " e LEFT JOIN tickets t ON t.office_id = e.office_id AND t.id = e.ticket "
            "AND e.type IN ('ticket_called', 'ticket_finished') "
            "WHERE e.office_id = $1 AND e.day BETWEEN $2::date AND $3::date ORDER BY e.seq",
        {office, from_day, to_day});
    std::size_t count = 0;
    metrics::LoggedEvent le;
    for (;;) {
        auto r = c_.exec("FETCH 5000 FROM period");
        if (r.rows() == 0) break;
        for (int i = 0; i < r.rows(); ++i) {
            auto opt = [&](int c) {
                return r.is_null(i, c) ? std::nullopt : std::optional<std::int64_t>(std::stoll(r.get(i, c)));
            };
            le.seq = std::stoll(r.get(i, 0));
            le.event.at = std::stoll(r.get(i, 1));
            le.event.day = r.get(i, 2);
            le.event.type = r.get(i, 3);
            le.event.ticket.reset();
            if (auto id = opt(4)) le.event.ticket = static_cast<TicketId>(*id);
            le.event.service = r.get(i, 5);
            le.event.counter = std::stoi(r.get(i, 6));
            le.event.officer = r.get(i, 7);
            le.event.detail = r.get(i, 8);
            le.label.clear();
            le.estimated_wait_s.reset();
            le.estimated_call_from.reset();
            le.estimated_call_to.reset();
            le.leg_called_at.reset();
            le.leg_started_at.reset();
            if (le.event.ticket && le.event.type == "ticket_called") {
                le.label = r.get(i, 9);
                if (auto w = opt(10)) le.estimated_wait_s = static_cast<int>(*w);
                le.estimated_call_from = opt(13);
                le.estimated_call_to = opt(14);
            } else if (le.event.ticket && le.event.type == "ticket_finished") {
                le.label = r.get(i, 9);
                le.leg_called_at = opt(11);
                le.leg_started_at = opt(12);
            }
            visit(le);
            ++count;
        }
    }
    t.commit();
    return count;
}

std::vector<ShippedEvent> HubStore::events(const std::string& office) {
    auto r = c_.exec(
        "SELECT seq, at_ms, to_char(day, 'YYYY-MM-DD'), type, ticket, service, counter, officer, detail "
        "FROM events WHERE office_id = $1 ORDER BY seq",
        {office});
    std::vector<ShippedEvent> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        ShippedEvent e;
        e.seq = std::stoll(r.get(i, 0));
        e.event.at = std::stoll(r.get(i, 1));
        e.event.day = r.get(i, 2);
        e.event.type = r.get(i, 3);
        if (!r.is_null(i, 4)) e.event.ticket = static_cast<TicketId>(std::stoll(r.get(i, 4)));
        e.event.service = r.get(i, 5);
        e.event.counter = std::stoi(r.get(i, 6));
        e.event.officer = r.get(i, 7);
        e.event.detail = r.get(i, 8);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace antre::hub
