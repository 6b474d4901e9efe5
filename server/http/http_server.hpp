// The dashboard's HTTP front (Boost.Beast): accepts connections on its own port,
// keeps a registry of sessions (which never keeps a session alive) and hands each
// parsed request to a RequestHandler. It runs on the server's io_context, so the
// handler may use the Handler directly. Requests are bounded in size and time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http_options.hpp"
#include "listen.hpp"
#include "log_limit.hpp"

namespace antre::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
/// Answers one request: `respond` is called exactly once, possibly later, on the I/O thread.
using RequestHandler =
    std::function<void(const Request& request, const std::string& peer, std::function<void(Response)> respond)>;

/// One connection, whatever its stream (plain TCP today, TLS later).
class Connection {
public:
    virtual ~Connection() = default;
    virtual void close() = 0;
};

/// A connection turned into a stream of Server-Sent Events: after a fixed head
/// (200, text/event-stream, no-store), the bytes sent go out as they are, one
/// write in flight, until either side closes. Keep it as a weak_ptr.
class EventStream {
public:
    virtual ~EventStream() = default;
    /// Queues bytes ("data: ...\n\n"); a reader more than `stream_queue_limit`
    /// sends behind is closed instead.
    virtual void send(std::shared_ptr<const std::string> bytes) = 0;
    /// Closes the stream once what is queued has been written.
    virtual void end() = 0;
    static constexpr std::size_t stream_queue_limit = 32;
};
/// Offered every request before the RequestHandler: returns true to take it as
/// an event stream (and keeps `stream`), false to leave it to the RequestHandler.
using StreamHandler =
    std::function<bool(const Request& request, const std::string& peer, const std::shared_ptr<EventStream>& stream)>;

class HttpServer {
public:
    HttpServer(boost::asio::io_context& io, std::string bind_address, HttpOptions options, RequestHandler handler);
    ~HttpServer();

    /// Binds and starts accepting; throws if the address cannot be bound.
    void start();
    /// Stops accepting and closes every connection.
    void stop();
    unsigned short port() const { return port_; }
    const HttpOptions& options() const { return options_; }
    const RequestHandler& handler() const { return handler_; }
    /// Lets `streams` take requests as event streams first (none by default).
    void set_stream_handler(StreamHandler streams) { streams_ = std::move(streams); }
    const StreamHandler& stream_handler() const { return streams_; }

    /// A connection from `address` opens and closes (the per-address count).
    void join(Connection* c, const std::string& address);
    void leave(Connection* c, const std::string& address);

private:
    void on_socket(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& io_;
    std::string bind_address_;
    HttpOptions options_;
    RequestHandler handler_;
    StreamHandler streams_;
    AcceptLoop accept_loop_;
    std::set<Connection*> connections_;
    std::map<std::string, std::size_t> per_address_;  // open connections by remote address
    Episode turning_away_;                            // connections closed at a limit
    std::shared_ptr<boost::asio::ssl::context> tls_;  // null: plain HTTP
    unsigned short port_ = 0;
    bool stopped_ = false;
};

}  // namespace antre::http
