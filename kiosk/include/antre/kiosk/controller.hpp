// Glues the kiosk together: the client library's events and replies, the
// printer's results and the operator's PIN check all arrive here from their own
// threads and are applied to the state, in order, on the GUI thread by pump().
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "antre/client.hpp"
#include "antre/gui/inbox.hpp"
#include "antre/kiosk/printer.hpp"
#include "antre/kiosk/state.hpp"
#include "antre/kiosk/ticket_print.hpp"

namespace antre::kiosk {

struct ControllerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 7410;
    PrinterTarget printer;
    Paper paper = Paper::mm80;
    std::optional<Language> language;  ///< fixed; otherwise the office's language
    int feedback_counter = 0;          ///< feedback mode for this counter (`--feedback N`); 0: ticket kiosk
    Millis snapshot_refresh = 60000;   ///< re-read the snapshot (opening hours pass silently)
    std::chrono::milliseconds issue_timeout{10000};  ///< each send's wait; also for ratings and surveys
    std::chrono::milliseconds admin_timeout{15000};
    /// Called from other threads when work for pump() arrives (gui::wake_event_loop).
    std::function<void()> wake;
};

class Controller {
public:
    explicit Controller(ControllerOptions options);
    /// Stops the clients and the printer thread.
    ~Controller();
    Controller(const Controller&) = delete;
    Controller& operator=(const Controller&) = delete;

    /// Connects to the server in the background.
    void start();
    /// Applies whatever arrived meanwhile and runs the timeouts; true when something changed.
    bool pump(Millis now);
    /// A tap at (x, y) on a `width` x `height` screen.
    void tap(int x, int y, int width, int height, Millis now);
    /// A press that did not come from a tap (the operator's keyboard on the keypad).
    void press(const Target& target, Millis now);
    /// The operator's key combination: opens the NIP and PIN keypad.
    void admin_keys(Millis now);
    /// Keys from the barcode scanner (or a keyboard), and its Enter ("Cek nomor").
    void scanner_text(const std::string& text, Millis now);
    void scanner_enter(Millis now);

    const KioskState& state() const { return state_; }
    /// An administrator's PIN was accepted: the program may end.
    bool exit_requested() const { return state_.exit_requested; }

private:
    using Job = std::function<void(Millis)>;
    void post(Job job);
    void run(const Command& c, Millis now);
    /// What a reply does to the state, on the GUI thread; may ask for more.
    using ReplyStep = std::function<Command(const Reply&, Millis)>;
    /// Sends `op` with a fresh request key (the client library retries a lost reply).
    void send_keyed(const std::string& op, nlohmann::json request, ReplyStep step);
    void print_ticket(Millis now);
    void verify_admin(const std::string& nip, const std::string& pin, Millis now);

    ControllerOptions options_;
    KioskState state_;
    gui::Inbox<Job> inbox_;  // from other threads, in arrival order
    Millis last_refresh_ = 0;
    bool printer_was_ok_ = true;  // the last job printed; trouble and recovery are reported
    Millis admin_started_ = 0;
    std::unique_ptr<PrintQueue> printer_;
    std::unique_ptr<Client> admin_client_;
    std::shared_ptr<std::atomic<bool>> admin_answered_;
    std::unique_ptr<Client> client_;  // last: destroyed first, while the rest still exists
};

}  // namespace antre::kiosk
