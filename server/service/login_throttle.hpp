// Throttling of failed log-ins, per officer (NIP) and per remote address, with a
// delay that doubles with each failure past a few free ones. Pure: the caller
// passes the time, so tests run it on a manual clock. It never waits itself: a
// throttled attempt is refused at once with the time left (see docs/protocol.md,
// too_many_attempts), so the I/O thread is never held up.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "antre/domain.hpp"

namespace antre {

class LoginThrottle {
public:
    struct Policy {
        int free_officer_failures = 3;      ///< failures for one NIP before delays start
        int free_address_failures = 10;     ///< failures from one address before delays start
        Millis first_delay = 1000;          ///< after the first failure past the free ones
        Millis max_delay = 5 * 60'000;      ///< the doubling stops here
        Millis forget_after = 60 * 60'000;  ///< a record quiet this long is dropped
        std::size_t max_records = 10'000;   ///< per kind; the stalest go first
    };

    LoginThrottle() = default;
    explicit LoginThrottle(Policy policy) : policy_(policy) {}

    /// How long (ms) an attempt for `nip` from `address` must still wait; 0: it may
    /// be checked now. An attempt still being checked counts as a failure for its
    /// NIP and for its address, so many guesses sent at once are not all checked.
    Millis retry_after(const std::string& nip, const std::string& address, Millis now) const;
    /// Reserves a check for an attempt: 0 when it may be checked now (it then counts
    /// as in flight until failed() or succeeded()), else the wait left, and nothing
    /// is reserved. Call it before the PIN check starts, never after.
    Millis start(const std::string& nip, const std::string& address, Millis now);
    /// The PIN was wrong (or the NIP unknown); returns the delay now in force.
    Millis failed(const std::string& nip, const std::string& address, Millis now);
    /// The PIN was right: the officer and the address start afresh (checks of other
    /// attempts still in flight keep counting).
    void succeeded(const std::string& nip, const std::string& address);

    /// Failures on record for the NIP (for the log).
    int failures(const std::string& nip) const;

private:
    struct Record {
        int failures = 0;
        int in_flight = 0;
        Millis last_at = 0;
    };
    Millis wait_left(const Record* r, int count, int free, Millis now) const;
    void forget_stale(std::map<std::string, Record>& records, Millis now);
    static void end_check(std::map<std::string, Record>& records, const std::string& key);

    Policy policy_;
    std::map<std::string, Record> officers_;
    std::map<std::string, Record> addresses_;
};

}  // namespace antre
