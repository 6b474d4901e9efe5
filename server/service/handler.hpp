// The request dispatcher: checks the session's role, runs the engine command,
// commits its effect to the store, and only then produces the reply and the
// broadcast. No sockets here; the session moves bytes, this decides.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "antre/clock.hpp"
#include "antre/config.hpp"
#include "antre/protocol.hpp"
#include "bookings.hpp"
#include "engine.hpp"
#include "estimates.hpp"
#include "fatal_error.hpp"
#include "log_limit.hpp"
#include "login_throttle.hpp"
#include "outcome.hpp"
#include "rate_limit.hpp"
#include "store.hpp"
#include "views.hpp"

namespace antre {

/// The answers to the latest requests that carried a "key", so that a retry after
/// a lost reply is answered, not applied again. Bounded: the oldest are forgotten.
/// The store keeps the same answers (Store::keyed_answers), so they outlive a restart.
class AnswerCache {
public:
    explicit AnswerCache(std::size_t limit) : limit_(limit) {}
    /// The kept answer's fields (nothing when the key is unknown, or its text, as read
    /// from the file, is not a JSON object).
    std::optional<protocol::json> find(const std::string& key) const {
        auto it = answers_.find(key);
        if (it == answers_.end()) return std::nullopt;
        protocol::json fields = protocol::json::parse(it->second, nullptr, false);
        if (!fields.is_object()) return std::nullopt;
        return fields;
    }
    /// Keeps an answer's fields as the text the store keeps too: a retry is rare, so it
    /// is parsed only when one comes, and keeping costs a string, not a copy of the object.
    void put(const std::string& key, std::string fields_text) {
        if (answers_.insert_or_assign(key, std::move(fields_text)).second) order_.push_back(key);
        while (order_.size() > limit_) {
            answers_.erase(order_.front());
            order_.pop_front();
        }
    }

private:
    std::size_t limit_;
    std::unordered_map<std::string, std::string> answers_;
    std::deque<std::string> order_;
};

/// What the server knows about one connection.
struct SessionContext {
    std::optional<Role> role;  ///< set by a successful hello
    std::string nip;           ///< the authenticated officer, for counter/manager/admin
    int counter = 0;           ///< the counter a counter session works at
    bool subscribed = false;
    std::string peer;     ///< remote address and port, for the log
    std::string address;  ///< remote address alone, for the log-in throttle
    bool web = false;     ///< a dashboard request: its tokens are the dashboard's cookies
    /// Ends the connection; set by a client-port session, so that the handler can end
    /// the sessions of an officer who is deactivated or loses the role.
    std::shared_ptr<const std::function<void()>> end;
};

/// Event lines for a broadcast, as staff sessions and as the lobby (kiosks, boards)
/// see them (views::Audience): the same events, index by index.
struct EventLines {
    std::vector<std::string> staff;
    std::vector<std::string> lobby;
};

struct HandlerOptions {
    bool always_open = false;                    ///< issue tickets outside opening hours (try-outs)
    Millis token_lifetime = 16LL * 3600 * 1000;  ///< and never past the office day's end
    LoginThrottle::Policy login_throttle;        ///< delays after failed log-ins
    /// Online bookings per address (many phones share one behind a carrier's NAT)...
    RateLimit::Policy bookings_per_address{60, 10 * 60'000, 100'000};
    /// ...and per NIK (docs/booking.md).
    RateLimit::Policy bookings_per_nik{5, 10 * 60'000, 100'000};
};

/// Who may run an op: one bit per session role.
using RoleMask = unsigned;
constexpr RoleMask role_bit(Role r) { return 1u << static_cast<unsigned>(r); }

/// What an op does, as the op table (op_table.cpp) and docs/protocol.md §5.0 say.
enum class OpKind {
    command,    ///< an engine command: changes the queue, committed in the batch
    read,       ///< answers from the state; changes nothing
    offloaded,  ///< a read of the event log, run away from the I/O thread
    login,      ///< log-in records (sessions, tokens, officers); PINs checked away from the I/O thread
};

class Handler {
public:
    /// Runs `work` away from the I/O thread, then `then` back on it.
    using Offload = std::function<void(std::function<void()> work, std::function<void()> then)>;

    /// One request being handled, as an op's function sees it.
    struct Call {
        SessionContext& ctx;
        const protocol::Request& req;
        Millis now;
        views::Audience audience;
        /// Answers later (ops that return nothing); called exactly once.
        std::function<void(Outcome)> done;
        const protocol::json& body() const { return req.body; }
    };
    /// An op's function: its answer now, or nothing when it answers later through `done`.
    using OpFn = std::optional<Outcome> (Handler::*)(Call&);
    /// One op of the line protocol: permissions and dispatch both come from this.
    struct Op {
        std::string_view name;
        RoleMask roles;  ///< the session roles that may run it
        OpKind kind;
        OpFn run;
    };
    /// Every op, in the order of docs/protocol.md §5.0.
    static const std::vector<Op>& ops();
    /// The op named `name`, or null when there is none.
    static const Op* find_op(std::string_view name);

    /// Opens the office: seeds a new database from `office`, or restores the saved
    /// state and adds services/counters the file has and the database lacks.
    Handler(const OfficeConfig& office, Store& store, const Clock& clock, HandlerOptions options, Offload offload);
    ~Handler();

    /// Handles one decoded request; `done` is called exactly once, after the
    /// request's changes (if any) are committed: possibly later.
    void handle(SessionContext& ctx, const protocol::Request& request, std::function<void(Outcome)> done);
    /// Group commit: `schedule` runs the flush a little later (after the requests
    /// already received), `broadcast` sends event lines to every subscriber, each
    /// the lines of its audience.
    /// Without a scheduler every answer is committed on its own, at once.
    void set_batching(std::function<void(std::function<void()>)> schedule,
                      std::function<void(const EventLines&)> broadcast);
    /// Runs a function after a delay, on the I/O thread (the server's timer).
    using Pace = std::function<void(std::chrono::milliseconds, std::function<void()>)>;
    /// Paces the estimates: a refresh begins at least `estimate_gap` after the one
    /// before it, later ones waiting through `pace`. Without it each refresh begins at
    /// once (tests and the fuzzer, whose clocks are their own).
    void set_pacing(Pace pace) { pace_ = std::move(pace); }
    static constexpr std::chrono::milliseconds estimate_gap{200};
    /// Holds a refresh's figures up to `figures_hold` through `hold`, so that they go
    /// out with the next batch's events in one write per board when a batch comes
    /// sooner (publish_estimates). Without it they go out at once.
    void set_figures_hold(Pace hold) { hold_ = std::move(hold); }
    static constexpr std::chrono::milliseconds figures_hold{50};
    /// Commits what is staged and sends the answers and events waiting for it (batch.cpp).
    void flush();
    /// Closes the day if midnight has passed (committed and broadcast at once).
    void roll_over();
    /// The moment the current office day ends (for the server's midnight timer).
    Millis next_day_start() const;

    /// Ends one dashboard log-in token (a cookie) at once; unknown tokens are ignored.
    void forget_token(const std::string& token);

    const Engine& engine() const { return *engine_; }
    /// The current call estimates (docs/queue.md "Estimates on the screens"): computed
    /// when the office opens, after every committed change to the queue and on the
    /// server's timer (refresh_estimates).
    const estimates::Set* estimates() const { return estimates_.get(); }
    /// Recomputes the estimates away from the I/O thread on a copy of the engine, then
    /// broadcasts every service's new figures (queue_changed). One run at a time: a
    /// request while one runs makes one more run after it, so the answers never wait.
    void refresh_estimates();
    /// The office days the holding times are learned from: the last eight weeks before
    /// today (docs/queue.md "Learned holding times").
    static constexpr int history_days = 56;
    /// The holding times learned from the office's history (null: none read yet).
    const estimates::Learned& learned() const { return learned_; }
    const Bookings& bookings() const { return *bookings_; }
    const HandlerOptions& options() const { return options_; }

    // -- online booking from the citizens' public page (ops_booking.cpp) ----------
    // Reads throw Refusal for a bad request; changes answer through `done` after
    // their commit, with {"ok":true,"booking":...} or {"ok":false,"error":...}.
    /// The services that take bookings, with their open days and requirements.
    protocol::json booking_services(Millis now) const;
    /// The sessions of a service's day with their remaining places.
    protocol::json booking_sessions(const std::string& service, const std::string& day, Millis now) const;
    /// A booking found by NIK and code, as its owner sees it (NIK masked).
    protocol::json find_booking(const std::string& nik, const std::string& code) const;
    /// Books: {service, day, session "HH:MM", nik, name, phone?}.
    void book_online(const protocol::json& body, std::function<void(Outcome)> done);
    /// Cancels: {nik, code}.
    void cancel_online(const protocol::json& body, std::function<void(Outcome)> done);
    /// The start of the citizens' links that the issue reply carries ("http://host:port").
    void set_public_base_url(std::string url) { public_base_url_ = std::move(url); }

private:
    using Reply = protocol::json;

    // The ops, one function each (or one for a pair that differ by a word), by file.
    // ops_read.cpp
    std::optional<Outcome> op_ping(Call& c);
    std::optional<Outcome> op_snapshot(Call& c);  // snapshot and subscribe
    std::optional<Outcome> op_ticket(Call& c);
    std::optional<Outcome> op_ticket_status(Call& c);  // the kiosk's "Cek nomor"
    std::optional<Outcome> op_my_day(Call& c);
    std::optional<Outcome> op_officers(Call& c);
    std::optional<Outcome> op_events(Call& c);
    std::optional<Outcome> op_audit(Call& c);
    std::optional<Outcome> op_read_period(Call& c);     // report, ikm, officer_sheet (handler_report.cpp)
    std::optional<Outcome> op_booking_report(Call& c);  // handler_report.cpp
    // ops_counter.cpp
    std::optional<Outcome> op_issue(Call& c);
    std::optional<Outcome> op_call_next(Call& c);
    std::optional<Outcome> op_call(Call& c);
    std::optional<Outcome> op_recall(Call& c);
    std::optional<Outcome> op_start(Call& c);
    std::optional<Outcome> op_finish(Call& c);
    std::optional<Outcome> op_no_show(Call& c);
    std::optional<Outcome> op_transfer(Call& c);
    std::optional<Outcome> op_pause(Call& c);
    std::optional<Outcome> op_resume(Call& c);
    std::optional<Outcome> op_logout(Call& c);  // logout and close_counter
    std::optional<Outcome> op_cancel(Call& c);
    std::optional<Outcome> op_set_priority(Call& c);
    std::optional<Outcome> op_printer_status(Call& c);
    std::optional<Outcome> op_feedback(Call& c);
    std::optional<Outcome> op_survey(Call& c);
    std::optional<Outcome> op_survey_notes(Call& c);  // ops_skm.cpp
    std::optional<Outcome> op_survey_reply(Call& c);
    // ops_admin.cpp
    std::optional<Outcome> op_service_close(Call& c);  // service_close and service_open
    std::optional<Outcome> op_service_set(Call& c);
    std::optional<Outcome> op_counter_set(Call& c);
    // ops_booking.cpp
    std::optional<Outcome> op_bookings(Call& c);
    std::optional<Outcome> op_booking_close(Call& c);
    std::optional<Outcome> op_booking_checkin(Call& c);
    std::optional<Outcome> op_ticket_booking(Call& c);
    // login.cpp
    std::optional<Outcome> op_hello(Call& c);
    std::optional<Outcome> op_officer_write(Call& c);  // officer_add and officer_set

    void finish_hello(SessionContext& ctx, const protocol::Request& req, const OfficerRecord& officer, Role role,
                      int counter, bool issue_token, std::function<void(Outcome)> done);
    /// An officer's record as the next commit leaves it: staged in the batch, or stored.
    std::optional<OfficerRecord> officer_record(const std::string& nip);
    /// Answers the retries that waited for the keyed request `key` with its `answer`,
    /// each under its own id.
    void answer_retries(const std::string& key, const Outcome& answer);
    /// Ends the open client-port sessions of `officer` that its record no longer
    /// allows (all of them when it is inactive).
    void end_sessions_beyond(const OfficerRecord& officer);
    /// Queues an effect and its event messages for the next group commit.
    void stage(const Effect& fx);
    /// Queues an answer to be delivered once what was staged before it is committed;
    /// with a `key`, an ok answer is kept in the same commit (AnswerCache, Store).
    void answer(Outcome out, std::function<void(Outcome)> deliver, std::string key = {});
    /// Runs an engine command and stages its effect, after first staging a pending
    /// day roll-over on its own so a refusal cannot undo it.
    Effect run(const std::function<Effect(Engine&, Millis)>& command);
    /// run(), answered with `reply`'s fields.
    Outcome apply(const protocol::Request& req, const std::function<Effect(Engine&, Millis)>& command,
                  const std::function<Reply(const Effect&)>& reply);
    /// An engine command whose reply is the ticket it acted on.
    Outcome apply_to_ticket(const Call& c, const std::function<Effect(Engine&, Millis)>& command);
    /// Stages the close of the office day when midnight has passed, before any
    /// command, so that a refused command cannot undo it.
    void close_day_if_due(Millis now);
    /// Stages an event of the office that no engine command makes (a printer's state, a
    /// manager's answer to a saran), after closing the day if due.
    void stage_office_event(std::string type, Millis now, std::string detail, std::string officer = {});
    /// A read of a period's events and what to answer from them: built on the I/O
    /// thread (checks and copies of what it needs), run on another (handler_report.cpp).
    /// Hands the period's events, one at a time, to a visitor.
    using EventSource = std::function<void(const std::function<void(const metrics::LoggedEvent&)>&)>;
    struct Reading {
        std::string from, to;
        std::function<protocol::json(const EventSource&)> answer;
    };
    /// The `report` op: metrics over [from, to] grouped by `by`.
    Reading report(const protocol::json& body, Millis now);
    /// The `ikm` op: the SKM survey's NRR per unsur, IKM and grade over [from, to]; with
    /// `print`, also the period's notes and the office's place and today.
    Reading ikm(const protocol::json& body, Millis now);
    /// The saran/pengaduan of [from, to] (of `service`, "" every one) for the printed
    /// `ikm` reply: the first 500, oldest first, and how many there are (answered or not).
    protocol::json report_notes(const std::string& from, const std::string& to, const std::string& service);
    /// The `officer_sheet` op: one officer's figures per service beside the targets.
    Reading officer_sheet(const protocol::json& body, Millis now);
    std::vector<Service> service_definitions() const;
    /// Reads the bookings from the store (at start and after a failed commit).
    void load_bookings();
    /// Stages the day's close and the bookings' sweep (missed, retention) before a booking command.
    void sweep_bookings(Millis now);
    const ServiceState& booking_service(const std::string& code) const;
    protocol::json public_booking(const Booking& b) const;
    Effect book(const protocol::json& body, Millis now);
    void citizen_change(const std::function<Effect(Millis)>& change, std::function<void(Outcome)> done);
    /// The `audit` op: administrative changes in [from, to] with who made them.
    protocol::json audit(const protocol::json& body);
    TicketId ticket_ref(const protocol::json& body) const;
    int own_counter(const SessionContext& ctx, const protocol::json& body) const;

    OfficeConfig office_;
    Store& store_;
    const Clock& clock_;
    HandlerOptions options_;
    Offload offload_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<Bookings> bookings_;
    std::shared_ptr<const estimates::Set> estimates_;
    bool estimating_ = false;      // a refresh runs
    bool estimate_again_ = false;  // ...and another was asked for meanwhile
    Pace pace_;
    bool paced_ = false;  // a refresh waits for its turn (pace_)
    Pace hold_;
    std::string figures_held_;  // a refresh's queue_changed not sent yet (hold_)
    /// Sends the held figures now, if any.
    void send_held_figures();
    std::chrono::steady_clock::time_point refreshed_{};  // when the last refresh began
    /// Broadcasts every service's figures with the current estimates.
    void publish_estimates();
    /// The settings of every forward run the server does at `now` (estimates::options).
    ForwardOptions forward_options(Millis now) const;
    /// Learns the holding times afresh when the office-local hour has turned since the
    /// table was built (learned_holds() looks at the hour): the history is read on a
    /// read-only connection on the worker pool, then the estimates are refreshed.
    void relearn_if_due(Millis now);
    /// Learns the holding times on the store's own connection, here and now: at start,
    /// before the office serves anyone, and where there is no pool or second connection.
    void learn_here(Millis now);
    estimates::Learned learned_;
    std::string learned_for_;  // the office day and hour learned_ was built for
    bool learning_ = false;    // a rebuild runs on the pool
    struct StagedEvent {
        views::EventLine staff;  // as staff sessions see it
        views::EventLine lobby;  // as kiosks and boards see it: no NIP
    };
    struct Answer {
        Outcome outcome;
        std::function<void(Outcome)> deliver;
        std::size_t events_before;  // events staged before this answer was made
        std::string key;            // the request's scoped key, or empty
    };
    struct Batch {
        std::vector<Effect> effects;
        std::vector<AccountWrite> accounts;  // officers and tokens, in the same transaction
        std::vector<StagedEvent> events;
        std::set<std::string> touched;  // services whose queue figures changed
        std::vector<Answer> answers;
    };
    Batch batch_;
    bool flush_scheduled_ = false;
    std::function<void(std::function<void()>)> schedule_;
    std::function<void(const EventLines&)> broadcast_;
    AnswerCache answers_{Store::answers_kept};
    /// Keyed requests being handled, not yet answered (staged in the batch, waiting for
    /// a PIN's hash, or being committed), with the retries that wait for their answer.
    struct Retry {
        protocol::json id;
        std::function<void(Outcome)> deliver;
    };
    std::unordered_map<std::string, std::vector<Retry>> in_flight_;
    LoginThrottle throttle_;
    std::string public_base_url_;  // the issue reply's link: public_base_url_ + "/t/" + code
    /// Client-port staff sessions, so that they can be ended; a closed one expires.
    struct OpenSession {
        std::string nip;
        Role role;
        std::weak_ptr<const std::function<void()>> end;
    };
    std::vector<OpenSession> open_sessions_;
    LogLimiter login_log_;  // lines about refused log-ins, a few a minute per address
};

}  // namespace antre
