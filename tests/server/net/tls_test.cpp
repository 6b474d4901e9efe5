// TLS on the client port: the real server with the committed test-only
// certificate (tests/data/tls, valid until 2126), and the real client library.
#include <cstdlib>
#include <fstream>

#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "antre/tls.hpp"
#include "test_support.hpp"

namespace tls_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

std::string tls_file(const std::string& name) { return std::string(ANTRE_SOURCE_DIR) + "/tests/data/tls/" + name; }

void with_tls(AppOptions& o) {
    o.net.tls_cert_file = tls_file("server.crt");
    o.net.tls_key_file = tls_file("server.key");
}

ClientOptions kiosk_options(unsigned short port, bool tls, const std::string& ca = tls_file("server.crt")) {
    ClientOptions o;
    o.port = port;
    o.tls = tls;
    o.tls_ca_file = ca;
    o.min_backoff = std::chrono::milliseconds(50);
    return o;
}

// Why a client that cannot get ready is still trying (its last state change).
std::string reason_not_ready(ClientOptions o) {
    std::mutex m;
    std::string why;
    Client c(std::move(o));
    c.on_state([&](ConnectionState s, const std::string& w) {
        std::lock_guard lock(m);
        if (s == ConnectionState::connecting && !w.empty()) why = w;
    });
    c.start();
    const bool ready = c.wait_ready(std::chrono::seconds(1));
    c.stop();
    std::lock_guard lock(m);
    return ready ? "ready" : why;
}

}  // namespace

TEST_CASE("A TLS client works the queue of a TLS server: requests, replies and events") {
    TestOffice office({}, with_tls);
    auto board_options = kiosk_options(office.port(), true);
    board_options.hello = {{"role", "display"}};
    board_options.subscribe = true;
    Client board(board_options);
    std::mutex m;
    std::vector<json> events;
    board.on_event([&](const json& e) {
        std::lock_guard lock(m);
        events.push_back(e);
    });
    board.start();
    REQUIRE(board.wait_ready(patience));

    Client kiosk(kiosk_options(office.port(), true));
    kiosk.start();
    REQUIRE(kiosk.wait_ready(patience));
    const Reply r = kiosk.call("issue", {{"service", "KTP"}});
    REQUIRE(r.ok);
    CHECK(r.body["ticket"]["label"] == "A-001");
    // Subscribers hear of it over TLS too (the reply waits for the broadcast before it).
    const Reply status = board.call("ticket", {{"ticket", "A-001"}});
    CHECK(status.ok);
    std::lock_guard lock(m);
    REQUIRE(events.size() >= 2);
    CHECK(events.front()["event"] == "snapshot");
    CHECK(std::any_of(events.begin(), events.end(), [](const json& e) { return e["event"] == "ticket_issued"; }));
}

TEST_CASE("TLS refusals: wrong certificate, plain client, plain server") {
    SECTION("a client that trusts another certificate does not talk to the server") {
        TestOffice office({}, with_tls);
        const auto why = reason_not_ready(kiosk_options(office.port(), true, tls_file("other.crt")));
        CHECK(why.find("TLS handshake") != std::string::npos);
        CHECK(why.find("certificate verify failed") != std::string::npos);
    }
    SECTION("the certificate must name the host the client asked for") {
        TestOffice office({}, [](AppOptions& a) {
            with_tls(a);
            a.net.bind_address = "0.0.0.0";  // so that 127.0.0.2 reaches it too
        });
        auto o = kiosk_options(office.port(), true);
        o.host = "127.0.0.2";  // this machine, but not a name on the certificate
        CHECK(reason_not_ready(o).find("TLS handshake") != std::string::npos);
    }
    SECTION("a plain client gets nothing from a TLS server, and the server carries on") {
        TestOffice office({}, with_tls);
        CHECK(reason_not_ready(kiosk_options(office.port(), false)) != "ready");
        Client ok(kiosk_options(office.port(), true));
        ok.start();
        CHECK(ok.wait_ready(patience));
    }
    SECTION("a TLS client does not fall back to plain TCP") {
        TestOffice office;
        CHECK(reason_not_ready(kiosk_options(office.port(), true)).find("TLS handshake") != std::string::npos);
    }
    SECTION("verification can be switched off for a try-out") {
        TestOffice office({}, with_tls);
        auto o = kiosk_options(office.port(), true, tls_file("other.crt"));
        o.tls_verify = false;
        Client c(o);
        c.start();
        CHECK(c.wait_ready(patience));
    }
}

TEST_CASE("A missing certificate or key stops the server at start, naming the file") {
    TempDir dir;
    CHECK_THROWS_WITH(tls::server_context(dir.file("none.crt"), tls_file("server.key")),
                      Catch::Contains("TLS certificate") && Catch::Contains("none.crt"));
    CHECK_THROWS_WITH(tls::server_context(tls_file("server.crt"), dir.file("none.key")),
                      Catch::Contains("TLS key") && Catch::Contains("none.key"));
    CHECK_THROWS_WITH(tls::client_context(dir.file("none.pem"), true), Catch::Contains("none.pem"));
    const auto config = write_test_config(dir);
    CHECK_THROWS(RunningServer(config, dir.file("antre.db"), nullptr, [&](AppOptions& o) {
        o.net.tls_cert_file = tls_file("server.crt");  // and no key
    }));
}

TEST_CASE("The command line logs in over TLS and lists the audit") {
    const std::string admin_nip = "198001012006041001";
    TestOffice office({{admin_nip, "Admin Dukcapil", OfficerRole::admin, "75319642"}}, with_tls);
    TempDir home;
    const std::string cli = "ANTRE_HOME=" + home.path().string() + " ANTRE_PIN=75319642 " + ANTRE_CLI_BIN + " --port " +
                            std::to_string(office.port()) + " --tls-ca " + tls_file("server.crt") + " ";
    const std::string out = home.file("out.txt");
    REQUIRE(std::system((cli + "login --role admin --nip " + admin_nip + " >/dev/null").c_str()) == 0);
    REQUIRE(std::system((cli + "service close KK >/dev/null").c_str()) == 0);
    REQUIRE(std::system((cli + "--json audit --from 2026-11-30 > " + out).c_str()) == 0);
    std::ifstream in(out);
    const json audit = json::parse(in);
    REQUIRE(audit["entries"].size() == 3);  // the seeded admin, the office, the closed service
    CHECK(audit["entries"][2]["type"] == "service_closed");
    CHECK(audit["entries"][2]["by"] == admin_nip);
    CHECK(audit["entries"][2]["service"] == "KK");
    // Without --tls the same command cannot reach the server (exit status 3).
    const std::string plain = "ANTRE_HOME=" + home.path().string() + " " + ANTRE_CLI_BIN + " --port " +
                              std::to_string(office.port()) + " audit >/dev/null 2>&1";
    CHECK(WEXITSTATUS(std::system(plain.c_str())) == 3);
}

namespace {

// One HTTPS request to the dashboard port, the certificate checked against `ca`.
// Returns the status, or 0 when the TLS handshake is refused.
struct HttpsReply {
    unsigned status = 0;
    std::string set_cookie;
};

HttpsReply https_request(unsigned short port, const std::string& method, const std::string& target,
                         const std::string& body, const std::string& ca) {
    namespace beast = boost::beast;
    namespace bhttp = beast::http;
    boost::asio::io_context io;
    boost::asio::ssl::context ctx(boost::asio::ssl::context::tls_client);
    ctx.load_verify_file(ca);
    ctx.set_verify_mode(boost::asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
    beast::get_lowest_layer(stream).connect({boost::asio::ip::make_address("127.0.0.1"), port});
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
    boost::system::error_code ec;
    stream.handshake(boost::asio::ssl::stream_base::client, ec);
    if (ec) return {};
    bhttp::request<bhttp::string_body> req{method == "POST" ? bhttp::verb::post : bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "localhost");
    if (!body.empty()) {
        req.set(bhttp::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buffer, res);
    return {res.result_int(), std::string(res[bhttp::field::set_cookie])};
}

}  // namespace

TEST_CASE("The dashboard port speaks TLS too when the server has a certificate, the cookie is Secure") {
    const OfficerSeed manager{"197801012005011001", "Yohana Wambrauw", OfficerRole::manager, "4826"};
    TestOffice office({manager}, with_tls);
    REQUIRE(office.http_port() != 0);
    CHECK(https_request(office.http_port(), "GET", "/login.html", "", tls_file("server.crt")).status == 200);
    const auto login = https_request(office.http_port(), "POST", "/api/login",
                                     json{{"nip", manager.nip}, {"pin", manager.pin}}.dump(), tls_file("server.crt"));
    CHECK(login.status == 200);
    CHECK(login.set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(login.set_cookie.find("; Secure") != std::string::npos);
    // A certificate the client does not trust ends the handshake: nothing is served.
    CHECK(https_request(office.http_port(), "GET", "/login.html", "", tls_file("other.crt")).status == 0);
}

}  // namespace tls_test
