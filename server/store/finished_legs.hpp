// The history the forward estimate learns holding times from (learned_holds.hpp): the
// done tickets of a period, read off the tickets table by its day index. Works on any
// connection to the office's file (the store's, or a read-only one beside it).
#pragma once

#include <string>
#include <vector>

#include "learned_holds.hpp"

namespace antre {

namespace sql {
class Database;
}

/// The done tickets of office days [from_day, to_day]: their last service with its call
/// and finish, in ticket order.
std::vector<FinishedLeg> finished_legs(sql::Database& db, const std::string& from_day, const std::string& to_day);

}  // namespace antre
