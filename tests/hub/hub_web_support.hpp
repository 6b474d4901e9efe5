// What the central dashboard's tests share: a hub (line port and HTTP port) running
// in-process on a throwaway cluster, and offices in two regions with figures.
#pragma once

#include <string>
#include <thread>

#include "hub_fixtures.hpp"
#include "hub_server.hpp"
#include "hub_web.hpp"
#include "password.hpp"
#include "pg_cluster.hpp"

namespace antre::test {

/// Secrets of the readers seed_offices() registers.
inline const std::string region_secret = "rahasia-papua-barat-daya";
inline const std::string all_secret = "rahasia-pusat";
/// The officer of every seeded office's state and day.
inline const std::string officer_nip = "199002022015032002";

/// Offices a, b (region papua-barat-daya), c (maluku) and d (none), each with its
/// state (one officer) and a Monday's figures; readers `pbd` (region papua-barat-daya) and `pusat`
/// (every office).
inline void seed_offices(hub::HubStore& store) {
    struct Office {
        const char* id;
        const char* region;
        std::vector<int> waits;
        int surveys, answer;
    };
    const std::vector<Office> offices = {{"a", "papua-barat-daya", {10, 20, 30, 40}, 2, 3},
                                         {"b", "papua-barat-daya", {10, 90, 20, 70}, 3, 4},
                                         {"c", "maluku", {61, 5, 5, 120}, 1, 2},
                                         {"d", "", {15, 25}, 0, 0}};
    for (const auto& o : offices) {
        store.put_office(o.id, password::hash_pin("x"));
        if (*o.region) store.set_office_region(o.id, std::string(o.region));
        // With the officer whose NIP the day's calls and finishes carry (hub_day_of).
        auto state =
            nlohmann::json::parse(hub_state_of(std::string("Kantor ") + static_cast<char>(o.id[0] - 'a' + 'A')));
        state["officers"] = {{{"nip", officer_nip}, {"name", "Siti Rahayu"}, {"role", "officer"}, {"active", true}}};
        store.store_state(o.id, state.dump());
        store.store_events(o.id, hub_day_of(o.waits, o.surveys, o.answer));
    }
    store.put_reader("pbd", password::hash_pin(region_secret), std::nullopt);
    store.set_reader_region("pbd", std::string("papua-barat-daya"));
    store.put_reader("pusat", password::hash_pin(all_secret), std::nullopt);
}

/// antre-hub's line port and its central dashboard on free ports, in this process.
struct RunningHub {
    explicit RunningHub(const std::string& conninfo)
        : server(hub::HubOptions{conninfo, "127.0.0.1", 0, "", "", 64}),
          web(hub::HubWebOptions{conninfo, "127.0.0.1", 0, "", "", 2, 64}),
          thread([this] { server.run(); }) {}
    ~RunningHub() {
        web.stop();
        server.stop();
        thread.join();
    }
    hub::HubServer server;
    hub::HubWeb web;
    std::thread thread;
};

/// A throwaway cluster holding seed_offices()'s offices and readers, and a hub on it.
struct SeededHub {
    // The offices are seeded before the hub starts (the comma runs seed_offices first).
    SeededHub() : store(pg.conninfo()), hub((seed_offices(store), pg.conninfo())) {}
    PgCluster pg;
    hub::HubStore store;
    RunningHub hub;
};

}  // namespace antre::test
