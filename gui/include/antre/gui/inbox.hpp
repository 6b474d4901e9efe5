// Hands server events from the client library's thread to the GUI thread: the
// client pushes, the frame loop drains. Never blocks the client thread for long.
#pragma once

#include <deque>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/client.hpp"

namespace antre::gui {

class Inbox {
public:
    struct Item {
        bool is_state = false;  ///< a connection-state change, not an event
        ConnectionState state = ConnectionState::connecting;
        std::string reason;
        nlohmann::json event;
    };

    /// Connects the client's callbacks to this inbox (before Client::start()).
    void attach(Client& client) {
        client.on_event([this](const nlohmann::json& e) { push({false, ConnectionState::ready, "", e}); });
        client.on_state([this](ConnectionState s, const std::string& why) { push({true, s, why, nullptr}); });
    }
    void push(Item item) {
        std::lock_guard lock(mutex_);
        items_.push_back(std::move(item));
    }
    std::vector<Item> drain() {
        std::lock_guard lock(mutex_);
        std::vector<Item> out(std::make_move_iterator(items_.begin()), std::make_move_iterator(items_.end()));
        items_.clear();
        return out;
    }

private:
    std::mutex mutex_;
    std::deque<Item> items_;
};

}  // namespace antre::gui
