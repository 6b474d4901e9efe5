// Officers, their log-in tokens and their day, in the store.
#include "store.hpp"

#include "sqlite.hpp"

namespace antre {

std::optional<OfficerRecord> Store::find_officer(const std::string& nip) {
    sql::Statement q(*db_, "SELECT nip, name, role, pin_hash, active FROM officers WHERE nip = ?1");
    q.bind(1, nip);
    if (!q.step()) return std::nullopt;
    return OfficerRecord{q.text(0), q.text(1), parse_officer_role(q.text(2)).value_or(OfficerRole::officer), q.text(3),
                         q.integer(4) != 0};
}

std::vector<OfficerRecord> Store::officers() {
    std::vector<OfficerRecord> out;
    sql::Statement q(*db_, "SELECT nip, name, role, pin_hash, active FROM officers ORDER BY nip");
    while (q.step())
        out.push_back({q.text(0), q.text(1), parse_officer_role(q.text(2)).value_or(OfficerRole::officer), q.text(3),
                       q.integer(4) != 0});
    return out;
}

void Store::save_officer(const OfficerRecord& o, const std::string& event_type, const std::string& actor, Millis now,
                         const std::string& day) {
    guarded([&] { write_officer(o, event_type, actor, now, day); });
}

void Store::write_officer(const OfficerRecord& o, const std::string& event_type, const std::string& actor, Millis now,
                          const std::string& day) {
    sql::Transaction tx(*db_);
    insert_officer(o, event_type, actor, now, day);
    tx.commit();
}

void Store::insert_officer(const OfficerRecord& o, const std::string& event_type, const std::string& actor, Millis now,
                           const std::string& day) {
    const auto before = find_officer(o.nip);
    sql::Statement q(*db_,
                     "INSERT OR REPLACE INTO officers (nip, name, role, pin_hash, active) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)");
    q.bind(1, o.nip).bind(2, o.name).bind(3, std::string(to_string(o.role))).bind(4, o.pin_hash);
    q.bind(5, o.active ? 1 : 0);
    q.run();
    Event e;
    e.type = event_type;
    e.at = now;
    e.day = day;
    e.officer = actor;
    // The detail names whom the change was about; never the PIN or its hash.
    e.detail = o.nip + " " + std::string(to_string(o.role)) + (o.active ? "" : " nonaktif") +
               (before && before->pin_hash != o.pin_hash ? " PIN baru" : "");
    insert_event(e);
}

void Store::save_token(const std::string& token_hash, const TokenRecord& t) {
    guarded([&] { write_token(token_hash, t); });
}

void Store::write_token(const std::string& token_hash, const TokenRecord& t) {
    sql::Statement q(*db_,
                     "INSERT OR REPLACE INTO tokens (token_hash, nip, counter, expires_at) VALUES (?1, ?2, ?3, ?4)");
    q.bind(1, token_hash).bind(2, t.nip).bind(3, t.counter).bind(4, t.expires_at);
    q.run();
}

std::optional<TokenRecord> Store::find_token(const std::string& token_hash) {
    sql::Statement q(*db_, "SELECT nip, counter, expires_at FROM tokens WHERE token_hash = ?1");
    q.bind(1, token_hash);
    if (!q.step()) return std::nullopt;
    return TokenRecord{q.text(0), q.integer(1), q.int64(2)};
}

void Store::delete_tokens(const std::string& nip) {
    guarded([&] {
        sql::Statement q(*db_, "DELETE FROM tokens WHERE nip = ?1");
        q.bind(1, nip);
        q.run();
    });
}

void Store::delete_token(const std::string& token_hash) {
    guarded([&] {
        sql::Statement q(*db_, "DELETE FROM tokens WHERE token_hash = ?1");
        q.bind(1, token_hash);
        q.run();
    });
}

OfficerDay Store::officer_day(const std::string& nip, const std::string& day) {
    OfficerDay d;
    sql::Statement counts(*db_,
                          "SELECT type, count(*) FROM events WHERE day = ?1 AND officer = ?2 AND type IN "
                          "('ticket_finished', 'ticket_no_show', 'ticket_transferred') GROUP BY type");
    counts.bind(1, day).bind(2, nip);
    while (counts.step()) {
        const auto type = counts.text(0);
        (type == "ticket_finished"  ? d.served
         : type == "ticket_no_show" ? d.no_shows
                                    : d.transfers) = counts.integer(1);
    }
    // A finished ticket is final, so its row still holds the times of that service.
    sql::Statement times(*db_,
                         "SELECT t.service, t.finished_at - t.service_started_at FROM events e "
                         "JOIN tickets t ON t.id = e.ticket WHERE e.day = ?1 AND e.officer = ?2 "
                         "AND e.type = 'ticket_finished' AND t.status = 'done' ORDER BY e.seq");
    times.bind(1, day).bind(2, nip);
    while (times.step()) d.service_times.emplace_back(times.text(0), times.int64(1));
    return d;
}

}  // namespace antre
