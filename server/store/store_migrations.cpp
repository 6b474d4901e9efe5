#include "store_migrations.hpp"

#include <iterator>

#include "booking_store.hpp"

namespace antre::store_migrations {
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
    // 11: the keyed answers without a unique index on the key. Nothing looks a key up
    // in the table (the server loads the latest answers at start), a key is kept once,
    // and the index, in the keys' random order, cost a page of the -wal for each answer
    // kept and each one pruned (docs/decisions.md "Keyed answers kept without an index").
    R"sql(
    CREATE TABLE answers_kept (
        n INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        answer TEXT NOT NULL);
    INSERT INTO answers_kept (n, key, answer) SELECT n, key, answer FROM answers;
    DROP TABLE answers;
    ALTER TABLE answers_kept RENAME TO answers;
    )sql",
    // 12: each closed office day's events as the reports read them, in one row
    // (day_digest.hpp; docs/decisions.md "The year's report from day digests"). Written
    // at each day's close, for every settled day without one: a database of an earlier
    // version gets them all at its first close after the upgrade.
    R"sql(
    CREATE TABLE day_digests (
        day TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        events INTEGER NOT NULL,
        data BLOB NOT NULL);
    )sql",
    // 13: the link codes without an index. Nothing reads a ticket by its code from the
    // table (the page finds it among the day's tickets in memory), and the index, in the
    // codes' random order, cost a page of the -wal for nearly every issue
    // (docs/decisions.md "Link codes kept without an index").
    R"sql(
    DROP INDEX tickets_code;
    )sql",
    // 14: the open tickets' index with its condition as three comparisons. Written as
    // `status IN (...)`, SQLite built a temporary table for the list three times each
    // time a ticket row was written (docs/decisions.md "The open tickets' index without
    // an IN list").
    R"sql(
    DROP INDEX tickets_open;
    CREATE INDEX tickets_open ON tickets(status) WHERE status = 'waiting' OR status = 'called' OR status = 'serving';
    )sql",
    // 15: no index of the tickets by day alone: the unique index on (day, origin_service,
    // number) that version 1 made starts with the day and serves every query by day, and
    // this one was written again with every issue (docs/decisions.md "One index of the
    // tickets by day").
    R"sql(
    DROP INDEX tickets_day;
    )sql",
};

}  // namespace

std::span<const char* const> all() { return {migrations, std::size(migrations)}; }

}  // namespace antre::store_migrations
