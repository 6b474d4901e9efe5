// Helpers for the integration tests: temp folders, a test office config, the real
// server run in-process on port 0 or as a child process, and clients.
#pragma once

#include <chrono>

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "antre/client.hpp"
#include "antre/clock.hpp"
#include "app.hpp"

namespace antre::test {

/// How long a test waits for something that must happen (a connection ready, an
/// event arriving): a generous limit for a busy machine, never a measurement.
inline constexpr std::chrono::seconds patience{60};

/// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

/// Monday 2026-11-30 09:00 WIT, inside every service's opening hours.
inline constexpr Millis monday_0900_wit = 1795996800000;
/// Tuesday 1 December 2026 at hh:mm WIT, the test office's next day.
inline constexpr Millis tuesday_wit(int hh, int mm = 0) {
    return monday_0900_wit + (15 * 60 + hh * 60 + mm) * 60'000LL;
}

/// The shipped Sorong config with unlimited quotas and counter 1 serving every
/// service (so one counter can drain the whole office); written into `dir`.
std::string write_test_config(const TempDir& dir);

/// Adds an officer straight into a database file (before the server opens it).
void add_officer(const std::string& db, const std::string& nip, const std::string& name, OfficerRole role,
                 const std::string& pin);

/// The real server in this process, on a free port, until destroyed.
class RunningServer {
public:
    /// `adjust` may change the options before the server starts (TLS, throttle policy).
    RunningServer(const std::string& config, const std::string& db, const Clock* clock = nullptr,
                  const std::function<void(AppOptions&)>& adjust = {});
    ~RunningServer();
    unsigned short port() const { return app_->port(); }
    /// The dashboard's HTTP port.
    unsigned short http_port() const { return app_->http_port(); }
    /// The citizens' public page's HTTP port.
    unsigned short public_port() const { return app_->public_port(); }

private:
    std::unique_ptr<App> app_;
    std::thread thread_;
};

/// Sets `call_policy.rule` ("strict" or "urgency") in the office config at `path`:
/// for a TestOffice's `adjust`, as `[](AppOptions& o) { set_call_rule(o.config_path, "strict"); }`.
void set_call_rule(const std::string& path, const std::string& rule);

/// An officer put into a test office's database before its server starts.
struct OfficerSeed {
    std::string nip;
    std::string name;
    OfficerRole role = OfficerRole::officer;
    std::string pin;
};

/// A whole test office: a temp folder with the test config, a database holding
/// `officers`, and the real server in this process on a ManualClock that starts at
/// monday_0900_wit.
class TestOffice {
public:
    explicit TestOffice(const std::vector<OfficerSeed>& officers = {},
                        const std::function<void(AppOptions&)>& adjust = {});
    unsigned short port() const { return server_->port(); }
    /// The dashboard's HTTP port.
    unsigned short http_port() const { return server_->http_port(); }
    /// The citizens' public page's HTTP port.
    unsigned short public_port() const { return server_->public_port(); }
    ManualClock& clock() { return clock_; }
    /// The office's database file.
    const std::string& db() const { return db_; }

private:
    TempDir dir_;
    std::string config_;
    std::string db_;
    ManualClock clock_{monday_0900_wit};
    std::unique_ptr<RunningServer> server_;
};

/// The real antre-server executable as a child process on a free port.
class ServerProcess {
public:
    /// Starts on `port`, or on a free one when 0, with `extra` options after the usual
    /// ones; as user `uid` when it is not -1 (a test run as root that needs file
    /// permissions to count). Throws, with the server's log, when it exits instead.
    ServerProcess(const std::string& config, const std::string& db, unsigned short port = 0,
                  const std::vector<std::string>& extra = {}, int uid = -1);
    ~ServerProcess();
    unsigned short port() const { return port_; }
    int pid() const { return pid_; }
    /// The file that receives the server's standard error.
    const std::string& log() const { return log_; }
    /// The whole log so far.
    std::string log_text() const;
    /// SIGKILL: no chance to flush or close anything.
    void kill_hard();
    /// SIGTERM, the graceful stop; returns the exit status (wait_exit).
    int stop();
    /// Waits up to `limit` for the server to end by itself: its exit status, or
    /// 128 + the signal that ended it; nothing if it is still running.
    std::optional<int> wait_exit(std::chrono::milliseconds limit);

private:
    int pid_ = -1;
    unsigned short port_ = 0;
    std::string log_;
};

/// A display that subscribes and keeps every event it receives (the snapshot first).
class RecordingBoard {
public:
    /// Connects and waits until subscribed, or a failed REQUIRE.
    explicit RecordingBoard(unsigned short port);
    /// Waits (up to 10 s) until an event of `type` has arrived.
    bool wait_for(const std::string& type);
    /// What has arrived so far, in order.
    std::vector<nlohmann::json> events();
    Client& client() { return *client_; }

private:
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<nlohmann::json> events_;
    std::unique_ptr<Client> client_;
};

/// A started client that is ready (hello accepted), or a failed REQUIRE.
std::unique_ptr<Client> connect(unsigned short port, nlohmann::json hello, bool subscribe = false);

/// The server's answer to one hello, accepted or refused, from a client that does not reconnect.
Reply try_hello(unsigned short port, const nlohmann::json& hello);

/// The staff the role and security tests seed and log in as (valid 18-digit NIPs).
namespace seeded {
inline const std::string officer_nip = "199002022015032002";
inline const std::string officer_pin = "86420975";
inline const std::string manager_nip = "198203172009031001";
inline const std::string manager_pin = "97531864";
inline const std::string admin_nip = "198001012006041001";
inline const std::string admin_pin = "75319642";
}  // namespace seeded

}  // namespace antre::test
