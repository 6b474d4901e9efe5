#include "app.hpp"

#include <filesystem>

#include "store.hpp"

namespace antre {

namespace asio = boost::asio;

struct App::Parts {
    explicit Parts(AppOptions o)
        : options(std::move(o)),
          clock(options.clock ? options.clock : &system_clock),
          office(load_config(options.config_path)),
          store((App::prepare_db_dir(options.db_path), options.db_path)),
          handler(office, store, *clock, options.handler, make_offload(io, pool)),
          server(io, handler, *clock, options.net) {}

    AppOptions options;
    SystemClock system_clock;
    const Clock* clock;
    OfficeConfig office;
    Store store;
    asio::io_context io{1};
    asio::thread_pool pool{1};  // PIN hashing, away from the I/O thread
    Handler handler;
    Server server;
    asio::signal_set signals{io};
};

void App::prepare_db_dir(const std::string& db_path) {
    const auto dir = std::filesystem::path(db_path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir);
}

App::App(AppOptions options) : parts_(std::make_unique<Parts>(std::move(options))) { parts_->server.start(); }

App::~App() {
    parts_->pool.join();
}

unsigned short App::port() const { return parts_->server.port(); }

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
        if (!ec) parts_->server.stop();
    });
}

void App::stop() {
    asio::post(parts_->io, [this] {
        parts_->server.stop();
        parts_->signals.cancel();
    });
}

}  // namespace antre
