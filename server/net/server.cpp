#include "server.hpp"

#include <algorithm>
#include <iostream>

#include "session.hpp"
#include "views.hpp"

namespace antre {

namespace asio = boost::asio;
using boost::system::error_code;

Server::Server(asio::io_context& io, Handler& handler, const Clock& clock, ServerOptions options)
    : io_(io),
      handler_(handler),
      clock_(clock),
      options_(std::move(options)),
      accept_loop_(io, "accept"),
      midnight_timer_(io),
      estimate_timer_(io),
      pace_timer_(io),
      figures_timer_(io) {}

Server::~Server() = default;

void Server::start() {
    if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty())
        tls_ = tls::server_context(options_.tls_cert_file, options_.tls_key_file);
    // Requests that arrive together share one durable commit: the flush runs
    // after the reads already completed, and answers wait for it.
    handler_.set_batching([this](std::function<void()> flush) { asio::post(io_, std::move(flush)); },
                          [this](const EventLines& lines) { broadcast(lines); });
    auto after = [this](asio::steady_timer& timer) {
        return [this, &timer](std::chrono::milliseconds delay, std::function<void()> run) {
            timer.expires_after(delay);
            timer.async_wait([this, run = std::move(run)](error_code ec) {
                if (!ec && !stopped_) run();
            });
        };
    };
    handler_.set_pacing(after(pace_timer_));
    handler_.set_figures_hold(after(figures_timer_));
    // Room for every connection allowed, the dashboard's, the database's files and a
    // margin; past the limit accept() fails, and AcceptLoop waits.
    const std::size_t wanted = options_.max_connections + 512;
    if (const std::size_t limit = raise_open_file_limit(wanted); limit < wanted)
        std::cerr << "antre-server: the open-file limit (" << limit << ") is below what --max-connections "
                  << options_.max_connections << " needs (" << wanted
                  << "); connections past it wait until others close\n";
    port_ = accept_loop_.start(options_.bind_address, options_.port,
                               [this](asio::ip::tcp::socket socket) { on_socket(std::move(socket)); });
    arm_midnight_timer();
    arm_estimate_timer();
}

void Server::on_socket(asio::ip::tcp::socket socket) {
    error_code ec;
    if (sessions_.size() >= options_.max_connections) {
        // Closed at once: the client sees the connection end and tries again later,
        // while the sessions already open are served.
        socket.close(ec);
        if (turning_away_.occurred())
            std::cerr << "antre-server: " << sessions_.size()
                      << " connections open, the most allowed (--max-connections); closing new ones until some end\n";
        return;
    }
    if (const auto refused = turning_away_.ended())
        std::cerr << "antre-server: taking connections again; " << refused
                  << " were closed at the limit (--max-connections)\n";
    socket.set_option(asio::ip::tcp::no_delay(true), ec);
    std::make_shared<Session>(std::move(socket), tls_, *this, handler_)->start();
}

bool Server::make_room(Session* s, std::size_t bytes) {
    while (queued_bytes_ + bytes > options_.send_bytes_budget) {
        Session* largest = nullptr;
        for (auto* other : sessions_)
            if (!other->closing() && (!largest || other->queued_bytes() > largest->queued_bytes())) largest = other;
        // Only bytes of queues already closing are left: they go once their writes end.
        if (!largest || largest->queued_bytes() == 0) break;
        log_drop(largest->context(), "it has the most queued (" + std::to_string(largest->queued_bytes()) +
                                         " bytes) while all queues together reach --send-bytes-budget");
        largest->close();
        if (largest == s) return false;
    }
    queued_bytes_ += bytes;
    return true;
}

void Server::log_drop(const SessionContext& ctx, const std::string& why) {
    if (auto held = drop_log_.admit(ctx.address, clock_.now()))
        std::cerr << "antre-server: " << ctx.peer << ": not reading its messages, dropping the connection: " << why
                  << held_back_note(*held) << "\n";
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

// Time moving changes the estimates even when nobody acts (a long service, a break
// running over): they are recomputed on a timer too (docs/queue.md).
void Server::arm_estimate_timer() {
    estimate_timer_.expires_after(estimate_period);
    estimate_timer_.async_wait([this](error_code ec) {
        if (ec || stopped_) return;
        handler_.refresh_estimates();
        arm_estimate_timer();
    });
}

void Server::broadcast(const EventLines& lines) {
    if (lines.staff.empty()) return;
    for (const auto& listener : listeners_) listener(lines);
    // Each audience's copy is made once, and only when one of its sessions listens.
    Lines staff, lobby;
    auto shared = [](Lines& out, const std::vector<std::string>& from) -> const Lines& {
        if (out.empty())
            for (const auto& line : from) out.push_back(std::make_shared<const std::string>(line));
        return out;
    };
    // Idle plain-TCP sessions are written directly, on two threads; the others queue
    // afterwards (queueing may drop a session, which must not close a socket that is
    // being written).
    std::vector<DirectWrites::Job> jobs;
    std::vector<Session*> direct;
    std::vector<std::pair<Session*, const Lines*>> queued;
    for (auto* s : sessions_) {
        if (!s->subscribed()) continue;
        const Lines& out =
            s->audience() == views::Audience::staff ? shared(staff, lines.staff) : shared(lobby, lines.lobby);
        if (const int fd = s->direct_fd(); fd >= 0) {
            jobs.push_back({fd, &out});
            direct.push_back(s);
        } else {
            queued.emplace_back(s, &out);
        }
    }
    direct_.run(jobs);
    for (std::size_t i = 0; i < jobs.size(); ++i) direct[i]->sent_directly(jobs[i]);
    for (const auto& [s, out] : queued) s->send(*out);
}

void Server::stop() {
    if (stopped_) return;
    stopped_ = true;
    accept_loop_.stop();
    midnight_timer_.cancel();
    estimate_timer_.cancel();
    pace_timer_.cancel();
    figures_timer_.cancel();
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
