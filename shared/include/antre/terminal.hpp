// A line typed at the terminal that is not shown as it is typed (a PIN), for the
// command-line programs that ask for one (`antre login`, `antre-server init-admin`).
#pragma once

#include <iostream>
#include <string>
#include <string_view>

#include <termios.h>
#include <unistd.h>

namespace antre::terminal {

/// Writes `prompt` to stderr and reads one line from stdin; when stdin is a terminal,
/// its echo is off while the line is typed (and back on after, with the newline the
/// user's Enter did not show).
inline std::string read_hidden_line(std::string_view prompt) {
    std::cerr << prompt;
    termios old{};
    const bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::cerr << "\n";
    }
    return line;
}

}  // namespace antre::terminal
