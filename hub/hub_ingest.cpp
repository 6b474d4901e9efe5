// The ingest of a shipped batch (docs/hub.md "Storage" and "Scale"): the events new to
// the hub copied into `events` with COPY, the office's ack moved, the months bumped.
#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "hub_months.hpp"
#include "hub_store.hpp"

namespace antre::hub {

namespace {

std::string month_of(const std::string& day) { return day.substr(0, 7); }  // "2026-11"

bool valid_day(const std::string& d) {
    return d.size() == 10 && d[4] == '-' && d[7] == '-' &&
           std::all_of(d.begin(), d.end(), [](char ch) { return ch == '-' || (ch >= '0' && ch <= '9'); });
}

// One field of COPY's text format: the backslash and the characters that end a field
// or a row escaped; everything else as it is. A text ends at a NUL, as it did when it
// went as a statement's parameter (PostgreSQL's text holds none).
void add_field(std::string& out, const std::string& v) {
    for (const char ch : v) {
        switch (ch) {
            case '\0':
                return;
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += ch;
        }
    }
}

// The rows of `events` for COPY, in its column order (copy_columns).
std::string copy_rows(const std::string& office, const std::vector<ShippedEvent>& events) {
    std::string rows;
    rows.reserve(events.size() * 160);
    for (const auto& e : events) {
        add_field(rows, office);
        rows += '\t' + std::to_string(e.seq) + '\t' + std::to_string(e.event.at) + '\t';
        add_field(rows, e.event.day);
        rows += '\t';
        add_field(rows, e.event.type);
        rows += '\t' + (e.event.ticket ? std::to_string(*e.event.ticket) : std::string("\\N")) + '\t';
        add_field(rows, e.event.service);
        rows += '\t' + std::to_string(e.event.counter) + '\t';
        add_field(rows, e.event.officer);
        rows += '\t';
        add_field(rows, e.event.detail);
        rows += '\n';
    }
    return rows;
}

constexpr const char* copy_columns =
    "COPY events (office_id, seq, at_ms, day, type, ticket, service, counter, officer, detail) FROM STDIN";

}  // namespace

StoreResult HubStore::store_events(const std::string& office, std::vector<ShippedEvent> events,
                                   const std::vector<TicketFacts>& tickets, std::int64_t tickets_as_of) {
    for (const auto& e : events)
        if (e.seq <= 0 || !valid_day(e.event.day))
            throw std::invalid_argument("event " + std::to_string(e.seq) + ": invalid seq or day");
    // Keep the first copy of each seq, in seq order.
    std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    events.erase(std::unique(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.seq == b.seq; }),
                 events.end());
    // Before the ack drops any: a ticket's row spans the months of all its events.
    const auto ticket_months = months::of_tickets(events);

    StoreResult result;
    pg::Transaction t(c_);
    // The office's row locked to the commit: no other batch of the office stores events
    // meanwhile, so what is read below stays the office's whole log above its ack.
    auto row = c_.exec("SELECT acked_seq FROM offices WHERE office_id = $1 FOR UPDATE", {office});
    if (row.rows() == 0) throw std::invalid_argument("unknown office " + office);
    const std::int64_t acked = std::stoll(row.get(0, 0));
    // Anything at or below the ack is stored already; above it, the seqs held are those
    // of batches that arrived ahead of a gap (usually none).
    events.erase(std::remove_if(events.begin(), events.end(), [&](const auto& e) { return e.seq <= acked; }),
                 events.end());
    // The partitions first: creating one takes the schema lock and then the events'
    // table lock, so a batch must not hold any lock on `events` when it may wait for
    // the schema lock (two offices' first events of a month would deadlock).
    std::set<std::string> months;
    for (const auto& e : events) months.insert(month_of(e.event.day));
    ensure_partitions(months);
    auto above = c_.exec(
        "SELECT seq, to_char(day, 'YYYY-MM-DD') FROM events WHERE office_id = $1 AND seq > $2 "
        "ORDER BY seq",
        {office, std::to_string(acked)});
    std::vector<std::int64_t> held;
    std::map<std::int64_t, std::string> day_of;  // of the seqs the ack may stop at
    held.reserve(static_cast<std::size_t>(above.rows()));
    for (int i = 0; i < above.rows(); ++i) {
        held.push_back(std::stoll(above.get(i, 0)));
        day_of[held.back()] = above.get(i, 1);
    }
    events.erase(std::remove_if(events.begin(), events.end(),
                                [&](const auto& e) { return std::binary_search(held.begin(), held.end(), e.seq); }),
                 events.end());
    if (!events.empty()) {
        // Every event left is new to the hub: COPY, no conflict to look for, and no
        // statement to parse or plan per batch (docs/decisions.md, 2026-12-03).
        c_.copy_in(copy_columns, copy_rows(office, events));
        result.inserted = events.size();
        // The months of the new events change: their kept figures are stale.
        months.clear();
        for (const auto& e : events) months.insert(month_of(e.event.day));
        std::string list = "{";
        for (const auto& m : months) list += (list.size() > 1 ? "," : "") + m + "-01";
        c_.exec(std::string(months::bump_insert) + "SELECT $1::text, m FROM unnest($2::date[]) AS m" +
                    months::bump_conflict,
                {office, list + "}"});
    }
    // The ack moves over every seq now stored without a gap: those held and those new.
    std::vector<std::int64_t> stored = held;
    for (const auto& e : events) {
        stored.push_back(e.seq);
        day_of[e.seq] = e.event.day;
    }
    std::inplace_merge(stored.begin(), stored.begin() + static_cast<std::ptrdiff_t>(held.size()), stored.end());
    std::int64_t next = acked;
    for (const auto seq : stored) {
        if (seq != next + 1) break;
        ++next;
    }
    if (next != acked) {
        // With the latest office day the ack now covers: the months before its month are
        // shipped to their end, and their figures are computed ahead (hub_ahead.cpp).
        std::string latest;
        for (auto it = day_of.begin(); it != day_of.end() && it->first <= next; ++it)
            latest = std::max(latest, it->second);
        c_.exec("UPDATE offices SET acked_seq = $2, acked_day = greatest(acked_day, $3::date) WHERE office_id = $1",
                {office, std::to_string(next), latest});
    }
    store_tickets(office, tickets, tickets_as_of, ticket_months);
    t.commit();
    result.acked_seq = next;
    return result;
}

}  // namespace antre::hub
