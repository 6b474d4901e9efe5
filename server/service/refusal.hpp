// Answers shared by the handler's files.
#pragma once

#include <exception>
#include <string>

#include "antre/protocol.hpp"

namespace antre {

/// The answer to a failed database call: the disk or the file refusing (full,
/// read-only, locked) is storage_unavailable, a state that passes; anything else is
/// storage_error. Either way nothing of the request was applied.
std::string storage_refusal(const protocol::json& id, const std::exception& err);

}  // namespace antre
