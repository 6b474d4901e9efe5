// Correctness checks after a run: every acknowledged ticket is known to the
// server (and still is after kill -9 and a restart), and each service's numbers
// run without a gap or a repeat.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "target.hpp"

namespace antre::bench {

/// A ticket as its issue was acknowledged.
struct IssuedTicket {
    std::int64_t id = 0;
    std::string service;  ///< the origin service, which owns the number
    std::int64_t number = 0;
    std::string label;
};

/// The fields of a ticket record from a reply.
IssuedTicket issued_from(const nlohmann::json& ticket);

/// Each service's last number of the day, from a snapshot (taken while the queue is small).
std::map<std::string, std::int64_t> last_numbers(const Target& target);

/// How many tickets are waiting now, in every service (from a snapshot).
std::size_t waiting_tickets(const Target& target);

/// Appends a problem unless each service's acknowledged numbers are exactly
/// before+1 .. before+n and the server knows no number after them (asked by label).
void check_numbering(const Target& target, const std::vector<IssuedTicket>& tickets,
                     const std::map<std::string, std::int64_t>& before, std::vector<std::string>& problems);

/// Looks every ticket up by id and appends a problem for each one the server does
/// not know, knows differently, or (when `status` is given) holds in another status.
void check_known(const Target& target, const std::vector<IssuedTicket>& tickets, const std::string& status,
                 const std::string& when, std::vector<std::string>& problems);

/// The whole check: numbering, then the look-up; for an own server also kill -9,
/// restart, and the look-up again.
void verify_tickets(Target& target, const std::vector<IssuedTicket>& tickets,
                    const std::map<std::string, std::int64_t>& before, const std::string& status,
                    std::vector<std::string>& problems);

}  // namespace antre::bench
