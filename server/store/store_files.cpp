// The store's watch over its own files, and what it does when the disk fails it.
#include "store.hpp"

#include <cerrno>
#include <chrono>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "sqlite.hpp"

namespace antre {

namespace {

// The file's device and inode, asked for alone. A stat() would also read the file's
// times, and since Linux 6.13 a file whose times were read gets a fine-grained time at
// its next write: every commit's write would then change the -wal's modification time,
// and fdatasync would write the inode to the disk as well, a second write to wait for
// (docs/decisions.md "The file check without the file's times").
std::optional<std::pair<unsigned long long, unsigned long long>> identity(const std::string& path) {
    struct statx st {};
    if (::statx(AT_FDCWD, path.c_str(), 0, STATX_INO, &st) == 0)
        return std::pair{static_cast<unsigned long long>(makedev(st.stx_dev_major, st.stx_dev_minor)),
                         static_cast<unsigned long long>(st.stx_ino)};
    if (errno != ENOSYS && errno != EPERM) return std::nullopt;
    // A sandbox that refuses statx itself: stat() still tells the file apart.
    struct stat old {};
    if (::stat(path.c_str(), &old) != 0) return std::nullopt;
    return std::pair{static_cast<unsigned long long>(old.st_dev), static_cast<unsigned long long>(old.st_ino)};
}

}  // namespace

void Store::remember_files() {
    if (path_ == ":memory:") return;
    db_file_ = identity(path_);
    wal_file_ = identity(path_ + "-wal");
}

// Another program, or a person, deleted or replaced the file or its -wal (a restore
// over the live file, `rm data/*`): the connection still writes to the old ones,
// which nobody will open again, so a commit there must never be acknowledged.
void Store::check_files() {
    if (!db_file_) return;  // in memory
    const auto db_now = identity(path_);
    const auto wal_now = identity(path_ + "-wal");
    if (!wal_file_ && wal_now && db_now == db_file_) wal_file_ = wal_now;  // made by the first write
    if (db_now == db_file_ && wal_now == wal_file_) return;
    const char* const stop = " while the server had it open, so nothing more is acknowledged; ";
    if (db_now != db_file_) {
        const std::string rescued = rescue_copy();
        // The -wal beside it is this connection's: left there, the next start would
        // apply its pages to whatever file now has the name.
        std::string wal_note;
        if (wal_file_ && wal_now == wal_file_) {
            std::error_code ec;
            std::filesystem::remove(path_ + "-wal", ec);
            if (!ec) wal_note = " (its -wal, which belonged to the old file, is removed)";
        }
        fail(path_ + (db_now ? " was replaced by another file" : " was deleted") + stop + rescued + wal_note);
    }
    // The -wal alone: its commits are still readable through this connection, so they
    // are copied into the file, which is the one the next start opens.
    std::string rescued;
    try {
        sql::Statement q(*db_, "PRAGMA wal_checkpoint(FULL)");
        if (q.step() && q.integer(0) == 0)
            rescued = "every commit it held was copied into " + path_ + " (checkpoint), which the next start opens";
    } catch (const std::exception&) {}
    if (rescued.empty()) rescued = rescue_copy();
    fail(path_ + "-wal " + (wal_now ? "was replaced by another file" : "was deleted") + stop + rescued);
}

std::string Store::rescue_copy() {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    const std::string to = path_ + ".rescued-" + std::to_string(ms);
    try {
        sql::backup(*db_, to);
        return "what the server held, up to its last commit, is saved in " + to;
    } catch (const std::exception& e) {
        return "saving what the server held to " + to + " failed too: " + e.what();
    }
}

void Store::fail(const std::string& why) {
    failed_ = "stopping: " + why;
    // Closing would checkpoint: copy the -wal into the file through a page cache that
    // may not match the disk, then delete the -wal. Left as it is, the next start
    // recovers from it.
    db_->keep_wal_on_close();
    throw FatalError(failed_);
}

}  // namespace antre
