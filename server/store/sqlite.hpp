// A thin RAII layer over the SQLite C API: each handle wrapped once, every return
// code through one check(), transactions that roll back unless committed.
// <sqlite3.h> stays out of this header.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace antre::sql {

/// A failed SQLite call, naming what was attempted and SQLite's message.
class Error : public std::runtime_error {
public:
    Error(const std::string& what, int code, int system_errno = 0)
        : std::runtime_error(what), code_(code), system_errno_(system_errno) {}
    /// SQLite's primary result code (SQLITE_IOERR, SQLITE_CONSTRAINT, ...).
    int code() const { return code_ & 0xff; }
    /// The extended result code (SQLITE_IOERR_FSYNC, SQLITE_CONSTRAINT_UNIQUE, ...).
    int extended_code() const { return code_; }
    /// The operating system's errno behind an I/O error (0 when none was reported).
    int system_errno() const { return system_errno_; }
    /// True when the disk or the file refused (full, read-only, busy or locked by
    /// another process, a write refused for want of space): a condition outside the
    /// server that may pass, after which nothing written is in doubt.
    bool unavailable() const;
    /// True for an I/O error other than a write refused for want of space (a failed
    /// write, fsync or truncate): after it the disk may hold less than SQLite was
    /// told, and a later fsync may report success all the same.
    bool io_failure() const;

private:
    int code_;
    int system_errno_;
};

class Database {
public:
    /// How long a write waits for a lock another connection holds.
    static constexpr int busy_timeout_ms = 250;
    /// Opens (creating if needed) the database file; ":memory:" for tests.
    explicit Database(const std::string& path);
    /// Opens an existing file only, for reading when `read_only`.
    Database(const std::string& path, bool read_only);
    void exec(const std::string& sql);
    std::int64_t last_insert_rowid() const;
    sqlite3* handle() const { return db_.get(); }
    /// True when SQLite opened the file read-only (it was not writable then).
    bool read_only() const;
    /// Throws sql::Error when `rc` is not SQLITE_OK/ROW/DONE.
    void check(int rc, const char* what) const;
    /// Closing will not checkpoint the WAL into the file, nor remove the -wal: for a
    /// connection that saw a write fail, whose page cache may no longer match the disk.
    void keep_wal_on_close();

private:
    struct Closer {
        void operator()(sqlite3* db) const;
    };
    std::unique_ptr<sqlite3, Closer> db_;
};

class Statement {
public:
    Statement(Database& db, const std::string& sql);
    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
    Statement& bind(int index, const std::string& v);
    Statement& bind(int index, const char* v) { return bind(index, std::string(v)); }
    Statement& bind_null(int index);
    /// Binds bytes as a BLOB (copied).
    Statement& bind_blob(int index, std::string_view bytes);
    template <class T>
    Statement& bind(int index, const std::optional<T>& v) {
        return v ? bind(index, *v) : bind_null(index);
    }
    /// Steps once; true while a row is available.
    bool step();
    /// Runs a statement that returns no rows, then resets it for reuse.
    void run();
    void reset();
    std::int64_t int64(int col) const;
    int integer(int col) const { return static_cast<int>(int64(col)); }
    std::string text(int col) const;
    /// The same into `out`, reusing its buffer (for scans of many rows).
    void text(int col, std::string& out) const;
    /// A BLOB column's bytes, valid until the statement steps, resets or is destroyed.
    std::string_view blob(int col) const;
    bool is_null(int col) const;
    std::optional<std::int64_t> opt_int64(int col) const;

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* s) const;
    };
    Database& db_;
    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

/// BEGIN IMMEDIATE on construction; rolls back in the destructor unless commit() ran.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

/// Creates `path` empty, readable and writable by its owner only (0600), unless it
/// exists; SQLite then gives its -wal and -shm the same mode. ":memory:" and "" are left alone.
void create_private_file(const std::string& path);

/// Copies the open database `from` into the new file `to`, as backup() below does.
int backup(Database& from, const std::string& to);

/// Copies the database `from` (live: the server may write meanwhile, WAL lets
/// both go on) into the new file `to` with SQLite's online backup API. The copy
/// is one consistent moment; it is checked and written under a temporary name,
/// then renamed, so `to` is either a whole database or absent. Returns its pages.
int backup(const std::string& from, const std::string& to);

}  // namespace antre::sql
