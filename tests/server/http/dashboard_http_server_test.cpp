// The HTTP layer alone (server/http/http_server.cpp, http_session.hpp), with a
// trivial request handler and small limits: answers that come later, the
// connection limit, a request that never ends, and stop().
#include <chrono>
#include <thread>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

#include "dashboard_support.hpp"
#include "http_server.hpp"

namespace dashboard_http_server_test {

using namespace antre;
using namespace antre::test;
namespace asio = boost::asio;
namespace bhttp = boost::beast::http;

namespace {

// An HttpServer on its own I/O thread; every request is answered with its target,
// after `delay` when it is not zero (as the Handler answers after a commit).
class EchoServer {
public:
    explicit EchoServer(http::HttpOptions options, std::chrono::milliseconds delay = {}) {
        options.port = 0;
        server_ = std::make_unique<http::HttpServer>(
            io_, "127.0.0.1", options,
            [this, delay](const http::Request& req, const std::string&, std::function<void(http::Response)> respond) {
                http::Response r{bhttp::status::ok, 11};
                r.body() = std::string(req.target());
                if (delay.count() == 0) return respond(std::move(r));
                auto timer = std::make_shared<asio::steady_timer>(io_, delay);
                timer->async_wait(
                    [timer, r = std::move(r), respond](boost::system::error_code) mutable { respond(std::move(r)); });
            });
        server_->start();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~EchoServer() {
        stop();
        thread_.join();
    }
    void stop() {
        asio::post(io_, [this] { server_->stop(); });
    }
    unsigned short port() const { return server_->port(); }

private:
    asio::io_context io_;
    std::unique_ptr<http::HttpServer> server_;
    std::thread thread_;
};

// Reads until the server closes the connection; what it sent before.
std::string read_to_close(asio::ip::tcp::socket& socket) {
    std::string received;
    boost::system::error_code ec;
    asio::read(socket, asio::dynamic_buffer(received), ec);
    CHECK((ec == asio::error::eof || ec == asio::error::connection_reset));
    return received;
}

asio::ip::tcp::socket open(asio::io_context& io, unsigned short port) {
    asio::ip::tcp::socket s(io);
    s.connect({asio::ip::make_address("127.0.0.1"), port});
    return s;
}

}  // namespace

TEST_CASE("http server: an answer that comes later reaches its request", "[dashboard][http]") {
    EchoServer server({}, std::chrono::milliseconds(50));
    const auto r = http_request(server.port(), "GET", "/later?x=1");
    CHECK(r.status == 200);
    CHECK(r.body == "/later?x=1");
}

TEST_CASE("http server: connections beyond the limit are closed at once", "[dashboard][http]") {
    http::HttpOptions o;
    o.connection_limit = 2;
    EchoServer server(o);
    asio::io_context io;
    auto first = open(io, server.port());
    auto second = open(io, server.port());
    // Both are registered once they can be answered.
    asio::write(first, asio::buffer(std::string("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n")));
    asio::write(second, asio::buffer(std::string("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n")));
    std::string one(512, '\0'), two(512, '\0');
    CHECK(first.read_some(asio::buffer(one)) > 0);
    CHECK(second.read_some(asio::buffer(two)) > 0);
    auto third = open(io, server.port());
    CHECK(read_to_close(third).empty());
    // The two kept-alive connections still work.
    asio::write(first, asio::buffer(std::string("GET /again HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));
    CHECK(read_to_close(first).find("/again") != std::string::npos);
}

TEST_CASE("http server: a request that never ends is dropped after the request timeout", "[dashboard][http]") {
    http::HttpOptions o;
    o.request_timeout = std::chrono::milliseconds(300);
    EchoServer server(o);
    asio::io_context io;
    auto slow = open(io, server.port());
    asio::write(slow, asio::buffer(std::string("GET / HTTP/1.1\r\nHost: x\r\n")));  // no blank line: never complete
    CHECK(read_to_close(slow).empty());
    // Others are served meanwhile and after.
    CHECK(http_request(server.port(), "GET", "/other").status == 200);
}

TEST_CASE("http server: stop() closes kept-alive connections", "[dashboard][http]") {
    EchoServer server({});
    asio::io_context io;
    auto kept = open(io, server.port());
    asio::write(kept, asio::buffer(std::string("GET /1 HTTP/1.1\r\nHost: x\r\n\r\n")));
    std::string reply(512, '\0');
    CHECK(kept.read_some(asio::buffer(reply)) > 0);
    server.stop();
    CHECK(read_to_close(kept).empty());
}

}  // namespace dashboard_http_server_test
