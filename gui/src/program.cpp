#include "antre/gui/program.hpp"

#include <cstdlib>
#include <iostream>

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

std::string Flag::value() {
    if (i_ + 1 >= argc_) throw UsageError(name_ + " needs a value");
    return argv_[++i_];
}

int Flag::number(int lo, int hi) { return flag_number(name_, value(), lo, hi); }

void read_flags(int argc, char** argv, ServerAddress& server, const std::function<bool(Flag&)>& own) {
    if (const char* h = std::getenv("ANTRE_HOST")) server.host = h;
    if (const char* p = std::getenv("ANTRE_PORT"))
        server.port = static_cast<unsigned short>(flag_number("ANTRE_PORT", p, 1, 65535));
    for (int i = 1; i < argc; ++i) {
        Flag flag(i, argc, argv);
        if (flag.name() == "--help" || flag.name() == "-h")
            throw UsageError("");
        else if (flag.name() == "--host")
            server.host = flag.value();
        else if (flag.name() == "--port")
            server.port = static_cast<unsigned short>(flag.number(1, 65535));
        else if (!own(flag))
            throw UsageError("unknown option " + flag.name());
    }
}

int run_program(const char* name, const char* usage, const std::function<int()>& body) {
    try {
        return body();
    } catch (const std::invalid_argument& e) {
        if (*e.what()) std::cerr << name << ": " << e.what() << "\n";
        std::cerr << usage << "\n";
        return *e.what() ? 2 : 0;
    } catch (const std::exception& e) {
        std::cerr << name << ": " << e.what() << "\n";
        return 1;
    }
}

}  // namespace antre::gui
