// The board's link to the server: the client library as a subscribed display,
// its events and connection changes handed to the GUI thread and applied there.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "antre/client.hpp"
#include "antre/gui/inbox.hpp"
#include "board_state.hpp"

namespace antre::display {

class BoardFeed {
public:
    /// Connects (in the background, with reconnects) once start() is called.
    BoardFeed(std::string host, unsigned short port);
    BoardFeed(const BoardFeed&) = delete;
    BoardFeed& operator=(const BoardFeed&) = delete;

    void start();
    /// Applies to `state` everything received since the last call, and sets its
    /// server clock offset at each snapshot; returns how many items.
    std::size_t pump(BoardState& state);

private:
    /// An event, or a change of the connection's state, from the client's thread.
    struct Item {
        bool is_state = false;
        ConnectionState state = ConnectionState::connecting;
        nlohmann::json event;
    };
    gui::Inbox<Item> inbox_;  // outlives the client, whose thread pushes into it
    std::unique_ptr<Client> client_;
};

}  // namespace antre::display
