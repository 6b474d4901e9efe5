// What the SDL programs' main() functions share: the usage error, number flags,
// and the top-level handling of failures.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace antre::gui {

/// A bad command line; an empty message asks for the usage text alone (--help).
struct UsageError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

/// `text` as a whole number from `lo` to `hi`, or a UsageError naming `flag`.
int flag_number(const std::string& flag, const std::string& text, int lo, int hi);

/// Runs `body` as the program `name`: a bad command line prints `usage` and exits 2
/// (0 for --help); any other failure prints its message and exits 1.
int run_program(const char* name, const char* usage, const std::function<int()>& body);

}  // namespace antre::gui
