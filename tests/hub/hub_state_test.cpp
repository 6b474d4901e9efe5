#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <functional>
#include <thread>

#include "hub_server.hpp"
#include "hub_store.hpp"
#include "hub_support.hpp"
#include "password.hpp"
#include "pg_cluster.hpp"
#include "sqlite.hpp"

namespace hub_state_test {

using namespace antre;
using namespace antre::test;
using nlohmann::json;

namespace {

const OfficerSeed admin{"198001012006041001", "Agus Salim", OfficerRole::admin, "75319642"};
const OfficerSeed officer{"199002022015032002", "Siti Rahayu", OfficerRole::officer, "86420975"};

// Waits up to 60 s until `ok` holds of the hub's state of `office`.
bool state_becomes(const std::string& conninfo, const std::string& office, const std::function<bool(const json&)>& ok) {
    for (int i = 0; i < 600; ++i) {
        if (auto s = hub::HubStore(conninfo).state(office); s && ok(json::parse(*s))) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

json service_of(const json& state, const std::string& code) {
    for (const auto& s : state["services"])
        if (s["code"] == code) return s;
    return nullptr;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

TEST_CASE("hub state: services, counters, targets and officers reach the hub, no PIN hashes, once per change") {
    PgCluster pg;
    const auto secret = password::new_token();
    hub::HubStore(pg.conninfo()).put_office("sorong", password::hash_pin(secret));
    hub::HubServer hub({pg.conninfo(), "127.0.0.1", 0, "", "", 16});
    std::thread runner([&] { hub.run(); });
    {
        ShippingOffice office("sorong", secret, hub.port(), {admin, officer});
        // Once at start, before any event: the office as configured.
        REQUIRE(state_becomes(pg.conninfo(), "sorong", [](const json& s) { return s["officers"].size() == 2; }));
        const json first = json::parse(*hub::HubStore(pg.conninfo()).state("sorong"));
        CHECK(first["office"]["time_zone"] == "Asia/Jayapura");
        CHECK(service_of(first, "KTP")["max_wait_minutes"].is_number());
        CHECK(first["counters"].size() >= 1);
        CHECK(first["officers"][0] ==
              json{{"nip", admin.nip}, {"name", admin.name}, {"role", "admin"}, {"active", true}});
        {
            // Nothing of a PIN or a token leaves the office: no such field, no hash.
            sql::Database db(office.db, true);
            sql::Statement q(db, "SELECT pin_hash FROM officers");
            const std::string text = lower(first.dump());
            // No key names a PIN or a token anywhere (the service PINDAH is a word, not a key).
            std::function<void(const json&)> keys = [&](const json& j) {
                if (j.is_object())
                    for (const auto& [k, v] : j.items()) {
                        CHECK(lower(k).find("pin") == std::string::npos);
                        CHECK(lower(k).find("token") == std::string::npos);
                        keys(v);
                    }
                if (j.is_array())
                    for (const auto& v : j) keys(v);
            };
            keys(first);
            CHECK(text.find("argon2") == std::string::npos);
            while (q.step()) CHECK(text.find(lower(q.text(0))) == std::string::npos);
        }
        CHECK(hub::HubStore(pg.conninfo()).state_history_size("sorong") == 1);

        // A new target and a new officer: the hub's state follows, its history grows by one each time
        // the state differs, and the target's history goes with it.
        auto a = connect(office.server->port(), {{"role", "admin"}, {"nip", admin.nip}, {"pin", admin.pin}});
        json ktp = service_of(first, "KTP");
        ktp.erase("closed");
        const int old_wait = ktp["max_wait_minutes"].get<int>();
        ktp["max_wait_minutes"] = old_wait + 15;
        ktp.erase("standard_from");
        REQUIRE(a->call("service_set", {{"service", ktp}}).ok);
        REQUIRE(state_becomes(pg.conninfo(), "sorong", [&](const json& s) {
            const json k = service_of(s, "KTP");
            return k["max_wait_minutes"] == old_wait + 15 && k.contains("earlier_standards") &&
                   k["earlier_standards"].back()["max_wait_minutes"] == old_wait;
        }));
        REQUIRE(
            a->call("officer_add", {{"nip", "200101012024011001"}, {"name", "Petugas Baru"}, {"pin", "24681357"}}).ok);
        REQUIRE(state_becomes(pg.conninfo(), "sorong", [](const json& s) { return s["officers"].size() == 3; }));
        CHECK(hub::HubStore(pg.conninfo()).state_history_size("sorong") == 3);

        // The tickets' labels and shown waits reach the hub with their events.
        auto kiosk = connect(office.server->port(), {{"role", "kiosk"}});
        const auto issued = kiosk->call("issue", {{"service", "KTP"}});
        REQUIRE(issued.ok);
        REQUIRE(hub_matches(pg.conninfo(), "sorong", office.db));
        const auto facts =
            hub::HubStore(pg.conninfo()).ticket("sorong", issued.body["ticket"]["id"].get<std::int64_t>());
        REQUIRE(facts);
        CHECK(facts->label == issued.body["ticket"]["label"].get<std::string>());

        // A restart sends the state again; the hub keeps no second copy of an unchanged state.
        a.reset();
        kiosk.reset();
        office.restart();
        auto again = connect(office.server->port(), {{"role", "kiosk"}});
        REQUIRE(again->call("issue", {{"service", "KK"}}).ok);
        REQUIRE(hub_matches(pg.conninfo(), "sorong", office.db));
        CHECK(hub::HubStore(pg.conninfo()).state_history_size("sorong") == 3);
    }
    hub.stop();
    runner.join();
}

}  // namespace hub_state_test
