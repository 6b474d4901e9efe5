#include "booking_store.hpp"

#include <map>
#include <set>

#include "sqlite.hpp"

namespace antre::booking_store {

// 6: online booking. The NIK, name and phone are emptied after the retention
// (Effect::Records::erase_personal_before); the rest stays for the counts.
const char* const migration = R"sql(
    CREATE TABLE bookings (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL,
        service TEXT NOT NULL,
        day TEXT NOT NULL,
        session_start INTEGER NOT NULL,
        session_end INTEGER NOT NULL,
        nik TEXT NOT NULL,
        name TEXT NOT NULL,
        phone TEXT NOT NULL,
        status TEXT NOT NULL,
        booked_at INTEGER NOT NULL,
        changed_at INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '');
    CREATE INDEX bookings_day ON bookings(day, service);
    CREATE TABLE booking_closures (
        service TEXT NOT NULL,
        day TEXT NOT NULL,
        session_start INTEGER NOT NULL,
        reason TEXT NOT NULL,
        by TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (service, day, session_start));
    )sql";

namespace {
constexpr const char* columns =
    "id, code, service, day, session_start, session_end, nik, name, phone, status, booked_at, changed_at, reason";
}

void write(sql::Database& db, const std::vector<Effect>& effects) {
    // Of the copies of one booking in a batch only the latest counts.
    std::vector<const Booking*> latest;
    std::set<BookingId> seen;
    std::string erase_before;
    for (auto fx = effects.rbegin(); fx != effects.rend(); ++fx) {
        const auto& r = fx->records;
        for (auto b = r.bookings.rbegin(); b != r.bookings.rend(); ++b)
            if (seen.insert(b->id).second) latest.push_back(&*b);
        erase_before = std::max(erase_before, r.erase_personal_before);
    }
    if (!latest.empty()) {
        sql::Statement q(db, std::string("INSERT OR REPLACE INTO bookings (") + columns +
                                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
        for (auto it = latest.rbegin(); it != latest.rend(); ++it) {
            const Booking& b = **it;
            q.bind(1, b.id).bind(2, b.code).bind(3, b.service).bind(4, b.day).bind(5, b.session_start);
            q.bind(6, b.session_end).bind(7, b.nik).bind(8, b.name).bind(9, b.phone);
            q.bind(10, std::string(to_string(b.status))).bind(11, b.booked_at).bind(12, b.changed_at);
            q.bind(13, b.reason);
            q.run();
        }
    }
    for (const auto& fx : effects)
        for (const auto& c : fx.records.closures) {
            sql::Statement q(db,
                             "INSERT OR REPLACE INTO booking_closures (service, day, session_start, reason, by, at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            q.bind(1, c.service).bind(2, c.day).bind(3, c.session_start).bind(4, c.reason).bind(5, c.by).bind(6, c.at);
            q.run();
        }
    if (!erase_before.empty()) {
        sql::Statement q(db,
                         "UPDATE bookings SET nik = '', name = '', phone = '' "
                         "WHERE day < ?1 AND (nik != '' OR name != '' OR phone != '')");
        q.bind(1, erase_before);
        q.run();
    }
}

BookingState load(sql::Database& db, const std::string& from_day) {
    BookingState s;
    {
        sql::Statement q(db, "SELECT coalesce(max(id), 0) FROM bookings");
        q.step();
        s.next_id = q.int64(0) + 1;
    }
    {
        sql::Statement q(db, std::string("SELECT ") + columns + " FROM bookings WHERE day >= ?1 ORDER BY id");
        q.bind(1, from_day);
        while (q.step()) {
            Booking b;
            b.id = q.int64(0);
            b.code = q.text(1);
            b.service = q.text(2);
            b.day = q.text(3);
            b.session_start = q.integer(4);
            b.session_end = q.integer(5);
            b.nik = q.text(6);
            b.name = q.text(7);
            b.phone = q.text(8);
            b.status = parse_booking_status(q.text(9)).value_or(BookingStatus::cancelled);
            b.booked_at = q.int64(10);
            b.changed_at = q.int64(11);
            b.reason = q.text(12);
            s.bookings.push_back(std::move(b));
        }
    }
    sql::Statement q(db,
                     "SELECT service, day, session_start, reason, by, at FROM booking_closures WHERE day >= ?1 "
                     "ORDER BY at");
    q.bind(1, from_day);
    while (q.step()) s.closures.push_back({q.text(0), q.text(1), q.integer(2), q.text(3), q.text(4), q.int64(5)});
    return s;
}

int count(sql::Database& db, const std::string& day, BookingStatus status) {
    sql::Statement q(db, "SELECT count(*) FROM bookings WHERE (?1 = '' OR day = ?1) AND status = ?2");
    q.bind(1, day).bind(2, std::string(to_string(status)));
    q.step();
    return q.integer(0);
}

std::vector<booking_report::Fact> facts(sql::Database& db, const std::string& from_day, const std::string& to_day) {
    // The check-in tickets first (indexed by day; a check-in happens on its booking's day).
    std::map<BookingId, std::pair<Millis, std::optional<Millis>>> tickets;
    sql::Statement t(db,
                     "SELECT booking, issued_at, first_called_at FROM tickets "
                     "WHERE day BETWEEN ?1 AND ?2 AND booking IS NOT NULL");
    t.bind(1, from_day).bind(2, to_day);
    while (t.step()) tickets[t.int64(0)] = {t.int64(1), t.opt_int64(2)};
    std::vector<booking_report::Fact> out;
    sql::Statement q(db,
                     "SELECT id, day, service, session_start, session_end, status, reason FROM bookings "
                     "WHERE day BETWEEN ?1 AND ?2 ORDER BY id");
    q.bind(1, from_day).bind(2, to_day);
    while (q.step()) {
        booking_report::Fact f;
        f.day = q.text(1);
        f.service = q.text(2);
        f.session_start = q.integer(3);
        f.session_end = q.integer(4);
        f.status = parse_booking_status(q.text(5)).value_or(BookingStatus::cancelled);
        f.by_office = f.status == BookingStatus::cancelled && !q.text(6).empty();
        if (auto it = tickets.find(q.int64(0)); it != tickets.end()) {
            f.checked_in_at = it->second.first;
            f.first_called_at = it->second.second;
        }
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace antre::booking_store
