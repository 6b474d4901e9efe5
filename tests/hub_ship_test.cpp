#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "hub_server.hpp"
#include "hub_store.hpp"
#include "password.hpp"
#include "pg_cluster.hpp"
#include "sqlite.hpp"
#include "test_support.hpp"

using namespace antre;
using namespace antre::test;

namespace {

// The office's own event log, as the hub should hold it.
std::vector<hub::ShippedEvent> office_log(const std::string& db_path) {
    sql::Database db(db_path, true);
    sql::Statement q(db,
                     "SELECT seq, at, day, type, ticket, service, counter, officer, detail FROM events ORDER BY seq");
    std::vector<hub::ShippedEvent> out;
    while (q.step()) {
        hub::ShippedEvent e;
        e.seq = q.int64(0);
        e.event.at = q.int64(1);
        e.event.day = q.text(2);
        e.event.type = q.text(3);
        e.event.ticket = q.opt_int64(4);
        e.event.service = q.text(5);
        e.event.counter = q.integer(6);
        e.event.officer = q.text(7);
        e.event.detail = q.text(8);
        out.push_back(std::move(e));
    }
    return out;
}

bool same(const std::vector<hub::ShippedEvent>& a, const std::vector<hub::ShippedEvent>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].seq != b[i].seq || !(a[i].event == b[i].event)) return false;
    return true;
}

// Waits up to 60 s until the hub holds exactly the office's log.
bool hub_matches(const std::string& conninfo, const std::string& office, const std::string& db) {
    for (int i = 0; i < 600; ++i) {
        if (same(hub::HubStore(conninfo).events(office), office_log(db))) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

struct ShippingOffice {
    ShippingOffice(const std::string& id, const std::string& secret, unsigned short hub_port)
        : config(write_test_config(dir)), db(dir.file("antre.db")) {
        server = std::make_unique<RunningServer>(config, db, nullptr, [&](AppOptions& o) {
            o.hub.url = "tcp://127.0.0.1:" + std::to_string(hub_port);
            o.hub.office_id = id;
            o.hub.secret = secret;
            o.hub.batch = 7;  // small batches: many round trips
            o.hub.max_backoff_ms = 500;
        });
    }
    TempDir dir;
    std::string config, db;
    std::unique_ptr<RunningServer> server;
};

}  // namespace

TEST_CASE("hub shipping: three offices ship at once, nothing lost, nothing twice") {
    PgCluster pg;
    std::vector<std::string> ids{"sorong", "manokwari", "fakfak"}, secrets;
    for (const auto& id : ids) {
        secrets.push_back(password::new_token());
        hub::HubStore(pg.conninfo()).put_office(id, password::hash_pin(secrets.back()));
    }
    hub::HubServer hub({pg.conninfo(), "127.0.0.1", 0, "", "", 16});
    std::thread runner([&] { hub.run(); });
    {
        std::vector<std::unique_ptr<ShippingOffice>> offices;
        for (std::size_t i = 0; i < ids.size(); ++i)
            offices.push_back(std::make_unique<ShippingOffice>(ids[i], secrets[i], hub.port()));
        std::vector<std::thread> kiosks;
        for (auto& o : offices)
            kiosks.emplace_back([&o] {
                auto kiosk = connect(o->server->port(), {{"role", "kiosk"}});
                for (int t = 0; t < 40; ++t) CHECK(kiosk->call("issue", {{"service", "KTP"}}).ok);
            });
        for (auto& k : kiosks) k.join();
        for (std::size_t i = 0; i < ids.size(); ++i) {
            INFO(ids[i]);
            CHECK(office_log(offices[i]->db).size() >= 40);
            CHECK(hub_matches(pg.conninfo(), ids[i], offices[i]->db));
        }
    }
    hub.stop();
    runner.join();
}

TEST_CASE("hub shipping: the office works with no hub, then catches up by itself, and a wrong secret ships nothing") {
    PgCluster pg;
    const auto secret = password::new_token();
    hub::HubStore(pg.conninfo()).put_office("sorong", password::hash_pin(secret));
    hub::HubStore(pg.conninfo()).put_office("biak", password::hash_pin(password::new_token()));
    auto hub = std::make_unique<hub::HubServer>(hub::HubOptions{pg.conninfo(), "127.0.0.1", 0, "", "", 16});
    const auto port = hub->port();
    hub.reset();  // the port is known, nobody listens: the hub is down
    ShippingOffice office("sorong", secret, port);
    ShippingOffice wrong("biak", "not-the-secret", port);
    for (auto* o : {&office, &wrong}) {
        auto kiosk = connect(o->server->port(), {{"role", "kiosk"}});
        for (int t = 0; t < 20; ++t) REQUIRE(kiosk->call("issue", {{"service", "KK"}}).ok);
    }
    hub = std::make_unique<hub::HubServer>(hub::HubOptions{pg.conninfo(), "127.0.0.1", port, "", "", 16});
    std::thread runner([&] { hub->run(); });
    CHECK(hub_matches(pg.conninfo(), "sorong", office.db));
    CHECK(hub::HubStore(pg.conninfo()).events("biak").empty());
    hub->stop();
    runner.join();
}
