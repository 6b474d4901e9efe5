#include "antre/client.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "antre/errors.hpp"
#include "antre/tls.hpp"
#include "keyed_retry.hpp"

namespace antre {

namespace asio = boost::asio;
using boost::system::error_code;
using json = nlohmann::json;

std::string_view to_string(ConnectionState s) {
    switch (s) {
        case ConnectionState::connecting:
            return "connecting";
        case ConnectionState::ready:
            return "ready";
        case ConnectionState::refused:
            return "refused";
        case ConnectionState::stopped:
            return "stopped";
    }
    return "?";
}

namespace {

Reply failure(const std::string& code, const std::string& message) {
    return Reply{false, json::object(), code, message};
}

Reply reply_from(json j) {
    Reply r;
    r.ok = j.value("ok", false);
    if (!r.ok && j.contains("error") && j["error"].is_object()) {
        r.code = j["error"].value("code", "");
        r.message = j["error"].value("message", "");
    }
    r.body = std::move(j);
    return r;
}

}  // namespace

struct Client::Impl : std::enable_shared_from_this<Impl> {
    struct Pending {
        std::string line;  // the request, kept until it is sent
        std::function<void(Reply)> done;
        std::unique_ptr<asio::steady_timer> timer;
        bool internal = false;  // hello/subscribe/ping: not replayed, not user-visible
    };

    explicit Impl(ClientOptions o)
        : options(std::move(o)),
          tls_context(options.tls ? tls::client_context(options.tls_ca_file, options.tls_verify) : nullptr),
          resolver(io),
          retry_timer(io),
          ping_timer(io),
          in(protocol::max_server_line_bytes + 1),
          backoff(options.min_backoff),
          retry_waits(io),
          key_prefix(detail::random_key_prefix(options.hello.value("role", "client"))) {}

    ClientOptions options;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    std::thread thread;
    std::shared_ptr<tls::Context> tls_context;  // null: plain TCP
    // A new stream for every connection (a TLS stream cannot be reused); handlers
    // hold it, so a stale one never outlives what it reads into.
    std::shared_ptr<tls::Stream> stream;
    asio::ip::tcp::resolver resolver;
    asio::steady_timer retry_timer;
    asio::steady_timer ping_timer;
    asio::streambuf in;
    std::deque<std::string> out;
    std::chrono::milliseconds backoff;
    std::int64_t next_id = 1;
    std::map<std::int64_t, Pending> pending;  // sent, awaiting a reply
    std::deque<std::int64_t> unsent;          // user requests waiting for the link
    bool connected = false;                   // socket up and hello accepted
    std::uint64_t generation = 0;             // bumps on every new and every closed connection
    detail::RetryWaits retry_waits;           // keyed calls between two sends
    const std::string key_prefix;             // this client's part of every key it makes
    std::atomic<std::uint64_t> keys_made{0};

    std::function<void(const json&)> event_handler;
    std::function<void(ConnectionState, const std::string&)> state_handler;

    mutable std::mutex mutex;
    std::condition_variable changed;
    ConnectionState state = ConnectionState::connecting;
    Reply hello;

    void set_state(ConnectionState s, const std::string& why) {
        {
            std::lock_guard lock(mutex);
            state = s;
        }
        changed.notify_all();
        if (state_handler) state_handler(s, why);
    }

    // -- connection ----------------------------------------------------------

    void do_connect() {
        stream = std::make_shared<tls::Stream>(asio::ip::tcp::socket(io), tls_context);
        stream->expect_host(options.host);
        resolver.async_resolve(
            options.host, std::to_string(options.port),
            [self = shared_from_this(), s = stream](error_code ec, asio::ip::tcp::resolver::results_type r) {
                if (ec) return self->lost("resolve: " + ec.message());
                asio::async_connect(s->socket(), r, [self, s](error_code ec2, const auto&) {
                    if (ec2) return self->lost("connect: " + ec2.message());
                    s->async_handshake(asio::ssl::stream_base::client, [self](error_code ec3) {
                        if (ec3) return self->lost("TLS handshake: " + ec3.message());
                        self->on_connected();
                    });
                });
            });
    }

    void on_connected() {
        ++generation;
        error_code ignored;
        stream->socket().set_option(asio::ip::tcp::no_delay(true), ignored);
        do_read();
        send_internal("hello", options.hello, [self = shared_from_this()](Reply r) { self->on_hello(std::move(r)); });
    }

    void on_hello(Reply r) {
        if (!r.ok) {
            const bool transient = r.code == errc::connection_lost || r.code == errc::timeout;
            {
                std::lock_guard lock(mutex);
                hello = r;
            }
            if (transient) return;
            // The server cannot write its database now (a counter log-in writes):
            // that passes, so try again later like a lost link, not give up.
            if (r.code == errc::storage_unavailable) return lost("hello: " + r.code);
            fail_all(r.code, r.message);
            close_socket();
            return set_state(ConnectionState::refused, r.code + ": " + r.message);
        }
        // Reconnects use the token instead of the PIN, which is then forgotten.
        if (r.body.contains("token") && r.body["token"].is_string()) {
            options.hello.erase("pin");
            options.hello.erase("nip");
            options.hello["token"] = r.body["token"];
        }
        {
            std::lock_guard lock(mutex);
            hello = r;
        }
        if (!options.subscribe) return became_ready();
        send_internal("subscribe", json::object(), [self = shared_from_this()](Reply s) {
            if (!s.ok) return;  // the link dropped meanwhile; the reconnect subscribes again
            if (self->event_handler)
                self->event_handler(
                    json{{"event", "snapshot"}, {"snapshot", s.body.value("snapshot", json::object())}});
            self->became_ready();
        });
    }

    void became_ready() {
        connected = true;
        backoff = options.min_backoff;
        while (!unsent.empty()) {
            auto id = unsent.front();
            unsent.pop_front();
            if (auto it = pending.find(id); it != pending.end()) write(it->second.line);
        }
        arm_ping();
        set_state(ConnectionState::ready, "");
    }

    void lost(const std::string& why) {
        if (state_is(ConnectionState::stopped) || state_is(ConnectionState::refused)) return;
        connected = false;
        close_socket();
        // Sent requests may or may not have been applied: their callers must know.
        for (auto it = pending.begin(); it != pending.end();) {
            const bool queued = std::find(unsent.begin(), unsent.end(), it->first) != unsent.end();
            if (queued) {
                ++it;
                continue;
            }
            auto p = std::move(it->second);
            it = pending.erase(it);
            if (p.timer) p.timer->cancel();
            if (!p.internal)
                p.done(failure(errc::connection_lost, "connection lost: " + why));
            else
                p.done(failure(errc::connection_lost, why));
        }
        if (!options.reconnect) {
            fail_all(errc::connection_lost, why);
            return set_state(ConnectionState::stopped, why);
        }
        set_state(ConnectionState::connecting, why);
        retry_timer.expires_after(backoff);
        backoff = std::min(backoff * 2, options.max_backoff);
        retry_timer.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec) self->do_connect();
        });
    }

    bool state_is(ConnectionState s) const {
        std::lock_guard lock(mutex);
        return state == s;
    }

    void close_socket() {
        // A read or write of the old connection may have completed already, its
        // handler queued: it must not touch the buffers cleared here (a write
        // handler that pops `out` after the clear frees a line twice).
        ++generation;
        if (stream) stream->close();
        out.clear();
        in.consume(in.size());
        ping_timer.cancel();
    }

    void fail_all(const std::string& code, const std::string& message) {
        auto all = std::move(pending);
        pending.clear();
        unsent.clear();
        for (auto& [id, p] : all) {
            if (p.timer) p.timer->cancel();
            p.done(failure(code, message));
        }
        retry_waits.fail_all(failure(code, message));
    }

    void arm_ping() {
        ping_timer.expires_after(options.ping_interval);
        ping_timer.async_wait([self = shared_from_this()](error_code ec) {
            if (ec || !self->connected) return;
            self->send_internal("ping", json::object(), [](Reply) {});
            self->arm_ping();
        });
    }

    // -- requests ------------------------------------------------------------

    std::string encode(std::int64_t id, const std::string& op, json fields) {
        fields["id"] = id;
        fields["op"] = op;
        return json_line(fields);
    }

    void send_internal(const std::string& op, json fields, std::function<void(Reply)> done) {
        const auto id = next_id++;
        Pending p{encode(id, op, std::move(fields)), std::move(done), nullptr, true};
        write(p.line);
        pending.emplace(id, std::move(p));
    }

    // One send of a user call. A keyed call whose reply was lost is sent again, same
    // key, after retry_delay(), while the client still runs and attempts remain.
    void send_call(const std::shared_ptr<detail::UserCall>& call) {
        send_user(call->op, call->fields, call->timeout, [self = shared_from_this(), call](Reply r) {
            const auto& policy = self->options.keyed_retry;
            const bool running = !self->state_is(ConnectionState::stopped) && !self->state_is(ConnectionState::refused);
            if (!call->keyed() || !detail::reply_lost(r) || call->attempt >= policy.max_attempts || !running)
                return call->done(std::move(r));
            self->retry_waits.wait(call, policy.delay_before(call->attempt + 1), [self, call] {
                ++call->attempt;
                if (call->on_retry) call->on_retry(call->attempt);
                self->send_call(call);
            });
        });
    }

    void send_user(const std::string& op, json fields, std::chrono::milliseconds timeout,
                   std::function<void(Reply)> done) {
        if (state_is(ConnectionState::refused) || state_is(ConnectionState::stopped)) {
            Reply h;
            {
                std::lock_guard lock(mutex);
                h = hello;
            }
            return done(h.code.empty() ? failure(errc::connection_lost, "client stopped") : failure(h.code, h.message));
        }
        const auto id = next_id++;
        Pending p{encode(id, op, std::move(fields)), std::move(done), std::make_unique<asio::steady_timer>(io), false};
        p.timer->expires_after(timeout);
        p.timer->async_wait([self = shared_from_this(), id](error_code ec) {
            if (ec) return;
            auto it = self->pending.find(id);
            if (it == self->pending.end()) return;
            auto done_fn = std::move(it->second.done);
            self->pending.erase(it);
            self->unsent.erase(std::remove(self->unsent.begin(), self->unsent.end(), id), self->unsent.end());
            done_fn(failure(errc::timeout, "no reply from the server in time"));
        });
        if (connected)
            write(p.line);
        else
            unsent.push_back(id);
        pending.emplace(id, std::move(p));
    }

    void write(const std::string& line) {
        out.push_back(line + "\n");
        if (out.size() == 1) do_write();
    }

    void do_write() {
        stream->visit([this](auto& s) {
            asio::async_write(s, asio::buffer(out.front()),
                              [self = shared_from_this(), keep = stream, gen = generation](error_code ec, std::size_t) {
                                  if (gen != self->generation) return;
                                  if (ec) return self->lost("write: " + ec.message());
                                  self->out.pop_front();
                                  if (!self->out.empty()) self->do_write();
                              });
        });
    }

    void do_read() {
        stream->visit([this](auto& s) {
            asio::async_read_until(
                s, in, '\n',
                [self = shared_from_this(), keep = stream, gen = generation](error_code ec, std::size_t n) {
                    if (gen != self->generation) return;
                    const bool hung_up = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
                    if (ec) return self->lost(hung_up ? "server closed the connection" : "read: " + ec.message());
                    std::string line(asio::buffers_begin(self->in.data()),
                                     asio::buffers_begin(self->in.data()) + static_cast<std::ptrdiff_t>(n));
                    self->in.consume(n);
                    self->on_line(line);
                    self->do_read();
                });
        });
    }

    void on_line(const std::string& line) {
        json j = json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return;
        if (j.contains("event")) {
            if (event_handler) event_handler(j);
            return;
        }
        if (!j.contains("id") || !j["id"].is_number_integer()) return;  // an error about an unreadable line
        auto it = pending.find(j["id"].get<std::int64_t>());
        if (it == pending.end()) return;  // timed out already
        auto p = std::move(it->second);
        pending.erase(it);
        if (p.timer) p.timer->cancel();
        p.done(reply_from(std::move(j)));
    }
};

Client::Client(ClientOptions options) : impl_(std::make_shared<Impl>(std::move(options))) {}

Client::~Client() { stop(); }

void Client::on_event(std::function<void(const json&)> handler) { impl_->event_handler = std::move(handler); }

void Client::on_state(std::function<void(ConnectionState, const std::string&)> handler) {
    impl_->state_handler = std::move(handler);
}

void Client::start() {
    asio::post(impl_->io, [impl = impl_] { impl->do_connect(); });
    impl_->thread = std::thread([impl = impl_] { impl->io.run(); });
}

void Client::stop() {
    if (!impl_->thread.joinable()) return;
    asio::post(impl_->io, [impl = impl_] {
        impl->set_state(ConnectionState::stopped, "stopped");
        impl->fail_all(errc::connection_lost, "client stopped");
        impl->retry_timer.cancel();
        impl->resolver.cancel();
        impl->close_socket();
        impl->work.reset();
        impl->io.stop();
    });
    impl_->thread.join();
}

bool Client::wait_ready(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mutex);
    impl_->changed.wait_for(lock, timeout, [&] {
        return impl_->state == ConnectionState::ready || impl_->state == ConnectionState::refused ||
               impl_->state == ConnectionState::stopped;
    });
    return impl_->state == ConnectionState::ready;
}

ConnectionState Client::state() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->state;
}

Reply Client::hello_reply() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->hello;
}

void Client::call_async(const std::string& op, json fields, std::function<void(Reply)> done,
                        std::chrono::milliseconds timeout, std::function<void(int)> on_retry) {
    if (!impl_->thread.joinable() && state() == ConnectionState::stopped)
        return done(failure(errc::connection_lost, "client stopped"));
    auto call = std::make_shared<detail::UserCall>(
        detail::UserCall{op, std::move(fields), std::move(done), std::move(on_retry), timeout, 1});
    asio::post(impl_->io, [impl = impl_, call = std::move(call)] { impl->send_call(call); });
}

std::string Client::new_key() { return impl_->key_prefix + "-" + std::to_string(++impl_->keys_made); }

Reply Client::call(const std::string& op, json fields, std::chrono::milliseconds timeout) {
    auto promise = std::make_shared<std::promise<Reply>>();
    auto future = promise->get_future();
    call_async(
        op, std::move(fields), [promise](Reply r) { promise->set_value(std::move(r)); }, timeout);
    return future.get();
}

}  // namespace antre
