// The kiosk's "Cek nomor" through the real server (docs/protocol.md §5.35): the
// ticket_status op finds today's ticket by its link's code or by its number and
// answers what the phone page shows, to kiosks only, without names.
#include <catch2/catch.hpp>

#include "dashboard_support.hpp"

namespace public_ticket_status_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

const OfficerSeed& officer = counter_officers[0];

}  // namespace

TEST_CASE("ticket_status: a kiosk finds today's ticket by code or number, as its page shows it", "[public][kiosk]") {
    TestOffice office({officer});
    auto k = connect(office.port(), {{"role", "kiosk"}});
    for (int i = 0; i < 3; ++i) REQUIRE(k->call("issue", {{"service", "KTP"}}).ok);
    const auto issued = k->call("issue", {{"service", "KTP"}});
    REQUIRE(issued.ok);
    const std::string code = issued.body["code"];
    const std::string label = issued.body["ticket"]["label"];
    REQUIRE(label == "A-004");

    SECTION("by code and by number, the same answer as the phone page's JSON") {
        const auto by_code = k->call("ticket_status", {{"code", code}});
        REQUIRE(by_code.ok);
        json page = http_request(office.public_port(), "GET", "/api/public/ticket/" + code).json();
        page.erase("ok");  // the HTTP answer's own flag
        CHECK(by_code.body["status"] == page);
        CHECK(by_code.body["status"]["state"] == "waiting");
        CHECK(by_code.body["status"]["people_ahead"] == 3);
        for (const char* typed : {"A-004", "a4", "A 004", "a-0004", " a004 "}) {
            INFO(typed);
            const auto by_label = k->call("ticket_status", {{"label", typed}});
            REQUIRE(by_label.ok);
            CHECK(by_label.body["status"]["label"] == "A-004");
            CHECK(by_label.body["status"]["people_ahead"] == 3);
        }
        // Never the code, the id or anything of a person.
        const std::string text = by_code.body.dump();
        CHECK(text.find(code) == std::string::npos);
        CHECK(by_code.body["status"].find("id") == by_code.body["status"].end());
    }

    SECTION("called: the counter to go to, and no officer") {
        auto c =
            connect(office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer.nip}, {"pin", officer.pin}});
        REQUIRE(c->call("call", {{"ticket", label}}).ok);
        const auto r = k->call("ticket_status", {{"label", label}});
        REQUIRE(r.ok);
        CHECK(r.body["status"]["state"] == "called");
        CHECK(r.body["status"]["counter"] == 1);
        CHECK(r.body["status"]["counter_name"] == "Loket 1");
        CHECK(r.body.dump().find(officer.nip) == std::string::npos);
        CHECK(r.body.dump().find(officer.name) == std::string::npos);
    }

    SECTION("unknown, malformed and ambiguous questions get clear errors") {
        auto r = k->call("ticket_status", {{"label", "A-099"}});
        CHECK(r.code == "unknown_ticket");
        r = k->call("ticket_status", {{"code", "abcdefghijklmn27"}});  // well-formed, nobody's
        CHECK(r.code == "unknown_ticket");
        r = k->call("ticket_status", {{"code", "ABC"}});
        CHECK(r.code == "invalid_value");
        for (const char* bad : {"", "-", "013", "A-", "A-01x3", "ABCDE-1", "A-1234567"}) {
            INFO(bad);
            CHECK(k->call("ticket_status", {{"label", bad}}).code == "invalid_value");
        }
        CHECK(k->call("ticket_status", json::object()).code == "bad_request");
        CHECK(k->call("ticket_status", {{"label", label}, {"code", code}}).code == "bad_request");
        CHECK(k->call("ticket_status", {{"label", 4}}).code == "bad_request");
    }

    SECTION("a ticket of an earlier day is unknown, by code and by number") {
        office.clock().advance(16 * 3600'000);  // Tuesday 01:00 WIT
        CHECK(k->call("ticket_status", {{"code", code}}).code == "unknown_ticket");
        CHECK(k->call("ticket_status", {{"label", label}}).code == "unknown_ticket");
    }

    SECTION("only kiosks may ask") {
        auto board = connect(office.port(), {{"role", "display"}});
        CHECK(board->call("ticket_status", {{"label", label}}).code == "forbidden");
    }
}

}  // namespace public_ticket_status_test
