// Opening a listening port, the same for the client port and the dashboard's.
#pragma once

#include <string>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange
#include <boost/asio/ip/tcp.hpp>

namespace antre {

/// Binds `acceptor` to `address`:`port` (0: a free port) and listens; returns the
/// port bound. Throws if the address cannot be bound.
inline unsigned short listen_on(boost::asio::ip::tcp::acceptor& acceptor, const std::string& address,
                                unsigned short port) {
    namespace asio = boost::asio;
    const asio::ip::tcp::endpoint ep(asio::ip::make_address(address), port);
    acceptor.open(ep.protocol());
    acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen(asio::socket_base::max_listen_connections);
    return acceptor.local_endpoint().port();
}

}  // namespace antre
