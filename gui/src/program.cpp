#include "antre/gui/program.hpp"

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
