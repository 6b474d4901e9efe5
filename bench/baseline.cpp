// The bare limits of the machine, on the same disk as the database: how long one
// small write plus fdatasync takes, and how many single-row SQLite transactions
// (WAL, synchronous=FULL, as the server runs) commit per second. Every durable
// figure of the other modes is judged against these. Two more rows show why a commit
// costs more than an fdatasync: the same fdatasync on a file that grows, and commits
// into a -wal that is reused rather than grown.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <unistd.h>

#include "machine.hpp"
#include "modes.hpp"
#include "sqlite.hpp"

namespace antre::bench {

namespace fs = std::filesystem;

namespace {

/// About one ticket's worth of data: what a commit of one request writes at least.
constexpr std::size_t record_bytes = 512;

/// `grow`: each write appends, so each fdatasync also makes the file's new size and
/// blocks durable (a journal commit of the file system), as a -wal that grows does.
Samples fdatasync_latency(const std::string& path, long count, double& seconds, bool grow = false) {
    const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (fd < 0) throw std::runtime_error("open " + path + ": " + std::strerror(errno));
    // Written and synced once beforehand, so each measured fdatasync flushes data,
    // not the file's growth: the bare cost of making 512 bytes durable.
    const std::string zeros(grow ? 0 : record_bytes * static_cast<std::size_t>(count), '\0');
    if (::write(fd, zeros.data(), zeros.size()) != static_cast<ssize_t>(zeros.size()) || ::fsync(fd) != 0)
        throw std::runtime_error("preparing " + path + ": " + std::strerror(errno));
    std::string record(record_bytes, 'x');
    Samples samples;
    const auto start = Clock::now();
    for (long i = 0; i < count; ++i) {
        record[0] = static_cast<char>('a' + i % 26);
        const auto t0 = Clock::now();
        const auto offset = static_cast<off_t>(static_cast<std::size_t>(i) * record_bytes);
        if (::pwrite(fd, record.data(), record.size(), offset) != static_cast<ssize_t>(record.size()) ||
            ::fdatasync(fd) != 0)
            throw std::runtime_error("write/fdatasync " + path + ": " + std::strerror(errno));
        samples.add(Clock::now() - t0);
    }
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
    ::close(fd);
    return samples;
}

/// `reused`: commits enough first that the -wal has been checkpointed and starts
/// again from its beginning, so the measured commits overwrite blocks it already has
/// (as in a server that has run a while) instead of growing it (a fresh database).
Samples sqlite_commits(const std::string& path, long count, double& seconds, bool reused = false) {
    sql::Database db(path);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=FULL");
    db.exec("CREATE TABLE rows (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)");
    sql::Statement insert(db, "INSERT INTO rows (at, body) VALUES (?, ?)");
    const std::string body(record_bytes, 'x');
    // SQLite checkpoints at 1,000 pages of -wal by default: a row is one page or less.
    const long warm = reused ? 1000 + 2 * count : 0;
    if (reused) db.exec("BEGIN");  // the warm-up fills the -wal in one commit, unmeasured
    for (long i = 0; i < warm; ++i) {
        insert.bind(1, -1 - static_cast<std::int64_t>(i)).bind(2, std::string(4000, 'w')).run();
        if (i == warm / 2) db.exec("COMMIT; BEGIN");  // two commits, so that the first is checkpointed
    }
    if (reused) {
        db.exec("COMMIT");
        db.exec("PRAGMA wal_checkpoint(PASSIVE)");
    }
    Samples samples;
    const auto start = Clock::now();
    for (long i = 0; i < count; ++i) {
        const auto t0 = Clock::now();
        insert.bind(1, static_cast<std::int64_t>(i)).bind(2, body).run();  // autocommit: one transaction
        samples.add(Clock::now() - t0);
    }
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return samples;
}

}  // namespace

Report run_baseline(const BaselineOptions& o, const std::string& dir) {
    const long syncs = o.syncs;
    const long commits = o.commits;

    Report r;
    r.mode = "baseline";
    r.title = std::to_string(syncs) + " fdatasyncs of " + std::to_string(record_bytes) + " B, " +
              std::to_string(commits) +
              " single-row SQLite commits (WAL, synchronous=FULL), each again on a growing file and a "
              "reused -wal, in " +
              dir;
    r.params = {{"dir", dir}, {"syncs", syncs}, {"commits", commits}, {"record_bytes", record_bytes}};
    r.machine = describe_machine(dir);
    std::random_device rd;
    const fs::path folder = fs::path(dir) / ("antre-bench-baseline-" + std::to_string(rd() % 1000000));
    fs::create_directories(folder);
    try {
        double sync_s = 0, commit_s = 0;
        const Samples syncs_taken = fdatasync_latency((folder / "fdatasync.dat").string(), syncs, sync_s);
        const Samples commits_taken = sqlite_commits((folder / "rows.db").string(), commits, commit_s);
        double grow_s = 0, reused_s = 0;
        const Samples grows_taken = fdatasync_latency((folder / "growing.dat").string(), syncs, grow_s, true);
        const Samples reused_taken = sqlite_commits((folder / "reused.db").string(), commits, reused_s, true);
        r.add_row("fdatasync", syncs_taken, 0, sync_s);
        r.add_row("sqlite_commit", commits_taken, 0, commit_s);
        r.add_row("fdatasync, file growing", grows_taken, 0, grow_s);
        r.add_row("sqlite_commit, -wal reused", reused_taken, 0, reused_s);
        r.add_figure("fdatasync_p50_ms", r.rows[0].latency.p50_ms, "ms");
        r.add_figure("fdatasync_p99_ms", r.rows[0].latency.p99_ms, "ms");
        r.add_figure("sqlite_commits_per_s", ops_per_second(r.rows[1]), "commits/s");
        r.add_figure("sqlite_commit_p50_ms", r.rows[1].latency.p50_ms, "ms");
        r.add_figure("fdatasync_growing_p50_ms", r.rows[2].latency.p50_ms, "ms");
        r.add_figure("sqlite_commit_reused_p50_ms", r.rows[3].latency.p50_ms, "ms");
    } catch (...) {
        fs::remove_all(folder);
        throw;
    }
    fs::remove_all(folder);
    return r;
}

}  // namespace antre::bench
