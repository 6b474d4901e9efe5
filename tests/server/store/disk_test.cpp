// Disk trouble under the real antre-server executable: a disk that refuses to
// grow the files (RLIMIT_FSIZE set on the running server: the same EFBIG a full
// quota gives), a database locked by another process, and a read-only file. In
// each the server refuses writes with storage_unavailable, serves reads and
// snapshots, and writes again once the disk does, without a restart.
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>

#include <sys/resource.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "raw_connection.hpp"
#include "sqlite.hpp"
#include "store.hpp"
#include "store_check.hpp"
#include "test_support.hpp"

namespace antre::test::disk_test {
namespace {

using json = nlohmann::json;

/// Lets the server's files grow by no byte from now on (or again without limit).
void limit_file_size(int pid, bool limited) {
    rlimit r{limited ? 1 : RLIM_INFINITY, RLIM_INFINITY};
    REQUIRE(::prlimit(pid, RLIMIT_FSIZE, &r, nullptr) == 0);
}

/// The reads that must keep working while writes are refused.
void require_reads_served(unsigned short port, Client& kiosk, int ktp_issued) {
    auto snap = kiosk.call("snapshot");
    REQUIRE(snap.ok);
    for (const auto& s : snap.body["snapshot"]["services"])
        if (s["code"] == "KTP") CHECK(s["last_number"] == ktp_issued);  // nothing refused is in memory
    CHECK(kiosk.call("ticket", {{"ticket", "A-001"}}).ok);
    CHECK(kiosk.call("ping").ok);
    RecordingBoard board(port);  // a display (re)connecting gets its snapshot
    CHECK(board.events().at(0)["event"] == "snapshot");
}

void require_refused(Client& kiosk) {
    for (int i = 0; i < 3; ++i) {
        auto r = kiosk.call("issue", {{"service", "KTP"}});
        REQUIRE_FALSE(r.ok);
        CHECK(r.code == "storage_unavailable");
    }
}

void require_consistent_file(const std::string& db, int ktp_issued) {
    const StoreCheck check = check_store(db);
    for (const auto& p : check.problems) UNSCOPED_INFO(p);
    CHECK(check.problems.empty());
    int ktp = 0;
    for (const auto& [id, t] : check.tickets) ktp += t.origin_service == "KTP";
    CHECK(ktp == ktp_issued);
}

/// The user the server must run as for file permissions to hold: root writes
/// whatever they say, so then nobody, made owner of everything in `dir`; else -1
/// (the test's own user).
int permissions_count(const TempDir& dir) {
    if (::geteuid() != 0) return -1;
    constexpr int nobody = 65534;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path()))
        REQUIRE(::chown(entry.path().c_str(), nobody, nobody) == 0);
    REQUIRE(::chown(dir.path().c_str(), nobody, nobody) == 0);
    return nobody;
}

const OfficerSeed officer{"198001012005011001", "Petugas Satu", OfficerRole::officer, "111111"};

/// The next ticket is the second: none was lost to the refused ones.
void require_second_ticket(Client& kiosk) {
    auto r = kiosk.call("issue", {{"service", "KTP"}});
    REQUIRE(r.ok);
    CHECK(r.body["ticket"]["label"] == "A-002");
}

/// A database with one KTP ticket, whose server was killed: the files as a fault finds them.
struct StoppedOffice {
    TempDir dir;
    std::string config = write_test_config(dir);
    std::string db = dir.file("antre.db");
    StoppedOffice() {
        ServerProcess first(config, db);
        auto kiosk = connect(first.port(), {{"role", "kiosk"}});
        REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
    }
};

void set_writable(const std::string& path, bool writable) {
    namespace fs = std::filesystem;
    if (writable)
        fs::permissions(path, fs::perms::owner_write, fs::perm_options::add);
    else
        fs::permissions(path, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                        fs::perm_options::remove);
}

/// A server with one officer and one KTP ticket issued, before the disk gets into trouble.
struct DiskOffice {
    TempDir dir;
    std::string config = write_test_config(dir);
    std::string db = dir.file("antre.db");
    bool seeded = (add_officer(db, officer.nip, officer.name, officer.role, officer.pin), true);
    ServerProcess server{config, db};
    std::unique_ptr<Client> kiosk = connect(server.port(), {{"role", "kiosk"}});
    DiskOffice() { REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok); }
    /// Once the disk is well again: the next number is the second, and the file is whole.
    void require_recovered() {
        require_second_ticket(*kiosk);
        server.kill_hard();
        require_consistent_file(db, 2);
    }
};

}  // namespace

TEST_CASE("a disk that refuses to grow the database: writes refused, reads served, writes resume", "[disk]") {
    DiskOffice office;
    limit_file_size(office.server.pid(), true);
    require_refused(*office.kiosk);
    require_reads_served(office.server.port(), *office.kiosk, 1);

    // A counter logging in now is refused (its log-in writes); the client library
    // takes that as passing and tries again, rather than giving up as on a bad PIN.
    std::mutex mutex;
    std::condition_variable changed;
    bool refused_for_storage = false;
    ClientOptions o;
    o.port = office.server.port();
    o.hello = {{"role", "counter"}, {"counter", 1}, {"nip", officer.nip}, {"pin", officer.pin}};
    o.min_backoff = std::chrono::milliseconds(50);
    Client counter(o);
    counter.on_state([&](ConnectionState, const std::string& why) {
        std::lock_guard lock(mutex);
        refused_for_storage = refused_for_storage || why.find("storage_unavailable") != std::string::npos;
        changed.notify_all();
    });
    counter.start();
    {
        std::unique_lock lock(mutex);
        REQUIRE(changed.wait_for(lock, std::chrono::seconds(20), [&] { return refused_for_storage; }));
    }
    CHECK(counter.state() != ConnectionState::refused);

    limit_file_size(office.server.pid(), false);
    CHECK(counter.wait_ready(std::chrono::seconds(20)));
    office.require_recovered();
}

TEST_CASE("a database locked by another process: writes refused, reads served, writes resume", "[disk]") {
    DiskOffice office;
    {
        // Another program (a careless sqlite3 shell, a backup script) holds the write lock.
        sql::Database other(office.db);
        other.exec("BEGIN IMMEDIATE");
        require_refused(*office.kiosk);
        require_reads_served(office.server.port(), *office.kiosk, 1);
        other.exec("ROLLBACK");
    }
    office.require_recovered();
}

TEST_CASE("a log-in and an officer write refused by a locked database leave nothing behind, and can be retried",
          "[disk]") {
    DiskOffice office;
    RawConnection raw(office.server.port());
    const json counter_hello = {{"id", 1},      {"op", "hello"},      {"role", "counter"},
                                {"counter", 1}, {"nip", officer.nip}, {"pin", officer.pin}};
    auto ask = [&](const json& request) {
        REQUIRE(raw.send(request.dump() + "\n"));
        auto line = raw.read_line(std::chrono::seconds(30));
        REQUIRE(line);
        return json::parse(*line);
    };
    {
        sql::Database other(office.db);
        other.exec("BEGIN IMMEDIATE");
        const json refused = ask(counter_hello);
        CHECK(refused["ok"] == false);
        CHECK(refused["error"]["code"] == "storage_unavailable");
        other.exec("ROLLBACK");
    }
    // Nothing of the refused log-in stayed: the session has no role, so it may say hello again.
    const json retried = ask(counter_hello);
    REQUIRE(retried["ok"] == true);
    CHECK(retried["counter"]["officer"] == officer.nip);
    // Its token was committed with the log-in: it opens the counter after a restart.
    office.server.kill_hard();
    ServerProcess again(office.config, office.db);
    const Reply by_token = try_hello(again.port(), {{"role", "counter"}, {"counter", 1}, {"token", retried["token"]}});
    CHECK(by_token.ok);
}

TEST_CASE("a read-only database file: writes refused, reads served, writes resume once writable", "[disk]") {
    StoppedOffice office;
    const int uid = permissions_count(office.dir);
    set_writable(office.db, false);  // a restore or a careless copy left it so
    ServerProcess server(office.config, office.db, 0, {}, uid);
    auto kiosk = connect(server.port(), {{"role", "kiosk"}});
    require_refused(*kiosk);
    require_reads_served(server.port(), *kiosk, 1);

    set_writable(office.db, true);
    require_second_ticket(*kiosk);
    server.kill_hard();
    require_consistent_file(office.db, 2);
}

TEST_CASE("another process cannot take the database exclusively while the server has it open", "[disk]") {
    // locking_mode=EXCLUSIVE would keep even readers out, so that after a failed write
    // the server could not reload what is on disk and would have to stop. SQLite
    // refuses that lock while the server holds the file open in WAL mode.
    DiskOffice office;
    {
        sql::Database other(office.db);
        other.exec("PRAGMA locking_mode=EXCLUSIVE");
        try {
            other.exec("BEGIN EXCLUSIVE");
            FAIL("another process took the database exclusively");
        } catch (const sql::Error& e) {
            CHECK(e.unavailable());  // SQLITE_BUSY: "database is locked"
        }
    }
    require_reads_served(office.server.port(), *office.kiosk, 1);
    office.require_recovered();
}

TEST_CASE("a read-only folder at start: the server refuses to start and says what to fix", "[disk]") {
    StoppedOffice office;
    // The last connection to close, once it has read, folds the -wal into the file and
    // removes it, as a clean stop does.
    sql::Database(office.db).exec("SELECT count(*) FROM meta");
    REQUIRE_FALSE(std::filesystem::exists(office.db + "-wal"));
    const int uid = permissions_count(office.dir);
    // SQLite cannot create the -wal and -shm files it needs in a read-only folder.
    set_writable(office.dir.path(), false);
    try {
        ServerProcess refused(office.config, office.db, 0, {}, uid);
        FAIL("antre-server started in a read-only folder");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("the file and its folder must be writable"));
    }
    set_writable(office.dir.path(), true);
    ServerProcess server(office.config, office.db, 0, {}, uid);
    auto kiosk = connect(server.port(), {{"role", "kiosk"}});
    require_second_ticket(*kiosk);
}

}  // namespace antre::test::disk_test

namespace antre::test::disk_test {
namespace {

/// The file a server that found its database gone left its rescued copy in.
std::string rescued_copy(const TempDir& dir) {
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        if (const auto name = entry.path().filename().string();
            name.starts_with("antre.db.rescued-") && !name.ends_with("-wal") && !name.ends_with("-shm"))
            return entry.path().string();
    return {};
}

/// A file holding, consistent in itself.
void require_first_three(const std::string& db) {
    REQUIRE_FALSE(db.empty());
    const StoreCheck check = check_store(db);
    for (const auto& p : check.problems) UNSCOPED_INFO(p);
    CHECK(check.problems.empty());
    std::set<std::string> labels;
    for (const auto& [id, t] : check.tickets) labels.insert(t.label);
    for (const char* label : {"A-001", "A-002", "A-003"}) CHECK(labels.count(label) == 1);
}

}  // namespace

TEST_CASE(
    "database files deleted or replaced under the running server: it stops before acknowledging, and "
    "nothing acknowledged is lost",
    "[disk]") {
    namespace fs = std::filesystem;
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    ServerProcess server(config, db);
    auto kiosk = connect(server.port(), {{"role", "kiosk"}});
    for (int i = 0; i < 3; ++i) REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);

    auto require_stopped = [&](const std::string& reason) {
        const auto r = kiosk->call("issue", {{"service", "KTP"}}, std::chrono::seconds(20));
        CHECK_FALSE(r.ok);  // written to a file nobody will read again: never acknowledged
        const auto status = server.wait_exit(std::chrono::seconds(20));
        const std::string log = server.log_text();
        INFO("server log:\n" << log);
        REQUIRE(status.has_value());
        CHECK(*status != 0);
        CHECK_THAT(log, Catch::Contains(reason));
    };

    SECTION("replaced by another database") {
        { Store other(dir.file("other.db")); }
        fs::rename(dir.file("other.db"), db);  // a restore over the live file, say
        require_stopped("was replaced");
        require_first_three(rescued_copy(dir));
    }
    SECTION("deleted, with its WAL and shared memory files") {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
        require_stopped("was deleted");
        require_first_three(rescued_copy(dir));
    }
    SECTION("its WAL file alone deleted") {
        // The last tickets are in the -wal alone (no checkpoint yet).
        REQUIRE(fs::file_size(db + "-wal") > 0);
        fs::remove(db + "-wal");
        require_stopped("-wal was deleted");
        require_first_three(db);
        ServerProcess again(config, db);
        auto k = connect(again.port(), {{"role", "kiosk"}});
        CHECK(k->call("issue", {{"service", "KTP"}}).ok);
        again.kill_hard();
        require_first_three(db);
    }
}

}  // namespace antre::test::disk_test
