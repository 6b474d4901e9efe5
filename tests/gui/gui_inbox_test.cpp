// gui::Inbox, the one way work from other threads reaches an SDL client's frame
// loop: order kept, bounded, safe from many threads, and the frame loop woken once
// per batch rather than once per item.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "antre/gui/inbox.hpp"
#include "antre/gui/sdl.hpp"

namespace gui_inbox_test {

using antre::gui::Inbox;

TEST_CASE("an inbox hands items over in the order they were pushed", "[gui][inbox]") {
    Inbox<std::string> inbox;
    CHECK(inbox.push("a"));
    CHECK(inbox.push("b"));
    auto first = inbox.drain();
    CHECK(first.items == std::vector<std::string>{"a", "b"});
    CHECK(first.dropped == 0);
    CHECK(inbox.drain().items.empty());
}

TEST_CASE("a full inbox refuses and counts, until the next drain makes room", "[gui][inbox]") {
    Inbox<int> inbox(3);
    for (int i = 0; i < 3; ++i) CHECK(inbox.push(i));
    CHECK_FALSE(inbox.push(3));
    CHECK_FALSE(inbox.push(4));
    auto d = inbox.drain();
    CHECK(d.items == std::vector<int>{0, 1, 2});
    CHECK(d.dropped == 2);
    CHECK(inbox.push(5));
    d = inbox.drain();
    CHECK(d.items == std::vector<int>{5});
    CHECK(d.dropped == 0);
}

TEST_CASE("an inbox wakes the frame loop when it stops being empty", "[gui][inbox]") {
    std::atomic<int> wakes{0};
    Inbox<int> inbox(2, [&] { ++wakes; });
    inbox.push(1);
    inbox.push(2);
    CHECK(wakes == 1);  // one wake per batch
    inbox.push(3);      // full: no item, no wake
    CHECK(wakes == 1);
    inbox.drain();
    inbox.push(4);
    CHECK(wakes == 2);
}

TEST_CASE("pushes from many threads all arrive, each thread's in its order", "[gui][inbox]") {
    constexpr int threads = 4;
    constexpr int per_thread = 5000;
    Inbox<std::pair<int, int>> inbox(threads * per_thread);
    std::vector<std::pair<int, int>> got;
    std::atomic<bool> done{false};
    std::thread reader([&] {
        // The frame loop drains while the others push.
        while (!done) {
            auto d = inbox.drain();
            got.insert(got.end(), d.items.begin(), d.items.end());
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t)
        writers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) inbox.push({t, i});
        });
    for (auto& w : writers) w.join();
    done = true;
    reader.join();
    auto rest = inbox.drain();
    got.insert(got.end(), rest.items.begin(), rest.items.end());
    CHECK(rest.dropped == 0);
    REQUIRE(got.size() == static_cast<std::size_t>(threads * per_thread));
    std::vector<int> next(threads, 0);
    bool in_order = true;
    for (const auto& [t, i] : got) in_order = in_order && i == next[static_cast<std::size_t>(t)]++;
    CHECK(in_order);
}

TEST_CASE("an inbox woken by wake_event_loop ends the frame loop's wait at once", "[gui][inbox]") {
    antre::gui::SdlLibrary sdl(SDL_INIT_VIDEO);
    SDL_Event e;
    while (SDL_PollEvent(&e)) {}
    Inbox<int> inbox(16, antre::gui::wake_event_loop);
    std::thread client([&] { inbox.push(7); });  // as the client library's thread would
    // A wait far longer than any test: it returns because of the wake, not its timeout.
    REQUIRE(antre::gui::wait_event(e, 60'000));
    CHECK(e.type == SDL_USEREVENT);
    client.join();
    CHECK(inbox.drain().items == std::vector<int>{7});
}

}  // namespace gui_inbox_test
