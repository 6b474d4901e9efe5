#include "http_server.hpp"

#include <iostream>

#include "antre/tls.hpp"
#include "http_session.hpp"

namespace antre::http {

namespace asio = boost::asio;
using boost::system::error_code;

HttpServer::HttpServer(asio::io_context& io, std::string bind_address, HttpOptions options, RequestHandler handler)
    : io_(io),
      bind_address_(std::move(bind_address)),
      options_(std::move(options)),
      handler_(std::move(handler)),
      accept_loop_(io, "http accept") {
    if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty())
        tls_ = tls::server_context(options_.tls_cert_file, options_.tls_key_file);
}

HttpServer::~HttpServer() = default;

void HttpServer::start() {
    port_ = accept_loop_.start(bind_address_, options_.port,
                               [this](asio::ip::tcp::socket socket) { on_socket(std::move(socket)); });
}

void HttpServer::join(Connection* c, const std::string& address) {
    connections_.insert(c);
    ++per_address_[address];
}

void HttpServer::leave(Connection* c, const std::string& address) {
    connections_.erase(c);
    if (auto it = per_address_.find(address); it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

void HttpServer::on_socket(asio::ip::tcp::socket socket) {
    error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    const std::string address = ec ? std::string("?") : peer.address().to_string();
    // Browsers open a handful each: this many means something is wrong. One address
    // may not take every place, so that another manager's browser still gets in.
    const auto from_address = per_address_.find(address);
    const bool full = connections_.size() >= options_.connection_limit;
    if (full || (from_address != per_address_.end() && from_address->second >= options_.connections_per_address)) {
        socket.close(ec);
        if (turning_away_.occurred())
            std::cerr << options_.log_name << ": http: closing new connections"
                      << (full ? " (" + std::to_string(connections_.size()) + " open, the most allowed)"
                               : " from " + address + " (" + std::to_string(from_address->second) +
                                     " open, the most allowed from one address)")
                      << " until some end\n";
        return;
    }
    if (const auto refused = turning_away_.ended())
        std::cerr << options_.log_name << ": http: taking connections again; " << refused
                  << " were closed at a limit\n";
    if (tls_) {
        using Secure = boost::beast::ssl_stream<boost::beast::tcp_stream>;
        std::make_shared<Session<Secure>>(Secure(boost::beast::tcp_stream(std::move(socket)), *tls_), *this, address)
            ->start();
    } else {
        std::make_shared<Session<boost::beast::tcp_stream>>(boost::beast::tcp_stream(std::move(socket)), *this, address)
            ->start();
    }
}

void HttpServer::stop() {
    if (stopped_) return;
    stopped_ = true;
    accept_loop_.stop();
    for (auto* c : std::vector<Connection*>(connections_.begin(), connections_.end())) c->close();
}

}  // namespace antre::http
