// Shared by the kiosk's end-to-end tests: drive a controller as the frame loop would.
#pragma once

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "antre/clock.hpp"
#include "antre/kiosk/controller.hpp"

namespace antre::test {

/// Pumps the controller (as the frame loop would) until `done` or 20 s.
template <class Done>
bool pump_until(kiosk::Controller& c, const Clock& clock, Done done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        c.pump(clock.now());
        if (done(c.state())) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const auto& s = c.state();
    UNSCOPED_INFO("screen " << static_cast<int>(s.screen) << ", refusal " << s.refusal_code << " " << s.refusal_message
                            << ", offline: " << s.offline_reason);
    return false;
}

}  // namespace antre::test
