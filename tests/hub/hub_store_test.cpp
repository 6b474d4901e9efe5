#include <catch2/catch.hpp>

#include <thread>

#include "hub_store.hpp"
#include "pg_cluster.hpp"

namespace hub_store_test {

using antre::hub::HubStore;
using antre::hub::ShippedEvent;
using antre::test::PgCluster;

namespace {

ShippedEvent ev(std::int64_t seq, const std::string& day = "2026-11-30") {
    ShippedEvent e;
    e.seq = seq;
    e.event.type = "ticket_issued";
    e.event.at = 1795996800000 + seq;
    e.event.day = day;
    e.event.ticket = seq;
    e.event.service = "KTP";
    return e;
}

std::vector<ShippedEvent> range(std::int64_t from, std::int64_t to) {
    std::vector<ShippedEvent> out;
    for (auto s = from; s <= to; ++s) out.push_back(ev(s));
    return out;
}

std::vector<std::int64_t> seqs(const std::vector<ShippedEvent>& es) {
    std::vector<std::int64_t> out;
    for (const auto& e : es) out.push_back(e.seq);
    return out;
}

std::vector<std::int64_t> iota(std::int64_t from, std::int64_t to) {
    std::vector<std::int64_t> out;
    for (auto s = from; s <= to; ++s) out.push_back(s);
    return out;
}

}  // namespace

TEST_CASE("pg cluster: a throwaway PostgreSQL starts, answers, restarts") {
    PgCluster pg;
    HubStore store(pg.conninfo());
    CHECK(store.acked_seq("nobody") == 0);
    pg.stop();
    CHECK_THROWS_AS(HubStore(pg.conninfo()), antre::pg::Error);
    pg.start();
    HubStore again(pg.conninfo());
    CHECK(again.acked_seq("nobody") == 0);
}

TEST_CASE("hub store: events stored once by office and seq, ack the contiguous prefix") {
    PgCluster pg;
    HubStore store(pg.conninfo());
    store.put_office("sorong", "hash");
    store.put_office("manokwari", "hash");

    SECTION("in order, then the same batch again") {
        CHECK(store.store_events("sorong", range(1, 10)).acked_seq == 10);
        auto again = store.store_events("sorong", range(1, 10));
        CHECK(again.acked_seq == 10);
        CHECK(again.inserted == 0);
        CHECK(seqs(store.events("sorong")) == iota(1, 10));
    }
    SECTION("out of order: the ack waits for the gap") {
        auto r = store.store_events("sorong", range(6, 10));
        CHECK(r.acked_seq == 0);
        CHECK(r.inserted == 5);
        CHECK(store.store_events("sorong", range(1, 5)).acked_seq == 10);
        CHECK(seqs(store.events("sorong")) == iota(1, 10));
    }
    SECTION("duplicates inside a batch and overlapping batches") {
        auto batch = range(1, 5);
        batch.push_back(ev(3));
        batch.push_back(ev(2));
        CHECK(store.store_events("sorong", batch).inserted == 5);
        CHECK(store.store_events("sorong", range(4, 8)).inserted == 3);
        CHECK(seqs(store.events("sorong")) == iota(1, 8));
    }
    SECTION("an office restored from a backup re-sends old seqs with other content: first copy kept") {
        store.store_events("sorong", range(1, 10));
        auto replay = range(1, 12);
        for (auto& e : replay) e.event.service = "KK";
        auto r = store.store_events("sorong", replay);
        CHECK(r.inserted == 2);
        CHECK(r.acked_seq == 12);
        auto stored = store.events("sorong");
        CHECK(stored[0].event.service == "KTP");
        CHECK(stored[11].event.service == "KK");
    }
    SECTION("a re-sent seq above the ack that lies in another month is not stored twice") {
        store.store_events("sorong", {ev(2, "2026-11-30")});
        store.store_events("sorong", {ev(2, "2026-12-01")});
        CHECK(store.events("sorong").size() == 1);
    }
    SECTION("offices are apart; months become partitions") {
        store.store_events("sorong", {ev(1, "2026-11-30"), ev(2, "2026-12-01")});
        store.store_events("manokwari", range(1, 3));
        CHECK(seqs(store.events("sorong")) == iota(1, 2));
        CHECK(seqs(store.events("manokwari")) == iota(1, 3));
        antre::pg::Connection c(pg.conninfo());
        auto parts = c.exec("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass");
        CHECK(parts.get(0, 0) == "2");
    }
    SECTION("text with tabs, line ends, backslashes and quotes is stored as shipped") {
        auto e = ev(1);
        e.event.detail = "a\tb\nc\r\\N \\ \"q\" 'x' é,{}";
        e.event.officer = "\\N";
        e.event.ticket.reset();
        store.store_events("sorong", {e});
        const auto stored = store.events("sorong");
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].event.detail == e.event.detail);
        CHECK(stored[0].event.officer == "\\N");
        CHECK(!stored[0].event.ticket);
    }
    SECTION("batches of the protocol's 2,000 events, overlapping and ahead of a gap: each seq once") {
        CHECK(store.store_events("sorong", range(1, 1500)).acked_seq == 1500);
        auto r = store.store_events("sorong", range(501, 2500));
        CHECK(r.inserted == 1000);
        CHECK(r.acked_seq == 2500);
        r = store.store_events("sorong", range(3001, 5000));
        CHECK(r.inserted == 2000);
        CHECK(r.acked_seq == 2500);
        auto mixed = range(2001, 4000);
        mixed.push_back(ev(2600));
        r = store.store_events("sorong", mixed);
        CHECK(r.inserted == 500);
        CHECK(r.acked_seq == 5000);
        CHECK(seqs(store.events("sorong")) == iota(1, 5000));
    }
    SECTION("an unknown office and a bad day are refused") {
        CHECK_THROWS_AS(store.store_events("nowhere", range(1, 2)), std::invalid_argument);
        CHECK_THROWS_AS(store.store_events("sorong", {ev(1, "30-11-2026")}), std::invalid_argument);
    }
    SECTION("the office's state, latest and history") {
        store.store_state("sorong", R"({"services":[{"code":"KTP"}]})");
        store.store_state("sorong", R"({"services":[{"code":"KK"}]})");
        CHECK(store.state("sorong")->find("KK") != std::string::npos);
        antre::pg::Connection c(pg.conninfo());
        CHECK(c.exec("SELECT count(*) FROM office_state_history").get(0, 0) == "2");
    }
}

TEST_CASE("hub store: three offices and two connections per office at once") {
    PgCluster pg;
    {
        HubStore(pg.conninfo()).put_office("a", "h"), HubStore(pg.conninfo()).put_office("b", "h"),
            HubStore(pg.conninfo()).put_office("c", "h");
    }
    std::vector<std::thread> threads;
    for (const std::string office : {"a", "b", "c"})
        for (int twin = 0; twin < 2; ++twin)
            threads.emplace_back([&, office] {
                HubStore s(pg.conninfo());
                for (std::int64_t from = 1; from <= 500; from += 50) s.store_events(office, range(from, from + 49));
            });
    for (auto& t : threads) t.join();
    HubStore store(pg.conninfo());
    for (const std::string office : {"a", "b", "c"}) {
        CHECK(seqs(store.events(office)) == iota(1, 500));
        CHECK(store.acked_seq(office) == 500);
    }
}

TEST_CASE("hub store: an older hub's second index on (office, seq) is dropped, the key serves look-ups") {
    PgCluster pg;
    {
        HubStore store(pg.conninfo());
        store.put_office("sorong", "hash");
        store.store_events("sorong", range(1, 3));
    }
    antre::pg::Connection c(pg.conninfo());
    c.exec("CREATE INDEX events_office_seq ON events (office_id, seq)");
    HubStore store(pg.conninfo());
    CHECK(c.exec("SELECT to_regclass('events_office_seq') IS NULL").get(0, 0) == "t");
    CHECK(store.store_events("sorong", range(2, 6)).inserted == 3);
    CHECK(seqs(store.events("sorong")) == iota(1, 6));
    c.exec("SET enable_seqscan = off");
    auto plan = c.exec("EXPLAIN SELECT seq FROM events WHERE office_id = 'sorong' AND seq > 2 ORDER BY seq");
    std::string text;
    for (int i = 0; i < plan.rows(); ++i) text += plan.get(i, 0) + "\n";
    CHECK(text.find("pkey") != std::string::npos);
}

}  // namespace hub_store_test
