// The central dashboard over HTTP against a real hub and a throwaway PostgreSQL
// cluster: log-in and its cookie, the API's replies equal to the line protocol's for
// the same request, and regions as roles (a region's reader sees exactly its offices,
// those added later too, and gets 403 for another region's).
#include <catch2/catch.hpp>

#include "antre/report_text.hpp"
#include "dashboard_support.hpp"
#include "hub_line.hpp"
#include "hub_sessions.hpp"
#include "hub_web_support.hpp"

namespace hub_dashboard_test {

using namespace antre;
using namespace antre::test;
using nlohmann::json;

namespace {

const std::map<std::string, std::string> json_type = {{"Content-Type", "application/json"}};

// Logs in over HTTP and returns the session's cookie ("name=value").
std::string log_in(unsigned short port, const std::string& reader, const std::string& secret) {
    const auto r =
        http_request(port, "POST", "/api/login", json{{"reader", reader}, {"secret", secret}}.dump(), json_type);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return cookie_of(r);
}

HttpReply get(unsigned short port, const std::string& target, const std::string& cookie) {
    return http_request(port, "GET", target, "", {{"Cookie", cookie}});
}

// The line protocol's reply without its id: what the HTTP API must answer.
json line_reply(Line& line, json request) {
    request["id"] = 7;
    json reply = line.ask(request);
    CHECK(reply["id"] == 7);
    reply.erase("id");
    return reply;
}

std::vector<std::string> ids_of(const json& offices) {
    std::vector<std::string> out;
    for (const auto& o : offices) out.push_back(o.is_string() ? o.get<std::string>() : o["office"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("hub dashboard: log-in, cookie and refusals", "[hub][dashboard]") {
    SeededHub seeded;
    auto& store = seeded.store;
    auto& hub = seeded.hub;
    const auto port = hub.web.port();

    // A wrong secret and an unknown reader get the same 401, and no cookie.
    for (const auto& [reader, secret] : std::vector<std::pair<std::string, std::string>>{
             {"pbd", "salah"}, {"pbd", ""}, {"tidak-ada", region_secret}}) {
        const auto r =
            http_request(port, "POST", "/api/login", json{{"reader", reader}, {"secret", secret}}.dump(), json_type);
        INFO(reader << " " << r.body);
        CHECK(r.status == 401);
        CHECK(r.json()["error"]["code"] == "unauthorized");
        CHECK(r.header("set-cookie").empty());
    }
    // Only JSON: a form on another site cannot log a browser in.
    CHECK(http_request(port, "POST", "/api/login", "reader=pbd&secret=x",
                       {{"Content-Type", "application/x-www-form-urlencoded"}})
              .status == 415);
    CHECK(http_request(port, "GET", "/api/login").status == 405);
    // Nothing without a session, nor with a made-up one.
    CHECK(http_request(port, "GET", "/api/me").status == 401);
    CHECK(get(port, "/api/report?by=service&from=2026-11-30&to=2026-11-30", "antre_hub_sesi=abc").status == 401);

    const auto ok =
        http_request(port, "POST", "/api/login", json{{"reader", "pbd"}, {"secret", region_secret}}.dump(), json_type);
    REQUIRE(ok.status == 200);
    const std::string set_cookie = ok.header("set-cookie");
    CHECK(set_cookie.find("antre_hub_sesi=") == 0);
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(set_cookie.find("Path=/") != std::string::npos);
    CHECK(ok.header("cache-control") == "no-store");
    CHECK(ok.header("x-content-type-options") == "nosniff");
    CHECK(ok.header("x-frame-options") == "DENY");
    CHECK(ok.header("referrer-policy") == "no-referrer");
    CHECK(ok.json()["reader"] == "pbd");
    CHECK(ok.json()["region"] == "papua-barat-daya");
    const std::string cookie = cookie_of(ok);

    // The page and its files, with the same policy as the office's dashboard.
    const auto page = http_request(port, "GET", "/");
    CHECK(page.status == 200);
    CHECK(page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.header("content-security-policy").find("script-src 'self'") != std::string::npos);
    CHECK(page.body.find("Dasbor Pusat Antre") != std::string::npos);
    for (const char* file : {"/hub.js", "/hub.css", "/app.css", "/common.js", "/charts.js"})
        CHECK(http_request(port, "GET", file).status == 200);
    CHECK(http_request(port, "GET", "/index.html").status == 404);  // the office's page is not the hub's
    CHECK(get(port, "/api/survey_notes", cookie).status == 404);    // nor are its other ops

    SECTION("log-out ends the session") {
        const auto out = http_request(port, "POST", "/api/logout", "", {{"Cookie", cookie}});
        CHECK(out.status == 200);
        CHECK(out.header("set-cookie").find("Max-Age=0") != std::string::npos);
        CHECK(get(port, "/api/me", cookie).status == 401);
    }
    SECTION("a new secret for the reader ends the sessions opened with the old one") {
        REQUIRE(get(port, "/api/me", cookie).status == 200);
        store.put_reader("pbd", password::hash_pin("baru"), std::nullopt);
        CHECK(get(port, "/api/me", cookie).status == 401);
        CHECK(http_request(port, "POST", "/api/login", json{{"reader", "pbd"}, {"secret", "baru"}}.dump(), json_type)
                  .status == 200);
    }
    SECTION("failed log-ins are throttled per reader") {
        int refused = 0;
        for (int i = 0; i < 12 && refused == 0; ++i) {  // delays double: one comes
            const auto r = http_request(port, "POST", "/api/login",
                                        json{{"reader", "pusat"}, {"secret", "salah"}}.dump(), json_type);
            if (r.status == 429) {
                ++refused;
                CHECK(!r.header("retry-after").empty());
            } else {
                CHECK(r.status == 401);
            }
        }
        CHECK(refused == 1);
    }
}

TEST_CASE("hub dashboard: the API answers as the line protocol, within the reader's region", "[hub][dashboard]") {
    SeededHub seeded;
    auto& store = seeded.store;
    auto& hub = seeded.hub;
    const auto port = hub.web.port();
    const std::string cookie = log_in(port, "pbd", region_secret);
    Line line(hub.server.port());
    const json hello = line.ask({{"id", 1}, {"op", "hello"}, {"reader", "pbd"}, {"secret", region_secret}});
    REQUIRE(hello["ok"] == true);

    // The region's offices exactly, over both.
    CHECK(ids_of(hello["offices"]) == std::vector<std::string>{"a", "b"});
    const auto me = get(port, "/api/me", cookie);
    REQUIRE(me.status == 200);
    CHECK(ids_of(me.json()["offices"]) == std::vector<std::string>{"a", "b"});
    CHECK(me.json()["offices"][0]["name"] == "Kantor A");

    const std::string period = "from=2026-11-30&to=2026-11-30";
    const std::vector<std::pair<std::string, json>> asks = {
        {"/api/report?by=service&" + period, {{"op", "report"}, {"by", "service"}}},
        {"/api/report?by=office&" + period, {{"op", "report"}, {"by", "office"}}},
        {"/api/report?by=hour&offices=b&" + period, {{"op", "report"}, {"by", "hour"}, {"offices", {"b"}}}},
        {"/api/ikm?" + period, {{"op", "ikm"}}},
        {"/api/ikm?service=KTP&offices=a,b&" + period, {{"op", "ikm"}, {"service", "KTP"}, {"offices", {"a", "b"}}}},
        {"/api/ranking?by=wait_within&" + period, {{"op", "ranking"}, {"by", "wait_within"}}},
        {"/api/ranking?by=ikm&" + period, {{"op", "ranking"}, {"by", "ikm"}}},
        // Refusals too: the same code and message.
        {"/api/report?by=served&" + period, {{"op", "report"}, {"by", "served"}}},
        {"/api/report?by=service&from=2026-12-01&to=2026-11-30",
         {{"op", "report"}, {"by", "service"}, {"from", "2026-12-01"}, {"to", "2026-11-30"}}},
        {"/api/officer_sheet?office=a&officer=1&" + period,
         {{"op", "officer_sheet"}, {"office", "a"}, {"officer", "1"}}},
        {"/api/report?by=service&offices=a,c&" + period,
         {{"op", "report"}, {"by", "service"}, {"offices", {"a", "c"}}}},
    };
    for (const auto& [target, fields] : asks) {
        INFO(target);
        json request = fields;
        if (!request.contains("from")) {
            request["from"] = "2026-11-30";
            request["to"] = "2026-11-30";
        }
        const json by_line = line_reply(line, request);
        const auto by_http = get(port, target, cookie);
        CHECK(by_http.json() == by_line);
        CHECK(by_http.status == (by_line["ok"] == true ? 200u : by_line["error"]["code"] == "forbidden" ? 403u : 400u));
    }
    // The figures are the offices' own: a's four waits all within the hour.
    const auto a = get(port, "/api/report?by=office&offices=a&" + period, cookie).json();
    CHECK(a["rows"][0]["key"] == "a");
    CHECK(a["rows"][0]["arrivals"] == 4);
    CHECK(a["rows"][0]["wait_within"] == 1.0);

    // Another region's office, or one with no region: 403 over HTTP, `forbidden` on the line.
    for (const std::string office : {"c", "d", "x"}) {
        INFO(office);
        const auto r = get(port, "/api/report?by=service&offices=" + office + "&" + period, cookie);
        CHECK(r.status == 403);
        CHECK(r.json()["error"]["code"] == "forbidden");
        CHECK(get(port, "/api/officer_sheet?office=" + office + "&officer=1&" + period, cookie).status == 403);
        CHECK(get(port, "/api/ikm?offices=" + office + "&" + period, cookie).status == 403);
        CHECK(line_reply(line, {{"op", "ikm"},
                                {"offices", {office}},
                                {"from", "2026-11-30"},
                                {"to", "2026-11-30"}})["error"]["code"] == "forbidden");
    }
    // The ranking holds the region's offices only.
    CHECK(ids_of(get(port, "/api/ranking?by=ikm&" + period, cookie).json()["offices"]).size() == 2);

    SECTION("an office added to the region later is the region reader's at once") {
        store.put_office("e", password::hash_pin("x"));
        store.set_office_region("e", std::string("papua-barat-daya"));
        store.store_state("e", hub_state_of("Kantor E"));
        CHECK(ids_of(get(port, "/api/me", cookie).json()["offices"]) == std::vector<std::string>{"a", "b", "e"});
        CHECK(get(port, "/api/report?by=service&offices=e&" + period, cookie).status == 200);
        // The line's reader, logged in before e was added, has it too.
        std::vector<std::string> keys;
        const json by_office =
            line.ask({{"id", 3}, {"op", "report"}, {"by", "office"}, {"from", "2026-11-30"}, {"to", "2026-11-30"}});
        for (const auto& r : by_office["rows"]) keys.push_back(r["key"]);
        CHECK(keys == std::vector<std::string>{"a", "b", "e"});
        // Moved to another region: gone from this reader's offices.
        store.set_office_region("a", std::string("maluku"));
        CHECK(ids_of(get(port, "/api/me", cookie).json()["offices"]) == std::vector<std::string>{"b", "e"});
        CHECK(get(port, "/api/report?by=service&offices=a&" + period, cookie).status == 403);
    }
    SECTION("a reader of every office, and a reader with a list, keep working") {
        const std::string all = log_in(port, "pusat", all_secret);
        CHECK(ids_of(get(port, "/api/me", all).json()["offices"]) == std::vector<std::string>{"a", "b", "c", "d"});
        store.put_reader("daftar", password::hash_pin("d"), std::vector<std::string>{"c", "d"});
        const std::string listed = log_in(port, "daftar", "d");
        CHECK(ids_of(get(port, "/api/me", listed).json()["offices"]) == std::vector<std::string>{"c", "d"});
        CHECK(get(port, "/api/report?by=service&offices=a&" + period, listed).status == 403);
        // A region given to a reader with a list stands for the list.
        store.set_reader_region("daftar", std::string("maluku"));
        CHECK(ids_of(get(port, "/api/me", listed).json()["offices"]) == std::vector<std::string>{"c"});
    }
    SECTION("bad regions are refused") {
        CHECK_THROWS_AS(store.set_office_region("a", std::string("Papua Barat")), std::invalid_argument);
        CHECK_THROWS_AS(store.set_office_region("a", std::string("")), std::invalid_argument);
        CHECK_THROWS_AS(store.set_office_region("tidak-ada", std::string("maluku")), std::invalid_argument);
        CHECK_THROWS_AS(store.set_reader_region("tidak-ada", std::string("maluku")), std::invalid_argument);
    }
}

TEST_CASE("hub dashboard: sessions end after their lifetime and stay bounded", "[hub][dashboard]") {
    hub::ReaderSessions sessions;
    const std::string token = sessions.open("pbd", "hash", 1000);
    CHECK(token.size() == 64);
    REQUIRE(sessions.find(token, 1000 + hub::ReaderSessions::lifetime - 1));
    CHECK(sessions.find(token, 1000)->reader == "pbd");
    CHECK_FALSE(sessions.find(token, 1000 + hub::ReaderSessions::lifetime));
    CHECK_FALSE(sessions.find("tidak-ada", 1000));
    for (std::size_t i = 0; i < hub::ReaderSessions::max_sessions + 5; ++i)
        sessions.open("r", "h", 2000 + static_cast<Millis>(i));
    CHECK(sessions.size() == hub::ReaderSessions::max_sessions);
}

TEST_CASE("hub dashboard: an office's officers, the report as CSV and the IKM as PDF", "[hub][dashboard]") {
    SeededHub seeded;
    auto& hub = seeded.hub;
    const auto port = hub.web.port();
    const std::string cookie = log_in(port, "pbd", region_secret);
    Line line(hub.server.port());
    REQUIRE(line.ask({{"id", 1}, {"op", "hello"}, {"reader", "pbd"}, {"secret", region_secret}})["ok"] == true);
    const std::string period = "from=2026-11-30&to=2026-11-30";
    const json day = {{"from", "2026-11-30"}, {"to", "2026-11-30"}};

    // The officers of an office of the reader's, as its state names them; not another region's.
    const auto officers = get(port, "/api/officers?office=a", cookie);
    REQUIRE(officers.status == 200);
    CHECK(officers.json()["officers"] ==
          json::array({{{"nip", officer_nip}, {"name", "Siti Rahayu"}, {"role", "officer"}, {"active", true}}}));
    CHECK(get(port, "/api/officers?office=c", cookie).status == 403);
    CHECK(get(port, "/api/officers", cookie).status == 400);
    CHECK(http_request(port, "GET", "/api/officers?office=a").status == 401);
    // Its sheet, as the line answers it.
    json sheet = day;
    sheet.update({{"op", "officer_sheet"}, {"office", "a"}, {"officer", officer_nip}});
    const auto by_http = get(port, "/api/officer_sheet?office=a&officer=" + officer_nip + "&" + period, cookie);
    CHECK(by_http.json() == line_reply(line, sheet));
    CHECK(by_http.json()["offices"][0]["reply"]["sheet"]["total"]["served"] == 4);

    // By office: the office's own CSV formatter over the hub's reply, as a file.
    json ask = day;
    ask.update({{"op", "report"}, {"by", "office"}, {"offices", {"a", "b"}}});
    const auto by_office = get(port, "/api/report.csv?by=office&offices=a,b&" + period, cookie);
    REQUIRE(by_office.status == 200);
    CHECK(by_office.header("content-type") == "text/csv; charset=utf-8");
    CHECK(by_office.header("content-disposition") ==
          "attachment; filename=\"antre-pusat-office-2026-11-30-2026-11-30.csv\"");
    CHECK(by_office.body == report_text::report_csv(line_reply(line, ask)));
    // By service: each office's CSV under one header, the office's id first.
    ask["by"] = "service";
    const json reply = line_reply(line, ask);
    std::string expected;
    for (const auto& o : reply["offices"]) {
        const std::string csv = report_text::report_csv(o["reply"]);
        const auto header_end = csv.find('\n') + 1;
        if (expected.empty()) expected = "office," + csv.substr(0, header_end);
        for (std::size_t at = header_end; at < csv.size();) {
            const auto end = csv.find('\n', at) + 1;
            expected += o["office"].get<std::string>() + "," + csv.substr(at, end - at);
            at = end;
        }
    }
    const auto by_service = get(port, "/api/report.csv?by=service&offices=a,b&" + period, cookie);
    REQUIRE(by_service.status == 200);
    CHECK(by_service.body == expected);
    CHECK(by_service.body.find("\na,KTP,") != std::string::npos);
    CHECK(by_service.body.find("\nb,KTP,") != std::string::npos);
    // Refusals are the JSON API's.
    CHECK(get(port, "/api/report.csv?by=served&" + period, cookie).status == 400);
    CHECK(get(port, "/api/report.csv?by=service&offices=c&" + period, cookie).status == 403);

    // The SKM report of one office as the office's A4 PDF; several offices refused.
    const auto pdf = get(port, "/api/ikm.pdf?offices=a&" + period, cookie);
    REQUIRE(pdf.status == 200);
    CHECK(pdf.header("content-type") == "application/pdf");
    CHECK(pdf.body.rfind("%PDF-", 0) == 0);
    CHECK(pdf.header("content-disposition") == "attachment; filename=\"a-skm-2026-11-30-2026-11-30.pdf\"");
    const auto two = get(port, "/api/ikm.pdf?offices=a,b&" + period, cookie);
    CHECK(two.status == 400);
    CHECK(two.json()["error"]["code"] == "invalid_value");
}

}  // namespace hub_dashboard_test
