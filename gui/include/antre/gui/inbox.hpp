// Hands work from other threads (the client library's, the printer's) to the GUI
// thread: they push, the frame loop drains, in arrival order. One inbox type for
// every SDL program (kiosk, counter, board). It is bounded: a GUI thread that
// stopped draining costs at most `capacity` items, and what did not fit is counted
// so the program can re-read the truth (a snapshot) instead of guessing. A push
// that makes the inbox non-empty calls `wake`, which lets the frame loop stop
// waiting (gui::wake_event_loop) instead of finding the item at its next poll.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace antre::gui {

template <class Item>
class Inbox {
public:
    /// Enough for minutes of a busy office's events between two frames.
    static constexpr std::size_t default_capacity = 10'000;

    /// `wake` runs on the pushing thread, outside the lock; it must be thread-safe.
    explicit Inbox(std::size_t capacity = default_capacity, std::function<void()> wake = {})
        : capacity_(capacity), wake_(std::move(wake)) {}
    Inbox(const Inbox&) = delete;
    Inbox& operator=(const Inbox&) = delete;

    /// Adds `item` (any thread); false when the inbox is full: the item is dropped and counted.
    bool push(Item item) {
        bool first = false;
        {
            std::lock_guard lock(mutex_);
            if (items_.size() >= capacity_) {
                ++dropped_;
                return false;
            }
            first = items_.empty();
            items_.push_back(std::move(item));
        }
        if (first && wake_) wake_();
        return true;
    }

    struct Drained {
        std::vector<Item> items;  ///< in the order they were pushed
        std::size_t dropped = 0;  ///< pushes refused for want of room since the last drain
    };
    /// Takes everything pushed since the last drain (the GUI thread).
    Drained drain() {
        Drained out;
        std::lock_guard lock(mutex_);
        out.items.swap(items_);
        out.dropped = std::exchange(dropped_, 0);
        return out;
    }

private:
    const std::size_t capacity_;
    const std::function<void()> wake_;
    std::mutex mutex_;
    std::vector<Item> items_;
    std::size_t dropped_ = 0;
};

}  // namespace antre::gui
