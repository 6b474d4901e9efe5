// The one failure the server does not survive on purpose.
#pragma once

#include <stdexcept>

namespace antre {

/// A failure after which the server must not go on: memory and disk disagree, or
/// the disk can no longer be trusted with what is written. It passes every catch on
/// the way to main(), which logs its message and exits non-zero.
class FatalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace antre
