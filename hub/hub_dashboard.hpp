// The central dashboard's requests (docs/hub.md "The central dashboard"): its page
// (web/hub/, with the office dashboard's styles and charts), log-in with a reader's id
// and secret into a session cookie, and JSON endpoints that run the line protocol's
// read ops (hub_reports.hpp) as that reader, so a reply over HTTP is the line's reply
// without its `id`. The work that reads PostgreSQL or checks a secret is handed to
// `Offload`, never done on the HTTP thread.
#pragma once

#include <functional>
#include <mutex>
#include <string>

#include "http_server.hpp"
#include "hub_sessions.hpp"
#include "login_throttle.hpp"

namespace antre::hub {

class HubStore;

class HubDashboard {
public:
    using Respond = std::function<void(http::Response)>;
    /// Runs `work` with a store connection of its own, off the HTTP thread, then
    /// `respond` with its answer on the HTTP thread (or a 503 when it is too busy).
    using Offload = std::function<void(std::function<http::Response(HubStore&)> work, Respond respond)>;
    /// The cookie that holds the session's token (HttpOnly, SameSite=Strict, Path=/).
    static constexpr const char* cookie_name = "antre_hub_sesi";

    /// `https`: the port speaks TLS, so the cookie is marked Secure too.
    HubDashboard(Offload offload, bool https);

    /// Answers one request (the HttpServer's RequestHandler), on the HTTP thread.
    void handle(const http::Request& request, const std::string& peer, Respond respond);

private:
    void login(const http::Request& request, const std::string& peer, Respond respond);
    void logout(const http::Request& request, Respond respond);
    /// Runs `then` on a worker as the cookie's reader, or answers 401 itself.
    void as_reader(const http::Request& request, Respond respond,
                   std::function<http::Response(HubStore&, const std::string& reader)> then);

    Offload offload_;
    bool https_;
    ReaderSessions sessions_;
    std::mutex throttle_mutex_;
    LoginThrottle throttle_;  // failed log-ins per reader and per address, as the office's
};

}  // namespace antre::hub
