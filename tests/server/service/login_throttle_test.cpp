// The log-in throttle alone, on plain numbers for time.
#include <catch2/catch.hpp>

#include "login_throttle.hpp"

namespace login_throttle_test {

using antre::LoginThrottle;
using antre::Millis;

namespace {

constexpr Millis t0 = 1'000'000;

// One attempt that fails. Some tests pile failures up faster than the throttle
// lets them through; then nothing is reserved and only the failure is recorded.
Millis fail(LoginThrottle& th, const std::string& nip, const std::string& address, Millis now) {
    th.start(nip, address, now);
    return th.failed(nip, address, now);
}

}  // namespace

TEST_CASE("Failed log-ins for one NIP wait longer and longer after the free ones") {
    LoginThrottle th;  // 3 free, then 1 s, doubling, capped at 5 minutes
    SECTION("the first three failures cost nothing") {
        CHECK(fail(th, "nip", "10.0.0.1", t0) == 0);
        CHECK(fail(th, "nip", "10.0.0.1", t0) == 0);
        CHECK(th.retry_after("nip", "10.0.0.1", t0) == 0);
        CHECK(fail(th, "nip", "10.0.0.1", t0) == 1000);
        CHECK(th.retry_after("nip", "10.0.0.1", t0 + 400) == 600);
        CHECK(th.retry_after("nip", "10.0.0.1", t0 + 1000) == 0);
    }
    SECTION("each further failure doubles the wait, up to the cap, from any address") {
        for (int i = 0; i < 3; ++i) fail(th, "nip", "10.0.0." + std::to_string(i), t0);
        CHECK(fail(th, "nip", "10.0.0.7", t0 + 1000) == 2000);
        CHECK(fail(th, "nip", "10.0.0.8", t0 + 3000) == 4000);
        CHECK(th.retry_after("nip", "10.0.0.9", t0 + 3000) == 4000);
        Millis now = t0 + 3000;
        for (int i = 0; i < 20; ++i) now += fail(th, "nip", "10.0.0.9", now);
        CHECK(fail(th, "nip", "10.0.0.9", now) == 5 * 60'000);
        CHECK(th.failures("nip") == 26);
    }
    SECTION("another NIP is not held up by the first one's failures") {
        for (int i = 0; i < 5; ++i) fail(th, "nip", "10.0.0." + std::to_string(i), t0);
        CHECK(th.retry_after("other", "10.0.0.99", t0) == 0);
    }
    SECTION("a success starts the officer and the address afresh") {
        for (int i = 0; i < 4; ++i) fail(th, "nip", "10.0.0.1", t0);
        REQUIRE(th.start("nip", "10.0.0.1", t0 + 5000) == 0);
        th.succeeded("nip", "10.0.0.1");
        CHECK(th.retry_after("nip", "10.0.0.1", t0 + 5000) == 0);
        CHECK(th.failures("nip") == 0);
        CHECK(fail(th, "nip", "10.0.0.1", t0 + 5000) == 0);
    }
    SECTION("a record quiet for an hour is forgotten") {
        for (int i = 0; i < 4; ++i) fail(th, "nip", "10.0.0.1", t0);
        fail(th, "someone else", "10.0.0.2", t0 + 3'600'001);
        CHECK(th.failures("nip") == 0);
    }
}

TEST_CASE("Guesses sent together count as failures while they are being checked") {
    LoginThrottle th;
    for (int i = 0; i < 3; ++i) {
        REQUIRE(th.start("nip", "10.0.0." + std::to_string(i), t0) == 0);
    }
    // Three checks in flight: a fourth waits as if they had failed.
    CHECK(th.retry_after("nip", "10.0.0.9", t0) == 1000);
    th.succeeded("nip", "10.0.0.0");
    CHECK(th.retry_after("nip", "10.0.0.9", t0) == 0);
}

TEST_CASE("Guesses for many NIPs sent together from one address: only the free ones are checked") {
    LoginThrottle th;  // 10 free failures per address
    int checked = 0;
    for (int i = 0; i < 120; ++i)
        if (th.start("nip" + std::to_string(i), "10.0.0.66", t0) == 0) ++checked;
    CHECK(checked == 10);
    CHECK(th.retry_after("a fresh nip", "10.0.0.66", t0) == 1000);
    CHECK(th.start("a fresh nip", "10.0.0.67", t0) == 0);  // another address is not held up
    // The checks end as failures: the address then waits as after 10 failures.
    for (int i = 0; i < 10; ++i) th.failed("nip" + std::to_string(i), "10.0.0.66", t0);
    CHECK(th.retry_after("a fresh nip", "10.0.0.66", t0) == 1000);
    CHECK(th.start("a fresh nip", "10.0.0.66", t0 + 1000) == 0);
}

TEST_CASE("Failures from one address are throttled across NIPs") {
    LoginThrottle::Policy p;
    p.free_address_failures = 4;
    LoginThrottle th(p);
    for (int i = 0; i < 3; ++i) CHECK(fail(th, "nip" + std::to_string(i), "10.0.0.66", t0) == 0);
    CHECK(fail(th, "nip3", "10.0.0.66", t0) == 1000);
    CHECK(th.retry_after("a fresh nip", "10.0.0.66", t0) == 1000);
    CHECK(th.retry_after("a fresh nip", "10.0.0.67", t0) == 0);
}

TEST_CASE("The throttle's memory is bounded") {
    LoginThrottle::Policy p;
    p.max_records = 50;
    p.free_address_failures = 1'000'000;
    LoginThrottle th(p);
    for (int i = 0; i < 500; ++i) fail(th, "nip" + std::to_string(i), "10.0.0.1", t0 + i);
    CHECK(th.failures("nip0") == 0);    // the stalest went
    CHECK(th.failures("nip499") == 1);  // the newest stays
}

}  // namespace login_throttle_test
