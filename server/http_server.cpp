#include "http_server.hpp"

#include <iostream>

#include "antre/tls.hpp"
#include "http_session.hpp"
#include "listen.hpp"

namespace antre::http {

namespace asio = boost::asio;
using boost::system::error_code;

HttpServer::HttpServer(asio::io_context& io, std::string bind_address, HttpOptions options, RequestHandler handler)
    : io_(io),
      bind_address_(std::move(bind_address)),
      options_(std::move(options)),
      handler_(std::move(handler)),
      acceptor_(io) {
    if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty())
        tls_ = tls::server_context(options_.tls_cert_file, options_.tls_key_file);
}

HttpServer::~HttpServer() = default;

void HttpServer::start() {
    port_ = listen_on(acceptor_, bind_address_, options_.port);
    do_accept();
}

void HttpServer::do_accept() {
    acceptor_.async_accept([this](error_code ec, asio::ip::tcp::socket socket) {
        if (stopped_) return;
        if (ec) {
            std::cerr << "antre-server: http accept: " << ec.message() << "\n";
        } else if (connections_.size() >= options_.connection_limit) {
            // Browsers open a handful each; this many means something is wrong.
            socket.close(ec);
        } else if (tls_) {
            using Secure = boost::beast::ssl_stream<boost::beast::tcp_stream>;
            std::make_shared<Session<Secure>>(Secure(boost::beast::tcp_stream(std::move(socket)), *tls_), *this)->start();
        } else {
            std::make_shared<Session<boost::beast::tcp_stream>>(boost::beast::tcp_stream(std::move(socket)), *this)
                ->start();
        }
        do_accept();
    });
}

void HttpServer::stop() {
    if (stopped_) return;
    stopped_ = true;
    error_code ignored;
    acceptor_.close(ignored);
    for (auto* c : std::vector<Connection*>(connections_.begin(), connections_.end())) c->close();
}

}  // namespace antre::http
