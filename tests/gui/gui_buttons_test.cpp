// The layout pieces the kiosk and the counter share: buttons found by target, taps
// hit-tested topmost first, and the two languages' phrase tables.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "antre/gui/buttons.hpp"
#include "antre/gui/language.hpp"

namespace gui_buttons_test {

using namespace antre::gui;

namespace {

enum class Kind { none, ok, cancel, row };
struct Target {
    Kind kind = Kind::none;
    int index = 0;
};

}  // namespace

TEST_CASE("buttons: found by kind and index, hit topmost first, filtered by what takes taps", "[gui][layout]") {
    const std::vector<Button<Target>> buttons = {{{Kind::row, 0}, {0, 0, 100, 100}},  // a full-screen row
                                                 {{Kind::row, 1}, {0, 0, 50, 50}},    // over its corner
                                                 {{Kind::ok, 0}, {200, 200, 10, 10}},
                                                 {{Kind::cancel, 0}, {0, 0, 20, 20}}};  // on top of both
    REQUIRE(find_button(buttons, Kind::row, 1));
    CHECK(find_button(buttons, Kind::row, 1)->rect.w == 50);
    CHECK(find_button(buttons, Kind::ok) == &buttons[2]);
    CHECK_FALSE(find_button(buttons, Kind::ok, 1));

    CHECK(hit_test(buttons, 10, 10).kind == Kind::cancel);
    CHECK(hit_test(buttons, 30, 30).index == 1);
    CHECK(hit_test(buttons, 80, 80).index == 0);
    CHECK(hit_test(buttons, 100, 100).kind == Kind::none);  // right and bottom edges are outside
    CHECK(hit_test(buttons, 205, 205).kind == Kind::ok);
    // A modal dialog: only its own buttons take taps; what lies under them does not.
    const auto modal = [](const Target& t) { return t.kind != Kind::row; };
    CHECK(hit_test(buttons, 30, 30, modal).kind == Kind::none);
    CHECK(hit_test(buttons, 10, 10, modal).kind == Kind::cancel);
}

TEST_CASE("languages: codes, the language button's switch and the table of each", "[gui][language]") {
    CHECK(other_language(Language::id) == Language::en);
    CHECK(other_language(Language::en) == Language::id);
    CHECK(std::string(language_code(Language::en)) == "en");
    CHECK(parse_language("id") == Language::id);
    CHECK(parse_language("en") == Language::en);
    CHECK_FALSE(parse_language("EN"));
    CHECK_FALSE(parse_language(""));
    const int indonesian = 1, english = 2;
    CHECK(&in_language(Language::id, indonesian, english) == &indonesian);
    CHECK(&in_language(Language::en, indonesian, english) == &english);
}

}  // namespace gui_buttons_test
