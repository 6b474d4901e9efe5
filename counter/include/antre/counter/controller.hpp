// Glues the counter client together: the reducer's commands become client
// calls (actions with keys, which the client library retries; my_day, snapshots), and what comes back
// from the client's thread (events, connection changes, replies) is applied to
// the state, in arrival order, on the GUI thread by pump().
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "antre/client.hpp"
#include "antre/counter/input.hpp"
#include "antre/counter/state.hpp"
#include "antre/gui/inbox.hpp"

namespace antre::counter {

struct ControllerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = protocol::default_port;
    /// One send's wait for a reply (the client library queues it while the link is down,
    /// and resends an action under its keyed-retry policy: up to six sends).
    std::chrono::milliseconds request_timeout{10000};
    std::chrono::milliseconds min_backoff{200};
    std::chrono::milliseconds max_backoff{5000};
    /// Called from the client's thread when work for pump() arrives (gui::wake_event_loop).
    std::function<void()> wake;
};

class Controller {
public:
    Controller(ControllerOptions options, ScreenState initial);
    /// Ends the session's client (the counter stays open: Keluar logs out).
    ~Controller();
    Controller(const Controller&) = delete;
    Controller& operator=(const Controller&) = delete;

    /// Applies whatever arrived meanwhile and lets time pass; true when something changed.
    bool pump(Millis now);
    /// A key press.
    void key(Key k, Millis now);
    /// Typed text.
    void text(std::string_view t, Millis now);
    /// A click or tap at (x, y) on a `width` x `height` window.
    void tap(int x, int y, int width, int height, Millis now);

    const ScreenState& state() const { return state_; }

private:
    using Job = std::function<Commands(ScreenState&, Millis)>;
    void post(std::uint64_t session, Job job);
    void run(Commands commands, Millis now);
    void sign_in(const Command& c);
    void end_session();
    void request(const Command& c);
    void fetch(const std::string& op);
    void fetch_booking(std::int64_t ticket);

    ControllerOptions options_;
    ScreenState state_;
    gui::Inbox<std::pair<std::uint64_t, Job>> inbox_;  // from the client's thread, in arrival order
    std::uint64_t session_ = 0;       // bumps per sign-in and end; jobs of an ended session are dropped
    std::unique_ptr<Client> client_;  // last: destroyed first, while the rest still exists
};

}  // namespace antre::counter
