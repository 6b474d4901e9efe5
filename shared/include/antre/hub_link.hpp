// A blocking line connection to antre-hub, as an office's shipper and `antre ... --hub`
// speak to it (docs/hub.md): tcp://HOST:PORT in the clear, or tls://HOST:PORT with the
// hub's certificate checked against a CA file (or the system's CAs) and its name.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "antre/tls.hpp"

namespace antre::hub_link {

/// Where a hub is: `tcp://HOST:PORT` or `tls://HOST:PORT`.
struct Address {
    std::string host, port;
    bool tls = false;
};

/// Reads a hub URL; throws std::invalid_argument naming `option` when it is not one.
Address parse_url(const std::string& url, const std::string& option);

/// One connection; requests one at a time. Every failure (no route, a certificate
/// that does not verify, the hub closing, a reply over `max_reply_bytes`) throws
/// boost::system::system_error.
class Line {
public:
    /// Connects (and shakes hands for tls://, checking the hub against `ca_file`; the
    /// system's CAs when empty).
    Line(const Address& address, const std::string& ca_file, std::size_t max_reply_bytes);
    /// Writes one line (a newline is added) and reads the reply line (without it).
    std::string ask(const std::string& request);

private:
    boost::asio::io_context io_;
    std::unique_ptr<tls::Stream> stream_;
    std::string buffer_;
    std::size_t max_reply_bytes_;
};

}  // namespace antre::hub_link
