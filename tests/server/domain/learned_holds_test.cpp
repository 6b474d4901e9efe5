// Tests of the holding times learned from history (server/domain/learned_holds.*,
// docs/queue.md "Learned holding times") and of the store's rows they are built from
// (finished_legs, server/store/finished_legs.*).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <vector>

#include "estimate.hpp"
#include "finished_legs.hpp"
#include "learned_holds.hpp"
#include "sqlite.hpp"
#include "store.hpp"

namespace learned_holds_test {

using namespace antre;

namespace {

constexpr Millis minute = 60'000;
constexpr Millis day_ms = 24 * 60 * minute;
constexpr Millis wit_offset = 9 * 60 * minute;
// 2026-11-30 (a Monday) 00:00 WIT, as UTC milliseconds.
constexpr Millis monday = 1'795'996'800'000LL - wit_offset;

Millis at(int day, int h, int mi) { return monday + day * day_ms + (h * 60 + mi) * minute; }

FinishedLeg leg(std::string service, Millis called, Millis hold) { return {std::move(service), called, called + hold}; }

}  // namespace

TEST_CASE("learned holds: the weekday and hours first, then the weekday, then any day") {
    const OfficeCalendar calendar("Asia/Jayapura");
    std::vector<FinishedLeg> legs;
    // KTP: Mondays 09:xx take 5 min, Monday afternoons 20 min, Tuesdays 40 min.
    for (int i = 0; i < 20; ++i) legs.push_back(leg("KTP", at(-7, 9, i), 5 * minute));
    for (int i = 0; i < 20; ++i) legs.push_back(leg("KTP", at(-7, 14, i), 20 * minute));
    for (int i = 0; i < 20; ++i) legs.push_back(leg("KTP", at(-6, 9, i), 40 * minute));
    // KK: too few on Mondays, enough over all days.
    for (int i = 0; i < 5; ++i) legs.push_back(leg("KK", at(-7, 9, i), 7 * minute));
    for (int i = 0; i < 20; ++i) legs.push_back(leg("KK", at(-5, 9, i), 9 * minute));
    // AKTA: too few anywhere; a leg finished before its call is no hold.
    for (int i = 0; i < 5; ++i) legs.push_back(leg("AKTA", at(-7, 9, i), 3 * minute));
    legs.push_back({"AKTA", at(-7, 10, 0), at(-7, 9, 0)});

    LearnOptions o;
    o.min_samples = 20;
    o.hours = 2;
    SECTION("at 09:30 on a Monday: that hour's Monday tickets") {
        const auto held = learned_holds(legs, calendar, at(0, 9, 30), o);
        REQUIRE(held.count("KTP"));
        CHECK(held.at("KTP") == HoldSamples(20, 5 * minute));
        REQUIRE(held.count("KK"));  // any day: 5 on Mondays are too few
        CHECK(held.at("KK").size() == 25);
        CHECK(held.at("KK").front() == 7 * minute);
        CHECK(!held.count("AKTA"));  // left to today's own or the typical duration
    }
    SECTION("at 11:00 on a Monday: no Monday tickets in those hours, so every Monday's") {
        const auto held = learned_holds(legs, calendar, at(0, 11, 0), o);
        const HoldSamples& ktp = held.at("KTP");
        REQUIRE(ktp.size() == 40);
        CHECK(std::is_sorted(ktp.begin(), ktp.end()));
        CHECK(ktp.front() == 5 * minute);
        CHECK(ktp.back() == 20 * minute);
    }
    SECTION("on a Tuesday, at most the most recent max_samples") {
        o.max_samples = 10;
        legs.push_back(leg("KTP", at(-13, 9, 0), 90 * minute));  // an older Tuesday, not among the latest
        const auto held = learned_holds(legs, calendar, at(1, 9, 0), o);
        CHECK(held.at("KTP") == HoldSamples(10, 40 * minute));
    }
}

TEST_CASE("learned holds: the office's file gives the done tickets of a period") {
    OfficeConfig office;
    office.time_zone = "Asia/Jayapura";
    Service s;
    s.code = "KTP";
    s.prefix = "A";
    s.name_id = s.name_en = "KTP";
    for (int weekday = 1; weekday <= 5; ++weekday) s.hours.push_back({weekday, 8 * 60, 15 * 60});
    office.services = {s};
    office.counters = {{1, "Loket 1", {"KTP"}}};
    // A file of its own: the rows are read back through a second, read-only connection.
    const auto path = std::filesystem::temp_directory_path() /
                      ("antre-learned-holds-" + std::to_string(std::random_device{}()) + ".db");
    struct Remove {
        std::filesystem::path p;
        ~Remove() {
            for (const char* tail : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + tail);
        }
    } remove{path};
    Store store(path.string());
    Engine engine(office, at(0, 7, 0));
    store.apply(engine.login(1, "198003152006041001", at(0, 8, 0)));
    store.apply(engine.issue("KTP", Priority::none, at(0, 8, 0)));
    store.apply(engine.issue("KTP", Priority::none, at(0, 8, 1)));
    store.apply(engine.issue("KTP", Priority::none, at(0, 8, 2)));
    store.apply(engine.call_next(1, at(0, 8, 5)));
    store.apply(engine.finish(1, at(0, 8, 17)));
    store.apply(engine.call_next(1, at(0, 8, 20)));
    store.apply(engine.no_show(1, at(0, 8, 22)));    // not done: no hold
    store.apply(engine.call_next(1, at(0, 8, 30)));  // the third ticket, held still

    sql::Database db(path.string(), true);
    const auto legs = finished_legs(db, "2026-11-30", "2026-11-30");
    REQUIRE(legs.size() == 1);
    CHECK(legs[0].service == "KTP");
    CHECK(legs[0].called_at == at(0, 8, 5));
    CHECK(legs[0].finished_at == at(0, 8, 17));
    CHECK(finished_legs(db, "2026-12-01", "2026-12-31").empty());
}

}  // namespace learned_holds_test
