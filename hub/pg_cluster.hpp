// A throwaway PostgreSQL cluster for the hub's tests and `antre-bench hub`: initdb in
// a temp folder as an unprivileged user, started on a free port with its unix socket
// in that folder, stopped and removed when the object goes.
#pragma once

#include <filesystem>
#include <string>

namespace antre::test {

/// A PostgreSQL 15 cluster of its own. The constructor throws, naming what failed
/// (no binaries, no unprivileged user, initdb or start failing), so a test that needs
/// PostgreSQL fails loudly rather than skipping.
/// How the cluster runs. Tests throw the cluster away and need no durability; the
/// bench measures what a hub on one machine does (fsync on, memory for a busy hub).
struct PgClusterOptions {
    std::filesystem::path parent = std::filesystem::temp_directory_path();  ///< where its folder goes
    bool durable = false;  ///< fsync on; shared_buffers 512MB, max_wal_size 4GB
};

class PgCluster {
public:
    explicit PgCluster(PgClusterOptions options = {});
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    /// libpq connection string of the cluster's `postgres` database (unix socket).
    std::string conninfo() const;
    unsigned short port() const { return port_; }
    /// The postmaster's process id (0 when it is not running).
    int server_pid() const;
    /// Stops the server at once (`pg_ctl -m immediate`, like a crash).
    void stop();
    /// Starts it again on the same port and folder.
    void start();

private:
    /// Runs a shell command as the cluster's user; throws with `what` and the log on failure.
    void run_as_user(const std::string& command, const std::string& what) const;

    PgClusterOptions options_;
    std::filesystem::path dir_;
    std::string user_;
    unsigned short port_ = 0;
    bool running_ = false;
};

}  // namespace antre::test
