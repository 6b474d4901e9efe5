// A blocking line client of antre-hub, as an office or a reader speaks to it.
#pragma once

#include <string>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio.hpp>
#include <nlohmann/json.hpp>

namespace antre::test {

// A blocking line client, as an office speaks to the hub.
class Line {
public:
    explicit Line(unsigned short port) : socket_(io_) {
        socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    }
    nlohmann::json ask(const nlohmann::json& request) {
        boost::asio::write(socket_, boost::asio::buffer(request.dump() + "\n"));
        return read();
    }
    nlohmann::json read() {
        const auto n = boost::asio::read_until(socket_, boost::asio::dynamic_buffer(buffer_), '\n');
        auto reply = nlohmann::json::parse(buffer_.substr(0, n - 1));
        buffer_.erase(0, n);
        return reply;
    }
    void send_raw(const std::string& text) { boost::asio::write(socket_, boost::asio::buffer(text)); }

private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    std::string buffer_;
};

}  // namespace antre::test
