// What an office tells the hub about itself besides its events (docs/hub.md "What an
// office gives away"): its name and time zone, its services with their targets and
// the targets' history, its counters' definitions, and its officers' NIP, name, role
// and whether they are active. Never PIN hashes, log-in tokens or token digests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace antre {

namespace sql {
class Database;
}

/// The office's state as shipped in the `state` op, read on `db` (the caller holds a
/// read transaction when it wants one consistent picture).
nlohmann::json read_office_state(sql::Database& db, const std::string& office_name, const std::string& time_zone);

/// Of tickets `ids`, what the reports read from the ticket's row rather than from the
/// event log: label, the wait shown at issue, and the current leg's call and start.
nlohmann::json read_ticket_facts(sql::Database& db, const std::vector<std::int64_t>& ids);

/// The body of one `ship` request: up to `limit` events after seq `after` in seq
/// order, the facts of the tickets they name, and the office's highest seq, read in
/// one read transaction so the tickets' rows agree with the events. `events` is
/// empty when nothing is new.
nlohmann::json read_ship_batch(sql::Database& db, std::int64_t after, std::size_t limit);

}  // namespace antre
