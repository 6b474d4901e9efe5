#include <catch2/catch.hpp>

#include <tuple>

#include "hub_fixtures.hpp"
#include "hub_reports.hpp"
#include "hub_store.hpp"
#include "password.hpp"
#include "pg_cluster.hpp"
#include "test_support.hpp"

namespace hub_ranking_test {

using namespace antre;
using namespace antre::test;
using nlohmann::json;

TEST_CASE("hub ranking: offices by share of waits within standard and by IKM, ties shared, no data last") {
    PgCluster pg;
    hub::HubStore store(pg.conninfo());
    // a: every wait within 60 minutes, IKM 75; b and c: half within (a tie), b's IKM 100;
    // d: nothing shipped but its state.
    const std::vector<std::tuple<std::string, std::vector<int>, int, int>> offices = {
        {"a", {10, 20, 30, 40}, 2, 3}, {"b", {10, 90, 20, 70}, 3, 4}, {"c", {61, 5, 5, 120}, 0, 0}, {"d", {}, 0, 0}};
    for (const auto& [id, waits, surveys, answer] : offices) {
        store.put_office(id, password::hash_pin("x"));
        store.store_state(id, hub_state_of("Kantor " + id));
        if (!waits.empty()) store.store_events(id, hub_day_of(waits, surveys, answer));
    }
    hub::Figures figures(store, std::nullopt, monday_0900_wit + 86'400'000LL);
    const json period = {{"from", "2026-11-30"}, {"to", "2026-11-30"}};

    json ask = period;
    ask["by"] = "wait_within";
    const auto by_wait = figures.run("ranking", ask);
    std::vector<std::string> order;
    for (const auto& e : by_wait["offices"]) order.push_back(e["office"]);
    CHECK(order == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(by_wait["offices"][0]["wait_within"] == 1.0);
    CHECK(by_wait["offices"][0]["waits"] == 4);
    CHECK(by_wait["offices"][0]["rank"] == 1);
    CHECK(by_wait["offices"][1]["wait_within"] == 0.5);
    CHECK(by_wait["offices"][1]["rank"] == 2);
    CHECK(by_wait["offices"][2]["rank"] == 2);  // c ties with b
    CHECK(by_wait["offices"][3]["rank"].is_null());
    CHECK(by_wait["offices"][3]["wait_within"].is_null());
    CHECK(by_wait["offices"][3]["name"] == "Kantor d");

    ask["by"] = "ikm";
    const auto by_ikm = figures.run("ranking", ask);
    order.clear();
    for (const auto& e : by_ikm["offices"]) order.push_back(e["office"]);
    CHECK(order == std::vector<std::string>{"b", "a", "c", "d"});
    CHECK(by_ikm["offices"][0]["ikm"] == 100.0);
    CHECK(by_ikm["offices"][0]["grade"] == "A");
    CHECK(by_ikm["offices"][0]["responses"] == 3);
    CHECK(by_ikm["offices"][1]["ikm"] == 75.0);
    CHECK(by_ikm["offices"][1]["rank"] == 2);
    CHECK(by_ikm["offices"][2]["rank"].is_null());

    // A chosen set; the per-office rows of `report` by office agree with the ranking.
    ask = period;
    ask["by"] = "office";
    ask["offices"] = {"c", "a"};
    const auto rows = figures.run("report", ask);
    REQUIRE(rows["rows"].size() == 2);
    CHECK(rows["rows"][0]["key"] == "c");
    CHECK(rows["rows"][0]["wait_within"] == 0.5);
    CHECK(rows["rows"][1]["arrivals"] == 4);

    ask["by"] = "served";
    CHECK_THROWS_AS(figures.run("ranking", ask), hub::Refused);
    // A reader limited to some offices ranks only those.
    hub::Figures limited(store, std::vector<std::string>{"b", "d"}, monday_0900_wit);
    ask = period;
    ask["by"] = "wait_within";
    CHECK(limited.run("ranking", ask)["offices"].size() == 2);
}

}  // namespace hub_ranking_test
