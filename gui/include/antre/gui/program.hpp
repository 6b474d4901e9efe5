// What the SDL programs' main() functions share: their command line on CLI11 (as every
// Antre program's), the usage error, and the top-level handling of failures.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace CLI {
class App;
}

namespace antre::gui {

/// A bad setting found once the command line was read (a file's value, say): exit 2.
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

/// --host and --port on `app`, taken from ANTRE_HOST and ANTRE_PORT when not given.
void server_options(CLI::App& app, ServerAddress& server);

/// Runs the SDL program `name`, described by `what`: `declare` adds its options (and
/// server_options) to its command line, which is read as every Antre program reads its
/// own (antre/command_line.hpp: --help prints the options and exits 0; a bad option or
/// value prints one line naming it and exits 2); then `body` runs. A UsageError from
/// `body` (a setting read later, such as a file) exits 2 too; any other failure prints
/// its message and exits 1.
int run_program(const char* name, const char* what, int argc, char** argv,
                const std::function<void(CLI::App&)>& declare, const std::function<int()>& body);

}  // namespace antre::gui
