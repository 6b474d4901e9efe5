// Day digests: encoding, decoding and their writing at a day's close (day_digest.hpp).
#include "day_digest.hpp"

#include <map>
#include <set>
#include <stdexcept>

#include "sqlite.hpp"
#include "store.hpp"

namespace antre::day_digest {
namespace {

// The layout (all integers LEB128 varints; signed ones zigzag-coded):
//   count, then the table of the short strings (type, day, service, officer): its size
//   and each string as length + bytes; then per event
//   flags, seq - previous seq, at - previous at, type, day, service and officer as table
//   indexes, counter, and as the flags say: ticket - previous ticket, label, detail,
//   estimated wait, the promised interval's ends and the leg's call and start (each
//   relative to the event's `at`).
enum Flag : unsigned {
    has_ticket = 1u << 0,
    has_label = 1u << 1,
    has_detail = 1u << 2,
    has_wait = 1u << 3,
    has_call_from = 1u << 4,
    has_call_to = 1u << 5,
    has_leg_called = 1u << 6,
    has_leg_started = 1u << 7,
};

void put(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void put_signed(std::string& out, std::int64_t v) {
    put(out, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

void put_text(std::string& out, const std::string& s) {
    put(out, s.size());
    out += s;
}

class Reader {
public:
    explicit Reader(std::string_view data) : p_(data.data()), end_(data.data() + data.size()) {}

    std::uint64_t next() {
        if (p_ != end_ && !(static_cast<unsigned char>(*p_) & 0x80)) return static_cast<unsigned char>(*p_++);
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p_ == end_) throw std::runtime_error("day digest: cut short");
            const auto byte = static_cast<unsigned char>(*p_++);
            v |= std::uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return v;
        }
        throw std::runtime_error("day digest: a number too long");
    }

    std::int64_t next_signed() {
        const std::uint64_t v = next();
        return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
    }

    std::string_view text() {
        const std::uint64_t n = next();
        if (n > static_cast<std::uint64_t>(end_ - p_)) throw std::runtime_error("day digest: a text cut short");
        std::string_view s(p_, static_cast<std::size_t>(n));
        p_ += n;
        return s;
    }

    bool done() const { return p_ == end_; }

private:
    const char* p_;
    const char* end_;
};

}  // namespace

std::string encode(const std::vector<metrics::LoggedEvent>& events) {
    std::map<std::string, std::uint64_t> index;
    std::vector<const std::string*> table;
    auto code = [&](const std::string& s) {
        auto [it, fresh] = index.try_emplace(s, table.size());
        if (fresh) table.push_back(&it->first);
        return it->second;
    };
    std::string body;
    std::int64_t seq = 0;
    Millis at = 0;
    TicketId ticket = 0;
    for (const auto& le : events) {
        const Event& e = le.event;
        unsigned flags = 0;
        if (e.ticket) flags |= has_ticket;
        if (!le.label.empty()) flags |= has_label;
        if (!e.detail.empty()) flags |= has_detail;
        if (le.estimated_wait_s) flags |= has_wait;
        if (le.estimated_call_from) flags |= has_call_from;
        if (le.estimated_call_to) flags |= has_call_to;
        if (le.leg_called_at) flags |= has_leg_called;
        if (le.leg_started_at) flags |= has_leg_started;
        put(body, flags);
        put_signed(body, le.seq - seq);
        put_signed(body, e.at - at);
        seq = le.seq;
        at = e.at;
        put(body, code(e.type));
        put(body, code(e.day));
        put(body, code(e.service));
        put(body, code(e.officer));
        put_signed(body, e.counter);
        if (e.ticket) {
            put_signed(body, *e.ticket - ticket);
            ticket = *e.ticket;
        }
        if (!le.label.empty()) put_text(body, le.label);
        if (!e.detail.empty()) put_text(body, e.detail);
        if (le.estimated_wait_s) put_signed(body, *le.estimated_wait_s);
        if (le.estimated_call_from) put_signed(body, *le.estimated_call_from - e.at);
        if (le.estimated_call_to) put_signed(body, *le.estimated_call_to - e.at);
        if (le.leg_called_at) put_signed(body, *le.leg_called_at - e.at);
        if (le.leg_started_at) put_signed(body, *le.leg_started_at - e.at);
    }
    std::string out;
    put(out, events.size());
    put(out, table.size());
    for (const std::string* s : table) put_text(out, *s);
    return out + body;
}

std::size_t decode(std::string_view data, const std::function<void(const metrics::LoggedEvent&)>& visit) {
    Reader in(data);
    const std::uint64_t count = in.next();
    const std::uint64_t strings = in.next();
    if (strings > data.size()) throw std::runtime_error("day digest: a table larger than the digest");
    std::vector<std::string_view> table;
    table.reserve(static_cast<std::size_t>(strings));
    for (std::uint64_t i = 0; i < strings; ++i) table.push_back(in.text());
    // Each field remembers which entry it holds: a string is copied only when it changes
    // (the day never does within a digest).
    auto string_at = [&](std::string& out, std::uint64_t& held) {
        const std::uint64_t i = in.next();
        if (i >= table.size()) throw std::runtime_error("day digest: a string outside its table");
        if (i == held) return;
        out.assign(table[static_cast<std::size_t>(i)]);
        held = i;
    };
    std::uint64_t type = strings, day = strings, service = strings, officer = strings;  // none yet
    metrics::LoggedEvent le;
    Event& e = le.event;
    std::int64_t seq = 0;
    Millis at = 0;
    TicketId ticket = 0;
    for (std::uint64_t n = 0; n < count; ++n) {
        const auto flags = static_cast<unsigned>(in.next());
        seq += in.next_signed();
        at += in.next_signed();
        le.seq = seq;
        e.at = at;
        string_at(e.type, type);
        string_at(e.day, day);
        string_at(e.service, service);
        string_at(e.officer, officer);
        e.counter = static_cast<int>(in.next_signed());
        e.ticket.reset();
        if (flags & has_ticket) {
            ticket += in.next_signed();
            e.ticket = ticket;
        }
        if (flags & has_label)
            le.label.assign(in.text());
        else
            le.label.clear();
        if (flags & has_detail)
            e.detail.assign(in.text());
        else
            e.detail.clear();
        auto relative = [&](unsigned flag, std::optional<Millis>& field) {
            if (flags & flag)
                field = at + in.next_signed();
            else
                field.reset();
        };
        if (flags & has_wait)
            le.estimated_wait_s = static_cast<int>(in.next_signed());
        else
            le.estimated_wait_s.reset();
        relative(has_call_from, le.estimated_call_from);
        relative(has_call_to, le.estimated_call_to);
        relative(has_leg_called, le.leg_called_at);
        relative(has_leg_started, le.leg_started_at);
        visit(le);
    }
    if (!in.done()) throw std::runtime_error("day digest: bytes after its last event");
    return static_cast<std::size_t>(count);
}

void write_closed_days(sql::Database& db, const std::string& today) {
    std::set<std::string> kept;
    {
        sql::Statement q(db, "SELECT day FROM day_digests WHERE version = ?1");
        q.bind(1, version);
        while (q.step()) kept.insert(q.text(0));
    }
    sql::Statement next_day(db, "SELECT min(day) FROM events WHERE day > ?1");
    // A ticket of the day that can still change (waiting, called or being served).
    sql::Statement open_ticket(db,
                               "SELECT 1 FROM events e JOIN tickets t ON t.id = e.ticket WHERE e.day = ?1 "
                               "AND t.status IN ('waiting', 'called', 'serving') LIMIT 1");
    // An event of another day among the day's own, in seq order.
    sql::Statement other_day(db,
                             "SELECT 1 FROM events WHERE seq BETWEEN (SELECT min(seq) FROM events WHERE day = ?1) "
                             "AND (SELECT max(seq) FROM events WHERE day = ?1) AND day <> ?1 LIMIT 1");
    auto found = [](sql::Statement& q, const std::string& day) {
        q.reset();
        q.bind(1, day);
        return q.step();
    };
    sql::Statement put_digest(db,
                              "INSERT OR REPLACE INTO day_digests (day, version, first_seq, last_seq, events, data) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    std::string day;  // "": before the first
    while (found(next_day, day) && !next_day.is_null(0)) {
        day = next_day.text(0);
        if (day >= today) break;
        if (kept.contains(day) || found(open_ticket, day) || found(other_day, day)) continue;
        const auto events = read_events_between(db, day, day, EventSource::log);
        if (events.empty()) continue;
        put_digest.bind(1, day).bind(2, version).bind(3, events.front().seq).bind(4, events.back().seq);
        put_digest.bind(5, static_cast<std::int64_t>(events.size())).bind_blob(6, encode(events));
        put_digest.run();
    }
}

void forget(sql::Database& db, const std::string& day) {
    sql::Statement q(db, "DELETE FROM day_digests WHERE day = ?1");
    q.bind(1, day);
    q.run();
}

}  // namespace antre::day_digest
