// The pure parts of the dashboard's HTTP handling: targets, cookies, statuses.
#include <catch2/catch.hpp>

#include "web_request.hpp"

namespace dashboard_web_request_test {

using namespace antre::web;

TEST_CASE("request targets are split and percent-decoded", "[dashboard]") {
    auto t = parse_target("/api/report?by=officer&from=2026-11-30&to=2026-12-04");
    REQUIRE(t);
    CHECK(t->path == "/api/report");
    CHECK(t->query.size() == 3);
    CHECK(t->query["by"] == "officer");
    CHECK(t->query["to"] == "2026-12-04");

    t = parse_target("/a%20b?x=1%2B1&y=a+b&flag&&z=");
    REQUIRE(t);
    CHECK(t->path == "/a b");
    CHECK(t->query["x"] == "1+1");
    CHECK(t->query["y"] == "a b");
    CHECK(t->query["flag"].empty());
    CHECK(t->query.count("z") == 1);

    CHECK(parse_target("/plus+stays")->path == "/plus+stays");
    CHECK_FALSE(parse_target(""));
    CHECK_FALSE(parse_target("http://example/"));  // absolute form is not served
    CHECK_FALSE(parse_target("/%zz"));
    CHECK_FALSE(parse_target("/%2"));
    CHECK_FALSE(parse_target("/a%00b"));
    CHECK_FALSE(parse_target("/?q=%G1"));
}

TEST_CASE("cookies are found by name", "[dashboard]") {
    CHECK(cookie_value("antre_sesi=abc", "antre_sesi") == "abc");
    CHECK(cookie_value("theme=dark; antre_sesi=abc; lang=id", "antre_sesi") == "abc");
    CHECK(cookie_value("xantre_sesi=abc", "antre_sesi") == std::nullopt);
    CHECK(cookie_value("", "antre_sesi") == std::nullopt);
    CHECK(cookie_value("antre_sesi=", "antre_sesi") == "");
}

TEST_CASE("protocol error codes become HTTP statuses", "[dashboard]") {
    CHECK(http_status("bad_credentials") == 401);
    CHECK(http_status("hello_required") == 401);
    CHECK(http_status("forbidden") == 403);
    CHECK(http_status("unknown_op") == 501);
    CHECK(http_status("invalid_value") == 400);
    CHECK(http_status("bad_request") == 400);
    CHECK(http_status("storage_error") == 503);
    CHECK(http_status("internal_error") == 500);
    CHECK(content_type("app.js") == "text/javascript; charset=utf-8");
    CHECK(content_type("index.html") == "text/html; charset=utf-8");
}

TEST_CASE("a throttled log-in is 429 and a disk that refuses writes 503", "[dashboard]") {
    CHECK(http_status("too_many_attempts") == 429);
    CHECK(http_status("storage_unavailable") == 503);
}

TEST_CASE("JSON is recognised in any case and with parameters", "[dashboard]") {
    CHECK(is_json_media_type("application/json"));
    CHECK(is_json_media_type("Application/JSON"));
    CHECK(is_json_media_type("APPLICATION/JSON; charset=UTF-8"));
    CHECK(is_json_media_type(" application/json ;charset=utf-8"));
    CHECK_FALSE(is_json_media_type(""));
    CHECK_FALSE(is_json_media_type("text/plain"));
    CHECK_FALSE(is_json_media_type("application/jsonx"));
    CHECK_FALSE(is_json_media_type("application/x-www-form-urlencoded"));
}

TEST_CASE("the address of a peer is its name without the port", "[dashboard]") {
    CHECK(address_of("10.0.0.5:51234") == "10.0.0.5");
    CHECK(address_of("127.0.0.1:80") == "127.0.0.1");
    CHECK(address_of("::1:51234") == "::1");
    CHECK(address_of("?") == "?");
}

}  // namespace dashboard_web_request_test
