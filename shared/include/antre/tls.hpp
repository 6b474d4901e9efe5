// Optional TLS on the client port, shared by the server, the client library and
// any other listener (the dashboard): context creation from PEM files, and one
// stream type that is either plain TCP or TLS over TCP, so that the code reading
// and writing lines does not care which.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>

namespace antre::tls {

using Context = boost::asio::ssl::context;

/// A server's context: TLS 1.2 or later, the certificate chain and private key
/// from PEM files. Throws std::runtime_error naming the file that failed.
std::shared_ptr<Context> server_context(const std::string& cert_file, const std::string& key_file);

/// A client's context: TLS 1.2 or later. With `verify`, the server's certificate
/// must chain to `ca_file` (PEM; the system's CAs when empty) and name the host.
std::shared_ptr<Context> client_context(const std::string& ca_file, bool verify);

/// One connection, plain or TLS. Reads and writes go through visit(), which hands
/// the underlying stream to a generic lambda (asio::async_read_until, async_write).
class Stream {
public:
    using Socket = boost::asio::ip::tcp::socket;
    using Secure = boost::asio::ssl::stream<Socket>;

    /// Plain when `context` is null.
    Stream(Socket socket, const std::shared_ptr<Context>& context);

    /// The TCP socket underneath (connect, options, endpoints).
    Socket& socket();
    /// For a client: the name sent (SNI) and checked against the certificate.
    void expect_host(const std::string& host);
    /// The TLS handshake; a plain stream completes at once without error.
    template <class Handler>
    void async_handshake(boost::asio::ssl::stream_base::handshake_type type, Handler&& handler) {
        if (auto* s = std::get_if<Secure>(&stream_)) return s->async_handshake(type, std::forward<Handler>(handler));
        boost::asio::post(socket().get_executor(),
                          [h = std::forward<Handler>(handler)]() mutable { h(boost::system::error_code()); });
    }
    template <class F>
    decltype(auto) visit(F&& f) {
        return std::visit(std::forward<F>(f), stream_);
    }
    /// Closes the TCP socket (no TLS close_notify: the peer sees the connection end).
    void close();

private:
    std::variant<Socket, Secure> stream_;
};

}  // namespace antre::tls
