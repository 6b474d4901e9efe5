// The manager web dashboard's requests: the pages (embedded from web/), log-in
// and log-out with a session cookie, and a short allow-list of JSON endpoints (reads,
// and two writes by POST with a JSON body only: closing a booking day or session, and
// the answer to a saran/pengaduan), the what-if staffing run (whatif.hpp), and downloads (report and bookings CSV, the
// SKM report's PDF) that each run one protocol op through the Handler as the logged-in manager's own session, so the
// figures are the CLI's by construction.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "http_server.hpp"

namespace antre {

class Handler;
class WhatIfRunner;
struct SessionContext;

class Dashboard {
public:
    /// The cookie that holds the log-in token (HttpOnly, SameSite=Strict, Path=/).
    static constexpr const char* cookie_name = "antre_sesi";

    /// `https`: the port speaks TLS, so the cookie is marked Secure too.
    explicit Dashboard(Handler& handler, bool https = false);

    /// Serves POST /api/whatif with `runner` (none: that endpoint answers 404).
    void set_what_if(WhatIfRunner* runner) { what_if_ = runner; }

    /// Answers one request (the HttpServer's RequestHandler).
    void handle(const http::Request& request, const std::string& peer, std::function<void(http::Response)> respond);

private:
    using Respond = std::function<void(http::Response)>;
    void login(const http::Request& request, const std::string& peer, Respond respond);
    void logout(const http::Request& request, Respond respond);
    /// Runs `then` with a session that said hello as the cookie's manager, or
    /// answers 401/403 itself.
    void as_manager(const http::Request& request, const std::string& peer, Respond respond,
                    std::function<void(std::shared_ptr<SessionContext>, const nlohmann::json& hello_reply)> then);

    Handler& handler_;
    bool https_ = false;
    WhatIfRunner* what_if_ = nullptr;
};

}  // namespace antre
