// The hub's PostgreSQL: offices and their hashed secrets, the events they ship
// (partitioned by month of the office day), and each office's latest state.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "metrics.hpp"
#include "pg.hpp"
#include "records.hpp"

namespace antre::hub {

/// One event as an office ships it: its office-local sequence number and the event.
struct ShippedEvent {
    std::int64_t seq = 0;
    Event event;
};

/// What the reports read from a ticket's row at the office rather than from its
/// events (store.cpp, for_each_event_between): shipped with the batch that names it.
struct TicketFacts {
    std::int64_t id = 0;
    std::string label;
    std::optional<int> estimated_wait_s;
    std::optional<std::int64_t> called_at, service_started_at;
    std::optional<std::int64_t> estimated_call_from, estimated_call_to;  ///< the interval promised at issue
};

/// A reader at the hub (people who evaluate offices) and the offices it may read.
struct ReaderRecord {
    std::string secret_hash;
    std::optional<std::vector<std::string>> offices;  ///< nullopt: every office (unless `region`)
    std::optional<std::string> region;                ///< set: every office of this region instead
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
    /// `tickets` are the rows of the batch's tickets as read at the office's seq
    /// `tickets_as_of`; a ticket's row is replaced only by one read at a later seq.
    StoreResult store_events(const std::string& office, std::vector<ShippedEvent> events,
                             const std::vector<TicketFacts>& tickets = {}, std::int64_t tickets_as_of = 0);

    /// Replaces the office's current state (JSON text) and appends it to its history,
    /// unless it equals the current state; true when it was new.
    bool store_state(const std::string& office, const std::string& state_json);
    /// How many states the office's history holds.
    std::size_t state_history_size(const std::string& office);
    /// A ticket's row as last shipped, or nullopt.
    std::optional<TicketFacts> ticket(const std::string& office, std::int64_t id);
    /// The office's current state (JSON text), or nullopt.
    std::optional<std::string> state(const std::string& office);

    /// Adds a reader, or replaces its secret hash and scope.
    void put_reader(const std::string& reader, const std::string& secret_hash,
                    const std::optional<std::vector<std::string>>& offices);
    std::optional<ReaderRecord> reader(const std::string& reader);
    /// Every office's id, sorted.
    std::vector<std::string> offices();

    /// Puts the office in `region` (nullopt: in none). Throws std::invalid_argument
    /// for an unknown office or a region id that is not 1-64 of a-z, 0-9, '-', '_'.
    void set_office_region(const std::string& office, const std::optional<std::string>& region);
    /// Gives the reader a region (nullopt: none), which stands for its list of offices.
    void set_reader_region(const std::string& reader, const std::optional<std::string>& region);
    /// The offices the reader may read, as Figures takes them: its region's offices as
    /// they are now (nullopt for none: all), else its own list (nullopt: all).
    std::optional<std::vector<std::string>> scope_of(const ReaderRecord& reader);

    /// The office's events whose office day is in [from_day, to_day], in seq order,
    /// with what the reports read from ticket rows; as the office's store hands them
    /// to the metrics. Returns how many.
    std::size_t for_each_event(const std::string& office, const std::string& from_day, const std::string& to_day,
                               const std::function<void(const metrics::LoggedEvent&)>& visit);

    /// The same for the month whose first day is `month`, read from its partition alone.
    std::size_t for_each_event_of_month(const std::string& office, const std::string& month,
                                        const std::function<void(const metrics::LoggedEvent&)>& visit);

    /// A closed month's kept figures (docs/hub.md "Months kept"): the month's current
    /// version, and the reply kept under `kind` if it was computed at that version from
    /// the same `inputs` (the office's services and time zone).
    struct Kept {
        std::int64_t version = 0;
        std::optional<std::string> reply;
    };
    /// `month` is its first day ("2026-11-01").
    Kept kept(const std::string& office, const std::string& month, const std::string& kind, const std::string& inputs);
    /// Keeps `reply` as the month's figures of `kind` at `version` (as kept() returned it
    /// before the figures were computed), unless a later version is kept already.
    void keep(const std::string& office, const std::string& month, const std::string& kind, const std::string& inputs,
              std::int64_t version, const std::string& reply);

    /// The latest office day of the events the office's ack covers (nullopt: none
    /// acked): every month before that day's month is shipped to its end.
    std::optional<std::string> acked_day(const std::string& office);
    /// The office's months before `before` (a first day) with one of `kinds` not kept at
    /// the month's current version from `inputs`, oldest first.
    std::vector<std::string> months_behind(const std::string& office, const std::vector<std::string>& kinds,
                                           const std::string& inputs, const std::string& before);
    /// The offices with a month that may be over at `now` (in some time zone) and one of
    /// `kinds` not kept at its current version, whatever the inputs.
    std::vector<std::string> offices_behind(const std::vector<std::string>& kinds, Millis now);
    /// Each office with a state, and the md5 of its state: a change of it may change inputs.
    std::vector<std::pair<std::string, std::string>> state_digests();

    /// True on a hot-standby replica (PostgreSQL in recovery), where nothing can be kept.
    bool read_only();

    /// The office's events in seq order (tests, reports).
    std::vector<ShippedEvent> events(const std::string& office);

private:
    /// Creates the partitions of `months` ("2026-11", digits checked) that are missing.
    std::size_t for_each_event_in(const std::string& table, const std::string& office, const std::string& from_day,
                                  const std::string& to_day,
                                  const std::function<void(const metrics::LoggedEvent&)>& visit);
    void ensure_partitions(const std::set<std::string>& months);
    void store_tickets(const std::string& office, const std::vector<TicketFacts>& tickets, std::int64_t as_of,
                       const std::map<std::int64_t, std::pair<std::string, std::string>>& months);
    pg::Connection c_;
};

}  // namespace antre::hub
