// Settings of an HTTP port (the office's dashboard, antre-hub's central one), apart from the HTTP code so that the
// server's options can name them without pulling in Beast.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace antre::http {

struct HttpOptions {
    bool enabled = true;
    unsigned short port = 7411;  ///< 0 picks a free port (tests)
    /// Time to receive a whole request, and to send a whole response.
    std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};
    /// Time for a new connection to send its request's headers (after the TLS
    /// handshake, which has as long): one that sends nothing holds no place for long.
    std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};
    /// A kept-alive connection that sends no new request for this long is closed.
    std::chrono::milliseconds keep_alive_timeout{std::chrono::seconds(60)};
    std::size_t header_limit = 8 * 1024;       ///< request line and headers; more gets 431
    std::size_t body_limit = 16 * 1024;        ///< request body; more gets 413
    std::size_t connection_limit = 256;        ///< connections beyond it are closed at once
    std::size_t connections_per_address = 32;  ///< from one address; beyond it closed at once
    /// PEM certificate and key: HTTPS when both are set (the client port's, by default).
    std::string tls_cert_file;
    std::string tls_key_file;
    /// The program named at the start of the port's log lines.
    std::string log_name = "antre-server";
};

}  // namespace antre::http
