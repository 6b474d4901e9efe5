// Offices shipping to a hub over TLS (docs/hub.md "TLS"): the real hub with the
// committed test-only certificate (tests/data/tls), real office servers with
// `--hub tls://...`, and `antre ranking --hub tls://...`.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "hub_server.hpp"
#include "hub_store.hpp"
#include "hub_support.hpp"
#include "password.hpp"
#include "pg_cluster.hpp"

namespace hub_tls_test {

using namespace antre;
using namespace antre::test;

namespace {

std::string tls_file(const std::string& name) { return std::string(ANTRE_SOURCE_DIR) + "/tests/data/tls/" + name; }

// Gives a wrong office a while to try (its shipper retries every 0.5 s at most).
void give_time() { std::this_thread::sleep_for(std::chrono::seconds(3)); }

}  // namespace

TEST_CASE("hub tls: offices ship over TLS, and a wrong secret, an untrusted hub or plain TCP store nothing") {
    PgCluster pg;
    const auto secret = password::new_token(), reader_secret = password::new_token();
    {
        hub::HubStore store(pg.conninfo());
        for (const char* id : {"sorong", "biak", "fakfak", "kaimana"}) store.put_office(id, password::hash_pin(secret));
        store.put_reader("centre", password::hash_pin(reader_secret), std::nullopt);
    }
    hub::HubServer hub({pg.conninfo(), "127.0.0.1", 0, tls_file("server.crt"), tls_file("server.key"), 16});
    std::thread runner([&] { hub.run(); });
    {
        ShippingOffice office("sorong", secret, hub.port(), {}, tls_file("server.crt"));
        ShippingOffice wrong_secret("biak", "not-the-secret", hub.port(), {}, tls_file("server.crt"));
        ShippingOffice wrong_ca("fakfak", secret, hub.port(), {}, tls_file("other.crt"));
        ShippingOffice plain("kaimana", secret, hub.port());  // tcp:// to a TLS hub
        for (auto* o : {&office, &wrong_secret, &wrong_ca, &plain}) {
            auto kiosk = connect(o->server->port(), {{"role", "kiosk"}});
            for (int t = 0; t < 12; ++t) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        }
        CHECK(hub_matches(pg.conninfo(), "sorong", office.db));
        give_time();
        hub::HubStore store(pg.conninfo());
        for (const char* id : {"biak", "fakfak", "kaimana"}) {
            INFO(id);
            CHECK(store.events(id).empty());
            CHECK(store.acked_seq(id) == 0);
            CHECK_FALSE(store.state(id));
        }
    }
    {
        // antre ranking --hub tls:// reads the figures over TLS, and refuses an untrusted hub.
        TempDir home;
        std::ofstream(home.file("reader.secret")) << reader_secret << "\n";
        const std::string common =
            std::string(ANTRE_CLI_BIN) +
            " ranking --by ikm --office sorong --json --hub tls://127.0.0.1:" + std::to_string(hub.port()) +
            " --reader centre --secret-file " + home.file("reader.secret") +
            " --from 2020-01-01 --to 2020-12-31 --hub-tls-ca ";
        const std::string out = home.file("out.txt");
        int raw = std::system((common + tls_file("server.crt") + " >" + out + " 2>&1").c_str());
        std::ifstream in(out);
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        INFO(text);
        CHECK(WIFEXITED(raw));
        CHECK(WEXITSTATUS(raw) == 0);
        CHECK(text.find("\"sorong\"") != std::string::npos);
        raw = std::system((common + tls_file("other.crt") + " >/dev/null 2>&1").c_str());
        CHECK(WEXITSTATUS(raw) == 3);  // cannot reach the hub: its certificate is not trusted
    }
    hub.stop();
    runner.join();
}

}  // namespace hub_tls_test
