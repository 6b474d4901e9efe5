// The log's rate limits alone, on plain numbers for time.
#include <string>

#include <catch2/catch.hpp>

#include "log_limit.hpp"

namespace log_limit_test {

using antre::Episode;
using antre::LogLimiter;
using antre::Millis;

namespace {
constexpr Millis t0 = 1'000'000;
}

TEST_CASE("The log limiter lets a few lines a minute through per address and counts the rest") {
    LogLimiter::Policy p;
    p.per_key = 3;
    p.in_all = 5;
    p.window = 60'000;
    p.max_keys = 100;
    LogLimiter log(p);
    SECTION("a burst per address, then lines are held back and counted") {
        for (int i = 0; i < 3; ++i) CHECK(log.admit("10.0.0.1", t0 + i) == 0u);
        for (int i = 0; i < 7; ++i) CHECK_FALSE(log.admit("10.0.0.1", t0 + 10 + i));
        CHECK(log.admit("10.0.0.2", t0 + 20) == 0u);  // another address has its own
        // A minute after its first line the address may write again, naming what was held back.
        CHECK_FALSE(log.admit("10.0.0.1", t0 + 59'999));
        CHECK(log.admit("10.0.0.1", t0 + 60'000) == 8u);
        CHECK(log.admit("10.0.0.1", t0 + 60'001) == 0u);
    }
    SECTION("a cap over all addresses, against a flood from many") {
        for (int i = 0; i < 5; ++i) CHECK(log.admit("10.0.1." + std::to_string(i), t0) == 0u);
        CHECK_FALSE(log.admit("10.0.2.1", t0 + 1));
        CHECK_FALSE(log.admit("10.0.2.1", t0 + 2));
        CHECK(log.admit("10.0.2.1", t0 + 60'000) == 2u);
    }
    SECTION("memory is bounded: at most max_keys addresses are remembered") {
        for (int i = 0; i < 1000; ++i)
            log.admit("10.1." + std::to_string(i / 256) + "." + std::to_string(i % 256), t0 + i * 1000);
        CHECK(log.keys() <= 100);
    }
    SECTION("the note that names the lines held back") {
        CHECK(antre::held_back_note(0).empty());
        CHECK(antre::held_back_note(1) == " (1 more like it held back)");
        CHECK(antre::held_back_note(42) == " (42 more like it held back)");
    }
}

TEST_CASE("An episode is counted from its first occurrence to its end") {
    Episode e;
    CHECK(e.occurred());  // the first: write a line
    CHECK_FALSE(e.occurred());
    CHECK_FALSE(e.occurred());
    CHECK(e.ended() == 3u);  // the end: write a line with the count
    CHECK(e.ended() == 0u);  // nothing was going on
    CHECK(e.occurred());
}

}  // namespace log_limit_test
