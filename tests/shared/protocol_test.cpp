// Tests of the wire protocol (shared/src/protocol.cpp): decoding lines into
// requests or clear errors, the exact shapes of replies and events, field access,
// tickets on the wire; and, through the request handler (server/service/handler.cpp), the
// refusals a session can meet, each leaving the session usable.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <variant>

#include <date/date.h>

#include "antre/clock.hpp"
#include "antre/config.hpp"
#include "antre/errors.hpp"
#include "antre/protocol.hpp"
#include "handler.hpp"
#include "password.hpp"
#include "store.hpp"

namespace protocol_test {

using namespace antre;
using protocol::json;

namespace {

protocol::Request decoded_request(const std::string& line) {
    auto decoded = protocol::decode_request(line);
    if (auto* err = std::get_if<protocol::DecodeError>(&decoded))
        FAIL("decode refused " << line << ": " << err->code << " " << err->message);
    return std::get<protocol::Request>(std::move(decoded));
}

protocol::DecodeError decode_error(const std::string& line) {
    auto decoded = protocol::decode_request(line);
    if (std::holds_alternative<protocol::Request>(decoded)) FAIL("decode accepted " << line);
    return std::get<protocol::DecodeError>(std::move(decoded));
}

/// The Refusal `f` throws; fails the test when it throws none.
template <class F>
Refusal refusal(F&& f) {
    try {
        f();
    } catch (const Refusal& r) {
        return r;
    }
    FAIL("no Refusal thrown");
    throw std::logic_error("unreachable");
}

Ticket waiting_ticket() {
    Ticket t;
    t.id = 42;
    t.day = "2026-11-30";
    t.service = "KTP";
    t.origin_service = "KTP";
    t.number = 7;
    t.label = "A-007";
    t.priority = Priority::none;
    t.status = TicketStatus::waiting;
    t.issued_at = 1'795'994'700'000;
    return t;
}

}  // namespace

TEST_CASE("protocol: the longest line is 64 KiB", "[protocol]") { STATIC_REQUIRE(protocol::max_line_bytes == 65536); }

TEST_CASE("protocol: decode_request", "[protocol]") {
    SECTION("not JSON at all is bad_json") {
        for (const std::string line : {"{\"id\":1,\"op\":", "hello", "", "{'id':1}", "{\"id\":1,\"op\":\"ping\"} x"}) {
            INFO(line);
            const auto err = decode_error(line);
            CHECK(err.code == errc::bad_json);
            CHECK(err.id.is_null());
        }
    }
    SECTION("invalid UTF-8 inside a string is bad_json") {
        for (const std::string& line : {std::string("{\"id\":1,\"op\":\"pi\xffng\"}"),
                                        std::string("{\"id\":1,\"op\":\"ping\",\"x\":\"\xc0\xaf\"}"),
                                        std::string("{\"id\":1,\"op\":\"ping\",\"x\":\"\xe2\x82\"}"),
                                        std::string("{\"id\":1,\"op\":\"ping\",\"x\":\"\\ud800\"}")}) {
            INFO(line);
            CHECK(decode_error(line).code == errc::bad_json);
        }
        // Valid multi-byte UTF-8 passes untouched.
        CHECK(decoded_request("{\"id\":1,\"op\":\"ping\",\"x\":\"Sorong \xe2\x82\xac\"}").body["x"] ==
              "Sorong \xe2\x82\xac");
    }
    SECTION("JSON that is not an object is bad_request") {
        for (const std::string line : {"[1,2]", "42", "\"ping\"", "null", "true", "[{\"id\":1,\"op\":\"ping\"}]"}) {
            INFO(line);
            const auto err = decode_error(line);
            CHECK(err.code == errc::bad_request);
            CHECK(err.id.is_null());
        }
    }
    SECTION("a missing or wrongly typed id is bad_request, with a null id") {
        for (const std::string line :
             {R"({"op":"ping"})", R"({"id":null,"op":"ping"})", R"({"id":1.5,"op":"ping"})", R"({"id":{},"op":"ping"})",
              R"({"id":true,"op":"ping"})", R"({"id":[1],"op":"ping"})"}) {
            INFO(line);
            const auto err = decode_error(line);
            CHECK(err.code == errc::bad_request);
            CHECK(err.id.is_null());
            CHECK_THAT(err.message, Catch::Contains("'id'"));
        }
    }
    SECTION("a missing or non-string op is bad_request, echoing the id") {
        auto err = decode_error(R"({"id":7})");
        CHECK(err.code == errc::bad_request);
        CHECK(err.id == 7);
        CHECK_THAT(err.message, Catch::Contains("'op'"));
        err = decode_error(R"({"id":"k-1","op":5})");
        CHECK(err.code == errc::bad_request);
        CHECK(err.id == "k-1");
        CHECK_THAT(err.message, Catch::Contains("'op'"));
        CHECK(decode_error(R"({"id":8,"op":null})").id == 8);
        CHECK(decode_error(R"({"id":9,"op":["ping"]})").code == errc::bad_request);
    }
    SECTION("valid requests with integer and string ids") {
        auto r = decoded_request(R"({"id":1,"op":"ping"})");
        CHECK(r.id == 1);
        CHECK(r.id.is_number_integer());
        CHECK(r.op == "ping");
        r = decoded_request(R"({"op":"issue","id":"kiosk-3:17","service":"KTP","priority":"lansia"})");
        CHECK(r.id == "kiosk-3:17");
        CHECK(r.op == "issue");
        CHECK(r.body["service"] == "KTP");
        CHECK(r.body["priority"] == "lansia");
        r = decoded_request(R"(  {"id":-5,"op":"an unknown op is the dispatcher's business"}  )");
        CHECK(r.id == -5);
        CHECK(r.op == "an unknown op is the dispatcher's business");
    }
}

TEST_CASE("protocol: encoding replies and events", "[protocol]") {
    SECTION("ok") {
        const std::string line = protocol::encode_ok(3, {{"now", 1'795'996'800'000}, {"list", {1, 2}}});
        CHECK(line.find('\n') == std::string::npos);
        CHECK(json::parse(line) == json{{"id", 3}, {"ok", true}, {"now", 1'795'996'800'000}, {"list", {1, 2}}});
        CHECK(json::parse(protocol::encode_ok("a")) == json{{"id", "a"}, {"ok", true}});
    }
    SECTION("error") {
        const std::string line = protocol::encode_error("r-9", errc::forbidden, "peran kiosk tidak boleh");
        CHECK(json::parse(line) == json{{"id", "r-9"},
                                        {"ok", false},
                                        {"error", {{"code", "forbidden"}, {"message", "peran kiosk tidak boleh"}}}});
        CHECK(json::parse(protocol::encode_error(nullptr, errc::bad_json, "x")) ==
              json{{"id", nullptr}, {"ok", false}, {"error", {{"code", "bad_json"}, {"message", "x"}}}});
    }
    SECTION("event") {
        const std::string line = protocol::encode_event("queue_changed", {{"services", json::array()}});
        CHECK(json::parse(line) == json{{"event", "queue_changed"}, {"services", json::array()}});
        CHECK(json::parse(protocol::encode_event("ping")) == json{{"event", "ping"}});
    }
    SECTION("every encoding is one line of valid UTF-8, whatever the text") {
        const std::string line = protocol::encode_error(1, "x", "baris\nkedua \xff akhir");
        CHECK(line.find('\n') == std::string::npos);
        const json j = json::parse(line);
        CHECK(j["error"]["message"] == "baris\nkedua \xef\xbf\xbd akhir");  // U+FFFD for the bad byte
        CHECK_NOTHROW(json::parse(protocol::encode_ok(1, {{"name", "\xc3"}})));
        CHECK_NOTHROW(json::parse(protocol::encode_event("e", {{"detail", "\x80"}})));
    }
}

TEST_CASE("protocol: a reply from its fields' text is the same line as from its fields", "[protocol]") {
    // Fields as JsonText writes them (keys in order), with keys that sort before, between
    // and after "id" and "ok", nested objects that hold an "id" of their own, and strings
    // holding quotes, braces, commas and backslashes.
    const std::vector<json> all_fields = {
        json::object(),
        {{"ticket", {{"id", 7}, {"label", "A-007"}}}},
        {{"code", "k3x"}, {"estimate", nullptr}, {"link", "https://antre/t/k3x"}, {"ticket", {{"id", 1}}}},
        {{"a", "{\"id\":1,\"ok\":false}"}, {"b", json::array({1, "x,y", json::object()})}, {"zz", true}},
        {{"id_card", "}"}, {"name", "back\\slash \\\""}, {"ok_count", -12}, {"okay", 1.5}},
        {{"id", "the op's own"}, {"ok", "kept too"}},
    };
    for (const auto& fields : all_fields)
        for (const json& id : {json(3), json("r-9"), json(nullptr)})
            for (const bool ok : {true, false}) {
                const std::string text = json_line(fields);
                INFO(text << " id " << id.dump() << " ok " << ok);
                CHECK(protocol::encode_reply(std::string_view(text), id, ok) == protocol::encode_reply(fields, id, ok));
            }
}

TEST_CASE("protocol: field access refuses with bad_request naming the field", "[protocol]") {
    const json body = json::parse(R"({"id":1,"op":"x","service":"KTP","counter":3,"flag":true,
                                      "nothing":null,"fraction":2.5,"text_number":"3","huge":18446744073709551615,
                                      "negative":-4})");
    auto check_refused = [](auto f, const std::string& field) {
        const Refusal r = refusal(f);
        CHECK(r.code() == errc::bad_request);
        CHECK_THAT(std::string(r.what()), Catch::Contains("'" + field + "'"));
    };

    CHECK(protocol::get_string(body, "service") == "KTP");
    check_refused([&] { protocol::get_string(body, "missing"); }, "missing");
    check_refused([&] { protocol::get_string(body, "nothing"); }, "nothing");
    check_refused([&] { protocol::get_string(body, "counter"); }, "counter");
    check_refused([&] { protocol::get_string(body, "flag"); }, "flag");

    CHECK(protocol::get_int(body, "counter") == 3);
    CHECK(protocol::get_int(body, "negative") == -4);
    check_refused([&] { protocol::get_int(body, "missing"); }, "missing");
    check_refused([&] { protocol::get_int(body, "fraction"); }, "fraction");
    check_refused([&] { protocol::get_int(body, "text_number"); }, "text_number");
    check_refused([&] { protocol::get_int(body, "huge"); }, "huge");  // must not wrap to -1

    CHECK(protocol::opt_string(body, "service") == std::optional<std::string>("KTP"));
    CHECK(protocol::opt_string(body, "missing") == std::nullopt);
    CHECK(protocol::opt_string(body, "nothing") == std::nullopt);
    check_refused([&] { protocol::opt_string(body, "counter"); }, "counter");

    CHECK(protocol::opt_int(body, "counter") == std::optional<std::int64_t>(3));
    CHECK(protocol::opt_int(body, "missing") == std::nullopt);
    CHECK(protocol::opt_int(body, "nothing") == std::nullopt);
    check_refused([&] { protocol::opt_int(body, "service"); }, "service");
    check_refused([&] { protocol::opt_int(body, "fraction"); }, "fraction");

    CHECK(protocol::opt_bool(body, "flag") == std::optional<bool>(true));
    CHECK(protocol::opt_bool(body, "missing") == std::nullopt);
    check_refused([&] { protocol::opt_bool(body, "counter"); }, "counter");
    check_refused([&] { protocol::opt_bool(body, "text_number"); }, "text_number");
}

TEST_CASE("protocol: tickets on the wire", "[protocol]") {
    // queue_key is the server's internal order and not part of the wire format,
    // so the tickets here keep its default.
    SECTION("optional fields null") {
        const Ticket t = waiting_ticket();
        const json j = protocol::to_json(t);
        for (const char* key :
             {"first_called_at", "called_at", "service_started_at", "finished_at", "estimated_wait_s"}) {
            INFO(key);
            REQUIRE(j.contains(key));
            CHECK(j[key].is_null());
        }
        CHECK(j["label"] == "A-007");
        CHECK(j["status"] == "waiting");
        CHECK(j["priority"] == "none");
        CHECK(protocol::ticket_from_json(j) == t);
        CHECK(protocol::ticket_from_json(json::parse(j.dump())) == t);
    }
    SECTION("every field set, for every status and priority") {
        for (auto status : {TicketStatus::waiting, TicketStatus::called, TicketStatus::serving, TicketStatus::done,
                            TicketStatus::no_show, TicketStatus::cancelled, TicketStatus::expired})
            for (auto priority :
                 {Priority::none, Priority::lansia, Priority::disabilitas, Priority::ibu_hamil, Priority::anak}) {
                Ticket t = waiting_ticket();
                t.service = "KK";  // transferred from KTP
                t.status = status;
                t.priority = priority;
                t.first_called_at = t.issued_at + 60'000;
                t.called_at = t.issued_at + 120'000;
                t.service_started_at = t.issued_at + 180'000;
                t.finished_at = t.issued_at + 900'000;
                t.counter = 3;
                t.officer = "198003152006041001";
                t.recalls = 2;
                t.no_shows = 1;
                t.transfers = 1;
                t.estimated_wait_s = 0;
                INFO(to_string(status) << " " << to_string(priority));
                const json j = protocol::to_json(t);
                CHECK(j["status"] == std::string(to_string(status)));
                CHECK(j["priority"] == std::string(to_string(priority)));
                CHECK(j["estimated_wait_s"] == 0);
                CHECK(protocol::ticket_from_json(json::parse(j.dump())) == t);
            }
    }
    SECTION("a ticket without a label is refused") {
        json j = protocol::to_json(waiting_ticket());
        j.erase("label");
        CHECK_THROWS(protocol::ticket_from_json(j));
    }
}

TEST_CASE("protocol: a ticket as text equals the ticket as nlohmann prints it", "[protocol][json_writer]") {
    Ticket t = waiting_ticket();
    t.service = "KK";  // transferred from KTP
    t.priority = Priority::lansia;
    t.status = TicketStatus::serving;
    t.called_at = t.issued_at + 60'000;
    t.counter = 3;
    t.officer = "198003152006041001";
    t.rating = 4;
    for (const bool hide : {false, true})
        for (const std::optional<int> ahead : {std::optional<int>(), std::optional<int>(5)}) {
            const protocol::TicketView view{hide, ahead};
            auto estimate = [](auto& o) { o.object("estimate", [](auto& x) { x.field("wait_s", 90); }); };
            const json dom = json_object([&](JsonDom& o) { protocol::write_ticket(o, t, view, estimate); });
            const std::string text = json_text([&](JsonText& o) { protocol::write_ticket(o, t, view, estimate); });
            CHECK(text == json_line(dom));
            CHECK(dom["officer"] == (hide ? "" : t.officer));
            CHECK(dom.contains("people_ahead") == ahead.has_value());
            CHECK(dom["estimate"]["wait_s"] == 90);
        }
    // Without the view's additions it is the wire record clients read back.
    CHECK(protocol::ticket_from_json(protocol::to_json(t)) == t);
}

// -- through the request handler ----------------------------------------------------

namespace {

const OfficeConfig& sorong() {
    static const OfficeConfig office = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    return office;
}

// Monday 2026-11-30, 09:00 WIT (UTC+9).
Millis monday_nine() {
    const date::sys_days day{date::year{2026} / date::November / date::day{30}};
    return std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count();
}

const std::string ana_nip = "198507222009032002";
const std::string ana_pin = "246810";
const std::string admin_nip = "197812312003121001";
const std::string admin_pin = "97531";

/// A handler on a fresh in-memory office, with argon2 run synchronously.
struct Rig {
    Rig() {
        store.save_officer({ana_nip, "Ana Rumbiak", OfficerRole::officer, password::hash_pin(ana_pin), true},
                           "officer_created", "test", clock.now(), "2026-11-30");
    }

    /// Sends one request line; the reply, parsed. `done` must be called exactly once.
    json send(SessionContext& ctx, const json& request) {
        int calls = 0;
        Outcome out;
        handler.handle(ctx, decoded_request(request.dump()), [&](Outcome o) {
            ++calls;
            out = std::move(o);
        });
        REQUIRE(calls == 1);
        return json::parse(std::move(out).line());
    }

    /// A ping on this session, which must succeed.
    void check_usable(SessionContext& ctx) {
        const json reply = send(ctx, {{"id", 999}, {"op", "ping"}});
        CHECK(reply == json{{"id", 999}, {"ok", true}, {"now", clock.now()}});
    }

    Store store{":memory:"};
    ManualClock clock{monday_nine()};
    Handler handler{sorong(), store, clock, HandlerOptions{},
                    [](std::function<void()> work, std::function<void()> then) {
                        work();
                        then();
                    }};
};

void check_error(const json& reply, const json& id, const std::string& code) {
    INFO(reply.dump());
    CHECK(reply["id"] == id);
    CHECK(reply["ok"] == false);
    CHECK(reply["error"]["code"] == code);
    CHECK(reply["error"]["message"].is_string());
    CHECK_FALSE(reply["error"]["message"].get<std::string>().empty());
}

json kiosk_hello(int id) { return {{"id", id}, {"op", "hello"}, {"role", "kiosk"}}; }

}  // namespace

TEST_CASE("handler: refusals, each leaving the session usable", "[protocol][handler]") {
    Rig rig;
    SessionContext ctx;

    SECTION("an op before hello") {
        check_error(rig.send(ctx, {{"id", 1}, {"op", "ping"}}), 1, errc::hello_required);
        check_error(rig.send(ctx, {{"id", 2}, {"op", "issue"}, {"service", "KTP"}}), 2, errc::hello_required);
        CHECK_FALSE(ctx.role);
        CHECK(rig.send(ctx, kiosk_hello(3))["ok"] == true);
        rig.check_usable(ctx);
    }
    SECTION("an unknown op, before and after hello") {
        check_error(rig.send(ctx, {{"id", "u1"}, {"op", "teleport"}}), "u1", errc::unknown_op);
        CHECK(rig.send(ctx, kiosk_hello(2))["ok"] == true);
        const json reply = rig.send(ctx, {{"id", 3}, {"op", "teleport"}});
        check_error(reply, 3, errc::unknown_op);
        CHECK_THAT(reply["error"]["message"].get<std::string>(), Catch::Contains("teleport"));
        rig.check_usable(ctx);
    }
    SECTION("a kiosk may not call a ticket") {
        CHECK(rig.send(ctx, kiosk_hello(1))["ok"] == true);
        check_error(rig.send(ctx, {{"id", 2}, {"op", "call_next"}}), 2, errc::forbidden);
        check_error(rig.send(ctx, {{"id", 3}, {"op", "officer_add"}, {"nip", "1"}}), 3, errc::forbidden);
        rig.check_usable(ctx);
        const json issued = rig.send(ctx, {{"id", 4}, {"op", "issue"}, {"service", "KTP"}});
        CHECK(issued["ok"] == true);
        CHECK(issued["ticket"]["label"] == "A-001");
    }
    SECTION("hello twice") {
        CHECK(rig.send(ctx, kiosk_hello(1))["ok"] == true);
        check_error(rig.send(ctx, kiosk_hello(2)), 2, errc::already_hello);
        check_error(
            rig.send(
                ctx,
                {{"id", 3}, {"op", "hello"}, {"role", "counter"}, {"counter", 1}, {"nip", ana_nip}, {"pin", ana_pin}}),
            3, errc::already_hello);
        CHECK(ctx.role == Role::kiosk);
        CHECK(rig.handler.engine().find_counter(1)->state == CounterState::closed);
        rig.check_usable(ctx);
    }
    SECTION("a wrong PIN and an unknown NIP get the same answer") {
        const json wrong_pin = rig.send(
            ctx,
            {{"id", 1}, {"op", "hello"}, {"role", "counter"}, {"counter", 1}, {"nip", ana_nip}, {"pin", "135790"}});
        check_error(wrong_pin, 1, errc::bad_credentials);
        const json unknown_nip = rig.send(ctx, {{"id", 2},
                                                {"op", "hello"},
                                                {"role", "counter"},
                                                {"counter", 1},
                                                {"nip", "199912312020121999"},
                                                {"pin", ana_pin}});
        check_error(unknown_nip, 2, errc::bad_credentials);
        CHECK(wrong_pin["error"]["message"] == unknown_nip["error"]["message"]);
        CHECK_FALSE(ctx.role);
        CHECK(rig.handler.engine().find_counter(1)->state == CounterState::closed);
        check_error(rig.send(ctx, {{"id", 3}, {"op", "ping"}}), 3, errc::hello_required);

        // The right PIN on the same session still logs in.
        const json ok = rig.send(
            ctx, {{"id", 4}, {"op", "hello"}, {"role", "counter"}, {"counter", 1}, {"nip", ana_nip}, {"pin", ana_pin}});
        INFO(ok.dump());
        REQUIRE(ok["ok"] == true);
        CHECK(ok["counter"]["state"] == "open");
        CHECK(ok["token"].get<std::string>().size() == 64);
        CHECK(ctx.role == Role::counter);
        CHECK(ctx.counter == 1);
        CHECK(ctx.nip == ana_nip);
        rig.check_usable(ctx);
    }
    SECTION("a missing field is named") {
        json reply = rig.send(ctx, {{"id", 1}, {"op", "hello"}});
        check_error(reply, 1, errc::bad_request);
        CHECK_THAT(reply["error"]["message"].get<std::string>(), Catch::Contains("'role'"));
        reply = rig.send(ctx, {{"id", 2}, {"op", "hello"}, {"role", "counter"}, {"nip", ana_nip}, {"pin", ana_pin}});
        check_error(reply, 2, errc::bad_request);
        CHECK_THAT(reply["error"]["message"].get<std::string>(), Catch::Contains("'counter'"));
        reply = rig.send(ctx, {{"id", 3}, {"op", "hello"}, {"role", "counter"}, {"counter", 1}, {"nip", ana_nip}});
        check_error(reply, 3, errc::bad_request);
        CHECK_THAT(reply["error"]["message"].get<std::string>(), Catch::Contains("'pin'"));
        CHECK_FALSE(ctx.role);

        CHECK(rig.send(ctx, kiosk_hello(4))["ok"] == true);
        reply = rig.send(ctx, {{"id", 5}, {"op", "issue"}});
        check_error(reply, 5, errc::bad_request);
        CHECK_THAT(reply["error"]["message"].get<std::string>(), Catch::Contains("'service'"));
        reply = rig.send(ctx, {{"id", 6}, {"op", "issue"}, {"service", 1}});
        check_error(reply, 6, errc::bad_request);
        CHECK_THAT(reply["error"]["message"].get<std::string>(), Catch::Contains("'service'"));
        reply = rig.send(ctx, {{"id", 7}, {"op", "ticket"}});
        check_error(reply, 7, errc::bad_request);
        CHECK_THAT(reply["error"]["message"].get<std::string>(), Catch::Contains("'ticket'"));
        rig.check_usable(ctx);
    }
    SECTION("an administrator's officer change that is refused") {
        rig.store.save_officer({admin_nip, "Yan Mambrasar", OfficerRole::admin, password::hash_pin(admin_pin), true},
                               "officer_created", "test", rig.clock.now(), "2026-11-30");
        REQUIRE(
            rig.send(ctx,
                     {{"id", 1}, {"op", "hello"}, {"role", "admin"}, {"nip", admin_nip}, {"pin", admin_pin}})["ok"] ==
            true);
        check_error(
            rig.send(ctx, {{"id", 2}, {"op", "officer_add"}, {"nip", ana_nip}, {"name", "Ana"}, {"pin", "1234"}}), 2,
            errc::already_exists);
        const json reply = rig.send(ctx, {{"id", 3}, {"op", "officer_add"}, {"name", "Budi"}, {"pin", "1234"}});
        check_error(reply, 3, errc::bad_request);
        CHECK_THAT(reply["error"]["message"].get<std::string>(), Catch::Contains("'nip'"));
        check_error(rig.send(ctx, {{"id", 4}, {"op", "officer_set"}, {"nip", "199001012015031003"}}), 4,
                    errc::unknown_officer);
        rig.check_usable(ctx);
        CHECK(rig.store.officers().size() == 2);
    }
    SECTION("an officer without the manager role") {
        const json reply =
            rig.send(ctx, {{"id", 1}, {"op", "hello"}, {"role", "manager"}, {"nip", ana_nip}, {"pin", ana_pin}});
        check_error(reply, 1, errc::forbidden);
        CHECK_FALSE(ctx.role);
        CHECK(rig.send(ctx, kiosk_hello(2))["ok"] == true);
        rig.check_usable(ctx);
    }
}

}  // namespace protocol_test
