#include "hub_shipper.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <nlohmann/json.hpp>

#include "antre/hub_link.hpp"
#include "office_state.hpp"
#include "sqlite.hpp"

namespace antre {

using nlohmann::json;

namespace {

// The longest reply the hub sends is one short line.
constexpr std::size_t max_reply_bytes = 64 * 1024;

}  // namespace

HubShipper::HubShipper(std::string db_path, HubShipOptions options)
    : db_path_(std::move(db_path)), ack_path_(db_path_ + ".hub-ack"), options_(std::move(options)) {
    address_ = hub_link::parse_url(options_.url, "--hub");
    std::ifstream in(ack_path_);
    std::int64_t saved = 0;
    if (in >> saved) acked_ = saved;
    thread_ = std::thread([this] { run(); });
}

HubShipper::~HubShipper() {
    {
        // Set under the mutex the wait uses, so the wake-up cannot fall before the wait.
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

bool HubShipper::pause(int ms) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stop_; });
    return !stop_;
}

void HubShipper::save_ack(std::int64_t seq) {
    // Written whole under a temporary name, synced, then renamed over the old one.
    const std::string tmp = ack_path_ + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + tmp);
    const std::string text = std::to_string(seq) + "\n";
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || std::rename(tmp.c_str(), ack_path_.c_str()) != 0) throw std::runtime_error("cannot write " + ack_path_);
    acked_ = seq;
}

void HubShipper::run() {
    int backoff = 500;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stop_) return;
        }
        try {
            ship_once();
            backoff = 500;
        } catch (const std::exception& e) {
            std::cerr << "antre-server: shipping to the hub: " << e.what() << " (again in " << backoff << " ms)\n";
        }
        if (!pause(backoff)) return;
        backoff = std::min(backoff * 2, options_.max_backoff_ms);
    }
}

void HubShipper::ship_once() {
    hub_link::Line line(address_, options_.tls_ca, max_reply_bytes);
    auto ask = [&](const json& request) {
        json reply = json::parse(line.ask(request.dump()));
        if (reply.value("ok", false) != true)
            throw std::runtime_error("hub refused: " + reply.value("error", json::object()).value("message", ""));
        return reply;
    };
    std::int64_t id = 0;
    const auto hello =
        ask({{"id", ++id}, {"op", "hello"}, {"office", options_.office_id}, {"secret", options_.secret}});
    // The hub's ack is the truth (it stores idempotently): start from it, and keep it.
    std::int64_t acked = hello.at("acked_seq").get<std::int64_t>();
    if (acked != acked_) save_ack(acked);

    sql::Database db(db_path_, true);
    // The office's state goes once per connection, then again whenever it differs
    // from what was sent (every change of it also writes an event, so it is looked
    // at after each batch). The hub keeps a state only when it differs from its last.
    std::string sent_state;
    auto send_state = [&] {
        db.exec("BEGIN");
        json state = read_office_state(db, options_.office_name, options_.time_zone);
        db.exec("COMMIT");
        std::string text = state.dump();
        if (text == sent_state) return;
        ask({{"id", ++id}, {"op", "state"}, {"state", std::move(state)}});
        sent_state = std::move(text);
    };
    send_state();
    for (;;) {
        json batch = read_ship_batch(db, acked, options_.batch);
        if (batch.at("events").empty()) {
            if (!pause(options_.idle_poll_ms)) return;
            continue;
        }
        batch["id"] = ++id;
        batch["op"] = "ship";
        const auto reply = ask(batch);
        const auto now = reply.at("acked_seq").get<std::int64_t>();
        if (now != acked) save_ack(now);
        if (now <= acked) throw std::runtime_error("the hub's ack did not move past " + std::to_string(acked));
        acked = now;
        send_state();
    }
}

}  // namespace antre
