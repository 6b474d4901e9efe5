// The `antre` command line, read by CLI11 (cli_options.cpp, the one file that
// includes it): the server to talk to, the command, its words and its options.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace antre::cli {

/// A command line that parsed but cannot be carried out as given (exit status 2).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// One checked `antre` command line.
struct Cli {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    bool as_json = false;
    bool tls = false;
    std::string tls_ca;
    /// The command and its subcommand ("officer", "add"), then its positional words.
    std::vector<std::string> words;
    /// The command's options that were given, by long name without "--".
    std::map<std::string, std::string> flags;

    /// Positional word `i` (0 is the command); the parser made sure the required ones exist.
    std::string word(std::size_t i, const char* what) const;
    std::optional<std::string> flag(const std::string& name) const;
    /// The option's value, or a UsageError naming it.
    std::string need(const std::string& name) const;
    /// A flag that holds a NIP, checked here so a typo never reaches the server.
    std::optional<std::string> nip_flag(const std::string& name) const;
    /// The same, required.
    std::string need_nip(const std::string& name) const;
    /// --counter, checked to be 1 to 999 by the parser.
    int counter() const;
};

/// Reads argv. A Cli to carry out, or the exit status after the help (0) or a
/// usage error (2) was printed.
std::variant<Cli, int> read_command_line(int argc, char** argv);

}  // namespace antre::cli
