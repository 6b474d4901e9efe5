#include "hub_shipper.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio.hpp>
#include <nlohmann/json.hpp>

#include "office_state.hpp"
#include "sqlite.hpp"

namespace antre {

namespace asio = boost::asio;
using nlohmann::json;

namespace {

// The longest reply the hub sends is one short line.
constexpr std::size_t max_reply_bytes = 64 * 1024;

}  // namespace

HubShipper::HubShipper(std::string db_path, HubShipOptions options)
    : db_path_(std::move(db_path)), ack_path_(db_path_ + ".hub-ack"), options_(std::move(options)) {
    const std::string prefix = "tcp://";
    std::string rest = options_.url.rfind(prefix, 0) == 0 ? options_.url.substr(prefix.size()) : options_.url;
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size())
        throw std::invalid_argument("--hub must be tcp://HOST:PORT, got \"" + options_.url + "\"");
    host_ = rest.substr(0, colon);
    port_ = rest.substr(colon + 1);
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
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    asio::connect(socket, asio::ip::tcp::resolver(io).resolve(host_, port_));
    std::string buffer;
    auto ask = [&](const json& request) {
        asio::write(socket, asio::buffer(request.dump() + "\n"));
        const auto n = asio::read_until(socket, asio::dynamic_buffer(buffer, max_reply_bytes), '\n');
        json reply = json::parse(buffer.substr(0, n - 1));
        buffer.erase(0, n);
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
    sql::Statement q(db,
                     "SELECT seq, at, day, type, ticket, service, counter, officer, detail FROM events "
                     "WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    sql::Statement last(db, "SELECT coalesce(max(seq), 0) FROM events");
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
        // One read transaction: the tickets' rows agree with the events read.
        db.exec("BEGIN");
        json events = json::array();
        std::vector<std::int64_t> tickets;
        q.bind(1, acked).bind(2, static_cast<std::int64_t>(options_.batch));
        while (q.step()) {
            json e = {{"seq", q.int64(0)},     {"at", q.int64(1)},     {"day", q.text(2)},
                      {"type", q.text(3)},     {"ticket", nullptr},    {"service", q.text(5)},
                      {"counter", q.int64(6)}, {"officer", q.text(7)}, {"detail", q.text(8)}};
            if (!q.is_null(4)) {
                e["ticket"] = q.int64(4);
                tickets.push_back(q.int64(4));
            }
            events.push_back(std::move(e));
        }
        q.reset();
        std::sort(tickets.begin(), tickets.end());
        tickets.erase(std::unique(tickets.begin(), tickets.end()), tickets.end());
        json facts = read_ticket_facts(db, tickets);
        last.step();
        const std::int64_t as_of = last.int64(0);
        last.reset();
        db.exec("COMMIT");
        if (events.empty()) {
            if (!pause(options_.idle_poll_ms)) return;
            continue;
        }
        const auto reply = ask({{"id", ++id},
                                {"op", "ship"},
                                {"events", std::move(events)},
                                {"tickets", std::move(facts)},
                                {"tickets_as_of", as_of}});
        const auto now = reply.at("acked_seq").get<std::int64_t>();
        if (now != acked) save_ack(now);
        if (now <= acked) throw std::runtime_error("the hub's ack did not move past " + std::to_string(acked));
        acked = now;
        send_state();
    }
}

}  // namespace antre
