// Event lines as the server writes them straight from the engine (views::event, the
// text writer): each is the very line nlohmann prints for its object, carries the
// same ticket as the reply of the request that made it, numbers the events one after
// the other, and names an officer only to staff sessions.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "raw_connection.hpp"
#include "test_support.hpp"

namespace event_lines_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

// Sends one request and reads up to its reply; the event lines before it land in `events`.
json exchange(RawConnection& c, const json& request, std::vector<std::string>& events) {
    REQUIRE(c.send(request.dump() + "\n"));
    for (;;) {
        const auto line = c.read_line();
        REQUIRE(line);
        const json j = json::parse(*line);
        if (!j.contains("event") && j.value("id", json()) == request["id"]) return j;
        events.push_back(*line);
    }
}

// Reads event lines until one of `type` about ticket `label` has come.
void read_until(RawConnection& c, const std::string& type, const std::string& label, std::vector<std::string>& events) {
    for (;;) {
        const auto line = c.read_line();
        REQUIRE(line);
        events.push_back(*line);
        const json j = json::parse(*line);
        if (j.value("event", "") == type && j.contains("ticket") && j["ticket"]["label"] == label) return;
    }
}

std::string printed(const std::string& line) { return json_line(json::parse(line)); }

}  // namespace

TEST_CASE("event lines: nlohmann's own printing, the reply's ticket, seq one by one, NIPs for staff only",
          "[integration][events]") {
    TestOffice office({{seeded::officer_nip, "Siti Rahayu", OfficerRole::officer, seeded::officer_pin}});
    std::vector<std::string> ignored;

    RawConnection board(office.port());
    exchange(board, {{"id", 1}, {"op", "hello"}, {"role", "display"}}, ignored);
    exchange(board, {{"id", 2}, {"op", "subscribe"}}, ignored);

    RawConnection desk(office.port());
    const json hello = exchange(desk,
                                {{"id", 1},
                                 {"op", "hello"},
                                 {"role", "counter"},
                                 {"counter", 1},
                                 {"nip", seeded::officer_nip},
                                 {"pin", seeded::officer_pin}},
                                ignored);
    REQUIRE(hello["ok"] == true);
    exchange(desk, {{"id", 2}, {"op", "subscribe"}}, ignored);
    std::vector<std::string> staff;  // the desk's events from here on

    RawConnection kiosk(office.port());
    exchange(kiosk, {{"id", 1}, {"op", "hello"}, {"role", "kiosk"}}, ignored);
    const json issued = exchange(kiosk, {{"id", 2}, {"op", "issue"}, {"service", "KTP"}}, ignored);
    REQUIRE(issued["ok"] == true);
    const std::string label = issued["ticket"]["label"];

    const json called = exchange(desk, {{"id", 3}, {"op", "call_next"}}, staff);
    REQUIRE(called["ok"] == true);
    REQUIRE(called["ticket"]["label"] == label);
    const json finished = exchange(desk, {{"id", 4}, {"op", "finish"}}, staff);
    REQUIRE(finished["ok"] == true);

    std::vector<std::string> lobby;
    read_until(board, "ticket_finished", label, lobby);

    std::map<std::string, json> lobby_by_type, staff_by_type;
    std::int64_t last_seq = 0;
    for (const auto& line : lobby) {
        INFO(line);
        CHECK(line == printed(line));
        const json j = json::parse(line);
        if (j["event"] == "queue_changed") continue;
        // The board hears every event of the office, numbered one after the other.
        if (last_seq) CHECK(j["seq"].get<std::int64_t>() == last_seq + 1);
        last_seq = j["seq"].get<std::int64_t>();
        CHECK(j["officer"] == "");
        if (j.contains("ticket")) CHECK(j["ticket"]["officer"] == "");
        if (j.contains("counter_state")) CHECK(j["counter_state"]["officer"] == "");
        lobby_by_type[j["event"]] = j;
    }
    for (const auto& line : staff) {
        INFO(line);
        CHECK(line == printed(line));
        const json j = json::parse(line);
        if (j["event"] != "queue_changed") staff_by_type[j["event"]] = j;
    }

    REQUIRE(lobby_by_type.count("ticket_issued"));
    REQUIRE(lobby_by_type.count("ticket_called"));
    REQUIRE(staff_by_type.count("ticket_called"));
    REQUIRE(staff_by_type.count("ticket_finished"));
    // The kiosk (lobby) was answered with the ticket the board was told of.
    CHECK(lobby_by_type["ticket_issued"]["ticket"] == issued["ticket"]);
    // The desk (staff) was answered with the ticket its own event carries, officer and all.
    const json& call = staff_by_type["ticket_called"];
    CHECK(call["ticket"] == called["ticket"]);
    CHECK(call["officer"] == seeded::officer_nip);
    CHECK(call["ticket"]["officer"] == seeded::officer_nip);
    CHECK(call["counter_state"]["officer"] == seeded::officer_nip);
    CHECK(call["counter_state"]["active"]["label"] == label);
    CHECK(call["seq"] == lobby_by_type["ticket_called"]["seq"]);
    // The lobby's copy is the same event with every NIP left out.
    json unnamed = call;
    unnamed["officer"] = "";
    unnamed["ticket"]["officer"] = "";
    unnamed["counter_state"]["officer"] = "";
    unnamed["counter_state"]["active"]["officer"] = "";
    CHECK(unnamed == lobby_by_type["ticket_called"]);
    CHECK(staff_by_type["ticket_finished"]["ticket"]["status"] == "done");
    CHECK(staff_by_type["ticket_finished"]["ticket"] == finished["ticket"]);
}

}  // namespace event_lines_test
