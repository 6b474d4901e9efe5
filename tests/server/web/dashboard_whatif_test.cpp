// The dashboard's what-if staffing (POST /api/whatif) against the real server of a
// simulated week: its answer equals the day simulator's (sim::what_if, and the real
// antre-sim executable) for the same history, inputs and seed; bad input, a month
// without history and a visitor without a manager's cookie are refused; one run at a
// time and the time limit, on the runner the server uses.
#include <cstdio>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "history.hpp"
#include "run.hpp"
#include "whatif.hpp"

namespace dashboard_whatif_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

std::string manager_cookie(unsigned short port) {
    const auto r = http_request(port, "POST", "/api/login", json{{"nip", manager.nip}, {"pin", manager.pin}}.dump(),
                                {{"Content-Type", "application/json"}});
    REQUIRE(r.status == 200);
    return cookie_of(r);
}

HttpReply what_if(unsigned short port, const std::string& cookie, const json& ask) {
    return http_request(port, "POST", "/api/whatif", ask.dump(),
                        {{"Content-Type", "application/json"}, {"Cookie", cookie}});
}

// What the real antre-sim prints with --json.
json cli_json(const std::string& arguments) {
    const std::string command = std::string(ANTRE_SIM_BIN) + " " + arguments;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    REQUIRE(::pclose(pipe) == 0);
    return json::parse(out);
}

// The simulated week's config: write_test_config writes the same file every time.
struct WeekConfig {
    TempDir dir;
    std::string path = write_test_config(dir);
    OfficeConfig office = load_config(path);
};

}  // namespace

TEST_CASE("dashboard what-if: the answer is the simulator's for the same inputs and seed", "[dashboard][whatif]") {
    SimulatedWeek& week = shared_week();
    const auto port = week.office().http_port();
    const std::string cookie = manager_cookie(port);
    const WeekConfig config;

    // November 2026 holds one office day of the week, Monday the 30th; "today" is
    // Monday 2026-12-07, the day simulated.
    const json ask = {{"month", "2026-11"}, {"weekday", 1}, {"services", {"KTP", "KK"}}, {"runs", 4}, {"seed", 7}};
    const auto r = what_if(port, cookie, ask);
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(r.header("cache-control") == "no-store");
    const json body = r.json();
    CHECK(body["ok"] == true);
    CHECK(body["month"] == "2026-11");
    CHECK(body["weekday"] == 1);
    CHECK(body["seed"] == 7);
    CHECK(body["services"] == json::array({"KTP", "KK"}));

    const sim::DayModel model =
        sim::read_history(week.office().db(), "2026-11", config.office).model_for(config.office, 1);
    const sim::WhatIf w =
        sim::what_if(config.office, model, {sim::parse_add_counter("KTP,KK@Mon", config.office)}, "2026-12-07", 7, 4);
    json expected = sim::compare_json(w.before, w.after, w.change);
    CHECK(body["change"] == expected["change"]);
    CHECK(body["before"] == expected["before"]);
    CHECK(body["after"] == expected["after"]);
    CHECK(body["before"]["day"] == "2026-12-07");
    CHECK(body["before"]["runs"] == 4);

    // The same figures as the antre-sim executable prints for the same history.
    const json cli = cli_json("--config " + config.path + " --from-history " + week.office().db() +
                              " --month 2026-11 --add-counter KTP,KK@Mon --runs 4 --seed 7 --json");
    CHECK(body["change"] == cli["change"]);
    CHECK(body["before"] == cli["before"]);
    CHECK(body["after"] == cli["after"]);

    // The history has KTP tickets, and the added counter shortens their wait.
    const json& before_ktp = body["before"]["services"][0];
    const json& after_ktp = body["after"]["services"][0];
    REQUIRE(before_ktp["service"] == "KTP");
    CHECK(before_ktp["tickets"].get<int>() > 0);
    CHECK(after_ktp["mean_wait_s"].get<double>() <= before_ktp["mean_wait_s"].get<double>());
    CHECK(body["before"]["services"].back()["service"] == "ALL");

    // Without runs and seed: 20 days from seed 1, as antre-sim's defaults.
    const auto defaults = what_if(port, cookie, {{"month", "2026-11"}, {"weekday", 1}, {"services", {"KIA"}}});
    REQUIRE(defaults.status == 200);
    CHECK(defaults.json()["before"]["runs"] == 20);
    CHECK(defaults.json()["seed"] == 1);
    CHECK(defaults.json()["change"] == "one more counter for KIA@Mon");
}

TEST_CASE("dashboard what-if: refusals", "[dashboard][whatif]") {
    SimulatedWeek& week = shared_week();
    const auto port = week.office().http_port();
    const std::string cookie = manager_cookie(port);
    const json good = {{"month", "2026-11"}, {"weekday", 1}, {"services", {"KTP"}}, {"runs", 1}};

    SECTION("only a manager's session, only POST with JSON") {
        const auto none = what_if(port, "", good);
        CHECK(none.status == 401);
        CHECK(none.json()["error"]["code"] == "hello_required");
        const auto forged = what_if(port, "antre_sesi=" + std::string(64, 'b'), good);
        CHECK(forged.status == 401);
        const auto get = http_request(port, "GET", "/api/whatif", "", {{"Cookie", cookie}});
        CHECK(get.status == 405);
        CHECK(get.header("allow") == "POST");
        const auto form = http_request(port, "POST", "/api/whatif", "month=2026-11",
                                       {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", cookie}});
        CHECK(form.status == 415);
        const auto broken = http_request(port, "POST", "/api/whatif",
                                         "{\"month\":", {{"Content-Type", "application/json"}, {"Cookie", cookie}});
        CHECK(broken.status == 400);
        CHECK(broken.json()["error"]["code"] == "bad_json");
    }
    SECTION("bad input names what is wrong") {
        struct Case {
            json change;
            const char* code;
            const char* words;
        };
        const std::vector<Case> cases = {
            {{{"month", "2026-13"}}, "bad_request", "YYYY-MM"},
            {{{"month", "November"}}, "bad_request", "YYYY-MM"},
            {{{"weekday", 7}}, "bad_request", "Hari"},
            {{{"weekday", "Mon"}}, "bad_request", "Hari"},
            {{{"services", json::array()}}, "bad_request", "layanan"},
            {{{"services", {"KTP", "KK", "KTP"}}}, "bad_request", "dua kali"},
            {{{"services", {"KTP", "PASPOR"}}}, "unknown_service", "PASPOR"},
            {{{"services", {"KTP", "KK", "AKTA_LAHIR", "AKTA_MATI", "KIA", "PINDAH", "KTP"}}},
             "bad_request",
             "1 sampai 6"},
            {{{"runs", 0}}, "invalid_value", "1 sampai 50"},
            {{{"runs", 51}}, "invalid_value", "1 sampai 50"},
            {{{"runs", "20"}}, "invalid_value", "1 sampai 50"},
            {{{"seed", -1}}, "invalid_value", "seed"},
            // A month with no history, and a weekday the month's history does not hold.
            {{{"month", "2026-10"}}, "no_history", "Oktober"},
            {{{"weekday", 3}}, "no_history", "Rabu"},
        };
        for (const auto& c : cases) {
            json ask = good;
            ask.update(c.change);
            INFO(ask.dump());
            const auto r = what_if(port, cookie, ask);
            INFO(r.body);
            CHECK(r.status == 400);
            CHECK(r.json()["error"]["code"] == c.code);
            CHECK(r.json()["error"]["message"].get<std::string>().find(c.words) != std::string::npos);
        }
    }
}

TEST_CASE("what-if runner: one run at a time, and the time limit", "[dashboard][whatif]") {
    SimulatedWeek& week = shared_week();
    const WeekConfig config;
    ManualClock clock(monday_0900_wit + 7 * 86'400'000LL);
    boost::asio::io_context io;
    const json ask = {{"month", "2026-11"}, {"weekday", 1}, {"services", {"KTP"}}, {"runs", 2}};
    std::vector<http::Response> answers;
    // Starts a run whose answer the I/O loop then waits for (the worker answers through it).
    auto start = [&](WhatIfRunner& runner) {
        auto guard = std::make_shared<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>(
            io.get_executor());
        runner.run(ask, [&answers, guard](http::Response r) {
            answers.push_back(std::move(r));
            guard->reset();
        });
    };
    auto wait = [&] {
        io.restart();
        io.run();
    };

    SECTION("a second request while one runs is answered 429 at once") {
        WhatIfRunner runner(io, config.office, week.office().db(), clock);
        start(runner);
        start(runner);  // the first has not come back to the I/O thread yet
        REQUIRE(answers.size() == 1);
        CHECK(answers[0].result_int() == 429);
        CHECK(answers[0][boost::beast::http::field::retry_after] == "5");
        CHECK(json::parse(answers[0].body())["error"]["code"] == "simulation_busy");
        wait();  // the first run's answer; then the runner is free again
        REQUIRE(answers.size() == 2);
        CHECK(answers[1].result_int() == 200);
        start(runner);
        wait();
        REQUIRE(answers.size() == 3);
        CHECK(answers[2].result_int() == 200);
        CHECK(json::parse(answers[2].body())["before"] == json::parse(answers[1].body())["before"]);
    }
    SECTION("a run past its time limit stops with simulation_too_long") {
        WhatIfOptions options;
        options.time_limit = std::chrono::milliseconds(0);
        WhatIfRunner runner(io, config.office, week.office().db(), clock, options);
        start(runner);
        wait();
        REQUIRE(answers.size() == 1);
        CHECK(answers[0].result_int() == 503);
        const json body = json::parse(answers[0].body());
        CHECK(body["error"]["code"] == "simulation_too_long");
        CHECK(body["error"]["message"].get<std::string>().find("batas waktu") != std::string::npos);
    }
}

}  // namespace dashboard_whatif_test
