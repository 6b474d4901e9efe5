// antre-hub's listener: offices connect over TCP (TLS optional), one thread per
// office connection with its own PostgreSQL connection, so a slow office or a slow
// statement holds up only its own office.
#pragma once

#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "antre/tls.hpp"

namespace antre::hub {

struct HubOptions {
    std::string conninfo;  ///< libpq connection string of the hub's database
    std::string host = "127.0.0.1";
    unsigned short port = 7400;     ///< 0: any free port
    std::string tls_cert, tls_key;  ///< both set: TLS on the office port
    std::size_t max_connections = 1024;
};

class HubServer {
public:
    /// Creates or migrates the schema and binds the port; throws when either fails.
    explicit HubServer(HubOptions options);
    ~HubServer();
    unsigned short port() const { return port_; }
    /// Accepts offices until stop(); returns when every connection has ended.
    void run();
    /// Stops accepting and ends every connection (from any thread).
    void stop();

private:
    struct Connection;
    void serve(Connection& c);

    HubOptions options_;
    std::shared_ptr<tls::Context> tls_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::mutex mutex_;
    std::list<std::unique_ptr<Connection>> connections_;
    std::atomic<bool> stopping_{false};
};

}  // namespace antre::hub
