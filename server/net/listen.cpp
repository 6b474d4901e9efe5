#include "listen.hpp"

#include <algorithm>
#include <iostream>

#include <sys/resource.h>

namespace antre {

namespace asio = boost::asio;
using boost::system::error_code;

AcceptLoop::AcceptLoop(asio::io_context& io, std::string what)
    : acceptor_(io), pause_timer_(io), what_(std::move(what)) {}

unsigned short AcceptLoop::start(const std::string& address, unsigned short port, OnSocket on_socket) {
    const asio::ip::tcp::endpoint ep(asio::ip::make_address(address), port);
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::ip::tcp::acceptor::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    on_socket_ = std::move(on_socket);
    do_accept();
    return acceptor_.local_endpoint().port();
}

void AcceptLoop::stop() {
    if (stopped_) return;
    stopped_ = true;
    error_code ignored;
    acceptor_.close(ignored);
    pause_timer_.cancel();
}

void AcceptLoop::do_accept() {
    acceptor_.async_accept([this](error_code ec, asio::ip::tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

void AcceptLoop::on_accept(error_code ec, asio::ip::tcp::socket socket) {
    if (stopped_) return;
    if (ec) {
        if (failing_.occurred()) {
            failing_since_ = std::chrono::steady_clock::now();
            std::cerr << "antre-server: " << what_ << ": " << ec.message() << "; trying again every "
                      << first_pause.count() << "-" << longest_pause.count()
                      << " ms, sessions already open are served meanwhile\n";
        }
        pause_ = std::clamp(pause_ * 2, first_pause, longest_pause);
        pause_timer_.expires_after(pause_);
        pause_timer_.async_wait([this](error_code timer_ec) {
            if (!timer_ec && !stopped_) do_accept();
        });
        return;
    }
    if (const auto failures = failing_.ended()) {
        const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - failing_since_).count();
        std::cerr << "antre-server: " << what_ << ": accepting again after " << failures << " failed attempts in "
                  << static_cast<long>(seconds + 0.5) << " s\n";
    }
    pause_ = std::chrono::milliseconds(0);
    on_socket_(std::move(socket));
    do_accept();
}

std::size_t raise_open_file_limit(std::size_t wanted) {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) != 0) return 0;
    if (r.rlim_cur != RLIM_INFINITY && r.rlim_cur < wanted) {
        rlimit raised = r;
        raised.rlim_cur = r.rlim_max == RLIM_INFINITY ? wanted : std::min<rlim_t>(r.rlim_max, wanted);
        if (raised.rlim_cur > r.rlim_cur && ::setrlimit(RLIMIT_NOFILE, &raised) == 0) r = raised;
    }
    return r.rlim_cur == RLIM_INFINITY ? wanted : static_cast<std::size_t>(r.rlim_cur);
}

}  // namespace antre
