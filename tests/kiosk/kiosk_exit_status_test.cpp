// The kiosk program's exit status (docs/kiosk.md "Options"): a signal that stops it gives
// 128 + the signal's number, so that its session on a kiosk PC starts it again and only the
// operator's exit (status 0) ends the session (packaging/clients/antre-session).
#include <chrono>
#include <csignal>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test_support.hpp"

extern char** environ;

namespace kiosk_exit_status_test {

// True once the process has its own handler for `signal` (its SigCgt mask in
// /proc/PID/status): before that, the signal would kill it instead of stopping it.
bool catches(pid_t pid, int signal) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("SigCgt:", 0) == 0) return (std::stoull(line.substr(7), nullptr, 16) >> (signal - 1)) & 1U;
    return false;
}

// Starts the real antre-kiosk against `port` on SDL's offscreen driver, waits until it
// handles `signal`, sends it, and returns the exit status it ends with.
int status_after(int signal, unsigned short port) {
    const std::string port_text = std::to_string(port);
    std::vector<std::string> args = {ANTRE_KIOSK_BIN, "--windowed", "--host", "127.0.0.1", "--port", port_text};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // SDL's software renderer, as the screen tests draw with: on the offscreen driver SDL
    // would first try OpenGL, loading and unloading EGL, whose allocations the checked
    // build's leak check then reports from a module no longer there.
    std::vector<std::string> env_text = {"SDL_RENDER_DRIVER=software"};
    for (char** e = environ; *e != nullptr; ++e)
        if (std::string_view(*e).rfind("SDL_RENDER_DRIVER=", 0) != 0) env_text.emplace_back(*e);
    std::vector<char*> env;
    for (auto& e : env_text) env.push_back(e.data());
    env.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, ANTRE_KIOSK_BIN, nullptr, nullptr, argv.data(), env.data()) == 0);
    // A generous limit, not a measurement: the kiosk reaches its loop in well under a second.
    const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (!catches(pid, signal) && std::chrono::steady_clock::now() < limit)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(catches(pid, signal));
    REQUIRE(kill(pid, signal) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}

TEST_CASE("antre-kiosk stopped by SIGTERM or SIGINT exits with 128 + the signal, not 0", "[kiosk][session]") {
    antre::test::TestOffice office;
    CHECK(status_after(SIGTERM, office.port()) == 128 + SIGTERM);
    CHECK(status_after(SIGINT, office.port()) == 128 + SIGINT);
}

}  // namespace kiosk_exit_status_test
