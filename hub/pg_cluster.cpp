#include "pg_cluster.hpp"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace antre::test {

namespace {

const std::string pg_bin = "/usr/lib/postgresql/15/bin/";

// A port nobody listens on now (the kernel's choice for port 0). Another program may
// take it before the cluster does; start() then fails and is tried on a new port.
unsigned short free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("PgCluster: socket() failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(fd);
        throw std::runtime_error("PgCluster: no free port");
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

// PostgreSQL refuses to run as root: as root, the cluster runs as `postgres` (Debian's
// package creates it) or, where that is missing, as a system user `antre-pg` made here.
std::string cluster_user() {
    if (::geteuid() != 0) return {};
    if (::getpwnam("postgres") != nullptr) return "postgres";
    if (::getpwnam("antre-pg") == nullptr &&
        std::system("useradd --system --no-create-home --shell /usr/sbin/nologin antre-pg") != 0)
        throw std::runtime_error("PgCluster: running as root, and useradd antre-pg failed");
    return "antre-pg";
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

PgCluster::PgCluster(PgClusterOptions options) : options_(std::move(options)), user_(cluster_user()) {
    if (!std::filesystem::exists(pg_bin + "initdb"))
        throw std::runtime_error("PgCluster: PostgreSQL 15 is not installed (" + pg_bin +
                                 "initdb missing; apt-get install postgresql)");
    std::string templ = (options_.parent / "antre-pg-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) throw std::runtime_error("PgCluster: mkdtemp failed");
    dir_ = templ;
    if (!user_.empty() && std::system(("chown " + user_ + " " + dir_.string()).c_str()) != 0)
        throw std::runtime_error("PgCluster: chown of " + dir_.string() + " to " + user_ + " failed");
    run_as_user(pg_bin + "initdb -D " + (dir_ / "data").string() +
                    " -U postgres --auth=trust -E UTF8 --no-locale --no-sync > " + (dir_ / "initdb.log").string() +
                    " 2>&1",
                "initdb");
    start();
}

PgCluster::~PgCluster() {
    try {
        stop();
    } catch (...) {
        // Best effort: the folder goes regardless.
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::string PgCluster::conninfo() const {
    return "host=" + dir_.string() + " port=" + std::to_string(port_) + " dbname=postgres user=postgres";
}

int PgCluster::server_pid() const {
    if (!running_) return 0;
    std::ifstream in(dir_ / "data" / "postmaster.pid");
    int pid = 0;
    return in >> pid ? pid : 0;
}

void PgCluster::run_as_user(const std::string& command, const std::string& what) const {
    const std::string full = user_.empty() ? command : "runuser -u " + user_ + " -- sh -c '" + command + "'";
    if (std::system(full.c_str()) != 0) {
        std::string log = read_file(dir_ / "initdb.log") + read_file(dir_ / "server.log");
        throw std::runtime_error("PgCluster: " + what + " failed (" + full + ")\n" + log);
    }
}

void PgCluster::start() {
    const std::string settings = options_.durable ? "-c shared_buffers=512MB -c max_wal_size=4GB" : "-c fsync=off";
    // A free port can be taken between the check and the start; try a few.
    for (int attempt = 0;; ++attempt) {
        if (port_ == 0 || attempt > 0) port_ = free_port();
        const std::string cmd = pg_bin + "pg_ctl -D " + (dir_ / "data").string() + " -l " +
                                (dir_ / "server.log").string() + " -w -t 60 -o \"-p " + std::to_string(port_) + " -k " +
                                dir_.string() + " -c listen_addresses=127.0.0.1 " + settings + "\" start > /dev/null";
        try {
            run_as_user(cmd, "pg_ctl start");
            running_ = true;
            return;
        } catch (const std::exception&) {
            if (attempt >= 3) throw;
        }
    }
}

void PgCluster::stop() {
    if (!running_) return;
    running_ = false;
    run_as_user(pg_bin + "pg_ctl -D " + (dir_ / "data").string() + " -m immediate -w stop > /dev/null", "pg_ctl stop");
}

}  // namespace antre::test
