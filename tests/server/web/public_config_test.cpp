// office.public_base_url and office.board_qr (docs/architecture.md, the office
// configuration; docs/public-page.md): the values the server takes and refuses,
// the LAN address it uses when the office names none, and the board's QR link.
#include <fstream>
#include <regex>

#include <catch2/catch.hpp>

#include "antre/config.hpp"
#include "test_support.hpp"

namespace public_config_test {

using namespace antre;
using json = nlohmann::json;

namespace {

json office_with(const json& office_fields) {
    json j = json::parse(std::ifstream(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json"));
    for (const auto& [k, v] : office_fields.items()) j["office"][k] = v;
    return j;
}

std::string blamed(const json& config) {
    try {
        parse_config(config.dump());
    } catch (const ConfigError& e) {
        return e.field();
    }
    return "<accepted>";
}

// A test office whose config's office part has `fields`, bound to `bind`.
std::unique_ptr<test::TestOffice> office(const json& fields, const std::string& bind = "127.0.0.1") {
    return std::make_unique<test::TestOffice>(std::vector<test::OfficerSeed>{}, [&](AppOptions& o) {
        json j = json::parse(std::ifstream(o.config_path));
        for (const auto& [k, v] : fields.items()) j["office"][k] = v;
        o.config_path += ".public.json";
        std::ofstream(o.config_path) << j.dump();
        o.net.bind_address = bind;
    });
}

std::string link_of(test::TestOffice& o) {
    auto k = test::connect(o.port(), {{"role", "kiosk"}});
    const auto r = k->call("issue", {{"service", "KTP"}});
    REQUIRE(r.ok);
    return r.body["link"];
}

json snapshot_office(test::TestOffice& o) {
    auto board = test::connect(o.port(), {{"role", "display"}});
    const auto r = board->call("snapshot");
    REQUIRE(r.ok);
    return r.body["snapshot"]["office"];
}

}  // namespace

TEST_CASE("config: office.public_base_url takes http(s) addresses and refuses the rest", "[public][config]") {
    for (const char* good : {"https://antrean.dukcapil.sorongkota.go.id", "http://10.20.0.5:7412",
                             "https://antrean.example.go.id/dukcapil", "http://[fd00::5]:7412"}) {
        INFO(good);
        CHECK(blamed(office_with({{"public_base_url", good}})) == "<accepted>");
        CHECK(parse_config(office_with({{"public_base_url", good}}).dump()).public_base_url == good);
    }
    // Trailing slashes go: the links are "{public_base_url}/t/{code}".
    CHECK(parse_config(office_with({{"public_base_url", "https://a.go.id//"}}).dump()).public_base_url ==
          "https://a.go.id");
    for (const char* bad : {"antrean.go.id", "ftp://a.go.id", "https://", "http://:7412", "https:// a.go.id",
                            "https://a.go.id/?x=1", "https://a.go.id/#top", "https://a.go.id\\x", "HTTPS//a"}) {
        INFO(bad);
        CHECK(blamed(office_with({{"public_base_url", bad}})) == "office.public_base_url");
    }
    CHECK(blamed(office_with({{"public_base_url", 7412}})) == "office.public_base_url");
    // Unset or null: the server's LAN address (below).
    CHECK(parse_config(office_with(json::object()).dump()).public_base_url.empty());
    CHECK(parse_config(office_with({{"public_base_url", nullptr}}).dump()).public_base_url.empty());
}

TEST_CASE("config: office.board_qr is on by default where public_base_url is set", "[public][config]") {
    CHECK_FALSE(parse_config(office_with(json::object()).dump()).board_qr);
    CHECK(parse_config(office_with({{"public_base_url", "https://a.go.id"}}).dump()).board_qr);
    CHECK_FALSE(
        parse_config(office_with({{"public_base_url", "https://a.go.id"}, {"board_qr", false}}).dump()).board_qr);
    CHECK(parse_config(office_with({{"board_qr", true}}).dump()).board_qr);
    CHECK(blamed(office_with({{"board_qr", "yes"}})) == "office.board_qr");
}

TEST_CASE("public_base_url unset: links go to the LAN address and the public port", "[public][config]") {
    SECTION("bound to one address: that address") {
        auto o = office(json::object());
        CHECK(link_of(*o).rfind("http://127.0.0.1:" + std::to_string(o->public_port()) + "/t/", 0) == 0);
        CHECK(snapshot_office(*o).count("public_url") == 0);  // no board QR by default
    }
    SECTION("bound to every interface: an IPv4 address of the machine, never 0.0.0.0") {
        auto o = office(json::object(), "0.0.0.0");
        const std::string link = link_of(*o);
        const std::regex form(R"(http://(\d+)\.(\d+)\.(\d+)\.(\d+):(\d+)/t/[a-z2-7]{16})");
        std::smatch m;
        REQUIRE(std::regex_match(link, m, form));
        CHECK(link.find("0.0.0.0") == std::string::npos);
        CHECK(m[5] == std::to_string(o->public_port()));
    }
    SECTION("board_qr on: the board gets the LAN address's office page") {
        auto o = office({{"board_qr", true}});
        CHECK(snapshot_office(*o)["public_url"] == "http://127.0.0.1:" + std::to_string(o->public_port()) + "/");
    }
}

TEST_CASE("public_base_url set: links and the board's QR use it", "[public][config]") {
    auto o = office({{"public_base_url", "https://antrean.dukcapil.sorongkota.go.id/"}});
    CHECK(link_of(*o).rfind("https://antrean.dukcapil.sorongkota.go.id/t/", 0) == 0);
    CHECK(snapshot_office(*o)["public_url"] == "https://antrean.dukcapil.sorongkota.go.id/");
    auto off = office({{"public_base_url", "https://antrean.dukcapil.sorongkota.go.id"}, {"board_qr", false}});
    CHECK(snapshot_office(*off).count("public_url") == 0);
}

}  // namespace public_config_test
