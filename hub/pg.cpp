#include "pg.hpp"

#include <libpq-fe.h>

namespace antre::pg {

void Result::Free::operator()(pg_result* r) const { PQclear(r); }
void Connection::Finish::operator()(pg_conn* c) const { PQfinish(c); }

Result::Result(pg_result* r) : r_(r) {}
int Result::rows() const { return PQntuples(r_.get()); }
std::string Result::get(int r, int c) const { return PQgetvalue(r_.get(), r, c); }
bool Result::is_null(int r, int c) const { return PQgetisnull(r_.get(), r, c) != 0; }

Connection::Connection(const std::string& conninfo) : c_(PQconnectdb(conninfo.c_str())) {
    if (!c_ || PQstatus(c_.get()) != CONNECTION_OK)
        throw Error("PostgreSQL connection failed: " + std::string(c_ ? PQerrorMessage(c_.get()) : "out of memory"));
    // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
    PQsetNoticeProcessor(
        c_.get(), [](void*, const char*) {}, nullptr);
}

bool Connection::ok() const { return PQstatus(c_.get()) == CONNECTION_OK; }

Result Connection::check(pg_result* r, const std::string& sql) {
    Result res(r);
    const auto status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        std::string what = r ? PQresultErrorMessage(r) : PQerrorMessage(c_.get());
        throw Error("PostgreSQL: " + what + " in: " + sql.substr(0, 120));
    }
    return res;
}

Result Connection::exec(const std::string& sql) { return check(PQexec(c_.get(), sql.c_str()), sql); }

Result Connection::exec(const std::string& sql, const std::vector<std::optional<std::string>>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    return check(PQexecParams(c_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 0),
                 sql);
}

void Connection::copy_in(const std::string& copy_sql, const std::string& rows) {
    pg_result* start = PQexec(c_.get(), copy_sql.c_str());
    if (PQresultStatus(start) != PGRES_COPY_IN) {
        check(start, copy_sql);  // throws with the server's message
        throw Error("PostgreSQL: no COPY in: " + copy_sql.substr(0, 120));
    }
    PQclear(start);
    // The data in one piece (the caller bounds it), then its end; the COPY's result
    // follows, and libpq wants every result read before the next command.
    const bool sent = PQputCopyData(c_.get(), rows.data(), static_cast<int>(rows.size())) == 1 &&
                      PQputCopyEnd(c_.get(), nullptr) == 1;
    pg_result* done = PQgetResult(c_.get());
    while (pg_result* more = PQgetResult(c_.get())) PQclear(more);
    if (!sent) {
        PQclear(done);
        throw Error("PostgreSQL: sending the COPY's data failed: " + std::string(PQerrorMessage(c_.get())));
    }
    check(done, copy_sql);
}

Transaction::Transaction(Connection& c) : c_(c) { c_.exec("BEGIN"); }
Transaction::~Transaction() {
    if (done_) return;
    try {
        c_.exec("ROLLBACK");
    } catch (...) {
        // The connection is gone; the server rolled back already.
    }
}
void Transaction::commit() {
    c_.exec("COMMIT");
    done_ = true;
}

}  // namespace antre::pg
