#include "sqlite.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace antre::sql {
namespace {

// A write the kernel refused before taking it (no space, quota, file size limit):
// SQLite reports ENOSPC as SQLITE_FULL but the others as SQLITE_IOERR_WRITE. Nothing
// entered the page cache, so nothing written earlier is in doubt. The same errno from
// fsync is another matter: a write-back that failed (a thin or loop device out of
// room reports ENOSPC there), after which the cache no longer matches the disk.
bool refused_for_space(int code, int system_errno) {
    return (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_SHMSIZE) &&
           (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG);
}

// The errno behind `rc`: SQLite keeps it only for I/O and open errors, and keeps
// the last one, so for any other error it would be stale.
int system_errno(sqlite3* db, int rc) {
    const int primary = rc & 0xff;
    if (!db || (primary != SQLITE_IOERR && primary != SQLITE_CANTOPEN)) return 0;
    // A failed COMMIT does not always record it; errno still holds the failed call's then.
    const int sys = sqlite3_system_errno(db);
    return sys ? sys : errno;
}

// SQLite's own count of the memory it holds takes a process-wide mutex around every
// allocation and free (several dozen a commit); nothing here reads that count. Set
// before the first connection initializes SQLite (later, SQLite refuses and keeps it).
void configure_sqlite_once() {
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}

}  // namespace

bool Error::unavailable() const {
    switch (code_ & 0xff) {
        case SQLITE_FULL:
        case SQLITE_READONLY:
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
            return true;
        case SQLITE_IOERR:
            return refused_for_space(code_, system_errno_);
        default:
            return false;
    }
}

bool Error::io_failure() const { return (code_ & 0xff) == SQLITE_IOERR && !refused_for_space(code_, system_errno_); }

void create_private_file(const std::string& path) {
    if (path.empty() || path == ":memory:") return;
    // O_EXCL: an existing file keeps its mode; any failure is left to SQLite's open to report.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
}

void Database::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Database::Database(const std::string& path) {
    // SQLite would create it 0644: every user of the machine could read the PIN hashes.
    create_private_file(path);
    configure_sqlite_once();
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    db_.reset(raw);
    check(rc, ("open " + path).c_str());
    // Extended codes tell a failed write (SQLITE_IOERR_WRITE) from a failed fsync.
    sqlite3_extended_result_codes(raw, 1);
    // The server writes from its one I/O thread: a lock held by another process may
    // stall every client only this long before the write is refused as
    // storage_unavailable (docs/reliability.md).
    sqlite3_busy_timeout(raw, busy_timeout_ms);
}

Database::Database(const std::string& path, bool read_only) {
    configure_sqlite_once();
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(
        path.c_str(), &raw, (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX, nullptr);
    db_.reset(raw);
    check(rc, ("open " + path).c_str());
    sqlite3_busy_timeout(raw, 5000);
}

void Database::check(int rc, const char* what) const {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    const char* msg = db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(rc);
    const int sys = system_errno(db_.get(), rc);
    throw Error(std::string("sqlite: ") + what + ": " + msg + (sys ? " (errno " + std::to_string(sys) + ")" : ""), rc,
                sys);
}

void Database::keep_wal_on_close() {
    sqlite3_db_config(db_.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, static_cast<int*>(nullptr));
}

void Database::exec(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        const int sys = system_errno(db_.get(), rc);
        throw Error(
            "sqlite: exec: " + msg + (sys ? " (errno " + std::to_string(sys) + ")" : "") + " in: " + sql.substr(0, 80),
            rc, sys);
    }
}

bool Database::read_only() const { return sqlite3_db_readonly(db_.get(), "main") == 1; }

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }

void Statement::Finalizer::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

Statement::Statement(Database& db, const std::string& sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    db_.check(sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr),
              ("prepare: " + sql.substr(0, 60)).c_str());
    stmt_.reset(raw);
}

Statement& Statement::bind(int index, std::int64_t v) {
    db_.check(sqlite3_bind_int64(stmt_.get(), index, v), "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::string& v) {
    db_.check(sqlite3_bind_text(stmt_.get(), index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    db_.check(sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT), "bind");
    return *this;
}

Statement& Statement::bind_null(int index) {
    db_.check(sqlite3_bind_null(stmt_.get(), index), "bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_.get());
    db_.check(rc, "step");
    return false;
}

void Statement::run() {
    step();
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

std::string Statement::text(int col) const {
    const auto* p = sqlite3_column_text(stmt_.get(), col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)))
             : std::string();
}

void Statement::text(int col, std::string& out) const {
    const auto* p = sqlite3_column_text(stmt_.get(), col);
    if (!p) return out.clear();
    out.assign(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)));
}

std::string_view Statement::blob(int col) const {
    const void* p = sqlite3_column_blob(stmt_.get(), col);
    if (!p) return {};
    return {static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col))};
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }

std::optional<std::int64_t> Statement::opt_int64(int col) const {
    if (is_null(col)) return std::nullopt;
    return int64(col);
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // A failed rollback leaves SQLite to roll back at close; nothing more to do here.
        }
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace antre::sql

namespace antre::sql {

int backup(Database& src, const std::string& to) {
    namespace fs = std::filesystem;
    if (fs::exists(to)) throw Error("backup: " + to + " exists already", SQLITE_CANTOPEN);
    const std::string part = to + ".part";
    fs::remove(part);
    auto remove_part = [&part] {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(part + suffix, ignored);
    };
    int pages = 0;
    try {
        Database dst(part);
        struct Finisher {
            void operator()(sqlite3_backup* b) const { sqlite3_backup_finish(b); }
        };
        std::unique_ptr<sqlite3_backup, Finisher> b(sqlite3_backup_init(dst.handle(), "main", src.handle(), "main"));
        if (!b) dst.check(sqlite3_errcode(dst.handle()), "backup_init");
        // All pages in one step: one read transaction, so the copy is one moment even
        // while the server commits (WAL readers do not block the writer, nor it them).
        int rc = SQLITE_OK;
        for (int tries = 0; tries < 100; ++tries) {
            rc = sqlite3_backup_step(b.get(), -1);
            if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (rc != SQLITE_DONE) throw Error(std::string("sqlite: backup_step: ") + sqlite3_errstr(rc), rc);
        pages = sqlite3_backup_pagecount(b.get());
        b.reset();
        // The copy must read back whole before it takes the real name.
        {
            Statement check(dst, "PRAGMA integrity_check");
            if (!check.step() || check.text(0) != "ok")
                throw Error("backup: integrity_check of " + part + " failed: " + check.text(0), SQLITE_CORRUPT);
        }
        // One self-contained file: the copy's own WAL folded in and left behind.
        dst.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (...) {
        remove_part();  // no half-written backup left behind
        throw;
    }
    fs::rename(part, to);
    remove_part();
    return pages;
}

int backup(const std::string& from, const std::string& to) {
    Database src(from, true);
    return backup(src, to);
}

}  // namespace antre::sql
