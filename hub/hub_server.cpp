#include "hub_server.hpp"

#include <sys/socket.h>

#include <iostream>
#include <type_traits>

#include "hub_protocol.hpp"
#include "hub_store.hpp"

namespace antre::hub {

namespace asio = boost::asio;
using asio::ip::tcp;

struct HubServer::Connection {
    std::unique_ptr<tls::Stream> stream;
    std::thread thread;
    std::atomic<bool> done{false};
};

HubServer::HubServer(HubOptions options) : options_(std::move(options)), acceptor_(io_) {
    HubStore schema(options_.conninfo);  // migrates, and proves the database is there
    if (!options_.tls_cert.empty() || !options_.tls_key.empty())
        tls_ = tls::server_context(options_.tls_cert, options_.tls_key);
    const tcp::endpoint ep(asio::ip::make_address(options_.host), options_.port);
    acceptor_.open(ep.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
}

HubServer::~HubServer() {
    stop();
    std::lock_guard lock(mutex_);
    for (auto& c : connections_)
        if (c->thread.joinable()) c->thread.join();
}

void HubServer::stop() {
    std::lock_guard lock(mutex_);
    if (stopping_.exchange(true)) return;
    // shutdown() wakes the blocked accept() and read()s; closing is left to their threads.
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
    for (auto& c : connections_) ::shutdown(c->stream->socket().native_handle(), SHUT_RDWR);
}

void HubServer::run() {
    while (!stopping_) {
        boost::system::error_code ec;
        tcp::socket socket(io_);
        acceptor_.accept(socket, ec);
        if (ec) {
            if (stopping_) break;
            continue;
        }
        std::lock_guard lock(mutex_);
        // Reap finished connections; refuse beyond the limit.
        connections_.remove_if([](const auto& c) {
            if (!c->done) return false;
            c->thread.join();
            return true;
        });
        if (stopping_ || connections_.size() >= options_.max_connections) continue;
        auto c = std::make_unique<Connection>();
        c->stream = std::make_unique<tls::Stream>(std::move(socket), tls_);
        Connection& ref = *c;
        connections_.push_back(std::move(c));
        ref.thread = std::thread([this, &ref] {
            serve(ref);
            ref.done = true;
        });
    }
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    std::lock_guard lock(mutex_);
    for (auto& c : connections_)
        if (c->thread.joinable()) c->thread.join();
    connections_.clear();
}

void HubServer::serve(Connection& c) {
    try {
        c.stream->visit([](auto& s) {
            if constexpr (std::is_same_v<std::decay_t<decltype(s)>, tls::Stream::Secure>)
                s.handshake(asio::ssl::stream_base::server);
        });
        OfficeConversation conversation([this] { return std::make_unique<HubStore>(options_.conninfo); });
        std::string buffer;
        for (;;) {
            boost::system::error_code ec;
            const std::size_t n = c.stream->visit([&](auto& s) {
                return asio::read_until(s, asio::dynamic_buffer(buffer, max_hub_line_bytes), '\n', ec);
            });
            if (ec) break;  // closed, reset, or a line over the limit: the office reconnects
            std::string reply = conversation.handle(buffer.substr(0, n - 1)) + "\n";
            buffer.erase(0, n);
            c.stream->visit([&](auto& s) { asio::write(s, asio::buffer(reply), ec); });
            if (ec) break;
        }
    } catch (const std::exception& e) {
        std::cerr << "antre-hub: connection ended: " << e.what() << "\n";
    }
    // The office sees the end now; the descriptor is closed when the connection is
    // reaped, so stop() never shuts down a number reused by another socket.
    ::shutdown(c.stream->socket().native_handle(), SHUT_RDWR);
}

}  // namespace antre::hub
