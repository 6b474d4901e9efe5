// Idle clients: what the SDL programs cost while nothing happens. An own server
// gets a realistic board (tickets waiting, one called); then each client program
// (the board at 1920x1080, the kiosk, the counter logged in) runs alone for N
// seconds under SDL_VIDEODRIVER=offscreen with the software renderer, and its CPU
// time (utime + stime from /proc/<pid>/stat) is reported as % of one core.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "machine.hpp"
#include "modes.hpp"

namespace antre::bench {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// The targets, in % of one core.
constexpr double board_target_pct = 10;
constexpr double desk_target_pct = 2;
/// The counter program logs in at this counter; the bench's own session calls at the next.
constexpr int gui_counter = 1;
constexpr int calling_counter = 2;

struct ClientRun {
    std::string name;     // display, kiosk, counter
    std::string program;  // antre-display, ...
    std::vector<std::string> args;
    std::vector<std::pair<std::string, std::string>> env;
    double target_pct = 0;
    std::string what;  // for the report
};

int spawn(const std::string& bin, const std::vector<std::string>& args,
          const std::vector<std::pair<std::string, std::string>>& env, const std::string& log) {
    std::vector<std::string> argv_text{bin};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    const int pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd < 0) ::_exit(126);
        ::dup2(fd, STDOUT_FILENO);
        ::dup2(fd, STDERR_FILENO);
        for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
        std::vector<char*> argv;
        for (auto& a : argv_text) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(bin.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}

/// SIGTERM, then SIGKILL after 5 s; true when it had already stopped by itself.
bool stop(int pid) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return true;
    ::kill(pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

std::string tail_of(const std::string& log) {
    std::ifstream in(log);
    std::string line, tail;
    while (std::getline(in, line)) tail = line;
    return tail;
}

/// A board worth looking at: tickets waiting in every service and one called.
void fill_office(const Target& target) {
    auto kiosk = target.connect({{"role", "kiosk"}});
    for (int round = 0; round < 3; ++round)
        for (const auto& s : target.services()) {
            const Reply r = kiosk->call("issue", {{"service", s.code}});
            if (!r.ok) throw std::runtime_error("issue refused: " + r.code + " " + r.message);
        }
    auto counter = target.connect(target.counter_hello(calling_counter - 1));
    const Reply r = counter->call("call_next");
    if (!r.ok) throw std::runtime_error("call_next refused: " + r.code + " " + r.message);
}

/// True when counter `number` is open: only the counter program opens it. (A
/// kiosk's snapshot does not name the officer.)
bool logged_in(const Target& target, int number) {
    auto kiosk = target.connect({{"role", "kiosk"}});
    const Reply r = kiosk->call("snapshot");
    if (!r.ok) return false;
    for (const auto& c : r.body["snapshot"]["counters"])
        if (c.value("number", 0) == number) return c.value("state", "") == "open";
    return false;
}

std::vector<ClientRun> plan(const IdleClientsOptions& o, const Target& target, const std::string& home) {
    const std::string port = std::to_string(target.port());
    const std::vector<std::pair<std::string, std::string>> server{{"ANTRE_HOST", target.host()}, {"ANTRE_PORT", port}};
    std::vector<ClientRun> runs;
    std::istringstream list(o.clients);
    for (std::string name; std::getline(list, name, ',');) {
        ClientRun run;
        run.name = name;
        run.env = server;
        if (name == "display") {
            run.program = "antre-display";
            run.args = {"--windowed", "--width", "1920", "--height", "1080"};
            run.target_pct = board_target_pct;
            run.what = "board, 1920x1080, windowed; only the ticker moves";
        } else if (name == "kiosk") {
            run.program = "antre-kiosk";
            run.args = {"--windowed"};
            run.target_pct = desk_target_pct;
            run.what = "kiosk, 960x540 window, home screen";
        } else {
            const SeededOfficer officer = seeded_officer(gui_counter);
            run.program = "antre-counter";
            run.args = {"--counter", std::to_string(gui_counter), "--nip", officer.nip};
            run.env.emplace_back("ANTRE_PIN", officer.pin);
            run.env.emplace_back("ANTRE_HOME", home);  // no workstation file of the user's
            run.target_pct = desk_target_pct;
            run.what = "counter, 1280x720 window, logged in, no ticket";
        }
        runs.push_back(std::move(run));
    }
    return runs;
}

}  // namespace

Report run_idle_clients(const IdleClientsOptions& o, TargetOptions target_options) {
    Report report;
    report.mode = "idle-clients";
    report.title = "idle clients: CPU of each SDL program over " + std::to_string(static_cast<int>(o.seconds)) +
                   " s, offscreen video, " + o.render_driver + " renderer";
    report.params = {{"seconds", o.seconds},
                     {"settle", o.settle_s},
                     {"clients", o.clients},
                     {"render_driver", o.render_driver},
                     {"bin_dir", o.bin_dir}};
    target_options.counters = std::max(target_options.counters, calling_counter);
    Target target(target_options);
    report.server = target.describe();
    fill_office(target);

    const std::string folder =
        (fs::path(target_options.dir) / ("antre-idle-clients-" + std::to_string(::getpid()))).string();
    fs::create_directories(folder);
    const long ticks_per_s = ::sysconf(_SC_CLK_TCK);
    for (auto& run : plan(o, target, folder)) {
        const std::string bin = (fs::path(o.bin_dir) / run.program).string();
        if (::access(bin.c_str(), X_OK) != 0)
            throw std::runtime_error("no " + run.program + " at " + bin + " (use --bin-dir)");
        run.env.emplace_back("SDL_VIDEODRIVER", "offscreen");
        run.env.emplace_back("SDL_RENDER_DRIVER", o.render_driver);
        run.env.emplace_back("SDL_AUDIODRIVER", "dummy");
        const std::string log = folder + "/" + run.name + ".log";
        const int pid = spawn(bin, run.args, run.env, log);
        std::this_thread::sleep_for(std::chrono::duration<double>(o.settle_s));
        const long long before = cpu_ticks(pid);
        const auto t0 = std::chrono::steady_clock::now();
        std::this_thread::sleep_for(std::chrono::duration<double>(o.seconds));
        const long long after = cpu_ticks(pid);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const bool counter_ok = run.name != "counter" || logged_in(target, gui_counter);
        if (stop(pid) || before < 0 || after < 0) {
            report.problems.push_back(run.program + " stopped during the run: " + tail_of(log));
            continue;
        }
        if (!counter_ok) report.problems.push_back("antre-counter did not log in at counter 1: " + tail_of(log));
        const double pct = 100.0 * static_cast<double>(after - before) / static_cast<double>(ticks_per_s) / wall;
        report.add_figure(run.name + "_cpu_pct", pct, "% of one core");
        report.notes.push_back(run.name + ": " + run.what + "; target at most " +
                               std::to_string(static_cast<int>(run.target_pct)) +
                               "% of one core: " + (pct <= run.target_pct ? "met" : "MISSED"));
    }
    std::error_code ignored;
    fs::remove_all(folder, ignored);
    return report;
}

}  // namespace antre::bench
