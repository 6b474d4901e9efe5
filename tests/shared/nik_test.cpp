#include <catch2/catch.hpp>

#include "antre/nik.hpp"

namespace nik_test {

using namespace antre;

namespace {

// The reason a NIK is refused, in English, or "" when it is accepted.
std::string refusal(const std::string& nik) {
    auto r = check_nik(nik);
    if (r) CHECK_FALSE(r->id.empty());
    return r ? r->en : std::string();
}

}  // namespace

TEST_CASE("a NIK of valid structure is accepted", "[nik]") {
    CHECK(refusal("9271011205900001").empty());  // Kota Sorong, man born 12 May 1990
    CHECK(refusal("9271015205900002").empty());  // woman born 12 May 1990: day + 40
    CHECK(refusal("3174012902000003").empty());  // 29 February 2000
    CHECK(refusal("3174017101990001").empty());  // woman born 31 January 1999
}

TEST_CASE("a NIK is refused with the reason that names what is wrong", "[nik]") {
    SECTION("length and digits") {
        CHECK_THAT(refusal(""), Catch::Contains("16 digits"));
        CHECK_THAT(refusal("927101120590000"), Catch::Contains("16 digits"));
        CHECK_THAT(refusal("92710112059000011"), Catch::Contains("16 digits"));
        CHECK_THAT(refusal("92710112059O0001"), Catch::Contains("16 digits"));
        CHECK_THAT(refusal("9271 01120590001"), Catch::Contains("16 digits"));
    }
    SECTION("region codes") {
        CHECK_THAT(refusal("0071011205900001"), Catch::Contains("province"));
        CHECK_THAT(refusal("9200011205900001"), Catch::Contains("regency"));
        CHECK_THAT(refusal("9271001205900001"), Catch::Contains("district"));
    }
    SECTION("date of birth") {
        CHECK_THAT(refusal("9271011213900001"), Catch::Contains("month"));
        CHECK_THAT(refusal("9271011200900001"), Catch::Contains("month"));
        CHECK_THAT(refusal("9271010005900001"), Catch::Contains("day of birth"));
        CHECK_THAT(refusal("9271013204900001"), Catch::Contains("day of birth"));  // 32 April
        CHECK_THAT(refusal("9271013104900001"), Catch::Contains("day of birth"));  // 31 April
        CHECK_THAT(refusal("9271017104900001"), Catch::Contains("day of birth"));  // woman, 31 April
        CHECK_THAT(refusal("9271013202900001"), Catch::Contains("day of birth"));  // 32 - 40 is not a day
        CHECK_THAT(refusal("9271014005900001"), Catch::Contains("day of birth"));  // 40: day 0 for a woman
        CHECK_THAT(refusal("9271017205900001"), Catch::Contains("day of birth"));  // 72: day 32
        CHECK_THAT(refusal("9271012902010001"), Catch::Contains("day of birth"));  // 29 Feb 2001
        CHECK(refusal("9271016902040001").empty());                                // woman, 29 Feb 2004
    }
    SECTION("serial") { CHECK_THAT(refusal("9271011205900000"), Catch::Contains("serial")); }
    SECTION("the Indonesian reason is given too") {
        auto r = check_nik("0071011205900001");
        REQUIRE(r);
        CHECK_THAT(r->id, Catch::Contains("provinsi"));
    }
}

TEST_CASE("a masked NIK shows its last four digits only", "[nik]") {
    CHECK(masked_nik("9271011205900001") == "************0001");
    CHECK(masked_nik("123") == "");
}

}  // namespace nik_test
