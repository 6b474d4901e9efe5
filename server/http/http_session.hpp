// One HTTP/1.1 connection: reads a request (bounded in size and time), hands it
// to the server's RequestHandler, writes the response, and keeps the connection
// alive for the next request when the client asks. It only moves bytes.
//
// The stream is a template parameter: plain (beast::tcp_stream) or TLS
// (beast::ssl_stream<beast::tcp_stream>, with the handshake first in start()); the
// socket-specific steps are in close_stream() and the lowest layer only.
#pragma once

#include <array>
#include <deque>
#include <iostream>
#include <memory>
#include <optional>
#include <type_traits>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "http_server.hpp"

namespace antre::http {

/// Ends a plain TCP connection: no more sends, then close.
inline void close_stream(boost::beast::tcp_stream& stream) {
    boost::system::error_code ignored;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    stream.socket().close(ignored);
}

/// Ends a TLS connection the same way: the peer sees the connection end (no
/// close_notify, which a client that stopped reading would never answer).
inline void close_stream(boost::beast::ssl_stream<boost::beast::tcp_stream>& stream) {
    close_stream(boost::beast::get_lowest_layer(stream));
}

template <class Stream>
class Session : public Connection, public EventStream, public std::enable_shared_from_this<Session<Stream>> {
public:
    /// `address` is the remote address, which the server counts connections by.
    Session(Stream stream, HttpServer& server, std::string address)
        : stream_(std::move(stream)), server_(server), address_(std::move(address)) {
        boost::system::error_code ec;
        const auto ep = boost::beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
        peer_ = ec ? std::string("?") : ep.address().to_string() + ":" + std::to_string(ep.port());
        server_.join(this, address_);
    }
    ~Session() override { server_.leave(this, address_); }

    void start() {
        if constexpr (std::is_same_v<Stream, boost::beast::ssl_stream<boost::beast::tcp_stream>>) {
            // The handshake first, within the time the headers may take.
            boost::beast::get_lowest_layer(stream_).expires_after(server_.options().header_timeout);
            stream_.async_handshake(boost::asio::ssl::stream_base::server,
                                    [self = this->shared_from_this()](error_code ec) {
                                        if (ec) return self->close();  // not TLS, or a bad client hello
                                        self->do_read(self->server_.options().header_timeout);
                                    });
        } else {
            do_read(server_.options().header_timeout);
        }
    }

    void send(std::shared_ptr<const std::string> bytes) override {
        if (closed_) return;
        if (!head_sent_) {
            head_sent_ = true;
            stream_out_.push_back(std::make_shared<const std::string>(
                "HTTP/1.1 200 OK\r\nServer: antre\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"));
        }
        if (bytes) {
            if (stream_out_.size() >= stream_queue_limit) return close();  // a reader that does not keep up
            stream_out_.push_back(std::move(bytes));
        }
        do_stream_write();
    }

    void end() override {
        ending_ = true;
        if (!writing_ && stream_out_.empty()) close();
    }

    void close() override {
        if (closed_) return;
        closed_ = true;
        close_stream(stream_);
    }

private:
    using error_code = boost::system::error_code;

    // The headers within `header_timeout` (the wait for a kept-alive connection's
    // next request, or a new connection's first), then the rest within the
    // request timeout.
    void do_read(std::chrono::milliseconds header_timeout) {
        if (closed_) return;
        const auto& o = server_.options();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(o.header_limit));
        parser_->body_limit(o.body_limit);
        boost::beast::get_lowest_layer(stream_).expires_after(header_timeout);
        boost::beast::http::async_read_header(stream_, buffer_, *parser_,
                                              [self = this->shared_from_this()](error_code ec, std::size_t) {
                                                  if (ec) return self->on_read(ec);
                                                  self->do_read_body();
                                              });
    }

    void do_read_body() {
        if (closed_) return;
        boost::beast::get_lowest_layer(stream_).expires_after(server_.options().request_timeout);
        boost::beast::http::async_read(
            stream_, buffer_, *parser_,
            [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(error_code ec) {
        namespace bhttp = boost::beast::http;
        if (closed_) return;
        if (ec == bhttp::error::end_of_stream || ec == boost::beast::error::timeout ||
            ec == boost::asio::error::operation_aborted || ec == boost::asio::error::connection_reset ||
            ec == boost::asio::error::eof)
            return close();
        if (ec == bhttp::error::header_limit)
            return refuse(bhttp::status::request_header_fields_too_large, "Header permintaan terlalu besar");
        if (ec == bhttp::error::body_limit)
            return refuse(bhttp::status::payload_too_large, "Isi permintaan terlalu besar");
        if (ec) return refuse(bhttp::status::bad_request, "Permintaan HTTP tidak dapat dibaca");
        Request request = parser_->release();
        if (const auto& streams = server_.stream_handler();
            streams && streams(request, peer_, std::static_pointer_cast<EventStream>(this->shared_from_this()))) {
            if (stream_out_.empty()) send(nullptr);  // the head at least
            // The read that notices the client leave has no deadline: the request's
            // would end every stream after request_timeout (Beast keeps a read's
            // deadline from when it starts). A vanished client is found by the
            // writes, which keep theirs, and the heartbeat gives them one.
            boost::beast::get_lowest_layer(stream_).expires_never();
            return do_stream_read();  // no more requests on this connection: it only sends now
        }
        keep_alive_ = request.keep_alive();
        const unsigned version = request.version();
        server_.handler()(request, peer_, [self = this->shared_from_this(), version](Response response) {
            response.version(version);
            self->write(std::move(response));
        });
    }

    // A request that cannot be read any further: answer it, then hang up (the
    // framing is lost).
    void refuse(boost::beast::http::status status, const char* message) {
        Response r{status, 11};
        r.set(boost::beast::http::field::content_type, "text/plain; charset=utf-8");
        r.body() = std::string(message) + "\n";
        keep_alive_ = false;
        write(std::move(r));
    }

    void write(Response response) {
        if (closed_) return;
        response.keep_alive(keep_alive_);
        response.prepare_payload();
        response_ = std::make_shared<Response>(std::move(response));
        boost::beast::get_lowest_layer(stream_).expires_after(server_.options().request_timeout);
        boost::beast::http::async_write(
            stream_, *response_, [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(error_code ec) {
        response_.reset();
        if (ec) {
            if (ec != boost::beast::error::timeout && ec != boost::asio::error::operation_aborted)
                std::cerr << server_.options().log_name << ": http " << peer_ << ": write: " << ec.message() << "\n";
            return close();
        }
        if (!keep_alive_) return close();
        do_read(server_.options().keep_alive_timeout);
    }

    // The read that keeps a stream's session alive and notices the client leave;
    // its bytes are ignored.
    void do_stream_read() {
        if (closed_) return;
        stream_.async_read_some(boost::asio::buffer(discard_),
                                [self = this->shared_from_this()](error_code ec, std::size_t) {
                                    if (ec) return self->close();
                                    self->do_stream_read();
                                });
    }

    void do_stream_write() {
        if (closed_ || writing_ || stream_out_.empty()) return;
        writing_ = true;
        boost::beast::get_lowest_layer(stream_).expires_after(server_.options().request_timeout);
        boost::asio::async_write(stream_, boost::asio::buffer(*stream_out_.front()),
                                 [self = this->shared_from_this()](error_code ec, std::size_t) {
                                     self->writing_ = false;
                                     if (ec) return self->close();
                                     self->stream_out_.pop_front();
                                     if (self->stream_out_.empty() && self->ending_) return self->close();
                                     if (self->stream_out_.empty())
                                         boost::beast::get_lowest_layer(self->stream_).expires_never();
                                     else
                                         self->do_stream_write();
                                 });
    }

    Stream stream_;
    HttpServer& server_;
    std::string address_;
    std::string peer_;
    boost::beast::flat_buffer buffer_{8 * 1024};
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    std::shared_ptr<Response> response_;  // the write in flight
    bool keep_alive_ = false;
    bool closed_ = false;
    // An event stream: its bytes in order, the first one in flight.
    std::deque<std::shared_ptr<const std::string>> stream_out_;
    std::array<char, 512> discard_{};  // what a streaming client sends, ignored
    bool head_sent_ = false;
    bool writing_ = false;
    bool ending_ = false;
};

}  // namespace antre::http
