// The dashboard over real HTTP: the server of a simulated week on ephemeral
// ports, a Beast client for the browser's side, and the client library for the
// reference figures the CLI would print.
#include <cstdio>

#include <catch2/catch.hpp>

#include "antre/report_text.hpp"
#include "dashboard_support.hpp"
#include "sqlite.hpp"

namespace dashboard_http_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

HttpReply login(unsigned short port, const std::string& nip, const std::string& pin) {
    return http_request(port, "POST", "/api/login", json{{"nip", nip}, {"pin", pin}}.dump(),
                        {{"Content-Type", "application/json"}});
}

HttpReply get(unsigned short port, const std::string& target, const std::string& cookie = "") {
    if (cookie.empty()) return http_request(port, "GET", target);
    return http_request(port, "GET", target, "", {{"Cookie", cookie}});
}

// What the real `antre` command prints, run as a manager would (PIN from ANTRE_PIN).
std::string cli_output(const std::string& arguments) {
    const std::string command = std::string("ANTRE_PIN=") + manager.pin + " " + ANTRE_CLI_BIN + " " + arguments;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    CHECK(::pclose(pipe) == 0);
    return out;
}

std::string period(const std::string& by) { return "?by=" + by + "&from=" + week_from + "&to=" + week_to; }

}  // namespace

TEST_CASE("dashboard: log-in, roles and the session cookie", "[dashboard][http]") {
    SimulatedWeek& week = shared_week();
    const auto port = week.office().http_port();
    REQUIRE(port != 0);
    REQUIRE(port != week.office().port());

    SECTION("every /api/ endpoint needs the cookie") {
        for (const char* target : {"/api/status", "/api/me", "/api/officers", "/api/report?by=officer", "/api/ikm"}) {
            const auto r = get(port, target);
            INFO(target);
            CHECK(r.status == 401);
            CHECK(r.json()["error"]["code"] == "hello_required");
        }
        // The pages themselves hold no figures and load without it.
        const auto page = get(port, "/login.html");
        CHECK(page.status == 200);
        CHECK(page.header("content-type") == "text/html; charset=utf-8");
        CHECK(page.body.find("login-form") != std::string::npos);
        CHECK(get(port, "/").body.find("report-table") != std::string::npos);
    }
    SECTION("a wrong PIN and an unknown NIP are refused alike, with no cookie") {
        for (const auto& r : {login(port, manager.nip, "0000"), login(port, "190001012000011999", manager.pin)}) {
            CHECK(r.status == 401);
            CHECK(r.json()["error"]["code"] == "bad_credentials");
            CHECK(r.header("set-cookie").empty());
        }
    }
    SECTION("an officer with only the counter role gets 403") {
        const auto r = login(port, counter_officers[0].nip, counter_officers[0].pin);
        CHECK(r.status == 403);
        CHECK(r.json()["error"]["code"] == "forbidden");
        CHECK(r.header("set-cookie").empty());
    }
    SECTION("a manager logs in, reads, and logs out") {
        const auto r = login(port, manager.nip, manager.pin);
        REQUIRE(r.status == 200);
        CHECK(r.json()["officer"]["name"] == manager.name);
        CHECK(r.body.find("token") == std::string::npos);  // the token travels only in the cookie
        const std::string set_cookie = r.header("set-cookie");
        CHECK(set_cookie.rfind("antre_sesi=", 0) == 0);
        CHECK(set_cookie.find("HttpOnly") != std::string::npos);
        CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
        CHECK(set_cookie.find("Path=/") != std::string::npos);
        const std::string cookie = cookie_of(r);

        const auto me = get(port, "/api/me", cookie);
        CHECK(me.status == 200);
        CHECK(me.json()["officer"]["nip"] == manager.nip);
        const auto status = get(port, "/api/status", cookie);
        REQUIRE(status.status == 200);
        CHECK(status.json()["snapshot"]["counters"].size() == 6);
        CHECK(status.header("cache-control") == "no-store");

        const auto out = http_request(port, "POST", "/api/logout", "", {{"Cookie", cookie}});
        CHECK(out.status == 200);
        CHECK(out.header("set-cookie").find("Max-Age=0") != std::string::npos);
        // The token itself has ended, not only the browser's copy.
        const auto after = get(port, "/api/status", cookie);
        CHECK(after.status == 401);
        CHECK(after.json()["error"]["code"] == "bad_credentials");
    }
    SECTION("a made-up cookie is refused") {
        CHECK(get(port, "/api/status", "antre_sesi=" + std::string(64, 'a')).status == 401);
    }
}

TEST_CASE("dashboard: JSON and CSV are the report op's figures", "[dashboard][http]") {
    SimulatedWeek& week = shared_week();
    const auto port = week.office().http_port();
    const auto r = login(port, manager.nip, manager.pin);
    REQUIRE(r.status == 200);
    const std::string cookie = cookie_of(r);

    for (const std::string by : {"officer", "service", "counter", "day", "hour"}) {
        INFO("by " << by);
        const auto reference = week.manager_client().call("report", {{"by", by}, {"from", week_from}, {"to", week_to}});
        REQUIRE(reference.ok);
        const auto http = get(port, "/api/report" + period(by), cookie);
        REQUIRE(http.status == 200);
        const json body = http.json();
        CHECK(body["rows"] == reference.body["rows"]);
        CHECK(body["from"] == week_from);
        CHECK(body["by"] == by);

        // The CSV download is what `antre report --format csv` prints, byte for byte.
        const auto csv = get(port, "/api/report.csv" + period(by), cookie);
        REQUIRE(csv.status == 200);
        CHECK(csv.header("content-type") == "text/csv; charset=utf-8");
        CHECK(csv.header("content-disposition").find("antre-" + by + "-2026-11-30-2026-12-04.csv") !=
              std::string::npos);
        CHECK(csv.body == report_text::report_csv(reference.body));
    }
    // The week is really there: every ticket arrived and the counter officers served.
    const auto by_officer = get(port, "/api/report" + period("officer"), cookie).json();
    int arrivals = 0;
    const json by_day = get(port, "/api/report" + period("day"), cookie).json();
    for (const auto& row : by_day["rows"]) arrivals += row["arrivals"].get<int>();
    CHECK(arrivals == week.issued());
    for (const auto& o : counter_officers) {
        auto it = std::find_if(by_officer["rows"].begin(), by_officer["rows"].end(),
                               [&](const json& row) { return row["key"] == o.nip; });
        REQUIRE(it != by_officer["rows"].end());
        CHECK((*it)["served"].get<int>() > 0);
    }

    SECTION("the CSV download is what `antre report --format csv` prints") {
        for (const std::string by : {"officer", "hour"}) {
            const std::string cli = cli_output("report --by " + by + " --from " + week_from + " --to " + week_to +
                                               " --format csv --role manager --nip " + manager.nip +
                                               " --host 127.0.0.1 --port " + std::to_string(week.office().port()));
            CHECK(cli.size() > 100);
            CHECK(get(port, "/api/report.csv" + period(by), cookie).body == cli);
        }
    }
    SECTION("a refused report keeps the op's code and message") {
        const auto bad = get(port, "/api/report?by=weekday&from=2026-11-30&to=2026-12-04", cookie);
        CHECK(bad.status == 400);
        CHECK(bad.json()["error"]["code"] == "invalid_value");
        const auto reference =
            week.manager_client().call("report", {{"by", "weekday"}, {"from", week_from}, {"to", week_to}});
        CHECK(bad.json()["error"]["message"] == reference.message);
    }
    SECTION("officers, the IKM and an officer's sheet answer as their ops do") {
        const auto officers = get(port, "/api/officers", cookie);
        REQUIRE(officers.status == 200);
        CHECK(officers.json()["officers"] == week.manager_client().call("officers").body["officers"]);
        const auto ikm = get(port, std::string("/api/ikm?from=") + week_from + "&to=" + week_to, cookie);
        const auto reference = week.manager_client().call("ikm", {{"from", week_from}, {"to", week_to}});
        REQUIRE(reference.ok);
        CHECK(ikm.status == 200);
        CHECK(ikm.json()["ikm"] == reference.body["ikm"]);
        // One service's report (the IKM page's selector): the op's reply for that service.
        for (const char* service : {"KTP", "KIA"}) {
            INFO(service);
            const auto one =
                get(port, std::string("/api/ikm?from=") + week_from + "&to=" + week_to + "&service=" + service, cookie);
            const auto op =
                week.manager_client().call("ikm", {{"from", week_from}, {"to", week_to}, {"service", service}});
            REQUIRE(op.ok);
            CHECK(one.status == 200);
            CHECK(one.json()["ikm"] == op.body["ikm"]);
            CHECK(one.json()["ikm"]["service"] == service);
            CHECK(one.json()["ikm"]["responses"].get<int>() < reference.body["ikm"]["responses"].get<int>());
        }
        const auto unknown =
            get(port, std::string("/api/ikm?from=") + week_from + "&to=" + week_to + "&service=PASPOR", cookie);
        CHECK(unknown.status == 400);
        CHECK(unknown.json()["error"]["code"] == "unknown_service");
        for (const auto& o : counter_officers) {
            INFO(o.name);
            const auto sheet =
                get(port, "/api/officer_sheet?officer=" + o.nip + "&from=" + week_from + "&to=" + week_to, cookie);
            const auto op =
                week.manager_client().call("officer_sheet", {{"officer", o.nip}, {"from", week_from}, {"to", week_to}});
            REQUIRE(op.ok);
            CHECK(sheet.status == 200);
            CHECK(sheet.json()["sheet"] == op.body["sheet"]);
        }
        const auto nobody =
            get(port, std::string("/api/officer_sheet?officer=199912312020129999&from=") + week_from + "&to=" + week_to,
                cookie);
        CHECK(nobody.status >= 400);
        CHECK(nobody.json()["error"]["code"] == "unknown_officer");
    }
    SECTION("only the allow-listed read ops are reachable") {
        CHECK(get(port, "/api/issue?service=KTP", cookie).status == 404);
        CHECK(get(port, "/api/events", cookie).status == 404);
        const auto post = http_request(port, "POST", "/api/report" + period("officer"), "", {{"Cookie", cookie}});
        CHECK(post.status == 405);
        CHECK(post.header("allow") == "GET");
        CHECK(get(port, "/api/login", cookie).status == 405);
    }
}

TEST_CASE("dashboard: oversize and malformed requests", "[dashboard][http]") {
    TestOffice office({manager});
    const auto port = office.http_port();

    SECTION("garbage instead of HTTP gets 400 and the connection ends") {
        const std::string reply = http_raw(port, "HELLO THERE\r\n\r\n");
        CHECK(reply.rfind("HTTP/1.1 400", 0) == 0);
    }
    SECTION("headers beyond the limit get 431") {
        const std::string reply =
            http_raw(port, "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(20 * 1024, 'a') + "\r\n\r\n");
        CHECK(reply.rfind("HTTP/1.1 431", 0) == 0);
    }
    SECTION("a body beyond the limit gets 413") {
        const auto r = http_request(port, "POST", "/api/login", std::string(64 * 1024, '{'),
                                    {{"Content-Type", "application/json"}});
        CHECK(r.status == 413);
    }
    SECTION("a log-in that is not the expected JSON is refused") {
        // A form post (what another site could make a browser send) is not even read.
        CHECK(http_request(port, "POST", "/api/login", "nip=1&pin=2",
                           {{"Content-Type", "application/x-www-form-urlencoded"}})
                  .status == 415);
        CHECK(http_request(port, "POST", "/api/login", R"({"nip":"1","pin":"2"})", {{"Content-Type", "text/plain"}})
                  .status == 415);
        const std::map<std::string, std::string> json_type = {{"Content-Type", "application/json; charset=utf-8"}};
        CHECK(http_request(port, "POST", "/api/login", "nip=1&pin=2", json_type).status == 400);
        CHECK(http_request(port, "POST", "/api/login", R"({"nip": 1, "pin": 2})", json_type).status == 400);
        CHECK(http_request(port, "POST", "/api/login", R"({"nip": "1"})", json_type).status == 400);
    }
    SECTION("broken escapes and unknown pages") {
        CHECK(http_raw(port, "GET /%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").rfind("HTTP/1.1 400", 0) ==
              0);
        CHECK(http_request(port, "GET", "/nothing-here.html").status == 404);
        CHECK(http_request(port, "DELETE", "/").status == 405);
    }
    SECTION("keep-alive: two requests on one connection") {
        const std::string reply = http_raw(port,
                                           "GET /login.html HTTP/1.1\r\nHost: x\r\n\r\n"
                                           "GET /app.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        CHECK(reply.rfind("HTTP/1.1 200", 0) == 0);
        CHECK(reply.find("HTTP/1.1 200", 1) != std::string::npos);
        CHECK(reply.find("text/css") != std::string::npos);
    }
    SECTION("the TCP port and the dashboard keep serving afterwards") {
        http_raw(port, "\x16\x03\x01 not http at all\r\n\r\n");
        CHECK(http_request(port, "GET", "/login.html").status == 200);
        auto kiosk = connect(office.port(), {{"role", "kiosk"}});
        CHECK(kiosk->call("ping").ok);
    }
}

TEST_CASE("dashboard: log-ins are throttled per browser, 429 when throttled, 503 while the disk refuses",
          "[dashboard][http]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    add_officer(db, manager.nip, manager.name, manager.role, manager.pin);
    ManualClock clock(monday_0900_wit);
    RunningServer server(config, db, &clock, [](AppOptions& o) { o.handler.login_throttle.free_address_failures = 3; });
    const auto port = server.http_port();
    auto login_from = [&](const std::string& from, const std::string& nip, const std::string& pin,
                          const std::string& type = "application/json") {
        return http_request(port, "POST", "/api/login", json{{"nip", nip}, {"pin", pin}}.dump(),
                            {{"Content-Type", type}}, from);
    };

    // Three wrong guesses from one machine, each for a NIP of its own.
    for (const char* nip : {"199001012015011001", "199001012015011002", "199001012015011003"})
        CHECK(login_from("127.0.0.2", nip, "0000").status == 401);
    const auto throttled = login_from("127.0.0.2", manager.nip, manager.pin);
    CHECK(throttled.status == 429);
    CHECK(throttled.header("retry-after") == "1");
    CHECK(throttled.json()["error"]["code"] == "too_many_attempts");
    CHECK(throttled.json()["error"]["retry_after_ms"] == 1000);

    SECTION("the manager at another machine logs in: each browser has its own address") {
        const auto r = login_from("127.0.0.1", manager.nip, manager.pin);
        CHECK(r.status == 200);
        CHECK_FALSE(cookie_of(r).empty());
    }
    SECTION("JSON is accepted in any spelling of its media type") {
        CHECK(login_from("127.0.0.1", manager.nip, manager.pin, "Application/JSON").status == 200);
        CHECK(login_from("127.0.0.1", manager.nip, manager.pin, "APPLICATION/JSON; Charset=UTF-8").status == 200);
        CHECK(login_from("127.0.0.1", manager.nip, manager.pin, "text/plain").status == 415);
    }
    SECTION("a disk that refuses writes: 503, and the log-in works once it accepts them") {
        {
            sql::Database other(db);
            other.exec("BEGIN IMMEDIATE");  // another program holds the write lock
            const auto r = login_from("127.0.0.1", manager.nip, manager.pin);
            CHECK(r.status == 503);
            CHECK(r.json()["error"]["code"] == "storage_unavailable");
            other.exec("ROLLBACK");
        }
        CHECK(login_from("127.0.0.1", manager.nip, manager.pin).status == 200);
    }
}

TEST_CASE("dashboard: the cookie opens nothing but the dashboard, and ends when its officer loses the role",
          "[dashboard][http]") {
    const OfficerSeed admin{"198001012006041001", "Admin Dukcapil", OfficerRole::admin, "75319642"};
    const OfficerSeed other_admin{"197905052005011002", "Admin Kedua", OfficerRole::admin, "31415926"};
    TestOffice office({manager, admin, other_admin});
    const auto http_port = office.http_port();
    auto hello_reply = [&](const json& hello) { return try_hello(office.port(), hello); };
    const auto in = login(http_port, admin.nip, admin.pin);
    REQUIRE(in.status == 200);
    const std::string cookie = cookie_of(in);
    const std::string token = cookie.substr(cookie.find('=') + 1);
    REQUIRE(get(http_port, "/api/me", cookie).status == 200);

    SECTION("the cookie of an administrator opens no session on the client port") {
        CHECK(hello_reply({{"role", "admin"}, {"token", token}}).code == "bad_credentials");
        CHECK(hello_reply({{"role", "manager"}, {"token", token}}).code == "bad_credentials");
        CHECK(hello_reply({{"role", "counter"}, {"counter", 1}, {"token", token}}).code == "bad_credentials");
    }
    SECTION("a client-port token is no cookie") {
        const Reply r = hello_reply({{"role", "manager"}, {"nip", manager.nip}, {"pin", manager.pin}});
        REQUIRE(r.ok);
        const std::string client_token = r.body["token"];
        CHECK(get(http_port, "/api/me", "antre_sesi=" + client_token).status == 401);
    }
    SECTION("deactivated: the cookie ends") {
        auto by = connect(office.port(), {{"role", "admin"}, {"nip", other_admin.nip}, {"pin", other_admin.pin}});
        REQUIRE(by->call("officer_set", {{"nip", admin.nip}, {"active", false}}).ok);
        CHECK(get(http_port, "/api/me", cookie).status == 401);
    }
    SECTION("made an officer: the cookie ends; made a manager: it stays") {
        auto by = connect(office.port(), {{"role", "admin"}, {"nip", other_admin.nip}, {"pin", other_admin.pin}});
        REQUIRE(by->call("officer_set", {{"nip", admin.nip}, {"role", "manager"}}).ok);
        CHECK(get(http_port, "/api/me", cookie).status == 200);
        REQUIRE(by->call("officer_set", {{"nip", admin.nip}, {"role", "officer"}}).ok);
        CHECK(get(http_port, "/api/me", cookie).status == 401);
    }
}

}  // namespace dashboard_http_test
