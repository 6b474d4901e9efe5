// Tests of the durable store (server/store/store.cpp) with the engine whose effects it
// persists: a realistic office morning is committed effect by effect, the file is
// closed and reopened, and the restored engine must carry on exactly where the
// first one stopped. Each test has its own temp file or ":memory:" database.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <cerrno>

#include <date/date.h>

#include "antre/config.hpp"
#include "antre/protocol.hpp"
#include "engine.hpp"
#include "password.hpp"
#include "sqlite.hpp"
#include "store.hpp"

namespace store_test {

using namespace antre;

namespace {

using Ids = std::vector<TicketId>;
using Lines = std::vector<std::string>;

constexpr Millis minute = 60 * 1000;
constexpr Millis hour = 60 * minute;
constexpr Millis wit_offset = 9 * hour;  // WIT is UTC+9 all year
constexpr int sqlite_constraint = 19;    // SQLITE_CONSTRAINT; <sqlite3.h> stays out of the tests

// A WIT wall-clock time as UTC milliseconds, by plain calendar arithmetic.
Millis wit(int y, unsigned mo, unsigned d, int h, int mi) {
    const date::sys_days day{date::year{y} / date::month{mo} / date::day{d}};
    const Millis midnight = std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count();
    return midnight + h * hour + mi * minute - wit_offset;
}

// 2026-11-30 is a Monday and 2026-12-01 a Tuesday: the office opens 08:00-15:00 WIT.
Millis mon(int h, int mi = 0) { return wit(2026, 11, 30, h, mi); }
Millis tue(int h, int mi = 0) { return wit(2026, 12, 1, h, mi); }

const std::string nip1 = "198003152006041001";
const std::string nip2 = "198507222009032002";
const std::string nip3 = "199001012015031003";
const std::string nip4 = "199205052019022004";
const std::string admin_nip = "197812312003121001";

// The shipped office under the strict call rule: the mornings below are written for it
// (a counter takes its first service with anyone waiting), and the store keeps whatever
// the rule chose.
const OfficeConfig& sorong() {
    static const OfficeConfig office = [] {
        OfficeConfig o = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
        o.policy.rule = CallRule::strict;
        return o;
    }();
    return office;
}

/// A database file of its own in the temp directory, removed with its WAL files.
class TempDb {
public:
    TempDb() {
        static std::atomic<int> serial{0};
        std::random_device rd;
        const std::string name = "antre-store-test-" + std::to_string(rd()) + "-" + std::to_string(rd()) + "-" +
                                 std::to_string(++serial) + ".sqlite";
        path_ = (std::filesystem::temp_directory_path() / name).string();
    }
    ~TempDb() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_ + suffix, ec);
    }
    TempDb(const TempDb&) = delete;
    TempDb& operator=(const TempDb&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::int64_t query_int(const std::string& path, const std::string& sql) {
    sql::Database db(path);
    sql::Statement q(db, sql);
    REQUIRE(q.step());
    return q.int64(0);
}

std::string query_text(const std::string& path, const std::string& sql) {
    sql::Database db(path);
    sql::Statement q(db, sql);
    REQUIRE(q.step());
    return q.text(0);
}

// The tickets' index by day (versions 2 to 14) and the open tickets' index as versions 1 to
// 13 wrote it, over today's schema: what an older database has that this one dropped.
const std::string tickets_indexes_before_13 =
    "CREATE INDEX tickets_day ON tickets(day); DROP INDEX tickets_open; CREATE INDEX tickets_open ON "
    "tickets(status) WHERE status IN ('waiting', 'called', 'serving');";

int user_version(const std::string& path) { return static_cast<int>(query_int(path, "PRAGMA user_version")); }

// One line per record, so that a mismatch shows which record differs.
std::string describe(const Event& e) {
    return e.type + " at=" + std::to_string(e.at) + " day=" + e.day +
           " ticket=" + (e.ticket ? std::to_string(*e.ticket) : "-") + " service=" + e.service +
           " counter=" + std::to_string(e.counter) + " officer=" + e.officer + " detail=" + e.detail;
}

Lines describe(const EngineState& s) {
    Lines out{"day=" + s.day + " next_ticket_id=" + std::to_string(s.next_ticket_id)};
    for (const auto& sv : s.services)
        out.push_back("service " + service_to_json(sv.def) + " closed=" + std::to_string(sv.closed) + " last=" +
                      std::to_string(sv.last_number) + " since_priority=" + std::to_string(sv.regular_since_priority));
    for (const auto& c : s.counters)
        out.push_back("counter " + counter_to_json(c.config) + " state=" + std::string(to_string(c.state)) +
                      " officer=" + c.officer + " active=" + (c.active ? std::to_string(*c.active) : "-") +
                      " pause=" + c.pause_reason + " since=" + std::to_string(c.since));
    for (const auto& t : s.tickets)
        out.push_back("ticket " + protocol::to_json(t).dump() + " queue_key=" + std::to_string(t.queue_key));
    return out;
}

Lines describe(const std::vector<std::pair<std::int64_t, Event>>& events) {
    Lines out;
    for (const auto& [seq, e] : events) out.push_back(std::to_string(seq) + " " + describe(e));
    return out;
}

/// What the server writes into a new database (see Handler's constructor).
Effect seed_effect(const Engine& engine, Millis now) {
    Effect fx = engine.everything();
    Event e;
    e.type = "office_created";
    e.at = now;
    e.day = engine.calendar().day_of(now);
    e.detail = sorong().office_name;
    fx.events.push_back(e);
    return fx;
}

/// An engine whose every Effect is committed to a store the moment it is made,
/// as the server does; the journal keeps each event with the sequence number it got.
struct Office {
    Office(Store& s, Millis now) : engine(sorong(), now), store(&s) { commit(seed_effect(engine, now)); }
    Office(Store& s, EngineState state) : engine(sorong(), std::move(state)), store(&s) {}

    Effect commit(Effect fx) {
        const auto seqs = store->apply(fx);
        REQUIRE(seqs.size() == fx.events.size());
        for (std::size_t i = 0; i < seqs.size(); ++i) journal.emplace_back(seqs[i], fx.events[i]);
        return fx;
    }
    /// Issues at `now`, the day closed first as the server's handler does.
    TicketId issue(const std::string& service, Priority priority, Millis now) {
        commit(engine.roll_over(now));
        return commit(engine.issue(service, priority, now)).ticket.value();
    }

    Engine engine;
    Store* store;
    std::vector<std::pair<std::int64_t, Event>> journal;
};

struct Morning {
    TicketId a1, a2, a3, a4, b1, b2, c1, e1;
};

// A Monday morning at the Sorong office that leaves something of every kind
// behind: waiting tickets (one requeued after a no-show, one transferred), a
// ticket being served, one called but not yet come, a paused counter, a
// cancelled ticket and a corrected priority.
Morning run_morning(Office& o) {
    Engine& e = o.engine;
    Morning t{};
    t.a1 = o.issue("KTP", Priority::none, mon(8, 5));
    t.a2 = o.issue("KTP", Priority::none, mon(8, 6));
    t.a3 = o.issue("KTP", Priority::lansia, mon(8, 7));
    t.b1 = o.issue("KK", Priority::none, mon(8, 8));
    t.b2 = o.issue("KK", Priority::ibu_hamil, mon(8, 9));
    t.e1 = o.issue("KIA", Priority::none, mon(8, 10));
    t.a4 = o.issue("KTP", Priority::none, mon(8, 11));
    t.c1 = o.issue("AKTA_LAHIR", Priority::none, mon(8, 12));
    o.commit(e.login(1, nip1, mon(8, 15)));
    o.commit(e.login(2, nip2, mon(8, 16)));
    o.commit(e.login(3, nip3, mon(8, 17)));
    o.commit(e.login(4, nip4, mon(8, 18)));
    REQUIRE(o.commit(e.call_next(1, mon(8, 20))).ticket == t.a3);  // the lansia goes first
    REQUIRE(o.commit(e.call_next(2, mon(8, 21))).ticket == t.a1);
    o.commit(e.recall(1, mon(8, 22)));
    o.commit(e.start(1, mon(8, 23)));
    REQUIRE(o.commit(e.call_next(3, mon(8, 24))).ticket == t.b2);  // ibu hamil first at KK
    o.commit(e.start(3, mon(8, 25)));
    o.commit(e.no_show(2, mon(8, 26)));  // A-001 goes back into the queue
    REQUIRE(o.commit(e.call_next(2, mon(8, 27))).ticket == t.a2);
    o.commit(e.transfer(2, "KK", mon(8, 29)));
    REQUIRE(o.commit(e.call_next(4, mon(8, 30))).ticket == t.c1);
    o.commit(e.finish(1, mon(8, 34)));
    o.commit(e.pause(1, "istirahat", mon(8, 35)));
    o.commit(e.cancel(t.a4, nip2, "salah layanan", mon(8, 40)));
    o.commit(e.set_priority(t.e1, Priority::anak, nip4, mon(8, 41)));
    // What a ticket was promised at issue (docs/queue.md) is stored and read back.
    o.commit(e.promise(t.e1, 900, mon(8, 15), mon(8, 35)));
    o.commit(e.promise(t.b1, std::nullopt, std::nullopt, std::nullopt));
    return t;
}

const Lines codes = {"KTP", "KK", "AKTA_LAHIR", "AKTA_MATI", "KIA", "PINDAH"};

}  // namespace

TEST_CASE("store: test times are the office hours they claim", "[store]") {
    CHECK(mon(9) == 1'795'996'800'000);  // 2026-11-30 00:00 UTC
    CHECK(tue(9) == 1'796'083'200'000);
    const Engine engine(sorong(), mon(9));
    CHECK(engine.state().day == "2026-11-30");
    CHECK(engine.in_opening_hours(sorong().services.front(), mon(8, 5)));
    CHECK(engine.in_opening_hours(sorong().services.front(), tue(8, 5)));
}

TEST_CASE("store: a day written, closed and reopened is the same state", "[store]") {
    TempDb file;
    auto store = std::make_unique<Store>(file.path());
    Office first(*store, mon(7, 30));
    const Morning t = run_morning(first);
    const EngineState before = first.engine.state();
    store.reset();  // closes the file

    Store reopened(file.path());
    const EngineState loaded = reopened.load();
    CHECK(describe(loaded) == describe(before));
    CHECK(loaded == before);

    Office restored(reopened, loaded);
    for (const auto& code : codes) CHECK(restored.engine.waiting(code) == first.engine.waiting(code));
    CHECK(restored.engine.waiting("KTP") == Ids{t.a1});
    CHECK(restored.engine.waiting("KK") == Ids{t.a2, t.b1});  // A-002 keeps its arrival place
    CHECK(restored.engine.waiting("KIA") == Ids{t.e1});
    CHECK(restored.engine.find_counter(3)->active == t.b2);
    CHECK(restored.engine.find_counter(4)->active == t.c1);
    CHECK(restored.engine.find_counter(1)->state == CounterState::paused);

    SECTION("numbering continues and no number is handed out twice") {
        const TicketId a5 = restored.issue("KTP", Priority::none, mon(9, 0));
        const TicketId b3 = restored.issue("KK", Priority::lansia, mon(9, 1));
        const TicketId f1 = restored.issue("PINDAH", Priority::none, mon(9, 2));
        CHECK(a5 == before.next_ticket_id);
        CHECK(restored.engine.find_ticket(a5)->label == "A-005");
        CHECK(restored.engine.find_ticket(b3)->label == "B-003");
        CHECK(restored.engine.find_ticket(f1)->label == "F-001");
        for (const auto& old : before.tickets) CHECK(old.id < a5);

        // The first engine, had it never stopped, would have done exactly the same.
        first.store = nullptr;
        const Effect same = first.engine.issue("KTP", Priority::none, mon(9, 0));
        CHECK(first.engine.find_ticket(*same.ticket)->label == "A-005");
        first.engine.issue("KK", Priority::lansia, mon(9, 1));
        first.engine.issue("PINDAH", Priority::none, mon(9, 2));
        CHECK(describe(restored.engine.state()) == describe(first.engine.state()));
        CHECK(restored.engine.state() == first.engine.state());

        Store third(file.path());
        CHECK(third.load() == restored.engine.state());
    }

    SECTION("the restored engine serves on exactly as the first one would") {
        first.store = nullptr;
        auto both = [&](auto command) {
            const Effect a = command(first.engine);
            const Effect b = restored.commit(command(restored.engine));
            CHECK(a.events == b.events);
        };
        both([](Engine& e) { return e.call_next(2, mon(9, 0)); });  // A-001, put back after its no-show
        CHECK(restored.engine.find_counter(2)->active == t.a1);
        both([](Engine& e) { return e.finish(3, mon(9, 5)); });
        both([](Engine& e) { return e.call_next(3, mon(9, 6)); });  // A-002 (transferred) before B-001
        CHECK(restored.engine.find_counter(3)->active == t.a2);
        both([](Engine& e) { return e.no_show(4, mon(9, 7)); });
        both([](Engine& e) { return e.resume(1, mon(9, 8)); });
        both([](Engine& e) { return e.call_next(1, mon(9, 9)); });  // E-001, now a priority ticket
        CHECK(restored.engine.find_counter(1)->active == t.e1);
        CHECK(restored.engine.state() == first.engine.state());

        Store third(file.path());
        CHECK(describe(third.load()) == describe(restored.engine.state()));
        CHECK(third.load() == restored.engine.state());
    }

    SECTION("a new day: waiting tickets expire, active ones carry over, and that survives a restart") {
        const TicketId a1_tue = restored.issue("KTP", Priority::none, tue(8, 5));
        CHECK(restored.engine.find_ticket(a1_tue)->label == "A-001");  // numbers restart each day
        CHECK(restored.engine.find_ticket(t.a1) == nullptr);           // expired and dropped
        CHECK(restored.engine.find_ticket(t.b2) != nullptr);           // still being served
        CHECK(query_text(file.path(), "SELECT status FROM tickets WHERE id = " + std::to_string(t.a1)) == "expired");
        CHECK(query_text(file.path(), "SELECT status FROM tickets WHERE id = " + std::to_string(t.e1)) == "expired");
        CHECK(query_text(file.path(), "SELECT status FROM tickets WHERE id = " + std::to_string(t.a3)) == "done");

        Store third(file.path());
        const EngineState again = third.load();
        CHECK(describe(again) == describe(restored.engine.state()));
        CHECK(again == restored.engine.state());
        const Engine after_restart(sorong(), again);
        CHECK(after_restart.waiting("KTP") == Ids{a1_tue});
        CHECK(after_restart.waiting("KK").empty());
        CHECK(after_restart.waiting("KIA").empty());
    }
}

TEST_CASE("store: events hold every event of every effect, in order", "[store]") {
    Store store(":memory:");
    Office o(store, mon(7, 30));
    const Morning t = run_morning(o);

    const auto stored = store.events(0, 1000);
    CHECK(describe(stored) == describe(o.journal));
    REQUIRE(stored.size() == 27);
    for (std::size_t i = 1; i < stored.size(); ++i) CHECK(stored[i].first > stored[i - 1].first);

    Lines types;
    for (const auto& [seq, e] : stored) types.push_back(e.type);
    CHECK(types == Lines{"office_created",  "ticket_issued",      "ticket_issued",   "ticket_issued",
                         "ticket_issued",   "ticket_issued",      "ticket_issued",   "ticket_issued",
                         "ticket_issued",   "counter_opened",     "counter_opened",  "counter_opened",
                         "counter_opened",  "ticket_called",      "ticket_called",   "ticket_recalled",
                         "service_started", "ticket_called",      "service_started", "ticket_no_show",
                         "ticket_called",   "ticket_transferred", "ticket_called",   "ticket_finished",
                         "counter_paused",  "ticket_cancelled",   "priority_changed"});

    // A few read back field by field, not only compared with the journal.
    const Event& issued_lansia = stored[3].second;
    CHECK(issued_lansia.type == "ticket_issued");
    CHECK(issued_lansia.ticket == t.a3);
    CHECK(issued_lansia.service == "KTP");
    CHECK(issued_lansia.detail == "lansia");
    CHECK(issued_lansia.at == mon(8, 7));
    CHECK(issued_lansia.day == "2026-11-30");

    auto find = [&](const std::string& type) -> const Event& {
        for (const auto& [seq, e] : stored)
            if (e.type == type) return e;
        FAIL("no " << type << " event stored");
        throw std::logic_error("unreachable");
    };
    const Event& no_show = find("ticket_no_show");
    CHECK(no_show.ticket == t.a1);
    CHECK(no_show.counter == 2);
    CHECK(no_show.officer == nip2);
    CHECK(no_show.detail == "requeued");
    const Event& moved = find("ticket_transferred");
    CHECK(moved.ticket == t.a2);
    CHECK(moved.service == "KK");
    CHECK(moved.detail == "KTP");
    const Event& paused = find("counter_paused");
    CHECK(paused.ticket == std::nullopt);
    CHECK(paused.counter == 1);
    CHECK(paused.officer == nip1);
    CHECK(paused.detail == "istirahat");
    const Event& cancelled = find("ticket_cancelled");
    CHECK(cancelled.ticket == t.a4);
    CHECK(cancelled.officer == nip2);
    CHECK(cancelled.detail == "salah layanan");
    CHECK(find("office_created").detail == sorong().office_name);

    SECTION("paging with after_seq and limit") {
        const auto page = store.events(stored[9].first, 3);
        REQUIRE(page.size() == 3);
        const Lines all = describe(stored);
        CHECK(describe(page) == Lines(all.begin() + 10, all.begin() + 13));
        CHECK(store.events(stored.back().first, 10).empty());
        CHECK(store.events(0, 1).size() == 1);
    }
    SECTION("an empty effect writes nothing") {
        CHECK(store.apply(Effect{}).empty());
        CHECK(store.events(0, 1000).size() == stored.size());
    }
}

TEST_CASE("store: schema versions", "[store]") {
    TempDb file;
    REQUIRE(Store::schema_version() >= 1);

    SECTION("a new database is at the current version") {
        { Store store(file.path()); }
        CHECK(user_version(file.path()) == Store::schema_version());
        CHECK(query_text(file.path(), "PRAGMA journal_mode") == "wal");
    }
    SECTION("reopening does not migrate again and keeps the data") {
        {
            Store store(file.path());
            Office o(store, mon(7, 30));
            o.issue("KTP", Priority::none, mon(8, 5));
        }
        // A second migration would fail on CREATE TABLE of an existing table.
        Store again(file.path());
        CHECK(user_version(file.path()) == Store::schema_version());
        CHECK_FALSE(again.is_new());
        CHECK(again.load().tickets.size() == 1);
        CHECK(again.events(0, 100).size() == 2);
    }
    SECTION("a database from a newer server is refused and left alone") {
        { Store store(file.path()); }
        {
            sql::Database db(file.path());
            db.exec("PRAGMA user_version=" + std::to_string(Store::schema_version() + 1));
        }
        CHECK_THROWS_WITH(Store(file.path()), Catch::Contains("newer"));
        CHECK(user_version(file.path()) == Store::schema_version() + 1);
    }
}

TEST_CASE("store: a version 3 database gains the keyed answers' table and keeps its data", "[store]") {
    TempDb file;
    {
        Store store(file.path());
        Office o(store, mon(7, 30));
        o.issue("KTP", Priority::none, mon(8, 5));
    }
    {
        // What a server before keyed answers were kept left behind: no answers table, and
        // none of what later versions added (5: the tickets' public code, whose index 13
        // dropped again; 6: the SKM's notes; 7: bookings; 8: the promised call interval; 9:
        // the tickets' booking and waits_from; 10: the index of booked tickets; 12: the day
        // digests; 14: the open tickets' index as comparisons, which 1 wrote with IN; 15:
        // no index by day alone, which 2 made).
        sql::Database db(file.path());
        db.exec(
            "DROP TABLE answers; ALTER TABLE tickets DROP COLUMN code;" + tickets_indexes_before_13 +
            "DROP TABLE survey_notes; DROP TABLE bookings; DROP TABLE booking_closures;"
            "ALTER TABLE tickets DROP COLUMN estimated_call_from; ALTER TABLE tickets DROP COLUMN estimated_call_to;"
            "DROP INDEX tickets_booked; ALTER TABLE tickets DROP COLUMN booking;"
            "ALTER TABLE tickets DROP COLUMN waits_from; DROP TABLE day_digests; PRAGMA user_version=3");
    }
    Store store(file.path());
    CHECK(user_version(file.path()) == Store::schema_version());
    CHECK(store.load().tickets.size() == 1);
    CHECK(store.keyed_answers().empty());
    // Versions 4 and up were applied on the way: keyed answers are kept again.
    const Effect none{};
    store.apply(std::vector<Effect>{none}, {{"kiosk||0|issue|k1", "{}"}});
    CHECK(store.keyed_answers().size() == 1);
}

TEST_CASE("store: keyed answers are kept with their effect, the latest answers_kept of them", "[store]") {
    TempDb file;
    {
        Store store(file.path());
        Office o(store, mon(7, 30));
        const Effect fx = o.engine.issue("KTP", Priority::none, mon(8, 5));
        store.apply({fx}, {{"kiosk||0|issue|k1", R"({"ticket":{"label":"A-001"}})"}});
        // A batch with answers and no effect (keyed reads) still keeps them.
        store.apply(std::vector<Effect>{}, {{"kiosk||0|ticket|k2", "{}"}});
    }
    {
        Store store(file.path());
        const auto kept = store.keyed_answers();
        REQUIRE(kept.size() == 2);
        CHECK(kept[0].key == "kiosk||0|issue|k1");
        CHECK(kept[0].answer == R"({"ticket":{"label":"A-001"}})");
        CHECK(kept[1].key == "kiosk||0|ticket|k2");

        Office o(store, store.load());
        std::vector<KeyedAnswer> many;
        for (std::size_t i = 0; i < Store::answers_kept + 10; ++i) many.push_back({"key" + std::to_string(i), "{}"});
        store.apply(std::vector<Effect>{}, many);
        const auto latest = store.keyed_answers();
        REQUIRE(latest.size() == Store::answers_kept);
        CHECK(latest.front().key == "key10");
        CHECK(latest.back().key == "key" + std::to_string(Store::answers_kept + 9));
        CHECK(query_int(file.path(), "SELECT count(*) FROM answers") == static_cast<std::int64_t>(Store::answers_kept));
    }
}

TEST_CASE("store: the oldest keyed answers go answers_pruned_together at a time, never below answers_kept", "[store]") {
    TempDb file;
    Store store(file.path());
    const auto kept = static_cast<std::int64_t>(Store::answers_kept);
    const auto together = static_cast<std::int64_t>(Store::answers_pruned_together);
    auto rows = [&] { return query_int(file.path(), "SELECT count(*) FROM answers"); };
    std::int64_t written = 0;
    // Batches of seven, as a busy office's commits carry them.
    auto commit_seven = [&] {
        std::vector<KeyedAnswer> batch;
        for (int i = 0; i < 7; ++i) batch.push_back({"kiosk||0|issue|k" + std::to_string(++written), "{}"});
        store.apply(std::vector<Effect>{}, batch);
    };
    std::int64_t most = 0;
    while (written < 3 * kept) {
        commit_seven();
        const std::int64_t n = rows();
        most = std::max(most, n);
        // Never fewer than the latest answers_kept (or all, before there are that many),
        // never more than a pruning's worth (and a batch) beyond them.
        REQUIRE(n >= std::min(written, kept));
        REQUIRE(n < kept + together + 7);
        const auto latest = store.keyed_answers();
        REQUIRE(static_cast<std::int64_t>(latest.size()) == std::min(written, kept));
        REQUIRE(latest.back().key == "kiosk||0|issue|k" + std::to_string(written));
    }
    // It did wait for a pruning's worth: between two deletes the table grew past answers_kept.
    CHECK(most > kept + together / 2);
    // The oldest left is exactly what the last delete kept: a whole run, no gaps.
    CHECK(query_int(file.path(), "SELECT max(n) - min(n) + 1 FROM answers") == rows());
}

TEST_CASE("store: a version 10 database keeps its keyed answers, without the key's unique index", "[store]") {
    TempDb file;
    {
        Store store(file.path());
        store.apply(std::vector<Effect>{}, {{"kiosk||0|issue|k1", R"({"ticket":{"label":"A-001"}})"},
                                            {"counter|199002022015032002|1|call_next|k2", "{}"}});
    }
    {
        // The answers table as versions 4 to 10 had it: the key unique (and no day digests,
        // 12; the link codes' index that 13 drops; the open tickets' index as 1 wrote it;
        // the index by day that 15 drops).
        sql::Database db(file.path());
        db.exec(
            "CREATE TABLE answers_v10 (n INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, answer TEXT NOT NULL);"
            "INSERT INTO answers_v10 SELECT n, key, answer FROM answers; DROP TABLE answers;"
            "ALTER TABLE answers_v10 RENAME TO answers; DROP TABLE day_digests;"
            "CREATE UNIQUE INDEX tickets_code ON tickets(code) WHERE code IS NOT NULL;" +
            tickets_indexes_before_13 + "PRAGMA user_version=10");
    }
    CHECK(query_int(file.path(), "SELECT count(*) FROM pragma_index_list('answers')") == 1);
    Store store(file.path());
    CHECK(user_version(file.path()) == Store::schema_version());
    CHECK(query_int(file.path(), "SELECT count(*) FROM pragma_index_list('answers')") == 0);
    const auto kept = store.keyed_answers();
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].key == "kiosk||0|issue|k1");
    CHECK(kept[0].answer == R"({"ticket":{"label":"A-001"}})");
    CHECK(kept[1].key == "counter|199002022015032002|1|call_next|k2");
    // And answers go on being kept after them, in order.
    store.apply(std::vector<Effect>{}, {{"kiosk||0|issue|k3", "{}"}});
    CHECK(store.keyed_answers().back().key == "kiosk||0|issue|k3");
}

TEST_CASE("store: a version 12 database loses two indexes and still loads an earlier day's open ticket", "[store]") {
    TempDb file;
    TicketId held = 0, expired = 0;
    {
        Store store(file.path());
        Office o(store, mon(7, 30));
        o.commit(o.engine.roll_over(mon(8, 0)));
        o.commit(o.engine.login(1, nip1, mon(8, 0)));
        held = o.commit(o.engine.issue("KTP", Priority::none, mon(8, 5), false, "aaaaaaaaaaaaaaaa")).ticket.value();
        expired = o.commit(o.engine.issue("KTP", Priority::none, mon(8, 6), false, "bbbbbbbbbbbbbbbb")).ticket.value();
        o.commit(o.engine.call_next(1, mon(23, 50)));  // held by counter 1 across midnight
        o.commit(o.engine.roll_over(tue(0, 0)));
    }
    {
        // The indexes as versions 5 to 12 had them.
        sql::Database db(file.path());
        db.exec("CREATE UNIQUE INDEX tickets_code ON tickets(code) WHERE code IS NOT NULL;" +
                tickets_indexes_before_13 + "PRAGMA user_version=12");
    }
    Store store(file.path());
    CHECK(user_version(file.path()) == Store::schema_version());
    CHECK(query_int(file.path(), "SELECT count(*) FROM sqlite_master WHERE name IN ('tickets_code', 'tickets_day')") ==
          0);
    CHECK(query_text(file.path(), "SELECT sql FROM sqlite_master WHERE name = 'tickets_open'") ==
          "CREATE INDEX tickets_open ON tickets(status) WHERE status = 'waiting' OR status = 'called' OR status = "
          "'serving'");
    // Tuesday's start loads Monday's called ticket (by the open tickets' index), not the
    // one that expired at the close; the codes stay with their tickets.
    const EngineState state = store.load();
    CHECK(state.day == "2026-12-01");
    REQUIRE(state.tickets.size() == 1);
    CHECK(state.tickets[0].id == held);
    CHECK(state.tickets[0].status == TicketStatus::called);
    CHECK(state.tickets[0].code == "aaaaaaaaaaaaaaaa");
    CHECK(query_text(file.path(), "SELECT status FROM tickets WHERE id = " + std::to_string(expired)) == "expired");
    CHECK(query_text(file.path(), "SELECT code FROM tickets WHERE id = " + std::to_string(expired)) ==
          "bbbbbbbbbbbbbbbb");
    // A period's tickets (the reports, the bookings' figures) are still found by an index
    // that starts with the day, not by reading the whole table.
    sql::Database db(file.path());
    sql::Statement plan(db,
                        "EXPLAIN QUERY PLAN SELECT service FROM tickets WHERE day BETWEEN '2026-11-01' AND "
                        "'2026-11-30' AND status = 'done'");
    std::string steps;
    while (plan.step()) steps += plan.text(3) + "\n";
    CHECK(steps == "SEARCH tickets USING INDEX sqlite_autoindex_tickets_1 (day>? AND day<?)\n");
}

TEST_CASE("sqlite: which errors may pass and which leave the disk in doubt", "[store]") {
    // SQLite's codes, as <sqlite3.h> defines them (it stays out of the tests).
    constexpr int SQLITE_BUSY = 5, SQLITE_LOCKED = 6, SQLITE_READONLY = 8, SQLITE_IOERR = 10, SQLITE_FULL = 13,
                  SQLITE_CONSTRAINT = 19, SQLITE_IOERR_WRITE = 10 | (3 << 8), SQLITE_IOERR_FSYNC = 10 | (4 << 8),
                  SQLITE_IOERR_TRUNCATE = 10 | (6 << 8);
    auto error = [](int code, int sys) { return sql::Error("x", code, sys); };
    // Refusals: nothing written is in doubt, the next batch may try again.
    for (const auto& e :
         {error(SQLITE_FULL, 0), error(SQLITE_BUSY, 0), error(SQLITE_LOCKED, 0), error(SQLITE_READONLY, 0),
          error(SQLITE_IOERR_WRITE, EFBIG), error(SQLITE_IOERR_WRITE, EDQUOT), error(SQLITE_IOERR_WRITE, ENOSPC)}) {
        INFO("code " << e.extended_code() << " errno " << e.system_errno());
        CHECK(e.unavailable());
        CHECK_FALSE(e.io_failure());
    }
    // A failed write, fsync or truncate: the server must stop.
    for (const auto& e :
         {error(SQLITE_IOERR_FSYNC, EIO), error(SQLITE_IOERR_FSYNC, ENOSPC), error(SQLITE_IOERR_WRITE, EIO),
          error(SQLITE_IOERR_TRUNCATE, EIO), error(SQLITE_IOERR, 0), error(SQLITE_IOERR_FSYNC, 0)}) {
        INFO("code " << e.extended_code() << " errno " << e.system_errno());
        CHECK_FALSE(e.unavailable());
        CHECK(e.io_failure());
    }
    CHECK_FALSE(error(SQLITE_CONSTRAINT, 0).io_failure());
}

TEST_CASE("store: is_new until the office is seeded", "[store]") {
    SECTION(":memory:") {
        Store store(":memory:");
        CHECK(store.is_new());
        Engine engine(sorong(), mon(7, 30));
        store.apply(seed_effect(engine, mon(7, 30)));
        CHECK_FALSE(store.is_new());
    }
    SECTION("a file, across a reopen") {
        TempDb file;
        {
            Store store(file.path());
            CHECK(store.is_new());
        }
        {
            Store store(file.path());
            CHECK(store.is_new());  // opened and migrated, but still no office
            Engine engine(sorong(), mon(7, 30));
            store.apply(seed_effect(engine, mon(7, 30)));
        }
        Store store(file.path());
        CHECK_FALSE(store.is_new());
        CHECK(store.load().services.size() == sorong().services.size());
        CHECK(store.load().counters.size() == sorong().counters.size());
    }
}

TEST_CASE("store: a ticket number can never be stored twice", "[store]") {
    TempDb file;
    Store store(file.path());
    Office o(store, mon(7, 30));
    const TicketId a1 = o.issue("KTP", Priority::none, mon(8, 5));
    const auto events_before = store.events(0, 1000);
    const EngineState committed = store.load();
    REQUIRE(committed == o.engine.state());

    // The effect of a buggy engine that hands out KTP number 1 a second time, under a new id.
    EngineState forged = o.engine.state();
    forged.tickets.front().recalls = 7;  // a change to an existing row, written before the clash
    Ticket twin = forged.tickets.front();
    twin.id = forged.next_ticket_id++;
    twin.queue_key += 1024;
    forged.tickets.push_back(twin);
    forged.services.front().last_number = 99;

    Effect fx;
    for (const char* type : {"ticket_recalled", "ticket_issued", "ticket_called"}) {
        Event e;
        e.type = type;
        e.at = mon(8, 6);
        e.day = "2026-11-30";
        e.ticket = twin.id;
        e.service = "KTP";
        fx.events.push_back(e);
    }
    fx.tickets = {a1, twin.id};
    fx.services = {"KTP"};
    fx.records.day = forged.day;
    fx.records.tickets = {forged.tickets.front(), twin};
    fx.records.services = {{forged.services.front(), 0, forged.day}};

    int code = 0;
    try {
        store.apply(fx);
    } catch (const sql::Error& err) {
        code = err.code();
    }
    CHECK(code == sqlite_constraint);

    // Nothing of that effect was written: no event, no row changed.
    CHECK(describe(store.events(0, 1000)) == describe(events_before));
    CHECK(describe(store.load()) == describe(committed));
    CHECK(store.load() == committed);
    CHECK(query_int(file.path(), "SELECT count(*) FROM tickets") == 1);

    // And the store goes on working.
    const TicketId a2 = o.issue("KTP", Priority::none, mon(8, 7));
    CHECK(o.engine.find_ticket(a2)->label == "A-002");
    CHECK(store.load() == o.engine.state());
    CHECK(store.events(0, 1000).size() == events_before.size() + 1);

    SECTION("also straight through SQL") {
        sql::Database db(file.path());
        sql::Statement q(db,
                         "INSERT INTO tickets (id, day, service, origin_service, number, label, priority, "
                         "status, queue_key, issued_at) VALUES (1000, '2026-11-30', 'KK', 'KTP', 2, 'A-002', "
                         "'none', 'waiting', 0, 0)");
        int direct = 0;
        try {
            q.run();
        } catch (const sql::Error& err) {
            direct = err.code();
        }
        CHECK(direct == sqlite_constraint);
        CHECK(query_int(file.path(), "SELECT count(*) FROM tickets") == 2);
    }
}

TEST_CASE("store: officers", "[store]") {
    TempDb file;
    const std::string pin_hash = password::hash_pin("246810");
    OfficerRecord ana{nip2, "Ana Rumbiak", OfficerRole::officer, pin_hash, true};
    OfficerRecord yan{nip1, "Yan Mambrasar", OfficerRole::admin, "$argon2id$not-a-real-hash", true};
    {
        Store store(file.path());
        CHECK_FALSE(store.find_officer(nip2));
        CHECK(store.officers().empty());
        store.save_officer(ana, "officer_created", admin_nip, mon(7, 40), "2026-11-30");
        store.save_officer(yan, "officer_created", "config", mon(7, 41), "2026-11-30");
    }
    Store store(file.path());
    auto found = store.find_officer(nip2);
    REQUIRE(found);
    CHECK(found->nip == nip2);
    CHECK(found->name == "Ana Rumbiak");
    CHECK(found->role == OfficerRole::officer);
    CHECK(found->pin_hash == pin_hash);
    CHECK(found->active);
    CHECK(password::verify_pin("246810", found->pin_hash));
    CHECK_FALSE(store.find_officer("000"));

    auto all = store.officers();
    REQUIRE(all.size() == 2);
    CHECK(all[0].nip == nip1);  // ordered by NIP
    CHECK(all[0].role == OfficerRole::admin);
    CHECK(all[1].nip == nip2);

    // An update replaces the record; it does not add a second one.
    ana.role = OfficerRole::manager;
    ana.active = false;
    ana.name = "Ana R.";
    store.save_officer(ana, "officer_updated", admin_nip, mon(9, 0), "2026-11-30");
    CHECK(store.officers().size() == 2);
    found = store.find_officer(nip2);
    REQUIRE(found);
    CHECK(found->role == OfficerRole::manager);
    CHECK_FALSE(found->active);
    CHECK(found->name == "Ana R.");

    const auto events = store.events(0, 100);
    REQUIRE(events.size() == 3);
    CHECK(events[0].second.type == "officer_created");
    CHECK(events[0].second.officer == admin_nip);
    CHECK(events[0].second.at == mon(7, 40));
    CHECK(events[0].second.day == "2026-11-30");
    CHECK(events[0].second.ticket == std::nullopt);
    CHECK(events[1].second.officer == "config");
    CHECK(events[2].second.type == "officer_updated");
    CHECK(events[2].second.detail.find(nip2) != std::string::npos);
    CHECK(events[2].second.detail.find("nonaktif") != std::string::npos);
    for (const auto& [seq, e] : events) {
        CHECK(e.detail.find(pin_hash) == std::string::npos);
        CHECK(e.detail.find("argon2") == std::string::npos);
        CHECK(e.detail.find("246810") == std::string::npos);
    }
}

TEST_CASE("store: log-in tokens", "[store]") {
    TempDb file;
    {
        Store store(file.path());
        CHECK_FALSE(store.find_token("h1"));
        store.save_token("h1", {nip1, 2, mon(23)});
        store.save_token("h2", {nip1, 0, mon(22)});
        store.save_token("h3", {nip2, 3, mon(21)});
    }
    Store store(file.path());
    auto t = store.find_token("h1");
    REQUIRE(t);
    CHECK(t->nip == nip1);
    CHECK(t->counter == 2);
    CHECK(t->expires_at == mon(23));
    CHECK_FALSE(store.find_token("h4"));

    store.save_token("h1", {nip1, 5, tue(23)});  // the same digest again replaces it
    t = store.find_token("h1");
    REQUIRE(t);
    CHECK(t->counter == 5);
    CHECK(t->expires_at == tue(23));

    store.delete_tokens(nip1);
    CHECK_FALSE(store.find_token("h1"));
    CHECK_FALSE(store.find_token("h2"));
    auto other = store.find_token("h3");
    REQUIRE(other);
    CHECK(other->nip == nip2);
    CHECK(other->counter == 3);
    CHECK(store.events(0, 10).empty());  // tokens are not audit events
}

TEST_CASE("store: one group commit holding a finish and the day's close saves both", "[store]") {
    TempDb file;
    const Millis midnight = wit(2026, 12, 1, 0, 0);
    TicketId served = 0;
    {
        Store store(file.path());
        Office o(store, mon(8, 0));
        served = o.issue("KTP", Priority::none, mon(8, 5));
        o.commit(o.engine.login(1, nip1, mon(8, 10)));
        o.commit(o.engine.call_next(1, mon(23, 50)));
        // Finished a minute before midnight, then the day closes, all in one batch:
        // the finished ticket has left memory by the time the batch is written.
        std::vector<Effect> batch{o.engine.finish(1, mon(23, 59)), o.engine.roll_over(midnight)};
        REQUIRE(o.engine.find_ticket(served) == nullptr);
        store.apply(batch);
    }
    CHECK(query_text(file.path(), "SELECT status FROM tickets WHERE id = " + std::to_string(served)) == "done");
    Store reopened(file.path());
    const auto state = reopened.load();
    CHECK(state.day == "2026-12-01");
    CHECK(state.tickets.empty());
}

TEST_CASE("store: events_between reads a period's events with the labels and estimates of calls", "[store][metrics]") {
    TempDb file;
    Store store(file.path());
    Office o(store, mon(7, 30));
    o.commit(o.engine.login(1, nip1, mon(7, 55)));
    const TicketId a = o.issue("KTP", Priority::none, mon(8, 5));
    const auto a_estimate = o.engine.find_ticket(a)->estimated_wait_s;
    REQUIRE(a_estimate);
    const TicketId b = o.issue("KTP", Priority::none, mon(8, 6));
    o.commit(o.engine.call_next(1, mon(8, 10)));
    o.commit(o.engine.finish(1, mon(8, 20)));
    o.commit(o.engine.rate(a, 3, 1, mon(8, 21)));
    // Tuesday: B-less day; A-002 expired at midnight, a new A-001 is called.
    const TicketId a_tue = o.issue("KTP", Priority::none, tue(8, 5));
    o.commit(o.engine.login(1, nip1, tue(8, 6)));
    o.commit(o.engine.call_next(1, tue(8, 7)));

    const auto monday = store.events_between("2026-11-30", "2026-11-30");
    REQUIRE_FALSE(monday.empty());
    for (const auto& le : monday) CHECK(le.event.day == "2026-11-30");
    int calls = 0;
    for (const auto& le : monday) {
        if (le.event.type == "ticket_finished") {
            // A finish carries the label and the finished leg's call and start (from the
            // ticket's final row), for a leg called before a report's period.
            CHECK(le.label == "A-001");
            CHECK(le.leg_called_at == mon(8, 10));
            CHECK(le.leg_started_at == mon(8, 10));
            continue;
        }
        if (le.event.type != "ticket_called") {
            CHECK(le.label.empty());
            CHECK_FALSE(le.leg_called_at);
            continue;
        }
        ++calls;
        CHECK(le.event.ticket == a);
        CHECK(le.label == "A-001");
        CHECK(le.estimated_wait_s == a_estimate);
    }
    CHECK(calls == 1);
    const auto tuesday = store.events_between("2026-12-01", "2026-12-01");
    bool called_tue = false;
    for (const auto& le : tuesday)
        if (le.event.type == "ticket_called") {
            called_tue = true;
            CHECK(le.event.ticket == a_tue);
            CHECK(le.label == "A-001");
            CHECK(le.estimated_wait_s == o.engine.find_ticket(a_tue)->estimated_wait_s);
        }
    CHECK(called_tue);
    // The rating survives a restart with the ticket.
    CHECK(query_text(file.path(), "SELECT rating FROM tickets WHERE id = " + std::to_string(a)) == "3");
    CHECK(query_text(file.path(), "SELECT status FROM tickets WHERE id = " + std::to_string(b)) == "expired");
    CHECK(store.events_between("2026-12-02", "2026-12-31").empty());
}

namespace {

// Every row of the tables the engine's effects write, as text, table by table.
Lines dump_office_tables(const std::string& path) {
    sql::Database db(path);
    Lines out;
    for (const char* table : {"meta", "events", "services", "service_days", "counters", "tickets"}) {
        sql::Statement columns(db, std::string("SELECT group_concat('quote(' || name || ')', ' || ''|'' || ') "
                                               "FROM pragma_table_info('") +
                                       table + "')");
        REQUIRE(columns.step());
        sql::Statement rows(db, "SELECT " + columns.text(0) + " FROM " + table + " ORDER BY 1");
        while (rows.step()) out.push_back(std::string(table) + ": " + rows.text(0));
    }
    return out;
}

}  // namespace

TEST_CASE("store: a batch that crosses midnight is stored as if its effects were committed one by one", "[store]") {
    TempDb batched_file, single_file;
    Store batched(batched_file.path()), single(single_file.path());
    Engine engine(sorong(), mon(7, 30));
    auto both = [&](const Effect& fx) {
        batched.apply(fx);
        single.apply(fx);
        return fx;
    };
    both(seed_effect(engine, mon(7, 30)));
    both(engine.login(1, nip1, mon(8, 0)));
    const TicketId held = both(engine.issue("KTP", Priority::none, mon(8, 5))).ticket.value();
    const TicketId cancelled = both(engine.issue("KTP", Priority::none, mon(8, 6))).ticket.value();
    both(engine.call_next(1, mon(23, 50)));  // held by counter 1 across midnight

    // One group commit: a late issue and a cancel on Monday, the day's close, the
    // finish of the held ticket and a first issue on Tuesday.
    std::vector<Effect> batch;
    const TicketId late = [&] {
        batch.push_back(engine.issue("KTP", Priority::none, mon(23, 58), true));
        return batch.back().ticket.value();
    }();
    batch.push_back(engine.cancel(cancelled, nip1, "pergi", mon(23, 59)));
    batch.push_back(engine.roll_over(wit(2026, 12, 1, 0, 0)));
    batch.push_back(engine.finish(1, tue(0, 1)));
    batch.push_back(engine.issue("KTP", Priority::none, tue(8, 0)));
    REQUIRE(engine.find_ticket(late) == nullptr);  // expired and gone from memory
    batched.apply(batch);
    for (const auto& fx : batch) single.apply(fx);

    CHECK(dump_office_tables(batched_file.path()) == dump_office_tables(single_file.path()));
    CHECK(query_int(batched_file.path(),
                    "SELECT last_number FROM service_days WHERE service = 'KTP' AND day = '2026-11-30'") == 3);
    CHECK(query_int(batched_file.path(),
                    "SELECT last_number FROM service_days WHERE service = 'KTP' AND day = '2026-12-01'") == 1);
    CHECK(query_text(batched_file.path(), "SELECT status FROM tickets WHERE id = " + std::to_string(late)) ==
          "expired");
    CHECK(query_text(batched_file.path(), "SELECT status FROM tickets WHERE id = " + std::to_string(cancelled)) ==
          "cancelled");
    CHECK(query_text(batched_file.path(), "SELECT status FROM tickets WHERE id = " + std::to_string(held)) == "done");
}

}  // namespace store_test
