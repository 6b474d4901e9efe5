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

/// Where an SDL program finds the server, with the flags every one of them takes.
struct ServerAddress {
    std::string host = "127.0.0.1";
    unsigned short port = 7410;
};

/// One flag of the command line being read, for a program's own options.
class Flag {
public:
    Flag(int& i, int argc, char** argv) : i_(i), argc_(argc), argv_(argv), name_(argv[i]) {}
    const std::string& name() const { return name_; }
    /// The next argument as this flag's value, or a UsageError.
    std::string value();
    /// The value as a whole number from `lo` to `hi`, or a UsageError.
    int number(int lo, int hi);

private:
    int& i_;
    int argc_;
    char** argv_;
    std::string name_;
};

/// Reads the command line: ANTRE_HOST/ANTRE_PORT first, then --help, --host and
/// --port into `server`; every other flag goes to `own`, which returns false for
/// one it does not know (a UsageError then names it).
void read_flags(int argc, char** argv, ServerAddress& server, const std::function<bool(Flag&)>& own);

/// Runs `body` as the program `name`: a bad command line prints `usage` and exits 2
/// (0 for --help); any other failure prints its message and exits 1.
int run_program(const char* name, const char* usage, const std::function<int()>& body);

}  // namespace antre::gui
