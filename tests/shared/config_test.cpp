#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "antre/config.hpp"

namespace config_test {

using namespace antre;
using nlohmann::json;

namespace {

// A small valid office to break one field at a time.
json small_office() {
    return json::parse(R"({
      "office": { "name": "Dukcapil Uji", "time_zone": "Asia/Jayapura", "language": "id" },
      "opening_hours": { "mon": ["08:00", "15:00"], "fri": ["08:00", "11:30"] },
      "services": [
        { "code": "KTP", "prefix": "A", "name_id": "KTP-el", "name_en": "ID card",
          "daily_quota": 150, "max_wait_minutes": 60, "max_service_minutes": 15 },
        { "code": "KK", "prefix": "B", "name_id": "Kartu Keluarga", "name_en": "Family card",
          "daily_quota": 100, "max_wait_minutes": 60, "max_service_minutes": 20 },
        { "code": "KIA", "prefix": "E", "name_id": "KIA", "name_en": "Child ID card",
          "daily_quota": 60, "max_wait_minutes": 45, "max_service_minutes": 10 }
      ],
      "counters": [
        { "number": 1, "name": "Loket 1", "services": ["KTP", "KIA"] },
        { "number": 2, "services": ["KK"] }
      ]
    })");
}

// The field a rejected configuration is blamed on, or "<accepted>".
std::string blamed(const json& config) {
    try {
        parse_config(config.dump());
    } catch (const ConfigError& e) {
        return e.field();
    }
    return "<accepted>";
}

}  // namespace

TEST_CASE("the shipped Sorong configuration loads") {
    const auto config = load_config(ANTRE_SOURCE_DIR "/config/sorong.json");
    CHECK(config.office_name == "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong");
    CHECK(config.place == "Sorong");
    CHECK(config.time_zone == "Asia/Jayapura");
    CHECK(config.language == "id");
    CHECK(config.policy == CallPolicy{CallRule::urgency, 20, 25, 100, 0, 5, 1});
    REQUIRE(config.services.size() == 6);
    REQUIRE(config.counters.size() == 6);

    const Service* ktp = config.find_service("KTP");
    REQUIRE(ktp != nullptr);
    CHECK(ktp->prefix == "A");
    CHECK(ktp->daily_quota == 150);
    CHECK(ktp->max_wait_minutes == 60);
    CHECK(ktp->max_service_minutes == 15);
    REQUIRE(ktp->hours.size() == 5);
    CHECK(ktp->hours.front() == OpeningWindow{1, 8 * 60, 15 * 60});
    CHECK(ktp->hours.back() == OpeningWindow{5, 8 * 60, 11 * 60 + 30});

    CHECK(config.find_service("PINDAH") != nullptr);
    CHECK(config.find_service("SKCK") == nullptr);
    REQUIRE(config.find_counter(6) != nullptr);
    CHECK(config.find_counter(6)->name == "Loket 6");
    CHECK(config.find_counter(7) == nullptr);
}

TEST_CASE("defaults fill what a configuration leaves out") {
    auto j = small_office();
    j["office"].erase("language");
    const auto config = parse_config(j.dump());
    CHECK(config.language == "id");
    CHECK(config.place.empty());  // the report's place is then written by hand
    CHECK(config.policy == CallPolicy{});
    CHECK(config.find_counter(2)->name == "Loket 2");

    SECTION("a service's own hours replace the office's") {
        j["services"][1]["opening_hours"]["sat"] = json::array({json{"08:00", "10:00"}, json{"10:30", "12:00"}});
        const auto kk = *parse_config(j.dump()).find_service("KK");
        CHECK(kk.hours == std::vector<OpeningWindow>{{6, 480, 600}, {6, 630, 720}});
        CHECK(parse_config(j.dump()).find_service("KTP")->hours.size() == 2);
    }
}

TEST_CASE("the closing quota: off unless the config has it, per service, with a grace") {
    auto j = small_office();
    CHECK_FALSE(parse_config(j.dump()).closing_quota.enabled);
    CHECK_FALSE(parse_config(j.dump()).closing_quota.covers("KTP"));
    j["closing_quota"] = json::object();
    auto all = parse_config(j.dump()).closing_quota;
    CHECK(all.enabled);
    CHECK(all.grace_minutes == 30);
    CHECK(all.covers("KTP"));
    CHECK(all.covers("KK"));
    j["closing_quota"] = {{"grace_minutes", 0}, {"services", {"KK"}}};
    const auto kk = parse_config(j.dump()).closing_quota;
    CHECK(kk.grace_minutes == 0);
    CHECK(kk.covers("KK"));
    CHECK_FALSE(kk.covers("KTP"));
    j["closing_quota"]["enabled"] = false;
    CHECK_FALSE(parse_config(j.dump()).closing_quota.covers("KK"));

    j["closing_quota"] = {{"services", {"KK", "SIM"}}};
    CHECK(blamed(j) == "closing_quota.services[1]");
    j["closing_quota"] = {{"grace_minutes", 601}};
    CHECK(blamed(j) == "closing_quota.grace_minutes");
    j["closing_quota"] = {{"enabled", "yes"}};
    CHECK(blamed(j) == "closing_quota.enabled");
    j["closing_quota"] = {{"grace", 10}};
    CHECK(blamed(j) == "closing_quota.grace");
}

TEST_CASE("the break roster: per counter or for all, by weekday, checked at start") {
    const auto shipped = load_config(ANTRE_SOURCE_DIR "/config/sorong.json");
    // Sorong staggers its istirahat: counters 1, 3 and 5 at 12:00, 2, 4 and 6 at 12:30.
    REQUIRE(shipped.breaks.size() == 2);
    CHECK(shipped.breaks[0] == BreakRule{{1, 3, 5}, {1, 2, 3, 4}, 12 * 60, 30});
    CHECK(shipped.breaks[1] == BreakRule{{2, 4, 6}, {1, 2, 3, 4}, 12 * 60 + 30, 30});
    for (int counter = 1; counter <= 6; ++counter) {
        INFO(counter);
        CHECK(shipped.breaks[0].covers(counter) != shipped.breaks[1].covers(counter));
    }
    CHECK_FALSE(shipped.breaks[0].applies_on(5));  // Friday closes at 11:30

    auto j = small_office();
    CHECK(parse_config(j.dump()).breaks.empty());
    j["breaks"] = {{{"start", "12:00"}, {"minutes", 45}}};  // every counter, every day
    const auto all = parse_config(j.dump()).breaks;
    REQUIRE(all.size() == 1);
    CHECK(all[0].covers(1));
    CHECK(all[0].covers(2));
    CHECK(all[0].applies_on(0));
    CHECK(all[0].minutes == 45);
    // Two breaks of one counter on one day, apart: fine; overlapping on another day: fine.
    j["breaks"] = {{{"counters", {1}}, {"start", "10:00"}, {"minutes", 15}},
                   {{"counters", {1}}, {"start", "12:00"}, {"minutes", 30}},
                   {{"counters", {1}}, {"days", {"fri"}}, {"start", "10:10"}, {"minutes", 30}}};
    CHECK(blamed(j) == "breaks[2]");  // the first applies on Fridays too
    j["breaks"][0]["days"] = {"mon"};
    CHECK(blamed(j) == "<accepted>");

    // Each mistake blamed on its field, with a message that says what is wrong.
    auto message = [&](const json& breaks) {
        j["breaks"] = breaks;
        try {
            parse_config(j.dump());
        } catch (const ConfigError& e) {
            return e.field() + " | " + e.what();
        }
        return std::string("<accepted>");
    };
    CHECK_THAT(message({{{"start", "12.00"}, {"minutes", 30}}}),
               Catch::StartsWith("breaks[0].start | ") && Catch::Contains("HH:MM"));
    CHECK_THAT(message({{{"start", "25:00"}, {"minutes", 30}}}), Catch::StartsWith("breaks[0].start | "));
    CHECK_THAT(message({{{"start", "24:00"}, {"minutes", 30}}}), Catch::StartsWith("breaks[0].start | "));
    CHECK_THAT(message({{{"minutes", 30}}}), Catch::StartsWith("breaks[0].start | "));
    CHECK_THAT(message({{{"start", "12:00"}}}), Catch::StartsWith("breaks[0].minutes | "));
    CHECK_THAT(message({{{"start", "12:00"}, {"minutes", 0}}}), Catch::StartsWith("breaks[0].minutes | "));
    CHECK_THAT(message({{{"start", "12:00"}, {"minutes", 241}}}), Catch::StartsWith("breaks[0].minutes | "));
    CHECK_THAT(message({{{"start", "23:50"}, {"minutes", 30}}}),
               Catch::StartsWith("breaks[0].minutes | ") && Catch::Contains("24:00"));
    CHECK_THAT(message({{{"counters", {1, 7}}, {"start", "12:00"}, {"minutes", 30}}}),
               Catch::StartsWith("breaks[0].counters[1] | ") && Catch::Contains("unknown counter 7"));
    CHECK_THAT(message({{{"counters", {2, 2}}, {"start", "12:00"}, {"minutes", 30}}}),
               Catch::StartsWith("breaks[0].counters[1] | ") && Catch::Contains("twice"));
    CHECK_THAT(message({{{"counters", json::array()}, {"start", "12:00"}, {"minutes", 30}}}),
               Catch::StartsWith("breaks[0].counters | "));
    CHECK_THAT(message({{{"counters", {"1"}}, {"start", "12:00"}, {"minutes", 30}}}),
               Catch::StartsWith("breaks[0].counters[0] | "));
    CHECK_THAT(message({{{"days", {"senin"}}, {"start", "12:00"}, {"minutes", 30}}}),
               Catch::StartsWith("breaks[0].days[0] | ") && Catch::Contains("\"mon\""));
    CHECK_THAT(message({{{"start", "12:00"}, {"minutes", 30}, {"length", 30}}}),
               Catch::StartsWith("breaks[0].length | "));
    CHECK_THAT(message({{"start", "12:00"}}), Catch::StartsWith("breaks | "));
    CHECK_THAT(
        message({{{"counters", {1}}, {"start", "12:00"}, {"minutes", 30}}, {{"start", "12:15"}, {"minutes", 30}}}),
        Catch::StartsWith("breaks[1] | ") && Catch::Contains("counter 1 is already on break 12:00-12:30") &&
            Catch::Contains("(breaks[0])"));
}

TEST_CASE("a bad configuration is blamed on the exact field") {
    auto j = small_office();

    SECTION("counters") {
        j["counters"][0]["services"][1] = "SKCK";
        CHECK(blamed(j) == "counters[0].services[1]");
        j = small_office();
        j["counters"][0]["services"] = {"KTP", "KTP"};
        CHECK(blamed(j) == "counters[0].services[1]");
        j = small_office();
        j["counters"][1]["services"] = json::array();
        CHECK(blamed(j) == "counters[1].services");
        j = small_office();
        j["counters"][1]["number"] = 1;
        CHECK(blamed(j) == "counters[1].number");
        j = small_office();
        j["counters"][0]["number"] = 0;
        CHECK(blamed(j) == "counters[0].number");
        j = small_office();
        j["counters"][0]["name"] = " ";
        CHECK(blamed(j) == "counters[0].name");
        j = small_office();
        j["counters"] = json::array();
        CHECK(blamed(j) == "counters");
    }
    SECTION("a service no counter serves") {
        j["counters"][0]["services"] = {"KTP"};
        CHECK(blamed(j) == "services[2].code");
    }
    SECTION("services") {
        j["services"][1]["prefix"] = "A";
        CHECK(blamed(j) == "services[1].prefix");
        j = small_office();
        j["services"][2]["code"] = "KTP";
        CHECK(blamed(j) == "services[2].code");
        j = small_office();
        j["services"][0]["code"] = "ktp";
        CHECK(blamed(j) == "services[0].code");
        j = small_office();
        j["services"][0]["prefix"] = "ABC";
        CHECK(blamed(j) == "services[0].prefix");
        j = small_office();
        j["services"][2]["daily_quota"] = -1;
        CHECK(blamed(j) == "services[2].daily_quota");
        j = small_office();
        j["services"][0]["daily_quota"] = "150";
        CHECK(blamed(j) == "services[0].daily_quota");
        j = small_office();
        j["services"][0]["max_wait_minutes"] = 0;
        CHECK(blamed(j) == "services[0].max_wait_minutes");
        j = small_office();
        j["services"][0]["max_service_minutes"] = 1.5;
        CHECK(blamed(j) == "services[0].max_service_minutes");
        j = small_office();
        j["services"][1].erase("name_en");
        CHECK(blamed(j) == "services[1].name_en");
        j = small_office();
        j["services"][1]["name_id"] = "";
        CHECK(blamed(j) == "services[1].name_id");
        j = small_office();
        j["services"] = json::array();
        CHECK(blamed(j) == "services");
    }
    SECTION("service-standard history") {
        j["services"][0]["standard_from"] = "2026-12-01";
        j["services"][0]["earlier_standards"] = {
            {{"from", "2026-01-01"}, {"max_wait_minutes", 90}, {"max_service_minutes", 30}}};
        const auto ok = parse_config(j.dump());
        CHECK(ok.services[0].standard_on("2026-11-30").max_wait_minutes == 90);
        CHECK(ok.services[0].standard_on("2025-06-01").max_wait_minutes == 90);  // before the oldest: the oldest
        CHECK(ok.services[0].standard_on("2026-12-01").max_wait_minutes == 60);
        // The history survives the way the database stores a service.
        CHECK(service_from_json(service_to_json(ok.services[0]), "s") == ok.services[0]);
        auto k = j;
        k["services"][0]["standard_from"] = "1 Desember";
        CHECK(blamed(k) == "services[0].standard_from");
        k = j;
        k["services"][0]["earlier_standards"][0]["from"] = "2026-12-05";  // after standard_from
        CHECK(blamed(k) == "services[0].earlier_standards[0].from");
        k = j;
        k["services"][0]["earlier_standards"][0]["max_wait_minutes"] = 0;
        CHECK(blamed(k) == "services[0].earlier_standards[0].max_wait_minutes");
        k = j;
        k["services"][0].erase("standard_from");  // a history needs the day it ended
        CHECK(blamed(k) == "services[0].earlier_standards[0].from");
    }
    SECTION("office") {
        j["office"]["time_zone"] = "Asia/Sorong";
        CHECK(blamed(j) == "office.time_zone");
        j = small_office();
        j["office"].erase("time_zone");
        CHECK(blamed(j) == "office.time_zone");
        j = small_office();
        j["office"]["language"] = "jv";
        CHECK(blamed(j) == "office.language");
        j = small_office();
        j["office"]["name"] = 7;
        CHECK(blamed(j) == "office.name");
        j = small_office();
        j["office"]["place"] = " ";
        CHECK(blamed(j) == "office.place");
        j["office"]["place"] = 7;
        CHECK(blamed(j) == "office.place");
        j["office"]["place"] = "Aimas";
        CHECK(parse_config(j.dump()).place == "Aimas");
    }
    SECTION("call policy") {
        j["call_policy"] = {{"no_show_max_requeues", 11}};
        CHECK(blamed(j) == "call_policy.no_show_max_requeues");
        j["call_policy"] = {{"regular_between_priority", -1}};
        CHECK(blamed(j) == "call_policy.regular_between_priority");
        j["call_policy"] = {{"rule", "fairest"}};
        CHECK(blamed(j) == "call_policy.rule");
        j["call_policy"] = {{"rule", 1}};
        CHECK(blamed(j) == "call_policy.rule");
        j["call_policy"] = {{"priority_boost_minutes", 24 * 60 + 1}};
        CHECK(blamed(j) == "call_policy.priority_boost_minutes");
        j["call_policy"] = {{"preference_step_percent", -1}};
        CHECK(blamed(j) == "call_policy.preference_step_percent");
        j["call_policy"] = {{"late_limit_percent", 99}};
        CHECK(blamed(j) == "call_policy.late_limit_percent");
    }
    SECTION("opening hours") {
        j["opening_hours"]["fri"] = {"08:00", "11.30"};
        CHECK(blamed(j) == "opening_hours.fri[1]");
        j["opening_hours"]["fri"] = {"8:00", "11:30"};
        CHECK(blamed(j) == "opening_hours.fri[0]");
        j["opening_hours"]["fri"] = {"11:30", "08:00"};
        CHECK(blamed(j) == "opening_hours.fri[1]");
        j["opening_hours"]["fri"] = {"08:00"};
        CHECK(blamed(j) == "opening_hours.fri");
        j["opening_hours"]["fri"] = json::array({json{"08:00", "11:30"}, json{"11:00", "12:00"}});
        CHECK(blamed(j) == "opening_hours.fri[1][0]");
        j = small_office();
        j["opening_hours"]["jum"] = {"08:00", "11:30"};
        CHECK(blamed(j) == "opening_hours.jum");
        j = small_office();
        j["services"][0]["opening_hours"]["sat"] = {"09:00", "25:00"};
        CHECK(blamed(j) == "services[0].opening_hours.sat[1]");
        j = small_office();
        j.erase("opening_hours");
        CHECK(blamed(j) == "services[0].opening_hours");
    }
    SECTION("unknown keys catch typos") {
        j["services"][0]["daily_qouta"] = 10;
        CHECK(blamed(j) == "services[0].daily_qouta");
        j = small_office();
        j["office"]["timezone"] = "Asia/Jayapura";
        CHECK(blamed(j) == "office.timezone");
        j = small_office();
        j["counter"] = json::array();
        CHECK(blamed(j) == "counter");
        j = small_office();
        j["call_policy"] = {{"no_show_requeue_place", 3}};
        CHECK(blamed(j) == "call_policy.no_show_requeue_place");
    }
}

TEST_CASE("errors outside any field") {
    SECTION("missing file") {
        try {
            load_config("/nonexistent/antre.json");
            FAIL("accepted a missing file");
        } catch (const ConfigError& e) {
            CHECK(e.field().empty());
            CHECK_THAT(e.what(), Catch::Contains("/nonexistent/antre.json"));
        }
    }
    SECTION("unreadable file") {
        try {
            load_config(ANTRE_SOURCE_DIR "/config");
            FAIL("accepted a directory");
        } catch (const ConfigError& e) {
            CHECK(e.field().empty());
        }
    }
    SECTION("JSON syntax") {
        try {
            parse_config(R"({"office": {"name": "x",}})");
            FAIL("accepted broken JSON");
        } catch (const ConfigError& e) {
            CHECK(e.field().empty());
            CHECK_THAT(e.what(), Catch::Contains("line 1"));
        }
    }
    SECTION("not an object") { CHECK_THROWS_AS(parse_config("[]"), ConfigError); }
    SECTION("the message names field and problem") {
        auto j = small_office();
        j["services"][0]["daily_quota"] = -5;
        CHECK_THROWS_WITH(parse_config(j.dump()),
                          Catch::StartsWith("services[0].daily_quota: ") && Catch::Contains("-5"));
    }
}

TEST_CASE("one service or counter round trips through JSON") {
    Service s;
    s.code = "AKTA_LAHIR";
    s.prefix = "C";
    s.name_id = "Akta Kelahiran";
    s.name_en = "Birth certificate";
    s.daily_quota = 60;
    s.max_wait_minutes = 60;
    s.max_service_minutes = 20;
    s.hours = {{1, 480, 720}, {1, 780, 900}, {5, 480, 690}};
    CHECK(service_from_json(service_to_json(s), "service") == s);

    CounterConfig c{4, "Loket 4", {"AKTA_LAHIR", "AKTA_MATI"}};
    CHECK(counter_from_json(counter_to_json(c), "counter") == c);

    SECTION("the written form is the config file's") {
        const auto j = json::parse(service_to_json(s));
        CHECK(j["opening_hours"]["fri"] == json{"08:00", "11:30"});
        CHECK(j["opening_hours"]["mon"] == json::array({json{"08:00", "12:00"}, json{"13:00", "15:00"}}));
    }
    SECTION("errors carry the caller's prefix") {
        auto j = json::parse(service_to_json(s));
        j["prefix"] = "c";
        try {
            service_from_json(j.dump(), "service");
            FAIL("accepted a lowercase prefix");
        } catch (const ConfigError& e) {
            CHECK(e.field() == "service.prefix");
        }
        j = json::parse(service_to_json(s));
        j.erase("opening_hours");
        CHECK_THROWS_AS(service_from_json(j.dump(), "service"), ConfigError);
        CHECK_THROWS_AS(counter_from_json(R"({"number": 1000, "services": ["KTP"]})", "counter"), ConfigError);
    }
    SECTION("validation of services and counters built in code") {
        s.hours = {{1, 480, 720}, {1, 700, 900}};
        try {
            validate_service(s, "s");
            FAIL("accepted overlapping windows");
        } catch (const ConfigError& e) {
            CHECK(e.field() == "s.opening_hours.mon[1][0]");
        }
        const std::vector<Service> services{service_from_json(
            service_to_json(Service{"KIA", "E", "KIA", "Child ID card", 60, {}, 45, 10, "", {}, {}}), "x")};
        CHECK_NOTHROW(validate_counter({5, "Loket 5", {"KIA"}}, services, "c"));
        try {
            validate_counter({5, "Loket 5", {"KIA", "KK"}}, services, "c");
            FAIL("accepted an unknown service");
        } catch (const ConfigError& e) {
            CHECK(e.field() == "c.services[1]");
        }
    }
}

}  // namespace config_test
