// The citizens' public page (docs/public-page.md), on its own HTTP port apart from
// the managers' dashboard, with no log-in: "/" the office's board, "/t/{code}" one
// ticket, their JSON under "/api/public/...", and Server-Sent Events that push a
// new state within a moment of every change. Unknown codes are throttled per
// address; every answer is no-store and under a strict CSP.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "antre/calendar.hpp"
#include "antre/clock.hpp"
#include "antre/config.hpp"
#include "http_server.hpp"
#include "login_throttle.hpp"
#include "public_booking.hpp"

namespace antre {

class Handler;

class PublicPage {
public:
    /// Comments sent on every stream this often, so that proxies and phones keep it
    /// open and a vanished phone is noticed.
    static constexpr std::chrono::seconds heartbeat{20};
    /// The open pages are brought up to date at most this often: a burst of changes
    /// (kiosks issuing at once) costs one pass over two thousand pages rather than one
    /// per change, and a call still reaches every page well within a second.
    static constexpr std::chrono::milliseconds update_interval{200};
    /// A pass brings this many pages up to date, then lets the I/O thread serve what
    /// is waiting (a kiosk's issue) before the next slice: a request waits for one
    /// slice at most, not for a pass over two thousand pages.
    static constexpr std::size_t pages_per_slice = 25;
    /// The throttle of unknown and malformed codes, per address (LoginThrottle's
    /// address records): ten free, then a delay from 1 s doubling to 5 min.
    static LoginThrottle::Policy guess_policy();

    PublicPage(boost::asio::io_context& io, Handler& handler, const OfficeConfig& office, const Clock& clock,
               bool always_open);
    ~PublicPage();

    /// Answers one request (the HttpServer's RequestHandler).
    void handle(const http::Request& request, const std::string& peer, std::function<void(http::Response)> respond);
    /// Takes an events request for a known code (or the office) as a stream (the
    /// HttpServer's StreamHandler); anything else is left to handle().
    bool stream(const http::Request& request, const std::string& peer, const std::shared_ptr<http::EventStream>& s);
    /// The queue changed: every stream gets its new state soon: after the rest of this
    /// turn of the I/O loop, and at least `update_interval` after the last update.
    void changed();
    /// Stops the heartbeat (the server stops).
    void stop();
    /// Open streams (for tests and the benchmark).
    std::size_t stream_count() const { return watches_.size(); }
    /// Events sent to the pages by the passes since the server started (not the
    /// first state of each stream, nor heartbeats): for tests.
    std::uint64_t updates_sent() const { return updates_sent_; }
    /// Passes over the pages since the server started: for tests.
    std::uint64_t passes() const { return passes_; }

private:
    struct Watch {
        std::weak_ptr<http::EventStream> stream;
        std::string code;     // empty: the office board
        TicketId ticket = 0;  // the ticket the code named when the stream opened
        std::string last;     // the state last sent
    };
    struct Lookup;
    struct Pass;
    Lookup look_up(std::string_view code, Millis now) const;
    void schedule();
    void send_slice();
    bool update(Watch& w, Pass& pass);
    void arm_heartbeat();

    boost::asio::io_context& io_;
    const Handler& handler_;
    PublicBooking booking_;  // "/api/public/booking..." (docs/booking.md)
    const OfficeConfig& office_;
    const Clock& clock_;
    bool always_open_;
    OfficeCalendar calendar_;
    LoginThrottle guesses_;
    std::vector<Watch> watches_;
    bool update_posted_ = false;
    std::uint64_t changes_ = 0;   // changed() calls: a pass sees whether the queue moved between slices
    std::unique_ptr<Pass> pass_;  // the pass under way, between its slices
    bool again_ = false;          // a change came during the pass: another one follows it
    std::uint64_t updates_sent_ = 0;
    std::uint64_t passes_ = 0;
    std::chrono::steady_clock::time_point last_update_{};
    boost::asio::steady_timer update_timer_;
    boost::asio::steady_timer heartbeat_timer_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    struct Pages;
    std::unique_ptr<Pages> pages_;
};

}  // namespace antre
