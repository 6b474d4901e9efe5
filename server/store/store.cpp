#include "store.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <limits>
#include <set>

#include <sys/stat.h>

#include "antre/config.hpp"
#include "antre/printed_once.hpp"
#include "booking_store.hpp"
#include "day_digest.hpp"
#include "finished_legs.hpp"
#include "sqlite.hpp"
#include "store_migrations.hpp"

namespace antre {
namespace {

constexpr const char* ticket_columns =
    "id, day, service, origin_service, number, label, priority, status, queue_key, issued_at, "
    "first_called_at, called_at, service_started_at, finished_at, counter, officer, recalls, "
    "no_shows, transfers, estimated_wait_s, rating, code, estimated_call_from, estimated_call_to, booking, "
    "waits_from";

}  // namespace

struct Store::Statements {
    explicit Statements(sql::Database& db)
        : insert_event(db,
                       "INSERT INTO events (at, day, type, ticket, service, counter, officer, detail) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
          // An upsert on the id alone, not INSERT OR REPLACE: OR REPLACE would also
          // resolve a clash on UNIQUE (day, origin_service, number) by deleting the
          // other ticket, so a number handed out twice would pass silently.
          // The update leaves out what a ticket keeps from its issue on (its day,
          // origin service, number, label, issue time, link code and booking): SQLite
          // rewrites the index entries of every column an UPDATE sets, changed or not,
          // and the link codes' index is in random order, so each call or finish
          // would write one more page of it to the -wal (docs/benchmarks.md).
          upsert_ticket(
              db, std::string("INSERT INTO tickets (") + ticket_columns +
                      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                      "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26) ON CONFLICT (id) DO UPDATE SET "
                      "service = excluded.service, "
                      "priority = excluded.priority, status = excluded.status, "
                      "queue_key = excluded.queue_key, "
                      "first_called_at = excluded.first_called_at, called_at = excluded.called_at, "
                      "service_started_at = excluded.service_started_at, "
                      "finished_at = excluded.finished_at, counter = excluded.counter, "
                      "officer = excluded.officer, recalls = excluded.recalls, "
                      "no_shows = excluded.no_shows, transfers = excluded.transfers, "
                      "estimated_wait_s = excluded.estimated_wait_s, rating = excluded.rating, "
                      "estimated_call_from = excluded.estimated_call_from, "
                      "estimated_call_to = excluded.estimated_call_to, "
                      "waits_from = excluded.waits_from"),
          // The rows below are written again with every commit that carries them, most
          // often unchanged (an issue carries its service and the day): an update whose
          // WHERE is false leaves the row's page alone, so the commit writes, and syncs,
          // fewer pages to the -wal (docs/benchmarks.md, issue #19 ratios).
          upsert_counter(db,
                         "INSERT INTO counters (number, definition, state, officer, active_ticket, "
                         "pause_reason, since) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (number) DO UPDATE "
                         "SET definition = excluded.definition, state = excluded.state, officer = excluded.officer, "
                         "active_ticket = excluded.active_ticket, pause_reason = excluded.pause_reason, "
                         "since = excluded.since WHERE definition IS NOT excluded.definition OR state IS NOT "
                         "excluded.state OR officer IS NOT excluded.officer OR active_ticket IS NOT "
                         "excluded.active_ticket OR pause_reason IS NOT excluded.pause_reason OR since IS NOT "
                         "excluded.since"),
          upsert_service(db,
                         "INSERT INTO services (code, position, definition, closed) VALUES (?1, ?2, ?3, ?4) "
                         "ON CONFLICT (code) DO UPDATE SET position = excluded.position, "
                         "definition = excluded.definition, closed = excluded.closed WHERE position IS NOT "
                         "excluded.position OR definition IS NOT excluded.definition OR closed IS NOT "
                         "excluded.closed"),
          upsert_service_day(db,
                             "INSERT INTO service_days (service, day, last_number, regular_since_priority) "
                             "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (service, day) DO UPDATE SET "
                             "last_number = excluded.last_number, "
                             "regular_since_priority = excluded.regular_since_priority WHERE last_number IS NOT "
                             "excluded.last_number OR regular_since_priority IS NOT "
                             "excluded.regular_since_priority"),
          set_day(db,
                  "INSERT INTO meta (key, value) VALUES ('day', ?1) ON CONFLICT (key) DO UPDATE SET "
                  "value = excluded.value WHERE value IS NOT excluded.value"),
          // Plain inserts: a key is kept once, since a retry of a kept answer is answered,
          // never applied again (schema version 11 dropped the key's unique index).
          insert_answer(db, "INSERT INTO answers (key, answer) VALUES (?1, ?2)"),
          prune_answers(db, "DELETE FROM answers WHERE n <= ?1") {}

    sql::Statement insert_event;
    sql::Statement upsert_ticket;
    sql::Statement upsert_counter;
    sql::Statement upsert_service;
    sql::Statement upsert_service_day;
    sql::Statement set_day;
    sql::Statement insert_answer;
    sql::Statement prune_answers;
    // The definitions' text, written with their rows (a counter's with every call).
    PrintedOnce<std::string, Service, std::string> service_text;
    PrintedOnce<int, CounterConfig, std::string> counter_text;
};

Store::Store(const std::string& path) : path_(path) { open(); }

void Store::open() {
    db_ = std::make_unique<sql::Database>(path_);
    try {
        db_->exec("PRAGMA journal_mode=WAL");
    } catch (const sql::Error& e) {
        if (!e.unavailable()) throw;
        // SQLite's message ("attempt to write a readonly database") hides the usual cause.
        throw sql::Error(std::string(e.what()) + " (" + path_ +
                             ": the file and its folder must be writable, since SQLite keeps its -wal and "
                             "-shm files beside it)",
                         e.extended_code());
    }
    // FULL: a commit is on disk before the request is acknowledged, also across power loss.
    db_->exec("PRAGMA synchronous=FULL");
    db_->exec("PRAGMA foreign_keys=ON");
    migrate();
    {
        sql::Statement q(*db_, "SELECT max(day) FROM events");
        newest_day_ = q.step() && !q.is_null(0) ? q.text(0) : std::string();
    }
    st_ = std::make_unique<Statements>(*db_);
    remember_files();
}

Store::~Store() = default;

int Store::schema_version() { return static_cast<int>(store_migrations::all().size()); }

void Store::migrate() {
    sql::Statement q(*db_, "PRAGMA user_version");
    q.step();
    const int version = q.integer(0);
    q.reset();
    if (version > schema_version())
        throw std::runtime_error("database schema version " + std::to_string(version) +
                                 " is newer than this antre-server (" + std::to_string(schema_version()) + ")");
    for (int v = version; v < schema_version(); ++v) {
        sql::Transaction tx(*db_);
        db_->exec(store_migrations::all()[v]);
        db_->exec("PRAGMA user_version=" + std::to_string(v + 1));
        tx.commit();
    }
}

bool Store::is_new() const {
    sql::Statement q(*db_, "SELECT count(*) FROM services");
    q.step();
    return q.int64(0) == 0;
}

BookingState Store::load_bookings(const std::string& from_day) { return booking_store::load(*db_, from_day); }

std::vector<booking_report::Fact> Store::booking_facts(const std::string& from_day, const std::string& to_day) {
    return booking_store::facts(*db_, from_day, to_day);
}

int Store::booking_count(const std::string& day, BookingStatus status) {
    return booking_store::count(*db_, day, status);
}

EngineState Store::load() {
    EngineState s;
    {
        sql::Statement q(*db_, "SELECT value FROM meta WHERE key = 'day'");
        if (q.step()) s.day = q.text(0);
    }
    {
        sql::Statement q(*db_,
                         "SELECT s.code, s.definition, s.closed, d.last_number, d.regular_since_priority "
                         "FROM services s LEFT JOIN service_days d ON d.service = s.code AND d.day = ?1 "
                         "ORDER BY s.position");
        q.bind(1, s.day);
        while (q.step()) {
            ServiceState st;
            st.def = service_from_json(q.text(1), "services." + q.text(0));
            st.closed = q.integer(2) != 0;
            st.last_number = q.is_null(3) ? 0 : q.integer(3);
            st.regular_since_priority = q.is_null(4) ? -1 : q.integer(4);
            s.services.push_back(std::move(st));
        }
    }
    {
        sql::Statement q(*db_,
                         "SELECT number, definition, state, officer, active_ticket, pause_reason, since "
                         "FROM counters ORDER BY number");
        while (q.step()) {
            Counter c;
            c.config = counter_from_json(q.text(1), "counters." + q.text(0));
            c.state = parse_counter_state(q.text(2)).value_or(CounterState::closed);
            c.officer = q.text(3);
            c.active = q.opt_int64(4);
            c.pause_reason = q.text(5);
            c.since = q.int64(6);
            s.counters.push_back(std::move(c));
        }
    }
    {
        // The open tickets' condition is written as in the index `tickets_open`
        // (schema version 14), so that the planner uses it instead of the whole table.
        sql::Statement q(
            *db_, std::string("SELECT ") + ticket_columns +
                      " FROM tickets WHERE day = ?1 OR status = 'waiting' OR status = 'called' OR status = 'serving' "
                      "ORDER BY id");
        q.bind(1, s.day);
        while (q.step()) {
            Ticket t;
            t.id = q.int64(0);
            t.day = q.text(1);
            t.service = q.text(2);
            t.origin_service = q.text(3);
            t.number = q.integer(4);
            t.label = q.text(5);
            t.priority = parse_priority(q.text(6)).value_or(Priority::none);
            t.status = parse_ticket_status(q.text(7)).value_or(TicketStatus::waiting);
            t.queue_key = q.int64(8);
            t.issued_at = q.int64(9);
            t.first_called_at = q.opt_int64(10);
            t.called_at = q.opt_int64(11);
            t.service_started_at = q.opt_int64(12);
            t.finished_at = q.opt_int64(13);
            t.counter = q.integer(14);
            t.officer = q.text(15);
            t.recalls = q.integer(16);
            t.no_shows = q.integer(17);
            t.transfers = q.integer(18);
            if (!q.is_null(19)) t.estimated_wait_s = q.integer(19);
            if (!q.is_null(20)) t.rating = q.integer(20);
            if (!q.is_null(21)) t.code = q.text(21);
            t.estimated_call_from = q.opt_int64(22);
            t.estimated_call_to = q.opt_int64(23);
            t.booking = q.opt_int64(24);
            t.waits_from = q.opt_int64(25);
            s.tickets.push_back(std::move(t));
        }
    }
    {
        // The board's history comes back from the day's calls, replayed newest first
        // (Engine::note_call keeps the same list as they happen).
        sql::Statement q(*db_,
                         "SELECT ticket, service, counter, at, type FROM events WHERE day = ?1 "
                         "AND type IN ('ticket_called', 'ticket_recalled') ORDER BY seq DESC");
        q.bind(1, s.day);
        std::set<TicketId> seen;
        while (s.recent_calls.size() < recent_calls_kept && q.step())
            if (seen.insert(q.int64(0)).second)
                s.recent_calls.push_back(
                    {q.int64(0), q.text(1), q.integer(2), q.int64(3), q.text(4) == "ticket_recalled"});
    }
    {
        sql::Statement q(*db_, "SELECT coalesce(max(id), 0) + 1 FROM tickets");
        q.step();
        s.next_ticket_id = q.int64(0);
    }
    return s;
}

std::int64_t Store::insert_event(const Event& e) {
    // A late event of a day whose digest is kept (a clock set back across midnight)
    // makes the digest incomplete: it goes, and the day's next close writes it anew.
    if (e.day < newest_day_)
        day_digest::forget(*db_, e.day);
    else
        newest_day_ = e.day;
    auto& q = st_->insert_event;
    q.bind(1, e.at).bind(2, e.day).bind(3, e.type).bind(4, e.ticket).bind(5, e.service);
    q.bind(6, e.counter).bind(7, e.officer).bind(8, e.detail);
    q.run();
    return db_->last_insert_rowid();
}

std::vector<std::int64_t> Store::apply(const Effect& fx) { return apply(std::vector<Effect>{fx}); }

std::vector<KeyedAnswer> Store::keyed_answers() {
    std::vector<KeyedAnswer> out;
    sql::Statement q(*db_,
                     "SELECT key, answer FROM (SELECT n, key, answer FROM answers ORDER BY n DESC LIMIT ?1) "
                     "ORDER BY n");
    q.bind(1, static_cast<std::int64_t>(answers_kept));
    while (q.step()) out.push_back({q.text(0), q.text(1)});
    return out;
}

// In the batch's transaction: an answer is kept exactly when its effect is.
void Store::write_answers(const std::vector<KeyedAnswer>& answers) {
    if (answers.empty()) return;
    for (const auto& a : answers) {
        st_->insert_answer.bind(1, a.key).bind(2, a.answer);
        st_->insert_answer.run();
    }
    // The oldest beyond the latest answers_kept go in one delete each time the numbers
    // pass a multiple of answers_pruned_together, not a few with every batch: the rows
    // of one delete lie side by side, so their pages are written to the -wal once.
    const std::int64_t last = db_->last_insert_rowid();
    const auto step = static_cast<std::int64_t>(answers_pruned_together);
    if (last / step == (last - static_cast<std::int64_t>(answers.size())) / step) return;
    st_->prune_answers.bind(1, last - static_cast<std::int64_t>(answers_kept));
    st_->prune_answers.run();
}

// Several effects in one transaction: one durable commit (one fsync) for a whole
// batch of requests.
std::vector<std::int64_t> Store::apply(const std::vector<Effect>& effects, const std::vector<KeyedAnswer>& answers,
                                       const std::vector<AccountWrite>& accounts) {
    if (!failed_.empty()) throw FatalError(failed_);
    // SQLite opens a file it may not write read-only and keeps it so: while that
    // lasts, each write first opens the file afresh, in case it is writable again.
    if (db_->read_only()) reopen();
    std::vector<std::int64_t> seqs;
    guarded([&] { seqs = write(effects, answers, accounts); });
    // Before anyone is told: the commit went to the file that will be opened next time.
    check_files();
    return seqs;
}

void Store::guarded(const std::function<void()>& write) {
    if (!failed_.empty()) throw FatalError(failed_);
    try {
        write();
    } catch (const sql::Error& e) {
        // After a failed write-back Linux may drop the dirty pages and report the next
        // fsync as a success ("fsyncgate"): retrying on this handle could acknowledge
        // what is not on disk. What was acknowledged before is in the file and its
        // -wal; a new process recovers it.
        if (e.io_failure())
            fail("a write to " + path_ + " failed (" + e.what() +
                 "); the disk may have lost it and may report later writes as done all the same, so nothing more "
                 "is acknowledged. Every acknowledged operation is in the file and its -wal: start the server again "
                 "once the disk is sound");
        throw;
    }
}

void Store::reopen() {
    auto old_db = std::move(db_);
    auto old_st = std::move(st_);  // finalized before its database closes
    try {
        open();
    } catch (const std::exception&) {
        db_ = std::move(old_db);  // the write that follows fails and says why
        st_ = std::move(old_st);
    }
}

// Each effect carries its records as its command left them. Of the copies of one
// row in a batch only the latest counts, which is what committing the effects one
// by one would leave: a service's numbers are kept per (service, day), so a batch
// that crosses midnight keeps the closed day's last number too.
std::vector<std::int64_t> Store::write(const std::vector<Effect>& effects, const std::vector<KeyedAnswer>& answers,
                                       const std::vector<AccountWrite>& accounts) {
    std::vector<std::int64_t> seqs;
    const auto empty = [](const Effect& fx) { return fx.empty(); };
    if (std::all_of(effects.begin(), effects.end(), empty) && answers.empty() && accounts.empty()) return seqs;
    std::vector<const Ticket*> tickets;
    std::vector<const Counter*> counters;
    std::vector<const ServiceRecord*> services, service_days;
    std::set<TicketId> ticket_seen;
    std::set<int> counter_seen;
    std::set<std::string> service_seen;
    std::set<std::pair<std::string, std::string>> day_seen;
    std::string day;
    for (auto fx = effects.rbegin(); fx != effects.rend(); ++fx) {
        const auto& r = fx->records;
        if (day.empty()) day = r.day;
        for (auto t = r.tickets.rbegin(); t != r.tickets.rend(); ++t)
            if (ticket_seen.insert(t->id).second) tickets.push_back(&*t);
        for (auto c = r.counters.rbegin(); c != r.counters.rend(); ++c)
            if (counter_seen.insert(c->config.number).second) counters.push_back(&*c);
        for (auto s = r.services.rbegin(); s != r.services.rend(); ++s) {
            if (service_seen.insert(s->state.def.code).second) services.push_back(&*s);
            if (day_seen.insert({s->state.def.code, s->day}).second) service_days.push_back(&*s);
        }
    }
    // Written in the order they changed, which reads best in a trace.
    std::reverse(tickets.begin(), tickets.end());
    std::reverse(counters.begin(), counters.end());
    std::reverse(services.begin(), services.end());
    std::reverse(service_days.begin(), service_days.end());
    sql::Transaction tx(*db_);
    bool day_closed = false;
    for (const auto& fx : effects)
        for (const auto& e : fx.events) {
            seqs.push_back(insert_event(e));
            write_survey_note(fx, e, seqs.back());
            day_closed = day_closed || e.type == "day_started";
        }
    for (const Ticket* t : tickets) {
        auto& q = st_->upsert_ticket;
        q.bind(1, t->id).bind(2, t->day).bind(3, t->service).bind(4, t->origin_service).bind(5, t->number);
        q.bind(6, t->label).bind(7, std::string(to_string(t->priority))).bind(8, std::string(to_string(t->status)));
        q.bind(9, t->queue_key).bind(10, t->issued_at).bind(11, t->first_called_at).bind(12, t->called_at);
        q.bind(13, t->service_started_at).bind(14, t->finished_at).bind(15, t->counter).bind(16, t->officer);
        q.bind(17, t->recalls).bind(18, t->no_shows).bind(19, t->transfers).bind(20, t->estimated_wait_s);
        q.bind(21, t->rating);
        if (t->code.empty())
            q.bind_null(22);
        else
            q.bind(22, t->code);
        q.bind(23, t->estimated_call_from).bind(24, t->estimated_call_to);
        q.bind(25, t->booking).bind(26, t->waits_from);
        q.run();
    }
    for (const Counter* c : counters) {
        auto& q = st_->upsert_counter;
        q.bind(1, c->config.number)
            .bind(2, st_->counter_text.get(c->config.number, c->config,
                                           [](const CounterConfig& d) { return counter_to_json(d); }))
            .bind(3, std::string(to_string(c->state)));
        q.bind(4, c->officer).bind(5, c->active).bind(6, c->pause_reason).bind(7, c->since);
        q.run();
    }
    for (const ServiceRecord* s : services) {
        st_->upsert_service.bind(1, s->state.def.code)
            .bind(2, static_cast<std::int64_t>(s->position))
            .bind(3, st_->service_text.get(s->state.def.code, s->state.def,
                                           [](const Service& d) { return service_to_json(d); }))
            .bind(4, s->state.closed ? 1 : 0);
        st_->upsert_service.run();
    }
    for (const ServiceRecord* s : service_days) {
        st_->upsert_service_day.bind(1, s->state.def.code)
            .bind(2, s->day)
            .bind(3, s->state.last_number)
            .bind(4, s->state.regular_since_priority);
        st_->upsert_service_day.run();
    }
    if (!day.empty()) {
        st_->set_day.bind(1, day);
        st_->set_day.run();
    }
    for (const auto& a : accounts) {
        switch (a.kind) {
            case AccountWrite::Kind::save_officer:
                insert_officer(a.officer, a.event_type, a.actor, a.at, a.day);
                break;
            case AccountWrite::Kind::save_token:
                write_token(a.token_hash, a.token);
                break;
            case AccountWrite::Kind::delete_tokens: {
                sql::Statement q(*db_, "DELETE FROM tokens WHERE nip = ?1");
                q.bind(1, a.nip);
                q.run();
                break;
            }
        }
    }
    booking_store::write(*db_, effects);
    write_answers(answers);
    // The day's close writes the digests of the days it settled, with the closed
    // tickets' final rows written above (day_digest.hpp).
    if (day_closed) day_digest::write_closed_days(*db_, newest_day_);
    tx.commit();
    return seqs;
}

}  // namespace antre
