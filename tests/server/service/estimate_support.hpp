// What the estimate tests through the real server share: the officer at counter 1 of
// the test office, and a minute.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "antre/domain.hpp"

namespace antre::test::estimate {

inline const std::string officer_nip = "199002022015032002";
inline const std::string officer_pin = "135790";
inline constexpr Millis minute = 60'000;

/// The counter hello of that officer at `counter`.
inline nlohmann::json counter_hello(int counter) {
    return {{"role", "counter"}, {"counter", counter}, {"nip", officer_nip}, {"pin", officer_pin}};
}

}  // namespace antre::test::estimate
