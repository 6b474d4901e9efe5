// A closed office day's events as the reports read them, kept in one row of
// `day_digests` (issue #19 item 4; docs/decisions.md "The year's report from day
// digests"): a report over a period decodes the digests of its closed days instead of
// reading their events and tickets row by row, and reads only the days without one
// (today, or a day a ticket still open at its close keeps undigested) from the log.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.hpp"

namespace antre {

namespace sql {
class Database;
}

namespace day_digest {

/// The encoding's version: a digest of another version is not read, and is written anew
/// at the next day's close.
inline constexpr int version = 1;

/// The events (one office day's, in seq order) with everything the log read gives
/// them: labels, shown estimates, the finished leg's call and start.
std::string encode(const std::vector<metrics::LoggedEvent>& events);

/// Hands each event of `data` to `visit` in order, with one object reused between
/// calls; returns how many. Throws std::runtime_error when `data` is cut or malformed.
std::size_t decode(std::string_view data, const std::function<void(const metrics::LoggedEvent&)>& visit);

/// Writes the digest of every closed office day (before `today`) that has none of this
/// version and can have no more changes: none of the tickets its events name is still
/// waiting, called or being served (a ticket carried past midnight keeps its day
/// undigested until it ends), and its events lie together in seq order. Runs inside the
/// caller's transaction.
void write_closed_days(sql::Database& db, const std::string& today);

/// Drops the digest of `day` (a late event of it was written): the log is read for it
/// again.
void forget(sql::Database& db, const std::string& day);

}  // namespace day_digest
}  // namespace antre
