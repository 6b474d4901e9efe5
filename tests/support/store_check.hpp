// Reads a database file the way an auditor would, after a crash or a disk fault:
// numbering, the event log against the current state, and the day's close.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "antre/domain.hpp"

namespace antre::test {

/// One ticket row as stored.
struct StoredTicket {
    TicketId id = 0;
    std::string day;
    std::string origin_service;
    int number = 0;
    std::string label;
    std::string status;
    bool called = false;  ///< first_called_at is set
};

/// What a check found: every inconsistency in words (empty when all is well).
struct StoreCheck {
    std::vector<std::string> problems;
    std::string day;  ///< the office day the database is at (meta)
    std::map<TicketId, StoredTicket> tickets;
    std::size_t events = 0;
};

/// Opens `db` (with no server running on it) and checks that:
/// - within each day and service, ticket numbers run 1..n with none twice or missing,
///   and the service's day counter equals n;
/// - every ticket's status is the one its events lead to, in order, and every
///   ticket event names a stored ticket;
/// - a ticket a counter holds is called or serving at that counter, and the reverse;
/// - the day is closed completely or not at all: no ticket of an earlier day still
///   waits, and the last day_started event (before any, office_created) names the
///   database's day.
StoreCheck check_store(const std::string& db);

}  // namespace antre::test
