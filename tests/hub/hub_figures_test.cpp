#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

#include "dashboard_support.hpp"
#include "hub_line.hpp"
#include "hub_server.hpp"
#include "hub_store.hpp"
#include "hub_support.hpp"
#include "password.hpp"
#include "pg_cluster.hpp"

namespace hub_figures_test {

using namespace antre;
using namespace antre::test;
using nlohmann::json;

namespace {

struct Run {
    int status = -1;
    std::string out, err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The real `antre` command line, its output captured.
Run antre_cli(const TempDir& home, const std::string& arguments, const std::string& env = "") {
    const std::string out = home.file("out.txt"), err = home.file("err.txt");
    const std::string command = "env -u ANTRE_HOST -u ANTRE_PORT -u ANTRE_HUB HOME=" + home.path().string() + " " +
                                env + " " + ANTRE_CLI_BIN + " " + arguments + " >" + out + " 2>" + err;
    const int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
}

// The office's reply without the envelope: what `antre report --json` prints.
json fields(json body) {
    body.erase("id");
    body.erase("ok");
    return body;
}

json reader_hello(const std::string& reader, const std::string& secret) {
    return {{"id", 1}, {"op", "hello"}, {"reader", reader}, {"secret", secret}};
}

}  // namespace

TEST_CASE("hub figures: a real office's week at the hub gives the office's own reports, IKM and sheets") {
    PgCluster pg;
    const auto secret = password::new_token(), reader_secret = password::new_token();
    hub::HubStore(pg.conninfo()).put_office("sorong", password::hash_pin(secret));
    hub::HubStore(pg.conninfo()).put_reader("evaluator", password::hash_pin(reader_secret), std::nullopt);
    hub::HubStore(pg.conninfo())
        .put_reader("biak-only", password::hash_pin(reader_secret), std::vector<std::string>{"biak"});
    hub::HubServer hub({pg.conninfo(), "127.0.0.1", 0, "", "", 16});
    std::thread runner([&] { hub.run(); });
    {
        SimulatedWeek week([&](AppOptions& o) {
            ship_to(o, "sorong", secret, hub.port());
            o.hub.batch = 500;
        });
        REQUIRE(hub_matches(pg.conninfo(), "sorong", week.office().db()));
        Client& staff = week.manager_client();
        Line reader(hub.port());
        const auto hello = reader.ask(reader_hello("evaluator", reader_secret));
        REQUIRE(hello["ok"] == true);
        CHECK(hello["offices"] == json{"sorong"});

        // November is a closed month at the hub: its figures are computed and kept at the
        // first read, and read as kept at the second (docs/hub.md "Months kept").
        for (const auto& [from, to] : {std::pair{week_from, week_to}, std::pair{"2026-12-01", "2026-12-01"},
                                       std::pair{"2026-11-01", "2026-11-30"}, std::pair{"2026-11-01", "2026-11-30"}}) {
            for (const std::string by : {"officer", "service", "counter", "day", "hour"}) {
                INFO(by << " " << from << ".." << to);
                const auto office = staff.call("report", {{"by", by}, {"from", from}, {"to", to}});
                REQUIRE(office.ok);
                REQUIRE_FALSE(office.body["rows"].empty());
                const auto central = reader.ask(
                    {{"id", 2}, {"op", "report"}, {"offices", {"sorong"}}, {"by", by}, {"from", from}, {"to", to}});
                REQUIRE(central["ok"] == true);
                CHECK(central["offices"][0]["office"] == "sorong");
                CHECK(central["offices"][0]["reply"] == fields(office.body));
            }
            // By office: the office's one row, keyed by its id at the hub.
            const auto office = staff.call("report", {{"by", "office"}, {"from", from}, {"to", to}});
            REQUIRE(office.ok);
            REQUIRE(office.body["rows"].size() == 1);
            const auto by_office =
                reader.ask({{"id", 3}, {"op", "report"}, {"by", "office"}, {"from", from}, {"to", to}});
            json row = office.body["rows"][0];
            row["key"] = "sorong";
            CHECK(by_office["rows"] == json::array({row}));

            for (const std::string service : {"", "KTP"}) {
                json ask = {{"from", from}, {"to", to}};
                if (!service.empty()) ask["service"] = service;
                const auto ikm = staff.call("ikm", ask);
                REQUIRE(ikm.ok);
                ask["id"] = 4;
                ask["op"] = "ikm";
                const auto central_ikm = reader.ask(ask);
                REQUIRE(central_ikm["ok"] == true);
                CHECK(central_ikm["offices"][0]["reply"] == fields(ikm.body));
                CHECK(ikm.body["ikm"]["responses"].get<int>() > 0);
            }
            for (const auto& o : counter_officers) {
                const auto sheet = staff.call("officer_sheet", {{"officer", o.nip}, {"from", from}, {"to", to}});
                REQUIRE(sheet.ok);
                const auto central = reader.ask({{"id", 5},
                                                 {"op", "officer_sheet"},
                                                 {"office", "sorong"},
                                                 {"officer", o.nip},
                                                 {"from", from},
                                                 {"to", to}});
                CHECK(central["offices"][0]["reply"] == fields(sheet.body));
            }
        }

        // The command line: `antre report --hub` prints what `antre report` prints at the office.
        TempDir home;
        const std::string secret_file = home.file("reader.secret");
        std::ofstream(secret_file) << reader_secret << "\n";
        const std::string hub_args = " --hub tcp://127.0.0.1:" + std::to_string(hub.port()) +
                                     " --reader evaluator --secret-file " + secret_file + " --office sorong";
        const std::string office_args =
            " --port " + std::to_string(week.office().port()) + " --nip " + manager.nip + " --role manager";
        for (const std::string& command :
             {std::string("report --by service"), std::string("report --by hour --format csv"), std::string("ikm"),
              "sheet --officer " + counter_officers[1].nip}) {
            for (const std::string format : {"", " --json"}) {
                if (!format.empty() && command.find("--format") != std::string::npos) continue;  // --format wins
                INFO(command << format);
                const std::string period = std::string(" --from ") + week_from + " --to " + week_to + format;
                const auto at_office = antre_cli(home, command + period + office_args, "ANTRE_PIN=" + manager.pin);
                const auto at_hub = antre_cli(home, command + period + hub_args);
                CHECK(at_office.status == 0);
                CHECK(at_hub.status == 0);
                CHECK(at_hub.err.empty());
                CHECK(at_hub.out.size() > 100);
                if (format.empty())  // the same table or CSV, byte for byte
                    CHECK(at_hub.out == at_office.out);
                else  // the same JSON; the office's carries its request's id and ok
                    CHECK(json::parse(at_hub.out) == fields(json::parse(at_office.out)));
            }
        }
        const auto ranking = antre_cli(
            home, std::string("ranking --by wait_within --json --from ") + week_from + " --to " + week_to + hub_args);
        CHECK(ranking.status == 0);
        CHECK(json::parse(ranking.out)["offices"][0]["rank"] == 1);
        const auto table =
            antre_cli(home, std::string("ranking --by ikm --from ") + week_from + " --to " + week_to + hub_args);
        CHECK_THAT(table.out, Catch::Contains("sorong"));
        const auto refused = antre_cli(home, std::string("report --by day --from ") + week_from + " --to " + week_to +
                                                 " --hub tcp://127.0.0.1:" + std::to_string(hub.port()) +
                                                 " --reader evaluator --secret-file " + secret_file + " --office biak");
        CHECK(refused.status == 1);
        CHECK_THAT(refused.err, Catch::Contains("forbidden"));

        // Refusals, each with its code.
        auto code = [&](const json& request) { return reader.ask(request)["error"].value("code", ""); };
        CHECK(code({{"id", 6}, {"op", "report"}, {"by", "week"}, {"from", week_from}, {"to", week_to}}) ==
              "invalid_value");
        CHECK(code({{"id", 6}, {"op", "report"}, {"by", "day"}, {"from", "30-11-2026"}, {"to", week_to}}) ==
              "invalid_value");
        CHECK(code({{"id", 6}, {"op", "report"}, {"by", "day"}, {"from", week_to}, {"to", week_from}}) ==
              "invalid_value");
        CHECK(code({{"id", 6},
                    {"op", "report"},
                    {"by", "day"},
                    {"offices", {"biak"}},
                    {"from", week_from},
                    {"to", week_to}}) == "forbidden");
        CHECK(code({{"id", 6},
                    {"op", "officer_sheet"},
                    {"office", "sorong"},
                    {"officer", "200101012024011001"},
                    {"from", week_from},
                    {"to", week_to}}) == "unknown_officer");
        CHECK(code({{"id", 6}, {"op", "ikm"}, {"service", "PASPOR"}, {"from", week_from}, {"to", week_to}}) ==
              "unknown_service");
        CHECK(code({{"id", 6}, {"op", "ship"}, {"events", json::array()}}) == "forbidden");
        CHECK(code({{"id", 6}, {"op", "report"}, {"by", "day"}, {"from", week_from}}) == "bad_request");

        // A reader for another office sees none of this one; a wrong secret is refused.
        Line other(hub.port());
        CHECK(other.ask(reader_hello("biak-only", reader_secret))["offices"] == json::array());
        CHECK(other.ask({{"id", 2},
                         {"op", "report"},
                         {"offices", {"sorong"}},
                         {"by", "day"},
                         {"from", week_from},
                         {"to", week_to}})["error"]["code"] == "forbidden");
        Line wrong(hub.port());
        CHECK(wrong.ask(reader_hello("evaluator", "not-the-secret"))["error"]["code"] == "unauthorized");
        CHECK(
            wrong.ask(
                {{"id", 2}, {"op", "report"}, {"by", "day"}, {"from", week_from}, {"to", week_to}})["error"]["code"] ==
            "unauthorized");
    }
    hub.stop();
    runner.join();
}

TEST_CASE("hub figures: an office cut off for its whole simulated week catches up by itself, and the figures agree") {
    PgCluster pg;
    const auto secret = password::new_token(), reader_secret = password::new_token();
    hub::HubStore(pg.conninfo()).put_office("sorong", password::hash_pin(secret));
    hub::HubStore(pg.conninfo()).put_reader("evaluator", password::hash_pin(reader_secret), std::nullopt);
    auto hub = std::make_unique<hub::HubServer>(hub::HubOptions{pg.conninfo(), "127.0.0.1", 0, "", "", 16});
    const auto port = hub->port();
    hub.reset();  // the port is known, nobody listens: the link is down all week
    SimulatedWeek week([&](AppOptions& o) { ship_to(o, "sorong", secret, port); });
    const auto log = office_log(week.office().db());
    REQUIRE(log.size() > 1000);
    CHECK(hub::HubStore(pg.conninfo()).events("sorong").empty());

    hub = std::make_unique<hub::HubServer>(hub::HubOptions{pg.conninfo(), "127.0.0.1", port, "", "", 16});
    std::thread runner([&] { hub->run(); });
    // Every event exactly once (the hub's copy equals the log, seq by seq), and the figures agree.
    CHECK(hub_matches(pg.conninfo(), "sorong", week.office().db()));
    Line reader(hub->port());
    REQUIRE(reader.ask(reader_hello("evaluator", reader_secret))["ok"] == true);
    const auto office = week.manager_client().call("report", {{"by", "day"}, {"from", week_from}, {"to", week_to}});
    REQUIRE(office.ok);
    const auto central = reader.ask(
        {{"id", 2}, {"op", "report"}, {"offices", {"sorong"}}, {"by", "day"}, {"from", week_from}, {"to", week_to}});
    CHECK(central["offices"][0]["reply"] == fields(office.body));
    hub->stop();
    runner.join();
}

}  // namespace hub_figures_test
