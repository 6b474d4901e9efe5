#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "hub_server.hpp"
#include "hub_store.hpp"
#include "hub_support.hpp"
#include "password.hpp"
#include "pg_cluster.hpp"
#include "sqlite.hpp"
#include "test_support.hpp"

namespace hub_ship_test {

using namespace antre;
using namespace antre::test;

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

}  // namespace hub_ship_test
