// The TCP front: accepts connections, keeps a registry of sessions (which never
// keeps a session alive), broadcasts events, closes the day at midnight, and
// shuts down gracefully.
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio.hpp>

#include "antre/tls.hpp"
#include "direct_writes.hpp"
#include "handler.hpp"
#include "listen.hpp"
#include "log_limit.hpp"

namespace antre {

class Session;

struct ServerOptions {
    std::string bind_address = "0.0.0.0";
    unsigned short port = 7410;  ///< 0 picks a free port (tests)
    /// A connection that sends nothing for this long is closed; clients ping.
    std::chrono::milliseconds idle_timeout{std::chrono::minutes(5)};
    /// Lines queued for one slow reader before it is dropped.
    std::size_t send_queue_limit = 4096;
    /// Bytes queued for one slow reader before it is dropped.
    std::size_t send_bytes_limit = 16 * 1024 * 1024;
    /// Bytes queued for all readers together: past it, the sessions with the most
    /// queued are dropped first (many slow readers never add up to the server's memory).
    std::size_t send_bytes_budget = 64 * 1024 * 1024;
    /// Connections on the port at once; the next ones are closed as soon as accepted.
    std::size_t max_connections = 15'000;
    /// TLS on the port when both are set (PEM files); plain TCP otherwise.
    std::string tls_cert_file;
    std::string tls_key_file;
};

class Server {
public:
    Server(boost::asio::io_context& io, Handler& handler, const Clock& clock, ServerOptions options);
    ~Server();

    /// Binds and starts accepting; throws if the address cannot be bound or the
    /// TLS certificate or key cannot be read.
    void start();
    /// Stops accepting and closes every session; run() then returns.
    void stop();
    unsigned short port() const { return port_; }
    const ServerOptions& options() const { return options_; }

    /// Sends each subscribed session the lines of its audience (one shared copy per
    /// audience: staff sessions see officers' NIPs, kiosks and boards do not).
    void broadcast(const EventLines& lines);
    /// `listener` hears every broadcast too, after the sessions (the public page's streams).
    void add_listener(std::function<void(const EventLines&)> listener) { listeners_.push_back(std::move(listener)); }
    void join(Session* s) { sessions_.insert(s); }
    void leave(Session* s) { sessions_.erase(s); }

    /// `s` is about to queue `bytes` more. While that would take all queues past
    /// send_bytes_budget, the sessions with the largest queues are dropped, `s` too
    /// if it is one of them: false then, and `s` must queue nothing.
    bool make_room(Session* s, std::size_t bytes);
    /// Bytes that left a queue (written, or their session closed).
    void released(std::size_t bytes) { queued_bytes_ -= bytes; }
    /// Logs, at a bounded rate per address, that a slow reader is dropped and why.
    void log_drop(const SessionContext& ctx, const std::string& why);

private:
    void on_socket(boost::asio::ip::tcp::socket socket);
    void arm_midnight_timer();
    /// Recomputes the call estimates every estimate_period as time passes.
    void arm_estimate_timer();
    static constexpr std::chrono::seconds estimate_period{30};

    boost::asio::io_context& io_;
    Handler& handler_;
    const Clock& clock_;
    ServerOptions options_;
    AcceptLoop accept_loop_;
    boost::asio::steady_timer midnight_timer_;
    boost::asio::steady_timer estimate_timer_;
    boost::asio::steady_timer pace_timer_;     // the next paced estimate refresh (Handler::set_pacing)
    boost::asio::steady_timer figures_timer_;  // the end of a refresh's figures' hold (Handler::set_figures_hold)
    std::vector<std::function<void(const EventLines&)>> listeners_;
    std::shared_ptr<tls::Context> tls_;  // null: plain TCP
    std::set<Session*> sessions_;
    DirectWrites direct_;           // broadcasts to idle plain-TCP sessions
    std::size_t queued_bytes_ = 0;  // in every session's send queue together
    Episode turning_away_;          // connections closed at max_connections
    LogLimiter drop_log_;
    unsigned short port_ = 0;
    bool stopped_ = false;
};

/// An Offload for the Handler: work on `pool`, completion back on `io`.
Handler::Offload make_offload(boost::asio::io_context& io, boost::asio::thread_pool& pool);

}  // namespace antre
