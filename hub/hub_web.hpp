// antre-hub's HTTP port for the central dashboard (docs/hub.md "The central
// dashboard"): the office's HTTP server (server/http/) on an I/O thread of its own,
// and a few worker threads, each with its own PostgreSQL connection, that read the
// figures, so a long report never holds up the page or another reader's request.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace antre::hub {

struct HubWebOptions {
    std::string conninfo;  ///< libpq connection string of the hub's database
    std::string host = "127.0.0.1";
    unsigned short port = 0;        ///< 0: any free port
    std::string tls_cert, tls_key;  ///< both set: HTTPS, and the cookie is Secure
    std::size_t workers = 2;        ///< requests that read PostgreSQL at once
    std::size_t queue_limit = 64;   ///< requests waiting for a worker; beyond it 503
};

class HubWeb {
public:
    /// Binds the port and starts serving; throws when it cannot be bound.
    explicit HubWeb(HubWebOptions options);
    /// Stops (see stop()).
    ~HubWeb();
    HubWeb(const HubWeb&) = delete;
    HubWeb& operator=(const HubWeb&) = delete;
    unsigned short port() const;
    /// Stops accepting, lets the workers end their current request, answers the
    /// requests still waiting with 503, and closes every connection.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace antre::hub
