// The client library every Antre program uses to talk to the server: connect,
// hello, request/reply matching, events, automatic reconnect with back-off,
// re-subscription, and the retry of keyed requests whose reply was lost. It runs
// its own I/O thread; callbacks run on that thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "antre/protocol.hpp"

namespace antre {

/// How the library resends a request that carries a `key` (protocol.md §1.7, §3.4) when
/// its reply was lost (`connection_lost`) or late (`timeout`): the same request, same key,
/// so the server answers a repeat with its first answer instead of applying it twice.
struct KeyedRetry {
    /// Sends per request: the first and its retries (1: no retry).
    int max_attempts = 6;
    /// The wait before the n-th send (n >= 2) is first_delay * 2^(n-2), at most max_delay;
    /// a request resent while the link is down also waits for the reconnect.
    std::chrono::milliseconds first_delay{200};
    std::chrono::milliseconds max_delay{5000};

    /// The wait before send `n` (n >= 2).
    std::chrono::milliseconds delay_before(int n) const;
};

struct ClientOptions {
    std::string host = "127.0.0.1";
    unsigned short port = protocol::default_port;
    /// Fields of the hello request: role, and counter/nip/pin or token as the role needs.
    nlohmann::json hello = {{"role", "kiosk"}};
    /// Subscribe after hello (and after every reconnect): a snapshot, then events.
    bool subscribe = false;
    bool reconnect = true;
    std::chrono::milliseconds min_backoff{200};
    std::chrono::milliseconds max_backoff{5000};
    /// Keeps an idle connection alive through the server's idle timeout.
    std::chrono::milliseconds ping_interval{60000};
    /// TLS, for a server started with --tls-cert and --tls-key.
    bool tls = false;
    /// The PEM file the server's certificate must chain to (the office's own CA, or
    /// the server's self-signed certificate); empty: the system's CAs.
    std::string tls_ca_file;
    /// Checks the server's certificate and name; off only for try-outs.
    bool tls_verify = true;
    /// Retries of keyed requests; every client uses the same policy.
    KeyedRetry keyed_retry;
};

/// A reply, or a failure to get one (codes connection_lost, timeout).
struct Reply {
    bool ok = false;
    nlohmann::json body;  ///< the whole reply object
    std::string code;     ///< error code when !ok
    std::string message;  ///< error message when !ok
};

enum class ConnectionState {
    connecting,  ///< trying to reach the server (again)
    ready,       ///< hello accepted (and subscribed, if asked)
    refused,     ///< the server refused the hello: no retry
    stopped,
};

std::string_view to_string(ConnectionState s);

class Client {
public:
    /// Throws std::runtime_error when TLS is asked for and the CA file cannot be read.
    explicit Client(ClientOptions options);
    /// Stops the I/O thread; outstanding calls fail with connection_lost.
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    /// Called for every event line, and with {"event":"snapshot","snapshot":{..}}
    /// after each (re)subscription. Set before start().
    void on_event(std::function<void(const nlohmann::json&)> handler);
    /// Called on every change of connection state, with a reason. Set before start().
    void on_state(std::function<void(ConnectionState, const std::string&)> handler);

    /// Starts connecting in the background.
    void start();
    void stop();

    /// Waits until the hello is accepted (true) or refused / the wait ends (false).
    bool wait_ready(std::chrono::milliseconds timeout);
    ConnectionState state() const;
    /// The accepted hello's reply (officer, counter, token...), or the refusal.
    Reply hello_reply() const;

    /// Sends a request and waits for its reply. A request made while the link is
    /// down waits for the reconnect (within `timeout`, which bounds each attempt).
    /// A request with a `key` field is retried under `ClientOptions::keyed_retry`.
    Reply call(const std::string& op, nlohmann::json fields = nlohmann::json::object(),
               std::chrono::milliseconds timeout = std::chrono::seconds(15));
    /// The same without waiting; `done` runs once, on the client's thread, with the
    /// final reply. `on_retry(n)` runs there before the n-th send of a keyed request.
    void call_async(const std::string& op, nlohmann::json fields, std::function<void(Reply)> done,
                    std::chrono::milliseconds timeout = std::chrono::seconds(15),
                    std::function<void(int)> on_retry = nullptr);

    /// A request key no other call made, by this client, another client or an earlier
    /// run (a random prefix per client, then a count): 1-64 bytes. Thread-safe.
    std::string new_key();

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace antre
