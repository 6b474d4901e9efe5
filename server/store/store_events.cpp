// Reading the event log back: by seq, by type, by office day, and the finished legs.
#include "store.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "day_digest.hpp"
#include "finished_legs.hpp"
#include "sqlite.hpp"

namespace antre {

namespace {

// One row of "SELECT seq, at, day, type, ticket, service, counter, officer, detail"
// into `e`, reusing its strings' buffers; returns the seq.
std::int64_t read_event(sql::Statement& q, Event& e) {
    e.at = q.int64(1);
    q.text(2, e.day);
    q.text(3, e.type);
    e.ticket = q.opt_int64(4);
    q.text(5, e.service);
    e.counter = q.integer(6);
    q.text(7, e.officer);
    q.text(8, e.detail);
    return q.int64(0);
}

std::pair<std::int64_t, Event> event_row(sql::Statement& q) {
    Event e;
    const std::int64_t seq = read_event(q, e);
    return {seq, std::move(e)};
}

}  // namespace

std::vector<std::pair<std::int64_t, Event>> Store::events(std::int64_t after_seq, int limit) {
    std::vector<std::pair<std::int64_t, Event>> out;
    sql::Statement q(*db_,
                     "SELECT seq, at, day, type, ticket, service, counter, officer, detail FROM events "
                     "WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    q.bind(1, after_seq).bind(2, limit);
    while (q.step()) out.push_back(event_row(q));
    return out;
}

std::vector<std::pair<std::int64_t, Event>> Store::events_of_types(const std::vector<std::string>& types,
                                                                   const std::string& from_day,
                                                                   const std::string& to_day, std::int64_t after_seq,
                                                                   int limit) {
    std::vector<std::pair<std::int64_t, Event>> out;
    std::string list = "[";
    for (const auto& t : types) list += (list.size() > 1 ? ",\"" : "\"") + t + "\"";
    list += "]";
    sql::Statement q(*db_,
                     "SELECT seq, at, day, type, ticket, service, counter, officer, detail FROM events "
                     "WHERE day BETWEEN ?1 AND ?2 AND seq > ?3 "
                     "AND type IN (SELECT value FROM json_each(?4)) ORDER BY seq LIMIT ?5");
    q.bind(1, from_day).bind(2, to_day).bind(3, after_seq).bind(4, list).bind(5, limit);
    while (q.step()) out.push_back(event_row(q));
    return out;
}

std::vector<metrics::LoggedEvent> Store::events_between(const std::string& from_day, const std::string& to_day) {
    return read_events_between(*db_, from_day, to_day);
}

std::size_t Store::for_each_event(const std::string& from_day, const std::string& to_day,
                                  const std::function<void(const metrics::LoggedEvent&)>& visit, EventSource source) {
    return for_each_event_between(*db_, from_day, to_day, visit, source);
}

std::vector<FinishedLeg> Store::finished_legs(const std::string& from_day, const std::string& to_day) {
    return antre::finished_legs(*db_, from_day, to_day);
}

EventReader::EventReader(const std::string& path) : db_(std::make_unique<sql::Database>(path)) {}

EventReader::~EventReader() = default;

std::size_t EventReader::for_each_between(const std::string& from_day, const std::string& to_day,
                                          const std::function<void(const metrics::LoggedEvent&)>& visit) {
    // One read transaction: the period is read as one consistent picture.
    db_->exec("BEGIN");
    const std::size_t n = for_each_event_between(*db_, from_day, to_day, visit);
    db_->exec("COMMIT");
    return n;
}

std::vector<metrics::LoggedEvent> read_events_between(sql::Database& db, const std::string& from_day,
                                                      const std::string& to_day, EventSource source) {
    std::vector<metrics::LoggedEvent> out;
    for_each_event_between(
        db, from_day, to_day, [&](const metrics::LoggedEvent& e) { out.push_back(e); }, source);
    return out;
}

namespace {

// Office days from `lo` to `hi`, each end in or out.
struct Days {
    std::string lo;
    bool lo_in = true;
    std::string hi;
    bool hi_in = true;

    bool contains(const std::string& day) const {
        return (lo_in ? day >= lo : day > lo) && (hi_in ? day <= hi : day < hi);
    }
    // The same as SQL over `day`, with ?1 and ?2 for the ends.
    std::string condition() const {
        return std::string("day ") + (lo_in ? ">=" : ">") + " ?1 AND day " + (hi_in ? "<=" : "<") + " ?2";
    }
};

// The smallest and largest `key` of `table`'s rows whose day is in `days`, for a table
// whose keys grow with its days (events by seq, tickets by id): the first row of the
// first day and the last of the last day. Both come from the day index, reading two
// days' entries rather than the whole period's.
std::optional<std::pair<std::int64_t, std::int64_t>> key_range(sql::Database& db, const std::string& table,
                                                               const std::string& key, const Days& days) {
    const std::string in = days.condition();
    sql::Statement q(db, "SELECT (SELECT min(" + key + ") FROM " + table + " WHERE day = (SELECT min(day) FROM " +
                             table + " WHERE " + in + ")), (SELECT max(" + key + ") FROM " + table +
                             " WHERE day = (SELECT max(day) FROM " + table + " WHERE " + in + "))");
    q.bind(1, days.lo).bind(2, days.hi);
    if (!q.step() || !q.opt_int64(0)) return std::nullopt;
    return std::pair{*q.opt_int64(0), *q.opt_int64(1)};
}

// The events of the period's `days` read from the log in the seq range `range` (the
// period's, key_range, or a part of it between digests); the tickets of `near` (the
// days of that part) are read ahead in one scan.
std::size_t read_log(sql::Database& db, const Days& days, const Days& near, std::pair<std::int64_t, std::int64_t> range,
                     const std::function<void(const metrics::LoggedEvent&)>& visit) {
    // The rows in seq order straight off the table: no sort of a month of events in a
    // temp b-tree. Events are appended as they happen, so the range runs from the first
    // event of the first day to the last of the last day (a year's plain min/max over
    // the day index alone took 0.2 s).
    const auto [first, last] = range;

    // Labels (for breach lists) and the shown estimate (for its error) are wanted on
    // calls. The period's tickets are read first in one range scan by id (ids are dense
    // and a period's tickets lie together), much cheaper than a lookup per event; a
    // ticket issued before the period and called in it is looked up on its own.
    struct Shown {
        std::string label;
        std::optional<int> estimated_wait_s;
        std::optional<Millis> called_at, started_at;
        std::optional<Millis> call_from, call_to;  // the promised interval
    };
    const auto ids = key_range(db, "tickets", "id", near);
    const TicketId low = ids ? ids->first : 1, high = ids ? ids->second : 0;
    std::vector<Shown> shown(high >= low ? static_cast<std::size_t>(high - low + 1) : 0);
    // On ticket_finished, the finished leg's call and start (a done ticket's row keeps
    // them), for a leg called before the period.
    sql::Statement t(db,
                     "SELECT id, label, estimated_wait_s, called_at, service_started_at, estimated_call_from, "
                     "estimated_call_to FROM tickets WHERE id BETWEEN ?1 AND ?2");
    t.bind(1, low).bind(2, high);
    while (t.step()) {
        Shown& sh = shown[static_cast<std::size_t>(t.int64(0) - low)];
        sh.label = t.text(1);
        if (!t.is_null(2)) sh.estimated_wait_s = t.integer(2);
        sh.called_at = t.opt_int64(3);
        sh.started_at = t.opt_int64(4);
        sh.call_from = t.opt_int64(5);
        sh.call_to = t.opt_int64(6);
    }
    sql::Statement one(db,
                       "SELECT label, estimated_wait_s, called_at, service_started_at, estimated_call_from, "
                       "estimated_call_to FROM tickets WHERE id = ?1");
    Shown other;
    auto lookup = [&](TicketId id) -> const Shown& {
        if (id >= low && id <= high) return shown[static_cast<std::size_t>(id - low)];
        other = Shown{};
        one.reset();
        one.bind(1, id);
        if (one.step()) {
            other.label = one.text(0);
            if (!one.is_null(1)) other.estimated_wait_s = one.integer(1);
            other.called_at = one.opt_int64(2);
            other.started_at = one.opt_int64(3);
            other.call_from = one.opt_int64(4);
            other.call_to = one.opt_int64(5);
        }
        return other;
    };

    // Audit events (officer or service changes) are few and the metrics skip them, so
    // no type filter. The day is checked here on the day read anyway rather than in the
    // query, which would decode and compare it a second time per row. One event object
    // is reused: its strings keep their buffers.
    sql::Statement q(db,
                     "SELECT seq, at, day, type, ticket, service, counter, officer, detail FROM events "
                     "WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq");
    q.bind(1, first).bind(2, last);
    std::size_t count = 0;
    metrics::LoggedEvent le;
    while (q.step()) {
        le.seq = read_event(q, le.event);
        if (!days.contains(le.event.day)) continue;
        le.label.clear();
        le.estimated_wait_s.reset();
        le.estimated_call_from.reset();
        le.estimated_call_to.reset();
        le.leg_called_at.reset();
        le.leg_started_at.reset();
        if (le.event.ticket && le.event.type == "ticket_called") {
            const Shown& sh = lookup(*le.event.ticket);
            le.label = sh.label;
            le.estimated_wait_s = sh.estimated_wait_s;
            le.estimated_call_from = sh.call_from;
            le.estimated_call_to = sh.call_to;
        } else if (le.event.ticket && le.event.type == "ticket_finished") {
            const Shown& sh = lookup(*le.event.ticket);
            le.label = sh.label;
            le.leg_called_at = sh.called_at;
            le.leg_started_at = sh.started_at;
        }
        visit(le);
        ++count;
    }
    return count;
}

// A kept digest of one closed day (day_digest.hpp).
struct Digest {
    std::string day;
    std::int64_t first_seq = 0, last_seq = 0;
};

// A part of the period: a digest, or the log's events in the seq range `range` (with
// the tickets of the days `near`).
struct Part {
    const Digest* digest = nullptr;
    Days near;
    std::pair<std::int64_t, std::int64_t> range;
};

// The period's seq range `whole` cut at the digests' blocks: the log between them, each
// digest in its place. The same events in the same order as the log read of `whole`,
// since a digest's block holds its day's events and no other's. nullopt when the
// digests' blocks do not follow each other inside `whole` (then the log alone is read).
std::optional<std::vector<Part>> plan(const std::string& from_day, const std::string& to_day,
                                      std::pair<std::int64_t, std::int64_t> whole, const std::vector<Digest>& digests) {
    std::vector<Part> parts;
    std::int64_t next = whole.first;  // the first seq not yet in a part
    Days near{from_day, true, "", false};
    for (const Digest& d : digests) {
        if (d.first_seq < next || d.last_seq > whole.second) return std::nullopt;
        near.hi = d.day;
        if (d.first_seq > next) parts.push_back({nullptr, near, {next, d.first_seq - 1}});
        parts.push_back({&d, {}, {}});
        next = d.last_seq + 1;
        near = {d.day, false, "", false};
    }
    near.hi = to_day;
    near.hi_in = true;
    if (next <= whole.second) parts.push_back({nullptr, near, {next, whole.second}});
    return parts;
}

}  // namespace

std::size_t for_each_event_between(sql::Database& db, const std::string& from_day, const std::string& to_day,
                                   const std::function<void(const metrics::LoggedEvent&)>& visit, EventSource source) {
    std::vector<Digest> digests;
    if (source == EventSource::digests) {
        sql::Statement q(db,
                         "SELECT day, first_seq, last_seq FROM day_digests WHERE day BETWEEN ?1 AND ?2 "
                         "AND version = ?3 ORDER BY day");
        q.bind(1, from_day).bind(2, to_day).bind(3, day_digest::version);
        while (q.step()) digests.push_back({q.text(0), q.int64(1), q.int64(2)});
    }
    const Days period{from_day, true, to_day, true};
    const auto whole = key_range(db, "events", "seq", period);
    if (!whole) return 0;
    std::optional<std::vector<Part>> parts;
    if (!digests.empty()) parts = plan(from_day, to_day, *whole, digests);
    if (!parts) return read_log(db, period, period, *whole, visit);
    std::size_t count = 0;
    sql::Statement data(db, "SELECT data FROM day_digests WHERE day = ?1");
    for (const Part& part : *parts) {
        if (!part.digest) {
            count += read_log(db, period, part.near, part.range, visit);
            continue;
        }
        data.reset();
        data.bind(1, part.digest->day);
        if (!data.step()) throw std::runtime_error("the digest of " + part.digest->day + " went missing");
        count += day_digest::decode(data.blob(0), visit);
    }
    return count;
}

}  // namespace antre
