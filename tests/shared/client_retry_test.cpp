// The client library's keyed retry (ClientOptions::keyed_retry, protocol.md §3.4)
// against the real server, through a relay that loses replies on purpose: a keyed
// request whose reply was lost is sent again with its key and applied once.
#include <chrono>
#include <future>
#include <memory>

#include <catch2/catch.hpp>

#include "antre/errors.hpp"
#include "dropping_proxy.hpp"
#include "test_support.hpp"

namespace client_retry_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<Client> kiosk_via(unsigned short port, KeyedRetry policy = {}) {
    ClientOptions o;
    o.port = port;
    o.hello = {{"role", "kiosk"}};
    o.min_backoff = 20ms;
    o.keyed_retry = policy;
    auto c = std::make_unique<Client>(o);
    c->start();
    REQUIRE(c->wait_ready(10s));
    return c;
}

std::string issued_label(Client& c) { return c.call("issue", {{"service", "KTP"}}).body["ticket"]["label"]; }

}  // namespace

TEST_CASE("the keyed-retry policy's waits double from first_delay up to max_delay", "[client]") {
    KeyedRetry p;
    CHECK(p.max_attempts == 6);
    CHECK(p.delay_before(2) == 200ms);
    CHECK(p.delay_before(3) == 400ms);
    CHECK(p.delay_before(4) == 800ms);
    CHECK(p.delay_before(6) == 3200ms);
    CHECK(p.delay_before(7) == 5000ms);
    CHECK(p.delay_before(60) == 5000ms);
}

TEST_CASE("keys a client makes are fresh, short, and differ between clients", "[client]") {
    Client a(ClientOptions{});
    Client b(ClientOptions{});
    const auto k1 = a.new_key();
    const auto k2 = a.new_key();
    CHECK(k1 != k2);
    CHECK(k1.rfind("kiosk-", 0) == 0);
    CHECK(k1.size() <= 64);
    CHECK(b.new_key().substr(0, 22) != k1.substr(0, 22));
}

TEST_CASE("a keyed issue whose reply is lost with the link gives one ticket, not two", "[client][integration]") {
    TestOffice office;
    DroppingProxy proxy(office.port(), "issue");
    auto kiosk = kiosk_via(proxy.port());
    std::promise<Reply> reply;
    std::vector<int> retries;
    kiosk->call_async(
        "issue", {{"service", "KTP"}, {"key", kiosk->new_key()}}, [&](Reply r) { reply.set_value(std::move(r)); }, 15s,
        [&](int n) { retries.push_back(n); });
    auto future = reply.get_future();
    REQUIRE(future.wait_for(30s) == std::future_status::ready);
    const auto r = future.get();
    REQUIRE(r.ok);
    CHECK(r.body["ticket"]["label"] == "A-001");
    CHECK(proxy.replies_dropped() == 1);
    CHECK(proxy.requests_seen() == 2);
    CHECK(retries == std::vector<int>{2});
    // The retry was answered, not applied: the next number is A-002.
    auto direct = connect(office.port(), {{"role", "kiosk"}});
    CHECK(issued_label(*direct) == "A-002");
}

TEST_CASE("a request without a key is not resent: its loss is the caller's to handle", "[client][integration]") {
    TestOffice office;
    DroppingProxy proxy(office.port(), "issue");
    auto kiosk = kiosk_via(proxy.port());
    const auto r = kiosk->call("issue", {{"service", "KTP"}});
    CHECK(r.code == errc::connection_lost);
    CHECK(proxy.requests_seen() == 1);
    auto direct = connect(office.port(), {{"role", "kiosk"}});
    CHECK(issued_label(*direct) == "A-002");  // the lost one was applied
}

TEST_CASE("keyed retries stop after max_attempts sends, all of them one ticket", "[client][integration]") {
    TestOffice office;
    DroppingProxy proxy(office.port(), "issue", 100);
    KeyedRetry policy;
    policy.max_attempts = 3;
    policy.first_delay = 10ms;
    auto kiosk = kiosk_via(proxy.port(), policy);
    const auto r = kiosk->call("issue", {{"service", "KTP"}, {"key", kiosk->new_key()}});
    CHECK(r.code == errc::connection_lost);
    CHECK(proxy.requests_seen() == 3);
    auto direct = connect(office.port(), {{"role", "kiosk"}});
    CHECK(issued_label(*direct) == "A-002");
}

TEST_CASE("a client stopped while a keyed call waits to be resent ends that call", "[client][integration]") {
    TestOffice office;
    DroppingProxy proxy(office.port(), "issue");
    KeyedRetry policy;
    policy.first_delay = policy.max_delay = std::chrono::hours(1);
    auto kiosk = kiosk_via(proxy.port(), policy);
    std::promise<Reply> reply;
    kiosk->call_async("issue", {{"service", "KTP"}, {"key", kiosk->new_key()}},
                      [&](Reply r) { reply.set_value(std::move(r)); });
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (proxy.replies_dropped() == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    REQUIRE(proxy.replies_dropped() == 1);
    kiosk.reset();
    auto future = reply.get_future();
    REQUIRE(future.wait_for(10s) == std::future_status::ready);
    CHECK(future.get().code == errc::connection_lost);
}

}  // namespace client_retry_test
