// A well-formed NIK for the booking tests (docs/booking.md): Kota Sorong (92 71 01),
// born 12 May 1990, and a serial of four digits.
#pragma once

#include <cstdio>
#include <string>

namespace antre::test {

/// "927101120590" and `serial` (1-9999) written with four digits.
inline std::string nik(int serial) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", serial);
    return "927101120590" + std::string(buf);
}

}  // namespace antre::test
