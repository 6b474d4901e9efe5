#include "antre/counter/controller.hpp"

#include "antre/counter/layout.hpp"
#include "antre/errors.hpp"

namespace antre::counter {

using json = nlohmann::json;

Controller::Controller(ControllerOptions options, ScreenState initial)
    : options_(std::move(options)),
      state_(std::move(initial)),
      inbox_(gui::Inbox<std::pair<std::uint64_t, Job>>::default_capacity, options_.wake) {
    if (state_.server.empty()) state_.server = options_.host + ":" + std::to_string(options_.port);
}

Controller::~Controller() { end_session(); }

void Controller::post(std::uint64_t session, Job job) { inbox_.push({session, std::move(job)}); }

bool Controller::pump(Millis now) {
    auto [jobs, dropped] = inbox_.drain();
    bool changed = false;
    // Work was lost while the screen did not drain: the server's state puts it right.
    if (dropped > 0 && state_.phase == Phase::working) {
        fetch("snapshot");
        fetch("my_day");
        // The booking's answer may have been among the work lost.
        if (state_.booking && state_.booking->status == BookingView::Status::loading)
            fetch_booking(state_.booking->ticket);
    }
    for (auto& [session, job] : jobs) {
        if (session != session_) continue;  // from a session that has ended
        run(job(state_, now), now);
        changed = true;
    }
    const bool had_message = state_.message.has_value();
    tick(state_, now);
    return changed || had_message != state_.message.has_value();
}

void Controller::key(Key k, Millis now) { run(on_key(state_, k, now), now); }

void Controller::text(std::string_view t, Millis now) { run(on_text(state_, t, now), now); }

void Controller::tap(int x, int y, int width, int height, Millis now) {
    run(on_tap(state_, hit_test(compute_layout(state_, width, height), x, y), now), now);
}

void Controller::run(Commands commands, Millis now) {
    (void)now;
    for (const auto& c : commands) {
        switch (c.kind) {
            case Command::Kind::sign_in:
                sign_in(c);
                break;
            case Command::Kind::cancel_sign_in:
            case Command::Kind::end_session:
                end_session();
                break;
            case Command::Kind::request:
                request(c);
                break;
            case Command::Kind::fetch_my_day:
                fetch("my_day");
                break;
            case Command::Kind::fetch_snapshot:
                fetch("snapshot");
                break;
            case Command::Kind::fetch_booking:
                fetch_booking(c.ticket);
                break;
        }
    }
}

void Controller::sign_in(const Command& c) {
    end_session();
    const auto id = ++session_;
    ClientOptions o;
    o.host = options_.host;
    o.port = options_.port;
    o.hello = {{"role", "counter"}, {"counter", c.counter}, {"nip", c.nip}, {"pin", c.pin}};
    o.subscribe = true;
    o.min_backoff = options_.min_backoff;
    o.max_backoff = options_.max_backoff;
    client_ = std::make_unique<Client>(std::move(o));
    Client* client = client_.get();
    client_->on_event(
        [this, id](const json& e) { post(id, [e](ScreenState& s, Millis now) { return on_event(s, e, now); }); });
    client_->on_state([this, id, client](ConnectionState st, const std::string& why) {
        const Reply hello = client->hello_reply();
        post(id, [st, why, hello](ScreenState& s, Millis now) { return on_connection(s, st, why, hello, now); });
    });
    client_->start();
}

void Controller::end_session() {
    if (!client_) return;
    ++session_;
    client_.reset();  // joins the client's thread, ending calls and retries: no callback runs after this
}

void Controller::request(const Command& c) {
    if (!client_) {
        run(on_reply(state_, c.op, Reply{false, json::object(), errc::connection_lost, "no session"}, 0), 0);
        return;
    }
    const auto id = session_;
    // A fresh key per press: the client library resends a lost reply's request with it.
    json fields = c.fields;
    fields["key"] = client_->new_key();
    client_->call_async(
        c.op, std::move(fields),
        [this, id, op = c.op](Reply r) {
            post(id, [op, r](ScreenState& s, Millis now) { return on_reply(s, op, r, now); });
        },
        options_.request_timeout,
        [this, id](int attempt) {
            post(id, [attempt](ScreenState& s, Millis) {
                on_retry(s, attempt);
                return Commands{};
            });
        });
}

void Controller::fetch(const std::string& op) {
    if (!client_) return;
    const auto id = session_;
    client_->call_async(
        op, json::object(),
        [this, id, op](Reply r) {
            post(id, [op, r](ScreenState& s, Millis now) -> Commands {
                if (op == "my_day") {
                    on_my_day(s, r);
                    return {};
                }
                if (!r.ok) return {};
                return on_snapshot(s, r.body.value("snapshot", json::object()), now);
            });
        },
        options_.request_timeout);
}

void Controller::fetch_booking(std::int64_t ticket) {
    if (!client_) return;
    const auto id = session_;
    // A read, sent once: the reply (NIK included) goes straight to the state, never to a log.
    client_->call_async(
        "ticket_booking", {{"ticket", ticket}},
        [this, id, ticket](Reply r) {
            post(id, [ticket, r](ScreenState& s, Millis) {
                on_booking(s, ticket, r);
                return Commands{};
            });
        },
        options_.request_timeout);
}

}  // namespace antre::counter
