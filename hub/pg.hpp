// libpq wrapped once: a connection and a result as move-only handles, every failure
// through one check() that throws pg::Error naming what failed. <libpq-fe.h> stays
// out of this header.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace antre::pg {

/// A failed connection or statement, with PostgreSQL's message.
struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The rows of one statement.
class Result {
public:
    explicit Result(pg_result* r);
    int rows() const;
    /// The text of row `r`, column `c` ("" for NULL).
    std::string get(int r, int c) const;
    bool is_null(int r, int c) const;

private:
    struct Free {
        void operator()(pg_result* r) const;
    };
    std::unique_ptr<pg_result, Free> r_;
};

/// One connection, used from one thread at a time.
class Connection {
public:
    /// Connects with a libpq connection string; throws pg::Error when it cannot.
    explicit Connection(const std::string& conninfo);
    /// Runs one or more statements without parameters.
    Result exec(const std::string& sql);
    /// Runs one statement with text parameters ($1, $2, ...; nullopt is NULL).
    Result exec(const std::string& sql, const std::vector<std::optional<std::string>>& params);
    /// Runs `copy_sql` (a `COPY ... FROM STDIN` in text format) with `rows` as its data:
    /// lines of tab-separated fields, escaped as COPY's text format requires.
    void copy_in(const std::string& copy_sql, const std::string& rows);
    /// False once the server went away (the caller connects again).
    bool ok() const;

private:
    struct Finish {
        void operator()(pg_conn* c) const;
    };
    Result check(pg_result* r, const std::string& sql);
    std::unique_ptr<pg_conn, Finish> c_;
};

/// BEGIN on construction; ROLLBACK on destruction unless commit() ran.
class Transaction {
public:
    explicit Transaction(Connection& c);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& c_;
    bool done_ = false;
};

}  // namespace antre::pg
