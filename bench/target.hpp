// The server a benchmark drives: either its own antre-server child process on a
// free loopback port (a fresh database under --dir, an office with unlimited
// quotas, officers and log-in tokens seeded before it starts) or a running one
// given by --host/--port.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/client.hpp"

namespace antre::bench {

/// A service as the simulated office sees it.
struct ServiceInfo {
    std::string code;
    double weight = 1;            ///< its share of the day's citizens (the shipped daily quota)
    double mean_service_s = 300;  ///< real mean service time: half its max_service_minutes
};

struct TargetOptions {
    std::string host;  ///< a running server; empty: start an own one
    unsigned short port = 7410;
    std::string logins;        ///< with host: a file of "COUNTER NIP PIN" lines for counter sessions
    int server_pid = 0;        ///< with host: the server's pid, to read its memory
    std::string dir = "data";  ///< own server: its folder goes under here (the disk measured)
    std::string config;        ///< own server: the office config it is based on
    std::string server_bin;    ///< own server: the antre-server executable
    int counters = 1;          ///< own server: counters, each with an officer ready to log in
    bool public_page = false;  ///< own server: open its public port (phones' ticket pages) too
    /// The public port: an own server's, once it listens; with host, the running server's (0: none).
    unsigned short public_port = 0;
    bool keep = false;  ///< own server: leave its folder behind
    /// Own server: changes to the office config after the bench's own (booking rules).
    std::function<void(nlohmann::json&)> adjust_office;
};

class Target {
public:
    /// Starts an own server, or checks that the given one answers.
    explicit Target(TargetOptions options);
    /// Stops an own server (SIGTERM, then SIGKILL) and removes its folder.
    ~Target();
    Target(const Target&) = delete;
    Target& operator=(const Target&) = delete;

    /// True when this process started the server.
    bool own() const { return pid_ > 0; }
    const std::string& host() const { return options_.host; }
    unsigned short port() const { return options_.port; }
    /// The public port (ticket pages and their events); 0 when there is none.
    unsigned short public_port() const { return options_.public_port; }
    /// The office's services, in display order.
    const std::vector<ServiceInfo>& services() const { return services_; }
    /// How many counter sessions can log in.
    int counters() const { return static_cast<int>(counter_hellos_.size()); }
    /// The hello fields that log counter session `i` (0-based) in.
    const nlohmann::json& counter_hello(int i) const;
    /// A ready client; throws std::runtime_error when the server refuses or does not answer.
    std::unique_ptr<Client> connect(nlohmann::json hello, bool subscribe = false) const;
    /// The server's resident memory in MB, when its pid is known.
    std::optional<double> server_rss_mb() const;
    /// The server's CPU time so far (user + system, all threads) in seconds, when its pid is known.
    std::optional<double> server_cpu_s() const;
    /// Own server only: SIGKILL (no chance to flush anything), then start again on the same database.
    void crash_and_restart();
    /// False, with a problem naming the end of its log, when an own server has
    /// stopped by itself; its folder is then kept for a look.
    bool check_alive(std::vector<std::string>& problems);
    /// One line for the report: which server, and where its database is.
    std::string describe() const;

private:
    void prepare_office();
    void seed_officers();
    void start_server();
    void stop_server(bool hard);
    void read_logins();
    void read_services_from_server();

    TargetOptions options_;
    std::string folder_;  // own server: everything it writes
    std::string config_path_;
    std::string db_path_;
    int pid_ = -1;
    int starts_ = 0;
    std::string log_path_;
    std::vector<ServiceInfo> services_;
    std::vector<nlohmann::json> counter_hellos_;
};

/// The officer an own server seeds for counter `counter` (1-based), with the PIN
/// a program that logs in by NIP and PIN (antre-counter) can use.
struct SeededOfficer {
    int counter = 0;
    std::string nip;
    std::string pin;
};
SeededOfficer seeded_officer(int counter);

/// The antre-server next to the running antre-bench (both land in build/bin).
std::string default_server_binary();

}  // namespace antre::bench
