// display/number_words.cpp: numbers and calls as the board's voice says them.
#include <climits>

#include <catch2/catch.hpp>

#include "number_words.hpp"

namespace display_number_words_test {

using namespace antre::display;

TEST_CASE("display: natural numbers in Indonesian words", "[display][words]") {
    SECTION("units, tens and the 'se-' forms") {
        CHECK(number_words(0) == "nol");
        CHECK(number_words(1) == "satu");
        CHECK(number_words(9) == "sembilan");
        CHECK(number_words(10) == "sepuluh");
        CHECK(number_words(11) == "sebelas");
        CHECK(number_words(12) == "dua belas");
        CHECK(number_words(19) == "sembilan belas");
        CHECK(number_words(20) == "dua puluh");
        CHECK(number_words(21) == "dua puluh satu");
        CHECK(number_words(99) == "sembilan puluh sembilan");
    }
    SECTION("hundreds") {
        CHECK(number_words(100) == "seratus");
        CHECK(number_words(101) == "seratus satu");
        CHECK(number_words(110) == "seratus sepuluh");
        CHECK(number_words(111) == "seratus sebelas");
        CHECK(number_words(115) == "seratus lima belas");
        CHECK(number_words(200) == "dua ratus");
        CHECK(number_words(999) == "sembilan ratus sembilan puluh sembilan");
    }
    SECTION("thousands and beyond") {
        CHECK(number_words(1000) == "seribu");
        CHECK(number_words(1001) == "seribu satu");
        CHECK(number_words(1100) == "seribu seratus");
        CHECK(number_words(2000) == "dua ribu");
        CHECK(number_words(11000) == "sebelas ribu");
        CHECK(number_words(100000) == "seratus ribu");
        CHECK(number_words(1000000) == "satu juta");
        CHECK(number_words(1250000) == "satu juta dua ratus lima puluh ribu");
        CHECK(number_words(2000000000) == "dua miliar");
    }
    SECTION("negative numbers, down to the smallest") {
        CHECK(number_words(-5) == "minus lima");
        CHECK(number_words(LLONG_MIN).rfind("minus ", 0) == 0);
    }
}

TEST_CASE("display: digits one by one, as printed on a ticket", "[display][words]") {
    CHECK(digit_words("001") == "nol nol satu");
    CHECK(digit_words("120") == "satu dua nol");
    CHECK(digit_words("9876543210") == "sembilan delapan tujuh enam lima empat tiga dua satu nol");
    CHECK(digit_words("") == "");
    CHECK(digit_words("-0x7") == "nol tujuh");
}

TEST_CASE("display: ticket labels as spoken", "[display][words]") {
    CHECK(spoken_label("A-001") == "A nol nol satu");
    CHECK(spoken_label("F-150") == "F satu lima nol");
    CHECK(spoken_label("AB-012") == "A B nol satu dua");
    CHECK(spoken_label("c-1000") == "C satu nol nol nol");
}

TEST_CASE("display: the announcement sentence", "[display][words]") {
    SECTION("the design's example, word for word") {
        CHECK(call_sentence("A-001", 3) == "Nomor antrean A nol nol satu, silakan menuju loket tiga.");
    }
    SECTION("counter numbers are natural numbers") {
        CHECK(call_sentence("B-014", 12) == "Nomor antrean B nol satu empat, silakan menuju loket dua belas.");
        CHECK(call_sentence("E-100", 111) == "Nomor antrean E satu nol nol, silakan menuju loket seratus sebelas.");
    }
    SECTION("a recall says so first") {
        CHECK(call_sentence("A-001", 1, true) ==
              "Panggilan ulang. Nomor antrean A nol nol satu, silakan menuju loket satu.");
    }
}

}  // namespace display_number_words_test
