#include "board_feed.hpp"

namespace antre::display {

BoardFeed::BoardFeed(std::string host, unsigned short port) {
    ClientOptions o;
    o.host = std::move(host);
    o.port = port;
    o.hello = {{"role", "display"}};
    o.subscribe = true;
    client_ = std::make_unique<Client>(o);
    inbox_.attach(*client_);
}

void BoardFeed::start() { client_->start(); }

std::size_t BoardFeed::pump(BoardState& state) {
    auto items = inbox_.drain();
    for (const auto& item : items) {
        if (item.is_state)
            set_connected(state, item.state == ConnectionState::ready);
        else
            apply_event(state, item.event);
    }
    return items.size();
}

}  // namespace antre::display
