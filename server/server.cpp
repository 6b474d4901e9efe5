#include "server.hpp"

#include <algorithm>
#include <iostream>

#include "listen.hpp"
#include "session.hpp"
#include "views.hpp"

namespace antre {

namespace asio = boost::asio;
using boost::system::error_code;

Server::Server(asio::io_context& io, Handler& handler, const Clock& clock, ServerOptions options)
    : io_(io), handler_(handler), clock_(clock), options_(std::move(options)), acceptor_(io), midnight_timer_(io) {}

Server::~Server() = default;

void Server::start() {
    if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty())
        tls_ = tls::server_context(options_.tls_cert_file, options_.tls_key_file);
    // Requests that arrive together share one durable commit: the flush runs
    // after the reads already completed, and answers wait for it.
    handler_.set_batching([this](std::function<void()> flush) { asio::post(io_, std::move(flush)); },
                          [this](const EventLines& lines) { broadcast(lines); });
    port_ = listen_on(acceptor_, options_.bind_address, options_.port);
    do_accept();
    arm_midnight_timer();
}

void Server::do_accept() {
    acceptor_.async_accept([this](error_code ec, asio::ip::tcp::socket socket) {
        if (stopped_) return;
        if (ec) {
            std::cerr << "antre-server: accept: " << ec.message() << "\n";
        } else {
            socket.set_option(asio::ip::tcp::no_delay(true), ec);
            std::make_shared<Session>(std::move(socket), tls_, *this, handler_)->start();
        }
        do_accept();
    });
}

// Wakes at office-local midnight (and at least once a minute, so that a clock
// that jumps is noticed) to close the day even when nobody is asking. A close that
// is overdue (its commit failed: the disk refused) is tried again each second.
void Server::arm_midnight_timer() {
    const Millis due = handler_.next_day_start() - clock_.now();
    const Millis wait = due <= 0 ? 1000 : std::min<Millis>(due, 60'000) + 5;
    midnight_timer_.expires_after(std::chrono::milliseconds(wait));
    midnight_timer_.async_wait([this](error_code ec) {
        if (ec || stopped_) return;
        try {
            handler_.roll_over();
        } catch (const FatalError&) {
            throw;
        } catch (const std::exception& e) {
            std::cerr << "antre-server: closing the day failed: " << e.what() << "\n";
        }
        arm_midnight_timer();
    });
}

void Server::broadcast(const EventLines& lines) {
    if (lines.staff.empty()) return;
    std::vector<Session*> targets;
    for (auto* s : sessions_)
        if (s->subscribed()) targets.push_back(s);
    // Each audience's copy is made once, and only when one of its sessions listens.
    std::vector<std::shared_ptr<const std::string>> staff, lobby;
    auto shared = [](std::vector<std::shared_ptr<const std::string>>& out, const std::vector<std::string>& from)
        -> const std::vector<std::shared_ptr<const std::string>>& {
        if (out.empty())
            for (const auto& line : from) out.push_back(std::make_shared<const std::string>(line));
        return out;
    };
    for (auto* s : targets)
        s->send(s->audience() == views::Audience::staff ? shared(staff, lines.staff) : shared(lobby, lines.lobby));
}

void Server::stop() {
    if (stopped_) return;
    stopped_ = true;
    error_code ignored;
    acceptor_.close(ignored);
    midnight_timer_.cancel();
    for (auto* s : std::vector<Session*>(sessions_.begin(), sessions_.end())) s->close();
}

Handler::Offload make_offload(asio::io_context& io, asio::thread_pool& pool) {
    return [&io, &pool](std::function<void()> work, std::function<void()> then) {
        asio::post(pool, [&io, work = std::move(work), then = std::move(then)]() mutable {
            work();
            asio::post(io, std::move(then));
        });
    };
}

}  // namespace antre
