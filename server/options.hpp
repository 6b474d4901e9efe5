// antre-server's command line, read by CLI11 (options.cpp, the one file of the
// server that includes it): serve, or one of the subcommands init-admin and backup.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "app.hpp"

namespace antre {

/// --test-clock START_MS[xSPEED]: the server's clock starts at START_MS and runs SPEED times real time.
struct TestClockSpec {
    Millis start = 0;
    double speed = 1.0;
};

/// One checked antre-server command line.
struct ServerCommandLine {
    enum class Command { serve, init_admin, backup };
    Command command = Command::serve;
    /// serve: every option but the clock; init-admin and backup read db_path (and config_path).
    AppOptions app;
    std::optional<TestClockSpec> test_clock;
    std::string nip;        ///< init-admin: the first administrator
    std::string name;       ///< init-admin
    std::string backup_to;  ///< backup: the copy to write
    bool version = false;   ///< --version: print the version and exit
};

/// Reads argv. A command line to carry out, or the exit status after the help (0)
/// or a usage error (2) was printed.
std::variant<ServerCommandLine, int> read_server_command_line(int argc, char** argv);

}  // namespace antre
