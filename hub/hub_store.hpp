// The hub's PostgreSQL: offices and their hashed secrets, the events they ship
// (partitioned by month of the office day), and each office's latest state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pg.hpp"
#include "records.hpp"

namespace antre::hub {

/// One event as an office ships it: its office-local sequence number and the event.
struct ShippedEvent {
    std::int64_t seq = 0;
    Event event;
};

/// What one stored batch did.
struct StoreResult {
    std::int64_t acked_seq = 0;  ///< highest seq with every seq 1..acked stored
    std::size_t inserted = 0;    ///< events new to the hub
};

/// One connection to the hub's database; one per thread.
class HubStore {
public:
    /// Connects and creates or migrates the schema (serialised between hubs by an
    /// advisory lock). Throws pg::Error.
    explicit HubStore(const std::string& conninfo);

    /// Adds an office with the hash of its secret, or replaces the hash.
    void put_office(const std::string& office, const std::string& secret_hash);
    /// The office's secret hash, or nullopt for an unknown office.
    std::optional<std::string> secret_hash(const std::string& office);
    /// The highest contiguous seq stored for the office (0 when none).
    std::int64_t acked_seq(const std::string& office);

    /// Stores the events idempotently: a seq the hub already holds for this office is
    /// kept as first stored and the new copy dropped. One transaction, with the office's
    /// row locked, so two connections of one office cannot interleave.
    StoreResult store_events(const std::string& office, std::vector<ShippedEvent> events);

    /// Replaces the office's current state (JSON text) and appends it to its history.
    void store_state(const std::string& office, const std::string& state_json);
    /// The office's current state (JSON text), or nullopt.
    std::optional<std::string> state(const std::string& office);

    /// The office's events in seq order (tests, reports).
    std::vector<ShippedEvent> events(const std::string& office);

private:
    void ensure_partitions(const std::vector<ShippedEvent>& events);
    pg::Connection c_;
};

}  // namespace antre::hub
