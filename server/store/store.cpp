#include "store.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <limits>
#include <set>

#include <sys/stat.h>

#include "antre/config.hpp"
#include "booking_store.hpp"
#include "finished_legs.hpp"
#include "sqlite.hpp"

namespace antre {
namespace {

// Each entry moves the schema one version up; never edit an entry once shipped.
const char* const migrations[] = {
    R"sql(
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        day TEXT NOT NULL,
        type TEXT NOT NULL,
        ticket INTEGER,
        service TEXT NOT NULL DEFAULT '',
        counter INTEGER NOT NULL DEFAULT 0,
        officer TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '');
    CREATE INDEX events_day ON events(day, type);
    CREATE INDEX events_ticket ON events(ticket);
    CREATE TABLE services (
        code TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        definition TEXT NOT NULL,
        closed INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE service_days (
        service TEXT NOT NULL,
        day TEXT NOT NULL,
        last_number INTEGER NOT NULL,
        regular_since_priority INTEGER NOT NULL,
        PRIMARY KEY (service, day));
    CREATE TABLE counters (
        number INTEGER PRIMARY KEY,
        definition TEXT NOT NULL,
        state TEXT NOT NULL,
        officer TEXT NOT NULL DEFAULT '',
        active_ticket INTEGER,
        pause_reason TEXT NOT NULL DEFAULT '',
        since INTEGER NOT NULL);
    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        service TEXT NOT NULL,
        origin_service TEXT NOT NULL,
        number INTEGER NOT NULL,
        label TEXT NOT NULL,
        priority TEXT NOT NULL,
        status TEXT NOT NULL,
        queue_key INTEGER NOT NULL,
        issued_at INTEGER NOT NULL,
        first_called_at INTEGER,
        called_at INTEGER,
        service_started_at INTEGER,
        finished_at INTEGER,
        counter INTEGER NOT NULL DEFAULT 0,
        officer TEXT NOT NULL DEFAULT '',
        recalls INTEGER NOT NULL DEFAULT 0,
        no_shows INTEGER NOT NULL DEFAULT 0,
        transfers INTEGER NOT NULL DEFAULT 0,
        estimated_wait_s INTEGER,
        UNIQUE (day, origin_service, number));
    CREATE INDEX tickets_open ON tickets(status) WHERE status IN ('waiting', 'called', 'serving');
    CREATE TABLE officers (
        nip TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1);
    CREATE TABLE tokens (
        token_hash TEXT PRIMARY KEY,
        nip TEXT NOT NULL,
        counter INTEGER NOT NULL,
        expires_at INTEGER NOT NULL);
    )sql",
    // 2: the restart loads one day's tickets; without this it reads them all.
    R"sql(
    CREATE INDEX tickets_day ON tickets(day);
    )sql",
    // 3: the citizen's 1-4 rating after service (issue #6 feedback).
    R"sql(
    ALTER TABLE tickets ADD COLUMN rating INTEGER;
    )sql",
    // 4: the answers to keyed requests, so that a retry after a restart is not
    // applied again (the latest Store::answers_kept, by n).
    R"sql(
    CREATE TABLE answers (
        n INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        answer TEXT NOT NULL);
    )sql",
    // 5: the secret code of the ticket's public link (docs/public-page.md); NULL for
    // tickets issued before it. Unique, so a code names one ticket.
    R"sql(
    ALTER TABLE tickets ADD COLUMN code TEXT;
    CREATE UNIQUE INDEX tickets_code ON tickets(code) WHERE code IS NOT NULL;
    )sql",
    // 6: the SKM's saran/pengaduan, apart from the event log (it may name people and
    // never leaves the office), with the manager's answer (docs/metrics.md "SKM").
    R"sql(
    CREATE TABLE survey_notes (
        seq INTEGER PRIMARY KEY REFERENCES events(seq),
        day TEXT NOT NULL,
        at INTEGER NOT NULL,
        service TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        reply TEXT,
        replied_by TEXT,
        replied_at INTEGER);
    CREATE INDEX survey_notes_day ON survey_notes(day);
    )sql",
    // 7: online booking (booking_store.cpp).
    booking_store::migration,
    // 8: the call interval promised at issue (docs/queue.md "Forward estimate").
    R"sql(
    ALTER TABLE tickets ADD COLUMN estimated_call_from INTEGER;
    ALTER TABLE tickets ADD COLUMN estimated_call_to INTEGER;
    )sql",
    // 9: a ticket issued for a booking checked in at the kiosk (the "Daring" mark) and
    // the moment the call rule counts it as waiting from (docs/booking.md "Check-in").
    R"sql(
    ALTER TABLE tickets ADD COLUMN booking INTEGER;
    ALTER TABLE tickets ADD COLUMN waits_from INTEGER;
    )sql",
    // 10: a period's booked tickets found without reading its walk-ins (booking_report).
    R"sql(
    CREATE INDEX tickets_booked ON tickets(day) WHERE booking IS NOT NULL;
    )sql",
};

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
          upsert_ticket(
              db, std::string("INSERT INTO tickets (") + ticket_columns +
                      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                      "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26) ON CONFLICT (id) DO UPDATE SET "
                      "day = excluded.day, service = excluded.service, "
                      "origin_service = excluded.origin_service, number = excluded.number, "
                      "label = excluded.label, priority = excluded.priority, status = excluded.status, "
                      "queue_key = excluded.queue_key, issued_at = excluded.issued_at, "
                      "first_called_at = excluded.first_called_at, called_at = excluded.called_at, "
                      "service_started_at = excluded.service_started_at, "
                      "finished_at = excluded.finished_at, counter = excluded.counter, "
                      "officer = excluded.officer, recalls = excluded.recalls, "
                      "no_shows = excluded.no_shows, transfers = excluded.transfers, "
                      "estimated_wait_s = excluded.estimated_wait_s, rating = excluded.rating, "
                      "code = excluded.code, estimated_call_from = excluded.estimated_call_from, "
                      "estimated_call_to = excluded.estimated_call_to, booking = excluded.booking, "
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
          insert_answer(db, "INSERT OR REPLACE INTO answers (key, answer) VALUES (?1, ?2)"),
          prune_answers(db, "DELETE FROM answers WHERE n <= ?1") {}

    sql::Statement insert_event;
    sql::Statement upsert_ticket;
    sql::Statement upsert_counter;
    sql::Statement upsert_service;
    sql::Statement upsert_service_day;
    sql::Statement set_day;
    sql::Statement insert_answer;
    sql::Statement prune_answers;
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
    st_ = std::make_unique<Statements>(*db_);
    remember_files();
}

Store::~Store() = default;

int Store::schema_version() { return static_cast<int>(std::size(migrations)); }

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
        db_->exec(migrations[v]);
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
        sql::Statement q(*db_, std::string("SELECT ") + ticket_columns +
                                   " FROM tickets WHERE day = ?1 OR status IN ('waiting', 'called', 'serving') "
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
    st_->prune_answers.bind(1, db_->last_insert_rowid() - static_cast<std::int64_t>(answers_kept));
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

namespace {

std::optional<std::pair<unsigned long long, unsigned long long>> identity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return std::pair{static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino)};
}

}  // namespace

void Store::remember_files() {
    if (path_ == ":memory:") return;
    db_file_ = identity(path_);
    wal_file_ = identity(path_ + "-wal");
}

// Another program, or a person, deleted or replaced the file or its -wal (a restore
// over the live file, `rm data/*`): the connection still writes to the old ones,
// which nobody will open again, so a commit there must never be acknowledged.
void Store::check_files() {
    if (!db_file_) return;  // in memory
    const auto db_now = identity(path_);
    const auto wal_now = identity(path_ + "-wal");
    if (!wal_file_ && wal_now && db_now == db_file_) wal_file_ = wal_now;  // made by the first write
    if (db_now == db_file_ && wal_now == wal_file_) return;
    const char* const stop = " while the server had it open, so nothing more is acknowledged; ";
    if (db_now != db_file_) {
        const std::string rescued = rescue_copy();
        // The -wal beside it is this connection's: left there, the next start would
        // apply its pages to whatever file now has the name.
        std::string wal_note;
        if (wal_file_ && wal_now == wal_file_) {
            std::error_code ec;
            std::filesystem::remove(path_ + "-wal", ec);
            if (!ec) wal_note = " (its -wal, which belonged to the old file, is removed)";
        }
        fail(path_ + (db_now ? " was replaced by another file" : " was deleted") + stop + rescued + wal_note);
    }
    // The -wal alone: its commits are still readable through this connection, so they
    // are copied into the file, which is the one the next start opens.
    std::string rescued;
    try {
        sql::Statement q(*db_, "PRAGMA wal_checkpoint(FULL)");
        if (q.step() && q.integer(0) == 0)
            rescued = "every commit it held was copied into " + path_ + " (checkpoint), which the next start opens";
    } catch (const std::exception&) {}
    if (rescued.empty()) rescued = rescue_copy();
    fail(path_ + "-wal " + (wal_now ? "was replaced by another file" : "was deleted") + stop + rescued);
}

std::string Store::rescue_copy() {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    const std::string to = path_ + ".rescued-" + std::to_string(ms);
    try {
        sql::backup(*db_, to);
        return "what the server held, up to its last commit, is saved in " + to;
    } catch (const std::exception& e) {
        return "saving what the server held to " + to + " failed too: " + e.what();
    }
}

void Store::fail(const std::string& why) {
    failed_ = "stopping: " + why;
    // Closing would checkpoint: copy the -wal into the file through a page cache that
    // may not match the disk, then delete the -wal. Left as it is, the next start
    // recovers from it.
    db_->keep_wal_on_close();
    throw FatalError(failed_);
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
    for (const auto& fx : effects)
        for (const auto& e : fx.events) {
            seqs.push_back(insert_event(e));
            write_survey_note(fx, e, seqs.back());
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
        q.bind(1, c->config.number).bind(2, counter_to_json(c->config)).bind(3, std::string(to_string(c->state)));
        q.bind(4, c->officer).bind(5, c->active).bind(6, c->pause_reason).bind(7, c->since);
        q.run();
    }
    for (const ServiceRecord* s : services) {
        st_->upsert_service.bind(1, s->state.def.code)
            .bind(2, static_cast<std::int64_t>(s->position))
            .bind(3, service_to_json(s->state.def))
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
    tx.commit();
    return seqs;
}

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
                                  const std::function<void(const metrics::LoggedEvent&)>& visit) {
    return for_each_event_between(*db_, from_day, to_day, visit);
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
                                                      const std::string& to_day) {
    std::vector<metrics::LoggedEvent> out;
    for_each_event_between(db, from_day, to_day, [&](const metrics::LoggedEvent& e) { out.push_back(e); });
    return out;
}

namespace {

// The smallest and largest `key` of `table`'s rows whose day is in [from_day, to_day],
// for a table whose keys grow with its days (events by seq, tickets by id): the first
// row of the period's first day and the last of its last day. Both come from the day
// index, reading two days' entries rather than the whole period's.
std::optional<std::pair<std::int64_t, std::int64_t>> key_range(sql::Database& db, const std::string& table,
                                                               const std::string& key, const std::string& from_day,
                                                               const std::string& to_day) {
    sql::Statement q(db, "SELECT (SELECT min(" + key + ") FROM " + table + " WHERE day = (SELECT min(day) FROM " +
                             table + " WHERE day BETWEEN ?1 AND ?2)), (SELECT max(" + key + ") FROM " + table +
                             " WHERE day = (SELECT max(day) FROM " + table + " WHERE day BETWEEN ?1 AND ?2))");
    q.bind(1, from_day).bind(2, to_day);
    if (!q.step() || !q.opt_int64(0)) return std::nullopt;
    return std::pair{*q.opt_int64(0), *q.opt_int64(1)};
}

}  // namespace

std::size_t for_each_event_between(sql::Database& db, const std::string& from_day, const std::string& to_day,
                                   const std::function<void(const metrics::LoggedEvent&)>& visit) {
    // The period's seq range first, then the rows in seq order straight off the table:
    // no sort of a month of events in a temp b-tree. Events are appended as they happen,
    // so the range runs from the first event of the period's first day to the last of its
    // last day (a year's plain min/max over the day index alone took 0.2 s).
    const auto range = key_range(db, "events", "seq", from_day, to_day);
    if (!range) return 0;
    const auto [first, last] = *range;

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
    const auto ids = key_range(db, "tickets", "id", from_day, to_day);
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
        if (le.event.day < from_day || le.event.day > to_day) continue;
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

}  // namespace antre
