// The counter client's whole screen state as a plain struct, and the reducer
// that moves it with what the server says: the snapshot, events, replies and
// connection changes. No SDL, no sockets: the controller feeds it, the renderer
// draws it, the tests drive it. Key presses and taps are in input.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/client.hpp"
#include "antre/counter/texts.hpp"
#include "antre/domain.hpp"

namespace antre::counter {

/// Where the officer is: entering credentials, waiting for the server's answer, or at work.
enum class Phase { login, signing_in, working };

/// The nine actions of the main screen, in button order.
enum class Action { call_next, recall, start, finish, no_show, transfer, call_ticket, pause_resume, logout };
inline constexpr int action_count = 9;

enum class Dialog { none, transfer, call_ticket, pause, logout };

enum class LoginField { counter, nip, pin };

/// A ticket as the counter shows it (the wire record, trimmed).
struct TicketView {
    std::int64_t id = 0;
    std::string label;
    std::string service;  ///< the service it is served or waits under now
    std::string origin_service;
    std::string priority = "none";
    std::string status;  ///< wire status: waiting, called, serving, ...
    Millis issued_at = 0;
    std::optional<Millis> called_at;
    std::optional<Millis> service_started_at;
    int recalls = 0;
    int no_shows = 0;
    int transfers = 0;
    /// The online booking it was checked in for (the "Daring" mark); empty for a walk-in.
    std::optional<std::int64_t> booking;
};

/// The online booking behind the active ticket, read with op ticket_booking once per
/// ticket: the officer checks the citizen's KTP-el against it. Held only while that
/// ticket is active here; never written to a log.
struct BookingView {
    enum class Status { loading, loaded, failed };
    std::int64_t ticket = 0;  ///< the active ticket it belongs to
    Status status = Status::loading;
    std::string nik;      ///< in full; "" once erased after the retention
    std::string name;     ///< the name the citizen booked under
    std::string session;  ///< "10:00–11:00"
    std::string error;    ///< why it could not be read (the server's words), when failed
};

/// One service's definition and live queue figures.
struct ServiceView {
    std::string code;
    std::string prefix;
    std::string name_id;
    std::string name_en;
    int max_service_minutes = 15;
    int max_wait_minutes = 60;
    int waiting = 0;
    int priority_waiting = 0;
    std::optional<Millis> oldest_issued_at;
    bool closed = false;
};

/// The officer's own figures today, from the server's my_day.
struct MyDay {
    bool known = false;
    int served = 0;
    int no_shows = 0;
    int transfers = 0;
    std::optional<int> median_service_s;
    std::optional<double> within_standard;  ///< 0..1
};

struct LoginForm {
    std::string counter;  ///< digits, prefilled from the flag or the workstation config
    std::string nip;
    std::string pin;
    LoginField focus = LoginField::nip;
    std::string error;        ///< a refusal (the server's words) or a form problem, in red
    std::string notice;       ///< neutral news: signed out, counter closed
    std::string link_reason;  ///< while signing in: why the server is not reached yet
};

enum class Tone { info, ok, refusal };

/// The line above the buttons: what the last action did, or why it was refused.
struct Message {
    Tone tone = Tone::info;
    std::string text;
    Millis shown_at = 0;
};

/// The action sent and not yet answered; every other action waits for it.
struct Pending {
    Action action = Action::call_next;
    std::string op;
    Millis since = 0;
    int attempt = 1;
};

struct DialogState {
    Dialog kind = Dialog::none;
    std::string input;  ///< typed label (Panggil Nomor) or reason (Istirahat)
    int selected = 0;   ///< the highlighted row
};

enum class TimerTone { neutral, ok, warning, danger };

struct ScreenState {
    Language language = Language::id;
    Phase phase = Phase::login;
    LoginForm login;
    std::string server;  ///< "host:port", shown on the log-in screen

    int counter = 0;  ///< the counter of this session
    std::string counter_name;
    std::string officer_nip;
    std::string officer_name;
    bool connected = false;
    bool has_snapshot = false;
    std::string link_problem;  ///< why the link is down, for the banner

    std::string office_name;
    std::string time_zone = "Asia/Jayapura";
    std::string day;
    Millis clock_offset = 0;  ///< server clock minus local clock

    std::vector<ServiceView> services;      ///< every service, in the office's order
    std::vector<std::string> my_services;   ///< this counter's services, by preference
    std::string counter_status = "closed";  ///< open, paused or closed
    std::string pause_reason;
    Millis counter_since = 0;
    std::optional<TicketView> active;
    std::optional<BookingView> booking;  ///< only while the active ticket is a booked one
    std::vector<TicketView> waiting;     ///< every waiting ticket (for Panggil Nomor)
    MyDay my_day;

    std::optional<Pending> pending;
    std::optional<Message> message;
    DialogState dialog;
};

/// What the reducer asks the controller to do.
struct Command {
    enum class Kind {
        sign_in,         ///< start a session: counter, nip, pin
        cancel_sign_in,  ///< stop trying to reach the server
        end_session,     ///< stop the client (after Keluar, a refusal or a closed counter)
        request,         ///< an action: op and fields, sent with a key and retried on a lost reply
        fetch_my_day,
        fetch_snapshot,  ///< re-read the truth (after a retried action)
        fetch_booking,   ///< ticket_booking for the active booked ticket: `ticket`
    } kind = Kind::request;
    Action action = Action::call_next;
    std::string op;
    nlohmann::json fields = nlohmann::json::object();
    int counter = 0;
    std::int64_t ticket = 0;
    std::string nip;
    std::string pin;
};
using Commands = std::vector<Command>;

/// A command of `kind` with no arguments.
inline Command command(Command::Kind kind) {
    Command c;
    c.kind = kind;
    return c;
}

/// How long a message stays, in ms.
inline constexpr Millis message_ms = 10000;
inline constexpr Millis refusal_ms = 20000;

/// The server's clock now, from the local clock and the snapshot's offset.
Millis server_now(const ScreenState& s, Millis local_now);
/// The service `code`, or null.
const ServiceView* find_service(const ScreenState& s, const std::string& code);
/// The service's name in the screen's language (the code when unknown).
std::string service_name(const ScreenState& s, const std::string& code);
/// Waiting tickets over this counter's services.
int waiting_here(const ScreenState& s);
/// Colour of a running time against its limit: green below 75 %, amber to 100 %, red past it.
TimerTone tone_against(Millis elapsed, int limit_minutes);
/// The active ticket's timer: ms since the call (called) or since service start (serving).
Millis active_elapsed(const ScreenState& s, Millis local_now);
/// The active ticket's timer colour: neutral while called, against the service standard while serving.
TimerTone active_tone(const ScreenState& s, Millis local_now);

/// The snapshot (from subscribe or snapshot): the whole truth replaces what was shown.
Commands on_snapshot(ScreenState& s, const nlohmann::json& snapshot, Millis now);
/// An event line from the server (or the library's {"event":"snapshot"}).
Commands on_event(ScreenState& s, const nlohmann::json& event, Millis now);
/// The client library's connection state, with the hello reply as it stands.
Commands on_connection(ScreenState& s, ConnectionState state, const std::string& reason, const Reply& hello,
                       Millis now);
/// The final answer to the pending action (after any retries).
Commands on_reply(ScreenState& s, const std::string& op, const Reply& reply, Millis now);
/// A lost reply is being retried with the same key (attempt 2, 3, ...).
void on_retry(ScreenState& s, int attempt);
/// The answer to my_day.
void on_my_day(ScreenState& s, const Reply& reply);
/// The answer to ticket_booking for `ticket`; dropped when that ticket is no longer active.
void on_booking(ScreenState& s, std::int64_t ticket, const Reply& reply);
/// The passing of time: old messages go.
void tick(ScreenState& s, Millis now);

/// Shows a message on the line above the buttons.
void show(ScreenState& s, Tone tone, std::string text, Millis now);
/// Back to the log-in screen, the session over; `error` in red or `notice` in grey.
Commands back_to_login(ScreenState& s, const std::string& error, const std::string& notice);

}  // namespace antre::counter
