// The whole server as one object: configuration, store, handler, network, and the
// threads that run them. main() and the integration tests start it the same way.
#pragma once

#include <memory>
#include <string>

#include "antre/clock.hpp"
#include "handler.hpp"
#include "http_options.hpp"
#include "hub_shipper.hpp"
#include "server.hpp"

namespace antre {

/// The public port's settings: port 7412, room for 4096 connections, 256 from one address.
http::HttpOptions public_http_defaults();

struct AppOptions {
    std::string config_path = "config/sorong.json";
    std::string db_path = "data/antre.db";
    ServerOptions net;
    http::HttpOptions http;  ///< the manager dashboard, on the same bind address as `net`
    /// The citizens' public page (docs/public-page.md), on its own port: phones by
    /// the thousand, often many behind one address, each holding an event stream.
    http::HttpOptions public_http = public_http_defaults();
    HandlerOptions handler;
    const Clock* clock = nullptr;  ///< null: the system clock
    HubShipOptions hub;            ///< shipping to antre-hub; off when hub.url is empty
};

class App {
public:
    /// Loads and validates the config, opens (creating) the database, binds the port.
    /// Throws ConfigError, sql::Error or a bind error: nothing is served then.
    explicit App(AppOptions options);
    ~App();

    unsigned short port() const;
    /// The dashboard's HTTP port, or 0 when it is switched off.
    unsigned short http_port() const;
    /// The public page's HTTP port, or 0 when it is switched off.
    unsigned short public_port() const;
    /// The start of the citizens' links: the config's public_base_url, or else
    /// http(s)://{LAN address}:{public port}.
    std::string public_base_url() const;
    /// Serves until stop(); returns after every session is closed.
    void run();
    /// Thread-safe: asks run() to finish gracefully.
    void stop();
    /// SIGINT and SIGTERM stop the server gracefully (for the executable).
    void stop_on_signals();
    /// Creates the folder that will hold the database file, 0700, when it is missing.
    static void prepare_db_dir(const std::string& db_path);

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

}  // namespace antre
