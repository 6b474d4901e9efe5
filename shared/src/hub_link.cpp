#include "antre/hub_link.hpp"

#include <stdexcept>
#include <type_traits>

namespace antre::hub_link {

namespace asio = boost::asio;

Address parse_url(const std::string& url, const std::string& option) {
    Address a;
    std::string rest;
    if (url.rfind("tcp://", 0) == 0) {
        rest = url.substr(6);
    } else if (url.rfind("tls://", 0) == 0) {
        rest = url.substr(6);
        a.tls = true;
    }
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size())
        throw std::invalid_argument(option + " must be tcp://HOST:PORT or tls://HOST:PORT, got \"" + url + "\"");
    a.host = rest.substr(0, colon);
    a.port = rest.substr(colon + 1);
    return a;
}

Line::Line(const Address& address, const std::string& ca_file, std::size_t max_reply_bytes)
    : max_reply_bytes_(max_reply_bytes) {
    stream_ = std::make_unique<tls::Stream>(asio::ip::tcp::socket(io_),
                                            address.tls ? tls::client_context(ca_file, true) : nullptr);
    asio::connect(stream_->socket(), asio::ip::tcp::resolver(io_).resolve(address.host, address.port));
    stream_->expect_host(address.host);
    stream_->visit([](auto& s) {
        if constexpr (std::is_same_v<std::decay_t<decltype(s)>, tls::Stream::Secure>)
            s.handshake(asio::ssl::stream_base::client);
    });
}

std::string Line::ask(const std::string& request) {
    return stream_->visit([&](auto& s) {
        asio::write(s, asio::buffer(request + "\n"));
        const auto n = asio::read_until(s, asio::dynamic_buffer(buffer_, max_reply_bytes_), '\n');
        std::string reply = buffer_.substr(0, n - 1);
        buffer_.erase(0, n);
        return reply;
    });
}

}  // namespace antre::hub_link
