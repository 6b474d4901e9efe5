// The citizens' public page over HTTP (docs/public-page.md): the ticket's link from
// the issue reply, its state as JSON and as Server-Sent Events, the office board,
// expired, unknown and malformed codes, the per-address throttle and the headers.
// The real server on free ports, tickets issued through the real client library.
#include <set>
#include <thread>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "public_page.hpp"
#include "public_view.hpp"
#include "ticket_code.hpp"

namespace public_page_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

const OfficerSeed& officer = counter_officers[0];

std::unique_ptr<Client> kiosk(TestOffice& office) { return connect(office.port(), {{"role", "kiosk"}}); }

std::unique_ptr<Client> counter(TestOffice& office) {
    return connect(office.port(), {{"role", "counter"}, {"counter", 1}, {"nip", officer.nip}, {"pin", officer.pin}});
}

// An event stream, read as it comes.
class Stream {
public:
    Stream(unsigned short port, const std::string& target) : stream_(io_) {
        stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
        stream_.expires_after(std::chrono::seconds(30));
        const std::string request =
            "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
        boost::asio::write(stream_, boost::asio::buffer(request));
    }
    /// Reads until `text` has arrived (true) or 30 s have passed or the server closed (false).
    bool wait_for(const std::string& text) {
        stream_.expires_after(std::chrono::seconds(30));
        while (received_.find(text, from_) == std::string::npos) {
            char chunk[4096];
            boost::system::error_code ec;
            const auto n = stream_.read_some(boost::asio::buffer(chunk), ec);
            if (ec) return false;
            received_.append(chunk, n);
        }
        from_ = received_.find(text, from_) + text.size();
        return true;
    }
    const std::string& received() const { return received_; }

private:
    boost::asio::io_context io_;
    boost::beast::tcp_stream stream_;
    std::string received_;
    std::size_t from_ = 0;
};

}  // namespace

TEST_CASE("public page: ticket codes are 80 random bits in 16 base32 characters", "[public]") {
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string code = new_ticket_code();
        CHECK(code.size() == 16);
        CHECK(is_ticket_code(code));
        seen.insert(code);
    }
    CHECK(seen.size() == 2000);
    CHECK_FALSE(is_ticket_code(""));
    CHECK_FALSE(is_ticket_code("abcdefghijklmnop1"));  // 17
    CHECK_FALSE(is_ticket_code("abcdefghijklmno"));    // 15
    CHECK_FALSE(is_ticket_code("ABCDEFGHIJKLMNOP"));   // upper case
    CHECK_FALSE(is_ticket_code("abcdefghijklmno1"));   // 1 is not base32
    CHECK_FALSE(is_ticket_code("abcdefghijklmn/."));
    CHECK(is_ticket_code("abcdefghijklmn27"));
}

TEST_CASE("public page: the code is not derived from the ticket's id", "[public]") {
    // Two offices issue ticket 1 and 2, the same ids and labels: their codes differ.
    TestOffice a, b;
    auto ka = kiosk(a), kb = kiosk(b);
    std::vector<std::string> codes;
    for (auto* k : {ka.get(), kb.get(), ka.get(), kb.get()}) {
        const auto r = k->call("issue", {{"service", "KTP"}});
        REQUIRE(r.ok);
        codes.push_back(r.body["code"].get<std::string>());
        CHECK(is_ticket_code(codes.back()));
    }
    CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == 4);
}

TEST_CASE("public page: a ticket's link shows its state, live, without names", "[public]") {
    TestOffice office({officer});
    auto k = kiosk(office);
    const auto issued = k->call("issue", {{"service", "KTP"}});
    REQUIRE(issued.ok);
    const std::string code = issued.body["code"];
    const std::string link = issued.body["link"];
    const std::string base = "http://";
    REQUIRE(link.rfind(base, 0) == 0);
    CHECK(link.size() > 19);
    CHECK(link.substr(link.size() - 19) == "/t/" + code);
    CHECK(link.find(":" + std::to_string(office.public_port()) + "/t/") != std::string::npos);
    // Other clients never see the code: only the issue reply carries it.
    CHECK(issued.body["ticket"].find("code") == issued.body["ticket"].end());
    const auto port = office.public_port();
    REQUIRE(port != 0);
    REQUIRE(port != office.http_port());

    SECTION("the JSON state follows the queue") {
        auto r = http_request(port, "GET", "/api/public/ticket/" + code);
        REQUIRE(r.status == 200);
        json j = r.json();
        CHECK(j["label"] == "A-001");
        CHECK(j["state"] == "waiting");
        CHECK(j["people_ahead"] == 0);
        CHECK(j["soon"] == true);
        CHECK(j["service"]["code"] == "KTP");
        CHECK(j["office"]["name"].get<std::string>().find("Sorong") != std::string::npos);
        CHECK(r.header("cache-control").find("no-store") != std::string::npos);
        CHECK(r.header("x-content-type-options") == "nosniff");
        CHECK(r.header("referrer-policy") == "no-referrer");

        auto c = counter(office);
        REQUIRE(c->call("call_next").ok);
        r = http_request(port, "GET", "/api/public/ticket/" + code);
        j = r.json();
        CHECK(j["state"] == "called");
        CHECK(j["counter"] == 1);
        CHECK(j["now_called"].size() == 1);
        CHECK(r.body.find(officer.nip) == std::string::npos);  // no officer's NIP
        CHECK(r.body.find(officer.name) == std::string::npos);
        REQUIRE(c->call("start").ok);
        CHECK(http_request(port, "GET", "/api/public/ticket/" + code).json()["state"] == "serving");
        REQUIRE(c->call("finish").ok);
        CHECK(http_request(port, "GET", "/api/public/ticket/" + code).json()["state"] == "done");
    }
    SECTION("the event stream sends the state at once and again after a call") {
        Stream s(port, "/api/public/ticket/" + code + "/events");
        REQUIRE(s.wait_for("\r\n\r\n"));
        CHECK(s.received().rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
        CHECK(s.received().find("Content-Type: text/event-stream") != std::string::npos);
        CHECK(s.received().find("Cache-Control: no-store") != std::string::npos);
        REQUIRE(s.wait_for("\"state\":\"waiting\""));
        auto c = counter(office);
        REQUIRE(c->call("call_next").ok);
        REQUIRE(s.wait_for("\"state\":\"called\""));
        CHECK(s.received().find(officer.nip) == std::string::npos);
        // The office board's stream sees the number at counter 1.
        Stream board(port, "/api/public/office/events");
        REQUIRE(board.wait_for("\"label\":\"A-001\""));
    }
    SECTION("the pages: one answer each, script and style allowed by hash alone") {
        for (const std::string& target : {"/t/" + code, std::string("/")}) {
            INFO(target);
            const auto r = http_request(port, "GET", target);
            REQUIRE(r.status == 200);
            CHECK(r.header("content-type") == "text/html; charset=utf-8");
            const std::string csp = r.header("content-security-policy");
            CHECK(csp.find("default-src 'none'") != std::string::npos);
            CHECK(csp.find("script-src 'sha256-") != std::string::npos);
            CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
            CHECK(r.header("x-frame-options") == "DENY");
            CHECK(r.body.find("<style>") != std::string::npos);
            CHECK(r.body.find("<script>") != std::string::npos);
            CHECK(r.body.find("src=\"http") == std::string::npos);  // nothing from elsewhere
            CHECK(r.body.size() < 30 * 1024);
        }
        const auto office_state = http_request(port, "GET", "/api/public/office");
        REQUIRE(office_state.status == 200);
        const json j = office_state.json();
        CHECK(j["services"][0]["code"] == "KTP");
        CHECK(j["services"][0]["waiting"] == 1);
        CHECK(j["counters"].size() >= 1);
        // The dashboard is not on this port, nor writes.
        CHECK(http_request(port, "GET", "/api/status").status == 404);
        CHECK(http_request(port, "POST", "/api/login", "{}").status == 405);
    }
    SECTION("the link stops working at the end of the ticket's day") {
        office.clock().advance(16 * 3600'000);  // Tuesday 01:00 WIT
        const auto r = http_request(port, "GET", "/api/public/ticket/" + code);
        CHECK(r.status == 404);
        CHECK(r.json()["error"]["code"] == "not_valid");
        CHECK(r.json()["error"]["message"] == "Tiket ini sudah tidak berlaku");
    }
    SECTION("malformed and unknown codes, and the throttle per address") {
        auto r = http_request(port, "GET", "/api/public/ticket/12345", "", {}, "127.0.0.2");
        CHECK(r.status == 400);
        CHECK(r.json()["error"]["code"] == "bad_code");
        CHECK(http_request(port, "GET", "/api/public/ticket/" + std::string(16, 'a'), "", {}, "127.0.0.2").status ==
              404);
        // Ten failures are free; the next request waits, a right code too.
        for (int i = 2; i < 10; ++i)
            REQUIRE(
                http_request(port, "GET", "/api/public/ticket/" + std::string(16, 'b'), "", {}, "127.0.0.2").status ==
                404);
        r = http_request(port, "GET", "/api/public/ticket/" + code, "", {}, "127.0.0.2");
        CHECK(r.status == 429);
        CHECK(r.json()["error"]["code"] == "too_many_attempts");
        CHECK(!r.header("retry-after").empty());
        // Its event stream is refused the same way.
        CHECK(http_request(port, "GET", "/api/public/ticket/" + code + "/events", "", {}, "127.0.0.2").status == 429);
        // Another address is not held up.
        CHECK(http_request(port, "GET", "/api/public/ticket/" + code, "", {}, "127.0.0.3").status == 200);
        // The delay passes.
        office.clock().advance(1500);
        CHECK(http_request(port, "GET", "/api/public/ticket/" + code, "", {}, "127.0.0.2").status == 200);
    }
}

TEST_CASE("public page: a ticket's stream outlives the request timeout", "[public]") {
    // A phone follows its ticket for an hour: the time a request may take must not end
    // its stream (it did, after 30 s: Beast kept the request's deadline on the read
    // that waits for the phone to leave).
    TestOffice office({officer}, [](AppOptions& o) { o.public_http.request_timeout = std::chrono::milliseconds(200); });
    auto k = kiosk(office);
    const auto issued = k->call("issue", {{"service", "KTP"}});
    REQUIRE(issued.ok);
    Stream s(office.public_port(), "/api/public/ticket/" + issued.body["code"].get<std::string>() + "/events");
    REQUIRE(s.wait_for("\"state\":\"waiting\""));
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // four request timeouts
    auto c = counter(office);
    REQUIRE(c->call("call_next").ok);
    CHECK(s.wait_for("\"state\":\"called\""));
}

TEST_CASE("public page: the state in words the page shows", "[public]") {
    Ticket t;
    t.status = TicketStatus::waiting;
    t.service = t.origin_service = "KTP";
    CHECK(public_view::state(t) == "waiting");
    t.no_shows = 1;
    CHECK(public_view::state(t) == "requeued");
    t.transfers = 1;
    t.service = "KK";
    CHECK(public_view::state(t) == "transferred");
    t.status = TicketStatus::called;
    CHECK(public_view::state(t) == "called");
    t.status = TicketStatus::no_show;
    CHECK(public_view::state(t) == "no_show");
    t.day = "2026-11-30";
    CHECK(public_view::valid_on(t, "2026-11-30"));
    CHECK_FALSE(public_view::valid_on(t, "2026-12-01"));
}

TEST_CASE("public page: what the pages of one moment share equals the engine's own answers", "[public]") {
    // The shipped office (urgency rule) and the strict rule, with priority tickets
    // among regular ones, some of them called: the call order worked out once per
    // service gives every ticket exactly Engine::people_ahead, and the figures are
    // Engine::figures.
    OfficeConfig urgent = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    OfficeConfig strict = urgent;
    strict.policy = CallPolicy{};
    strict.policy.rule = CallRule::strict;
    for (const OfficeConfig* office : {&urgent, &strict}) {
        INFO(to_string(office->policy.rule));
        const Millis t0 = 1795999260000;  // Monday 09:41 WIT
        Engine engine(*office, t0);
        const Priority kinds[] = {Priority::none, Priority::none, Priority::lansia, Priority::none, Priority::anak};
        for (int i = 0; i < 120; ++i) {
            const auto& service = office->services[static_cast<std::size_t>(i) % 3].code;
            engine.issue(service, kinds[i % 5], t0 + i * 20'000, true, "c" + std::to_string(i));
        }
        const auto& counter = office->counters.front();
        engine.login(counter.number, "199001012020000001", t0 + 2'400'000);
        for (int i = 0; i < 5; ++i) {
            engine.call_next(counter.number, t0 + 2'400'000 + i * 60'000);
            engine.finish(counter.number, t0 + 2'430'000 + i * 60'000);
        }
        const Millis now = t0 + 3'000'000;
        public_view::Moment moment(engine, *office, now);
        int waiting = 0;
        for (const auto& t : engine.state().tickets) {
            CHECK(moment.people_ahead(t) == engine.people_ahead(t.id));
            waiting += t.status == TicketStatus::waiting;
            const auto f = engine.figures(t.service, now);
            CHECK(moment.figures(t.service).waiting == f.waiting);
            CHECK(moment.figures(t.service).estimated_wait_s == f.estimated_wait_s);
            CHECK(moment.figures(t.service).priority_estimated_wait_s == f.priority_estimated_wait_s);
        }
        CHECK(waiting == 115);
        CHECK(moment.clock_text(now) == "10:31");
    }
}

TEST_CASE("public page: a page whose state did not change gets no new event, a changed one does", "[public]") {
    TestOffice office({officer});
    auto k = kiosk(office);
    const auto first = k->call("issue", {{"service", "KTP"}});
    REQUIRE(first.ok);
    Stream page(office.public_port(), "/api/public/ticket/" + first.body["code"].get<std::string>() + "/events");
    REQUIRE(page.wait_for("\"state\":\"waiting\""));
    Stream board(office.public_port(), "/api/public/office/events");
    REQUIRE(board.wait_for("\"waiting\":1}"));
    // Five tickets behind A-001 change the board five times (the board's page comes
    // after A-001's in every pass) but not what A-001's page shows: its people ahead
    // stay 0. Only a new estimate from the server's refresh may change it.
    for (int n = 2; n <= 6; ++n) {
        REQUIRE(k->call("issue", {{"service", "KTP"}}).ok);
        REQUIRE(board.wait_for("\"waiting\":" + std::to_string(n) + "}"));
    }
    // A call changes both: A-001 is called, and every page lists it.
    auto c = counter(office);
    REQUIRE(c->call("call_next").ok);
    REQUIRE(page.wait_for("\"state\":\"called\""));
    REQUIRE(board.wait_for("\"label\":\"A-001\""));
    const auto events = [](const std::string& text) {
        std::vector<std::string> out;
        for (auto at = text.find("data: "); at != std::string::npos; at = text.find("data: ", at + 1))
            out.push_back(text.substr(at, text.find("\n\n", at) - at));
        return out;
    };
    const auto states = events(page.received());
    INFO(page.received());
    CHECK(events(board.received()).size() >= 7);  // opening, five issues, the call
    CHECK(states.size() >= 2);
    CHECK(states.size() < 7);  // fewer than the passes: unchanged states were not sent
    for (std::size_t i = 1; i < states.size(); ++i) CHECK(states[i] != states[i - 1]);
    CHECK(states.back().find("\"state\":\"called\"") != std::string::npos);
}

TEST_CASE("public page: a call reaches every page when a pass takes several slices", "[public]") {
    // 250 pages: several slices of PublicPage::pages_per_slice, with requests served
    // between them; pages closed by their phones are dropped on the way.
    static_assert(PublicPage::pages_per_slice < 125);
    TestOffice office({officer});
    auto k = kiosk(office);
    std::vector<std::string> codes;
    for (int i = 0; i < 3; ++i) {
        const auto r = k->call("issue", {{"service", "KTP"}});
        REQUIRE(r.ok);
        codes.push_back(r.body["code"]);
    }
    std::vector<std::unique_ptr<Stream>> pages;
    for (std::size_t i = 0; i < 250; ++i) {
        pages.push_back(std::make_unique<Stream>(office.public_port(),
                                                 "/api/public/ticket/" + codes[i % codes.size()] + "/events"));
        REQUIRE(pages.back()->wait_for("data: "));
    }
    auto c = counter(office);
    REQUIRE(c->call("call_next").ok);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        INFO("page " << i);
        REQUIRE(pages[i]->wait_for("\"label\":\"A-001\",\"state\":\"called\""));
    }
    for (std::size_t i = 0; i < pages.size(); i += 2) pages[i].reset();  // half the phones leave
    REQUIRE(c->call("finish").ok);
    REQUIRE(c->call("call_next").ok);
    for (std::size_t i = 1; i < pages.size(); i += 2) {
        INFO("page " << i);
        REQUIRE(pages[i]->wait_for("\"label\":\"A-002\",\"state\":\"called\""));
    }
    // The issues served meanwhile still work.
    CHECK(k->call("issue", {{"service", "KTP"}}).ok);
}

namespace {

// A ticket's page as a json tree, field by field as docs/public-page.md lists them: the
// oracle the page's text (written straight out, public_view.cpp) is held against.
json service_json(const Engine& engine, const std::string& code) {
    const ServiceState* s = engine.find_service(code);
    return {{"code", code}, {"name_id", s ? s->def.name_id : code}, {"name_en", s ? s->def.name_en : code}};
}

json expected_page(public_view::Moment& moment, const Ticket& t) {
    const Engine& engine = moment.engine();
    json j = {{"label", t.label},
              {"ok", true},
              {"service", service_json(engine, t.origin_service)},
              {"state", public_view::state(t)},
              {"counter", nullptr},
              {"counter_name", nullptr},
              {"people_ahead", nullptr},
              {"soon", false},
              {"estimated_wait_s", nullptr},
              {"estimated_call_time", nullptr},
              {"estimated_call_from_time", nullptr},
              {"estimated_call_to_time", nullptr},
              {"estimate", nullptr},
              {"office", moment.head()},
              {"now_called", moment.now_called()}};
    if (t.service != t.origin_service) j["transferred_to"] = service_json(engine, t.service);
    if (t.status == TicketStatus::called || t.status == TicketStatus::serving) {
        j["counter"] = t.counter;
        if (const auto* c = engine.find_counter(t.counter)) j["counter_name"] = c->config.name;
    }
    if (t.status == TicketStatus::waiting) {
        const int ahead = engine.people_ahead(t.id);
        j["people_ahead"] = ahead;
        j["soon"] = ahead <= public_view::soon_places;
        if (const auto e = estimates::current(moment.estimates(), t)) {
            j["estimate"] = estimates::to_json(*e, moment.now());
            if (e->reached) {
                j["estimated_wait_s"] = j["estimate"]["wait_s"];
                j["estimated_call_time"] = moment.clock_text(e->p50);
                j["estimated_call_from_time"] = moment.clock_text(e->p10);
                j["estimated_call_to_time"] = moment.clock_text(e->p90);
            }
        }
    }
    return j;
}

}  // namespace

TEST_CASE("public page: a ticket's JSON text is its page, field by field, in every state", "[public]") {
    OfficeConfig config = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    // A counter name that needs escaping in JSON text.
    config.counters.front().name = "Loket \"Satu\"\t\\ \x01 — Dukcapil";
    const Millis t0 = 1795999260000;  // Monday 09:41 WIT
    Engine engine(config, t0);
    for (int i = 0; i < 12; ++i)
        engine.issue(i % 3 ? "KTP" : "KK", i == 5 ? Priority::lansia : Priority::none, t0 + i * 1000, true,
                     "c" + std::to_string(i));
    const auto& one = config.counters.front();
    const auto& two = config.counters[1];
    engine.login(one.number, "199001012020000001", t0 + 10'000);
    engine.login(two.number, "199001012020000002", t0 + 11'000);
    engine.call_next(one.number, t0 + 20'000);
    engine.start(one.number, t0 + 30'000);
    engine.finish(one.number, t0 + 400'000);  // done
    engine.call_next(one.number, t0 + 410'000);
    engine.no_show(one.number, t0 + 530'000);  // requeued
    engine.call_next(one.number, t0 + 540'000);
    engine.transfer(one.number, "KK", t0 + 600'000);  // transferred, waiting again
    engine.call_next(one.number, t0 + 610'000);       // called, not yet served
    engine.call_next(two.number, t0 + 620'000);
    engine.start(two.number, t0 + 630'000);  // serving
    // A promise at issue on the last ticket: shown while no estimate of the server's is at hand.
    const TicketId last = engine.state().tickets.back().id;
    engine.promise(last, 1500, t0 + 1'200'000, t0 + 2'400'000);
    std::set<std::string> states;
    int with_estimate = 0, with_time = 0;
    for (const auto& [later, computed] :
         {std::pair{Millis{0}, false}, std::pair{Millis{0}, true}, std::pair{Millis{3'600'000}, true},
          std::pair{Millis{20 * 3'600'000}, false}}) {
        const Millis at = t0 + 700'000 + later;
        const estimates::Set set =
            estimates::compute(engine, at, estimates::options(engine, at, nullptr, config.breaks));
        public_view::Moment moment(engine, config, at, computed ? &set : nullptr);
        for (const auto& t : engine.state().tickets) {
            INFO(t.label << " " << public_view::state(t));
            states.insert(std::string(public_view::state(t)));
            const std::string text = public_view::ticket_text(moment, t);
            const json expected = expected_page(moment, t);
            CHECK(json::parse(text) == expected);
            with_estimate += !expected["estimate"].is_null();
            with_time += !expected["estimated_call_time"].is_null();
            // The own fields in json::dump's order after the shared part, as the stream sends them.
            CHECK(text == "{" + moment.shared_text() + "," + [&] {
                json own = expected;
                own.erase("office");
                own.erase("now_called");
                return own.dump().substr(1);
            }());
            json without_ok = expected;
            without_ok.erase("ok");
            CHECK(public_view::ticket(moment, t) == without_ok);
        }
    }
    CHECK(states == std::set<std::string>{"called", "done", "requeued", "serving", "transferred", "waiting"});
    CHECK(with_estimate > 0);
    CHECK(with_time > 0);
}

}  // namespace public_page_test
