#include "app.hpp"

#include <filesystem>
#include <iostream>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include "dashboard.hpp"
#include "http_server.hpp"
#include "listen.hpp"
#include "public_page.hpp"
#include "store.hpp"
#include "whatif.hpp"

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

// The public port takes the client port's certificate the same way.
http::HttpOptions public_options(const AppOptions& o) {
    http::HttpOptions h = o.public_http;
    if (h.tls_cert_file.empty() && h.tls_key_file.empty()) {
        h.tls_cert_file = o.net.tls_cert_file;
        h.tls_key_file = o.net.tls_key_file;
    }
    return h;
}

// The address phones on the office's network reach the server at: the bound one,
// or when bound to every interface the first IPv4 address that is up and not loopback.
std::string lan_address(const std::string& bind_address) {
    if (bind_address != "0.0.0.0" && bind_address != "::" && !bind_address.empty()) {
        return bind_address.find(':') == std::string::npos ? bind_address : "[" + bind_address + "]";
    }
    std::string found = "127.0.0.1";
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return found;
    for (ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
        const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
        if ((ntohl(in->sin_addr.s_addr) >> 24) == 127) continue;
        char text[INET_ADDRSTRLEN] = {};
        if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) {
            found = text;
            break;
        }
    }
    freeifaddrs(list);
    return found;
}

}  // namespace

struct App::Parts {
    explicit Parts(AppOptions o)
        : options(std::move(o)),
          clock(options.clock ? options.clock : &system_clock),
          office(load_config(options.config_path)),
          store((App::prepare_db_dir(options.db_path), options.db_path)),
          handler(office, store, *clock, options.handler, make_offload(io, pool)),
          server(io, handler, *clock, options.net),
          dashboard(handler, https(options)),
          what_if(io, office, options.db_path, *clock),
          public_page(io, handler, office, *clock, options.handler.always_open) {
        dashboard.set_what_if(&what_if);
        if (options.http.enabled)
            http_server = std::make_unique<http::HttpServer>(
                io, options.net.bind_address, http_options(options),
                [this](const http::Request& r, const std::string& peer, std::function<void(http::Response)> respond) {
                    dashboard.handle(r, peer, std::move(respond));
                });
        if (options.public_http.enabled) {
            public_server = std::make_unique<http::HttpServer>(
                io, options.net.bind_address, public_options(options),
                [this](const http::Request& r, const std::string& peer, std::function<void(http::Response)> respond) {
                    public_page.handle(r, peer, std::move(respond));
                });
            public_server->set_stream_handler(
                [this](const http::Request& r, const std::string& peer, const std::shared_ptr<http::EventStream>& s) {
                    return public_page.stream(r, peer, s);
                });
            server.add_listener([this](const EventLines&) { public_page.changed(); });
            // A descriptor for every phone the public port allows, on top of what the
            // client port raised the open-file limit for (net::Server).
            const std::size_t wanted = options.net.max_connections + 512 + public_options(options).connection_limit;
            if (const std::size_t limit = raise_open_file_limit(wanted); limit < wanted)
                std::cerr << "antre-server: the open-file limit (" << limit << ") is below what --max-connections "
                          << options.net.max_connections << " and the public port's "
                          << public_options(options).connection_limit << " connections need (" << wanted
                          << "); connections past it wait until others close\n";
        }
    }

    void stop_serving() {
        server.stop();
        if (http_server) http_server->stop();
        if (public_server) public_server->stop();
        public_page.stop();
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
    WhatIfRunner what_if;                           // the dashboard's what-if staffing, on a thread of its own
    std::unique_ptr<http::HttpServer> http_server;  // null when the dashboard is switched off
    std::unique_ptr<HubShipper> shipper;            // null when not shipping to a hub
    PublicPage public_page;
    std::unique_ptr<http::HttpServer> public_server;  // null when the public page is switched off
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
    if (!parts_->options.hub.url.empty()) {
        HubShipOptions hub = parts_->options.hub;
        hub.office_name = parts_->office.office_name;
        hub.time_zone = parts_->office.time_zone;
        parts_->shipper = std::make_unique<HubShipper>(parts_->options.db_path, std::move(hub));
    }
    if (parts_->public_server) parts_->public_server->start();
    parts_->handler.set_public_base_url(public_base_url());
}

http::HttpOptions public_http_defaults() {
    http::HttpOptions h;
    h.port = 7412;
    h.connection_limit = 4096;
    h.connections_per_address = 256;  // a whole waiting room behind one NAT
    return h;
}

unsigned short App::public_port() const { return parts_->public_server ? parts_->public_server->port() : 0; }

std::string App::public_base_url() const {
    const auto& p = *parts_;
    if (!p.office.public_base_url.empty()) return p.office.public_base_url;
    const bool tls = !public_options(p.options).tls_cert_file.empty();
    return std::string(tls ? "https://" : "http://") + lan_address(p.options.net.bind_address) + ":" +
           std::to_string(public_port());
}

App::~App() { parts_->pool.join(); }

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
