// Opening a listening port and accepting on it, the same for the client port and
// the dashboard's.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "log_limit.hpp"

namespace antre {

/// Accepts connections one after another and hands each socket to a callback.
/// When accept() fails (out of file descriptors, EMFILE/ENFILE, or of kernel
/// memory) the connection stays in the listen queue, so trying again at once would
/// spin a core and write a log line each time: it waits 50 ms instead, doubling to
/// 500 ms, and logs one line when the failures start and one, with their count,
/// when accepting works again. Sessions already open are served meanwhile.
class AcceptLoop {
public:
    using OnSocket = std::function<void(boost::asio::ip::tcp::socket)>;
    static constexpr std::chrono::milliseconds first_pause{50};
    static constexpr std::chrono::milliseconds longest_pause{500};

    /// `what` names the port in the log ("accept", "http accept").
    AcceptLoop(boost::asio::io_context& io, std::string what);

    /// Binds to `address`:`port` (0: a free port), listens and starts accepting;
    /// returns the port bound. Throws if the address cannot be bound.
    unsigned short start(const std::string& address, unsigned short port, OnSocket on_socket);
    /// Stops accepting; the callback is not called again.
    void stop();

private:
    void do_accept();
    void on_accept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);

    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer pause_timer_;
    std::string what_;
    OnSocket on_socket_;
    std::chrono::milliseconds pause_{0};
    std::chrono::steady_clock::time_point failing_since_;
    Episode failing_;
    bool stopped_ = false;
};

/// Raises this process's soft limit on open files towards `wanted` (as far as the
/// hard limit allows: the usual soft limit, 1024, is far below what a server with
/// thousands of connections needs); returns the soft limit now in force.
std::size_t raise_open_file_limit(std::size_t wanted);

}  // namespace antre
