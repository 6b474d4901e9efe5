#include "antre/gui/program.hpp"

#include <iostream>

#include "antre/command_line.hpp"

namespace antre::gui {

int flag_number(const std::string& flag, const std::string& text, int lo, int hi) {
    try {
        std::size_t used = 0;
        const int n = std::stoi(text, &used);
        if (used == text.size() && n >= lo && n <= hi) return n;
    } catch (const std::exception&) {
        // not a number at all: the same answer as one out of range
    }
    throw UsageError(flag + ": expected a number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                     ", got \"" + text + "\"");
}

void server_options(CLI::App& app, ServerAddress& server) {
    app.add_option("--host", server.host, "the server's address (or ANTRE_HOST)")
        ->envname("ANTRE_HOST")
        ->capture_default_str();
    app.add_option("--port", server.port, "the server's port (or ANTRE_PORT)")
        ->envname("ANTRE_PORT")
        ->check(command_line::port())
        ->capture_default_str();
}

int run_program(const char* name, const char* what, int argc, char** argv,
                const std::function<void(CLI::App&)>& declare, const std::function<int()>& body) {
    try {
        CLI::App app{what, name};
        declare(app);
        command_line::name_values(app);
        if (auto status = command_line::parse(app, argc, argv)) return *status;
        return body();
    } catch (const UsageError& e) {
        std::cerr << name << ": " << e.what() << "\n"
                  << "Run " << name << " --help for the usage.\n";
        return command_line::usage_status;
    } catch (const std::exception& e) {
        std::cerr << name << ": " << e.what() << "\n";
        return 1;
    }
}

}  // namespace antre::gui
