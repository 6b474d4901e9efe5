#include "board_feed.hpp"

#include <optional>

#include "antre/clock.hpp"

namespace antre::display {

namespace {

// The server's clock in a snapshot pseudo-event, if it has one.
std::optional<Millis> server_now(const nlohmann::json& event) {
    if (!event.is_object() || event.value("event", "") != "snapshot") return std::nullopt;
    const auto snapshot = event.find("snapshot");
    if (snapshot == event.end() || !snapshot->is_object()) return std::nullopt;
    const auto office = snapshot->find("office");
    if (office == snapshot->end() || !office->is_object()) return std::nullopt;
    const auto now = office->find("now");
    if (now == office->end() || !now->is_number_integer()) return std::nullopt;
    return now->get<Millis>();
}

}  // namespace

BoardFeed::BoardFeed(std::string host, unsigned short port) {
    ClientOptions o;
    o.host = std::move(host);
    o.port = port;
    o.hello = {{"role", "display"}};
    o.subscribe = true;
    client_ = std::make_unique<Client>(o);
    client_->on_event([this](const nlohmann::json& e) { inbox_.push({false, ConnectionState::ready, e}); });
    client_->on_state([this](ConnectionState s, const std::string&) { inbox_.push({true, s, nullptr}); });
}

void BoardFeed::start() { client_->start(); }

std::size_t BoardFeed::pump(BoardState& state) {
    auto [items, dropped] = inbox_.drain();
    // Events were lost while the board did not drain: the server's snapshot puts it right.
    if (dropped > 0)
        client_->call_async("snapshot", nlohmann::json::object(), [this](Reply r) {
            if (r.ok)
                inbox_.push(
                    {false,
                     ConnectionState::ready,
                     {{"event", "snapshot"}, {"snapshot", r.body.value("snapshot", nlohmann::json::object())}}});
        });
    for (const auto& item : items) {
        if (item.is_state) {
            set_connected(state, item.state == ConnectionState::ready);
            continue;
        }
        apply_event(state, item.event);
        // The board's clock and blinking follow the server's time, which also
        // stamps the calls: a TV's PC with a wrong clock still shows the office's.
        if (const auto now = server_now(item.event)) state.server_clock_offset = *now - SystemClock().now();
    }
    return items.size();
}

}  // namespace antre::display
