// What every Antre program's command line has in common, on CLI11: --help prints
// the help of the command given (exit 0), a usage error prints one line naming
// the option and a hint (exit 2), and the checks for ports and whole numbers.
// CLI11 is a large header: include this in one source file per program only.
#pragma once

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace antre::command_line {

/// The exit status of a wrong command line, in every Antre program.
inline constexpr int usage_status = 2;

/// Parses `argv` into `app`. Returns nothing when the program should go on; otherwise
/// the exit status after printing: 0 after the help of the command given (--help, on
/// stdout), `usage_status` after "`program`: message" and a hint (on stderr).
inline std::optional<int> parse(CLI::App& app, int argc, const char* const* argv) {
    try {
        app.parse(argc, argv);
        return std::nullopt;
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::ParseError& e) {
        // CLI11 checks for a missing command before it complains about words it did
        // not know; a misspelt command is the likelier mistake, so name it.
        const auto left = app.remaining(true);
        const bool unknown = dynamic_cast<const CLI::RequiredError*>(&e) && !left.empty();
        std::cerr << app.get_name() << ": " << (unknown ? "unknown command or argument " + left.front() : e.what())
                  << "\n"
                  << "Run " << app.get_name() << " --help (or COMMAND --help) for the usage.\n";
        return usage_status;
    }
}

/// Names the value of every option declared without a variable (whose help would show no
/// type) after the option, as `--printer PRINTER` or `--from FROM:YYYY-MM-DD`, in `app` and its subcommands; call it
/// once every option is declared.
inline void name_values(CLI::App& app) {
    for (CLI::Option* o : app.get_options())
        // A check's description follows the type after ':', so a name left empty shows as ":1-999".
        if (o != app.get_help_ptr() && (o->get_type_name().empty() || o->get_type_name().front() == ':') &&
            o->get_items_expected_max() > 0) {
            std::string name = o->get_positional() ? std::string("TEXT") : o->get_lnames().front();
            for (char& ch : name)
                ch = ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            o->type_name(name);
        }
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) name_values(*sub);
}

/// A TCP port: 1 to 65535, or also 0 (any free port) where `ephemeral` is allowed.
inline CLI::Validator port(bool ephemeral = false) {
    const int lo = ephemeral ? 0 : 1;
    return CLI::Validator(
        [lo](std::string& text) -> std::string {
            char* end = nullptr;
            const long n = std::strtol(text.c_str(), &end, 10);
            if (text.empty() || *end != '\0' || n < lo || n > 65535)
                return "expected a port number from " + std::to_string(lo) + " to 65535, got \"" + text + "\"";
            return "";
        },
        "PORT " + std::to_string(lo) + "-65535", "port");
}

/// A whole number from `lo` to `hi` (the message names both).
inline CLI::Validator whole(long long lo, long long hi = std::numeric_limits<long long>::max()) {
    return CLI::Validator(
        [lo, hi](std::string& text) -> std::string {
            char* end = nullptr;
            errno = 0;
            const long long n = std::strtoll(text.c_str(), &end, 10);
            if (text.empty() || *end != '\0' || errno == ERANGE || n < lo || n > hi)
                return "expected a whole number from " + std::to_string(lo) +
                       (hi == std::numeric_limits<long long>::max() ? std::string(" up")
                                                                    : " to " + std::to_string(hi)) +
                       ", got \"" + text + "\"";
            return "";
        },
        hi == std::numeric_limits<long long>::max() ? std::to_string(lo) + "+"
                                                    : std::to_string(lo) + "-" + std::to_string(hi),
        "whole");
}

}  // namespace antre::command_line
