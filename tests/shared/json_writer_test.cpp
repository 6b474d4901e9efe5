// The two writers of antre/json_writer.hpp: text written straight into a string must
// be the very bytes nlohmann prints for the same record, whatever the values hold.
#include <limits>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "antre/json_writer.hpp"

namespace json_writer_test {

using namespace antre;
using json = nlohmann::json;

namespace {

// A record with every kind of value the writers take, nested objects included.
struct Sample {
    std::string name;
    std::int64_t big = 0;
    std::optional<std::int64_t> maybe;
    std::vector<std::string> list;
    bool flag = false;
};

template <class Out>
void put_sample(Out& o, const Sample& s) {
    o.field("big", s.big);
    o.field("flag", s.flag);
    o.field("list", s.list);
    o.field("maybe", s.maybe);
    o.field("name", s.name);
    o.field("none", nullptr);
    o.object("zone", [&](Out& x) {
        x.field("a", std::string_view(s.name));
        x.object("b", [&](Out& y) { y.field("small", -1); });
        x.field("c", "literal");
    });
}

}  // namespace

TEST_CASE("json writer: the text is nlohmann's own printing of the same record", "[json_writer]") {
    const std::vector<std::string> names = {
        "",
        "KTP-el",
        "Akta Kelahiran \"baru\"",
        "back\\slash",
        "tab\there, newline\nthere, bell\a, escape\x1b, delete\x7f",
        "Kantor Dukcapil Kota Sorong \xe2\x80\x94 Papua Barat Daya",  // an em dash
        "broken UTF-8: \xc3\x28 and \xff\xfe",                        // replaced by U+FFFD
    };
    for (const auto& name : names)
        for (const std::int64_t big : {std::int64_t{0}, std::int64_t{-7}, std::numeric_limits<std::int64_t>::max(),
                                       std::numeric_limits<std::int64_t>::min(), std::int64_t{1795996800000}}) {
            Sample s{name, big, big % 2 ? std::optional<std::int64_t>(big) : std::nullopt, {name, "A", ""}, big > 0};
            INFO(name << " " << big);
            const json dom = json_object([&](JsonDom& o) { put_sample(o, s); });
            const std::string text = json_text([&](JsonText& o) { put_sample(o, s); });
            CHECK(text == json_line(dom));
            // Valid JSON whatever the bytes were (broken UTF-8 comes out as U+FFFD).
            CHECK(json::parse(text) == json::parse(json_line(dom)));
        }
}

TEST_CASE("json writer: a key out of order, or twice, is refused", "[json_writer]") {
    std::string out;
    JsonText o(out);
    o.begin();
    o.field("b", 1);
    CHECK_THROWS_AS(o.field("a", 2), std::logic_error);
    CHECK_THROWS_AS(o.field("b", 3), std::logic_error);
    o.field("c", 4);
    // A nested object starts its own order.
    o.object("d", [](JsonText& x) { x.field("a", 5); });
    o.end();
    CHECK(out == R"({"b":1,"c":4,"d":{"a":5}})");
    CHECK_THROWS_AS(o.field("e", 6), std::logic_error);  // outside any object
}

TEST_CASE("json writer: a hole is where a value written later goes", "[json_writer]") {
    std::string out;
    JsonText o(out);
    o.begin();
    o.field("at", 1);
    const std::size_t hole = o.hole("seq");
    o.field("service", "KK");
    o.end();
    out.insert(hole, "1234");
    CHECK(out == R"({"at":1,"seq":1234,"service":"KK"})");
}

}  // namespace json_writer_test
