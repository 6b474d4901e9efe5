// One client connection. It only moves bytes: lines in go to the Handler, replies
// and broadcasts go out through a bounded queue with one write in flight.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "antre/tls.hpp"
#include "direct_writes.hpp"
#include "handler.hpp"
#include "views.hpp"

namespace antre {

class Server;

class Session : public std::enable_shared_from_this<Session> {
public:
    /// A TLS session when `tls` is set (the handshake comes first), else plain TCP.
    Session(boost::asio::ip::tcp::socket socket, const std::shared_ptr<tls::Context>& tls, Server& server,
            Handler& handler);
    ~Session();

    void start();
    /// Queues one line; a session whose queue is full is dropped (a slow consumer
    /// loses its own connection, never the server's memory).
    void send(std::shared_ptr<const std::string> line);
    /// Queues several lines, written together.
    void send(const std::vector<std::shared_ptr<const std::string>>& lines);
    void close();
    /// The socket a broadcast may write to itself (DirectWrites): plain TCP, open,
    /// nothing queued or in flight. -1 otherwise: then send() the lines.
    int direct_fd();
    /// After DirectWrites wrote `job`: queues what the kernel did not take, so the
    /// lines still arrive whole and in order, or closes the session on an error.
    void sent_directly(const DirectWrites::Job& job);
    bool subscribed() const { return ctx_.subscribed; }
    /// Whom the session's events are rendered for: staff or the lobby.
    views::Audience audience() const { return views::audience_of(ctx_.role); }
    bool closing() const { return closing_; }
    /// Bytes waiting in the send queue (the write in flight included).
    std::size_t queued_bytes() const { return out_bytes_; }
    const SessionContext& context() const { return ctx_; }

private:
    void on_handshake(boost::system::error_code ec);
    void do_read();
    void on_read(boost::system::error_code ec, std::size_t n);
    void on_line(std::string line);
    void do_write();
    void on_write(boost::system::error_code ec, std::size_t n);
    void arm_idle_timer();
    void fail(boost::system::error_code ec, const char* what);

    tls::Stream stream_;
    Server& server_;
    Handler& handler_;
    boost::asio::streambuf in_;
    boost::asio::steady_timer idle_timer_;
    std::deque<std::shared_ptr<const std::string>> out_;
    std::vector<boost::asio::const_buffer> buffers_;  // the write in flight
    std::size_t writing_ = 0;                         // lines of out_ in that write
    static constexpr std::size_t max_lines_per_write = 256;
    std::size_t out_bytes_ = 0;
    bool closing_ = false;
    bool close_when_flushed_ = false;
    SessionContext ctx_;
};

}  // namespace antre
