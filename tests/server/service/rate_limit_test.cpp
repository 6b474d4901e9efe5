#include <catch2/catch.hpp>

#include "rate_limit.hpp"

namespace rate_limit_test {

using namespace antre;

TEST_CASE("a rate limit allows so many requests per key and window", "[rate_limit]") {
    RateLimit limit({3, 60'000, 100});
    for (int i = 0; i < 3; ++i) CHECK(limit.take("10.0.0.1", 1000) == 0);
    CHECK(limit.take("10.0.0.1", 1000) == 60'000);  // until the window's end
    CHECK(limit.take("10.0.0.1", 31'000) == 30'000);
    CHECK(limit.take("10.0.0.2", 31'000) == 0);  // another key is not held up
    CHECK(limit.take("10.0.0.1", 61'000) == 0);  // a new window
}

TEST_CASE("a rate limit remembers a bounded number of keys", "[rate_limit]") {
    RateLimit limit({1, 60'000, 100});
    for (int i = 0; i < 1000; ++i) {
        limit.take("k" + std::to_string(i), i);
        CHECK(limit.size() <= 100);
    }
    // The newest keys are still remembered.
    CHECK(limit.take("k999", 1000) > 0);
}

}  // namespace rate_limit_test
