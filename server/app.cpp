#include "app.hpp"

#include <filesystem>

#include "dashboard.hpp"
#include "http_server.hpp"
#include "store.hpp"

namespace antre {

namespace asio = boost::asio;

namespace {

// The dashboard's port takes the client port's certificate unless it has its own:
// one switch puts TLS on both.
http::HttpOptions http_options(const AppOptions& o) {
    http::HttpOptions h = o.http;
    if (h.tls_cert_file.empty() && h.tls_key_file.empty()) {
        h.tls_cert_file = o.net.tls_cert_file;
        h.tls_key_file = o.net.tls_key_file;
    }
    return h;
}

bool https(const AppOptions& o) { return !http_options(o).tls_cert_file.empty(); }

}  // namespace

struct App::Parts {
    explicit Parts(AppOptions o)
        : options(std::move(o)),
          clock(options.clock ? options.clock : &system_clock),
          office(load_config(options.config_path)),
          store((App::prepare_db_dir(options.db_path), options.db_path)),
          handler(office, store, *clock, options.handler, make_offload(io, pool)),
          server(io, handler, *clock, options.net),
          dashboard(handler, https(options)) {
        if (options.http.enabled)
            http_server = std::make_unique<http::HttpServer>(
                io, options.net.bind_address, http_options(options),
                [this](const http::Request& r, const std::string& peer, std::function<void(http::Response)> respond) {
                    dashboard.handle(r, peer, std::move(respond));
                });
    }

    void stop_serving() {
        server.stop();
        if (http_server) http_server->stop();
    }

    AppOptions options;
    SystemClock system_clock;
    const Clock* clock;
    OfficeConfig office;
    Store store;
    asio::io_context io{1};
    asio::thread_pool pool{2};  // PIN hashing and reports, away from the I/O thread
    Handler handler;
    Server server;
    Dashboard dashboard;
    std::unique_ptr<http::HttpServer> http_server;  // null when the dashboard is switched off
    std::unique_ptr<HubShipper> shipper;             // null when not shipping to a hub
    asio::signal_set signals{io};
};

void App::prepare_db_dir(const std::string& db_path) {
    namespace fs = std::filesystem;
    const auto dir = fs::path(db_path).parent_path();
    if (dir.empty() || fs::exists(dir)) return;  // a folder that exists keeps the mode its owner gave it
    fs::create_directories(dir);
    // The database holds PIN hashes and NIPs: the folder made for it is its user's alone.
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
}

App::App(AppOptions options) : parts_(std::make_unique<Parts>(std::move(options))) {
    parts_->server.start();
    if (parts_->http_server) parts_->http_server->start();
    if (!parts_->options.hub.url.empty())
        parts_->shipper = std::make_unique<HubShipper>(parts_->options.db_path, parts_->options.hub);
}

App::~App() {
    parts_->pool.join();
}

unsigned short App::port() const { return parts_->server.port(); }

unsigned short App::http_port() const { return parts_->http_server ? parts_->http_server->port() : 0; }

void App::run() {
    auto& p = *parts_;
    p.io.run();
    // Let completions still queued by the PIN pool run, so every session is released.
    p.pool.join();
    p.io.restart();
    p.io.run();
}

void App::stop_on_signals() {
    auto& p = *parts_;
    p.signals.add(SIGINT);
    p.signals.add(SIGTERM);
    p.signals.async_wait([this](boost::system::error_code ec, int) {
        if (!ec) parts_->stop_serving();
    });
}

void App::stop() {
    asio::post(parts_->io, [this] {
        parts_->stop_serving();
        parts_->signals.cancel();
    });
}

}  // namespace antre
