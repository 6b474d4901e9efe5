// The checks of the two personal ids (shared/include/antre/ids.hpp).
#include <catch2/catch.hpp>

#include "antre/ids.hpp"

namespace ids_test {

using antre::valid_nik;
using antre::valid_nip;

TEST_CASE("A NIP is exactly 18 ASCII digits, a NIK exactly 16") {
    CHECK(valid_nip("199002022015032002"));
    CHECK(valid_nip("000000000000000000"));
    CHECK_FALSE(valid_nip(""));
    CHECK_FALSE(valid_nip("19900202201503200"));     // 17
    CHECK_FALSE(valid_nip("1990020220150320021"));   // 19
    CHECK_FALSE(valid_nip("199002022015032002\n"));  // a newline after 18 digits
    CHECK_FALSE(valid_nip("19900202201503200\a"));   // a BEL in place of the last digit
    CHECK_FALSE(valid_nip("1990 0202 2015 0320"));
    CHECK_FALSE(valid_nip("19900202201503200x"));
    CHECK_FALSE(valid_nip(std::string_view("19900202201503200\0", 18)));
    CHECK_FALSE(
        valid_nip("\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\xd9\xa5\xd9\xa6\xd9\xa7\xd9\xa8\xd9\xa9"));  // Arabic-Indic digits

    CHECK(valid_nik("9171010101900001"));
    CHECK_FALSE(valid_nik("917101010190000"));
    CHECK_FALSE(valid_nik("91710101019000011"));
    CHECK_FALSE(valid_nik("917101010190000a"));
    CHECK_FALSE(valid_nip("9171010101900001"));  // a NIK is no NIP
    CHECK_FALSE(valid_nik("199002022015032002"));
}

}  // namespace ids_test
