#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "antre/config.hpp"

namespace booking_config_test {

using namespace antre;
using nlohmann::json;

namespace {

json office_with_booking() {
    return json::parse(R"({
      "office": { "name": "Dukcapil Uji", "time_zone": "Asia/Jayapura", "nik_retention_days": 14 },
      "opening_hours": { "mon": ["08:00", "15:00"], "fri": ["08:00", "11:30"] },
      "holidays": [ { "date": "2026-12-25", "name": "Hari Natal" }, { "date": "2026-12-24" } ],
      "services": [
        { "code": "KTP", "prefix": "A", "name_id": "KTP-el", "name_en": "ID card",
          "daily_quota": 100, "max_wait_minutes": 60, "max_service_minutes": 15,
          "booking": {
            "sessions": [ { "start": "08:00", "end": "09:00", "places": 20 },
                          { "start": "09:00", "end": "10:00", "places": 20 } ],
            "walk_in_percent": 60, "days_ahead": 7, "opens_at": "06:00", "grace_minutes": 15,
            "requirements": [ "Fotokopi Kartu Keluarga", "Surat pengantar RT/RW" ] } }
      ],
      "counters": [ { "number": 1, "services": ["KTP"] } ]
    })");
}

std::string error_field(const json& j) {
    try {
        parse_config(j.dump());
    } catch (const ConfigError& e) {
        return e.field();
    }
    return "(accepted)";
}

std::string error_text(const json& j) {
    try {
        parse_config(j.dump());
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("booking rules and holidays are read from the office file", "[config][booking]") {
    const OfficeConfig c = parse_config(office_with_booking().dump());
    CHECK(c.nik_retention_days == 14);
    REQUIRE(c.holidays.size() == 2);
    CHECK(c.holidays[0].date == "2026-12-24");  // sorted by date
    CHECK(c.find_holiday("2026-12-25")->name == "Hari Natal");
    CHECK(c.find_holiday("2026-12-26") == nullptr);
    const BookingRules& r = c.services[0].booking;
    REQUIRE(r.sessions.size() == 2);
    CHECK(r.sessions[1] == BookingSession{9 * 60, 10 * 60, 20});
    CHECK(r.walk_in_percent == 60);
    CHECK(r.days_ahead == 7);
    CHECK(r.opens_minute == 6 * 60);
    CHECK(r.grace_minutes == 15);
    CHECK(r.requirements.size() == 2);

    SECTION("a service's rules survive its JSON form (admin changes, the store)") {
        CHECK(service_from_json(service_to_json(c.services[0]), "s") == c.services[0]);
    }
    SECTION("without a booking object a service takes no bookings; defaults apply") {
        json j = office_with_booking();
        j["services"][0].erase("booking");
        j["office"].erase("nik_retention_days");
        const OfficeConfig d = parse_config(j.dump());
        CHECK(d.services[0].booking.sessions.empty());
        CHECK(d.nik_retention_days == 30);
        CHECK(service_to_json(d.services[0]).find("booking") == std::string::npos);
    }
    SECTION("the shipped Sorong office books KTP-el") {
        const OfficeConfig sorong = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
        CHECK_FALSE(sorong.find_service("KTP")->booking.sessions.empty());
    }
}

TEST_CASE("bad booking rules are refused naming the field", "[config][booking]") {
    json j = office_with_booking();
    json& b = j["services"][0]["booking"];
    SECTION("places beyond the walk-in share") {
        b["sessions"][1]["places"] = 21;
        CHECK(error_field(j) == "services[0].booking.sessions");
        CHECK_THAT(error_text(j), Catch::Contains("walk-in share of 60%"));
    }
    SECTION("overlapping sessions") {
        b["sessions"][1]["start"] = "08:30";
        CHECK(error_field(j) == "services[0].booking.sessions[1].start");
    }
    SECTION("a session ending before it starts") {
        b["sessions"][0]["end"] = "07:00";
        CHECK(error_field(j) == "services[0].booking.sessions[0].end");
    }
    SECTION("a malformed time") {
        b["sessions"][0]["start"] = "8 pagi";
        CHECK(error_field(j) == "services[0].booking.sessions[0].start");
    }
    SECTION("no places") {
        b["sessions"][0]["places"] = 0;
        CHECK(error_field(j) == "services[0].booking.sessions[0].places");
    }
    SECTION("the window") {
        b["days_ahead"] = 0;
        CHECK(error_field(j) == "services[0].booking.days_ahead");
        b["days_ahead"] = 91;
        CHECK(error_field(j) == "services[0].booking.days_ahead");
    }
    SECTION("the walk-in share") {
        b["walk_in_percent"] = 101;
        CHECK(error_field(j) == "services[0].booking.walk_in_percent");
    }
    SECTION("grace") {
        b["grace_minutes"] = -1;
        CHECK(error_field(j) == "services[0].booking.grace_minutes");
    }
    SECTION("an empty requirement") {
        b["requirements"][1] = " ";
        CHECK(error_field(j) == "services[0].booking.requirements[1]");
    }
    SECTION("an unknown key") {
        b["place"] = 3;
        CHECK(error_field(j) == "services[0].booking.place");
    }
    SECTION("a holiday that is not a date") {
        j["holidays"][0]["date"] = "2026-02-30";
        CHECK(error_field(j) == "holidays[0].date");
    }
    SECTION("a holiday listed twice") {
        j["holidays"][1]["date"] = "2026-12-25";
        CHECK(error_field(j) == "holidays[1].date");
    }
    SECTION("the retention") {
        j["office"]["nik_retention_days"] = 0;
        CHECK(error_field(j) == "office.nik_retention_days");
    }
}

}  // namespace booking_config_test
