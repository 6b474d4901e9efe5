// Online backup: `antre-server backup` copies the database while the server
// (another process) keeps issuing tickets; a server started on the copy knows
// every ticket that was acknowledged before the backup began.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace backup_test {

using namespace antre;
using namespace antre::test;
using json = nlohmann::json;

namespace {

int run_backup(const std::string& db, const std::string& to) {
    const std::string cmd = std::string(ANTRE_SERVER_BIN) + " backup --db " + db + " --to " + to + " >/dev/null 2>&1";
    return std::system(cmd.c_str());
}

}  // namespace

TEST_CASE("A backup taken while kiosks issue tickets restores every ticket acknowledged before it") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    const auto copy = dir.file("backup.db");
    ServerProcess server(config, db);

    std::mutex m;
    std::vector<json> acknowledged;  // in the order the replies came
    std::atomic<bool> stop{false};
    std::atomic<int> refused{0};
    std::vector<std::thread> kiosks;
    struct Joiner {  // a failed REQUIRE still stops the kiosks before the server goes
        std::atomic<bool>& stop;
        std::vector<std::thread>& threads;
        ~Joiner() {
            stop = true;
            for (auto& t : threads)
                if (t.joinable()) t.join();
        }
    } joiner{stop, kiosks};
    for (const char* service : {"KTP", "KK"})
        kiosks.emplace_back([&, service] {
            ClientOptions o;
            o.port = server.port();
            o.hello = {{"role", "kiosk"}};
            Client c(o);
            c.start();
            while (!stop) {
                const Reply r = c.call("issue", {{"service", service}});
                if (!r.ok) {
                    ++refused;
                    continue;
                }
                std::lock_guard lock(m);
                acknowledged.push_back(r.body["ticket"]);
            }
        });
    auto count = [&] {
        std::lock_guard lock(m);
        return acknowledged.size();
    };
    while (count() < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    std::vector<json> before;
    {
        std::lock_guard lock(m);
        before = acknowledged;
    }
    REQUIRE(run_backup(db, copy) == 0);
    const std::size_t at_end = count();
    stop = true;
    for (auto& k : kiosks) k.join();
    CHECK(std::filesystem::exists(copy));
    CHECK(refused == 0);  // the backup never made the server refuse or stall a request
    // How many were acknowledged while the backup ran depends on the machine's speed,
    // so it is reported, not asserted.
    INFO("acknowledged before the backup: " << before.size() << ", by its end: " << at_end);
    CHECK_FALSE(std::filesystem::exists(copy + ".part"));

    // The restore: a server started on the copy alone.
    RunningServer restored(config, copy);
    auto board = connect(restored.port(), {{"role", "display"}});
    for (const auto& t : before) {
        const Reply r = board->call("ticket", {{"ticket", t["id"]}});
        REQUIRE(r.ok);
        CHECK(r.body["ticket"]["label"] == t["label"]);
    }
    // And the copy is one moment: per service the numbers run 1..n with no gap.
    const json snapshot = board->call("snapshot").body["snapshot"];
    for (const auto& s : snapshot["services"]) {
        const int last = s["last_number"];
        for (int n = 1; n <= last; ++n) {
            const std::string label = s["prefix"].get<std::string>() + "-" +
                                      (n < 10    ? "00"
                                       : n < 100 ? "0"
                                                 : "") +
                                      std::to_string(n);
            CHECK(board->call("ticket", {{"ticket", label}}).ok);
        }
    }
}

TEST_CASE("A backup refuses a missing database and an existing target, and leaves nothing behind") {
    TempDir dir;
    CHECK(run_backup(dir.file("missing.db"), dir.file("out.db")) != 0);
    CHECK_FALSE(std::filesystem::exists(dir.file("out.db")));
    CHECK_FALSE(std::filesystem::exists(dir.file("out.db.part")));
    const auto config = write_test_config(dir);
    add_officer(dir.file("antre.db"), "1", "x", OfficerRole::admin, "1234");
    { std::ofstream(dir.file("taken.db")) << "keep me"; }
    CHECK(run_backup(dir.file("antre.db"), dir.file("taken.db")) != 0);
    std::ifstream in(dir.file("taken.db"));
    std::string kept;
    std::getline(in, kept);
    CHECK(kept == "keep me");
}

namespace {

/// The permission bits of a file or folder.
unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777u;
}

/// Sets the process's umask for a scope (the usual 022 lets everyone read new files).
struct Umask {
    explicit Umask(mode_t m) : old(::umask(m)) {}
    ~Umask() { ::umask(old); }
    mode_t old;
};

}  // namespace

TEST_CASE("The database, its -wal and -shm, a backup and the folder the server makes are its user's alone") {
    const Umask usual(022);
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("data/antre.db");  // the folder does not exist yet
    {
        RunningServer server(config, db);
        auto kiosk = connect(server.port(), {{"role", "kiosk"}});
        REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
        CHECK(mode_of(dir.file("data")) == 0700u);
        for (const char* suffix : {"", "-wal", "-shm"}) {
            INFO("antre.db" << suffix);
            CHECK(mode_of(db + suffix) == 0600u);
        }
        REQUIRE(run_backup(db, dir.file("backup.db")) == 0);
        CHECK(mode_of(dir.file("backup.db")) == 0600u);
    }
    // A folder that exists already keeps the mode its owner gave it.
    std::filesystem::create_directories(dir.file("shared"));
    ::chmod(dir.file("shared").c_str(), 0750);
    { RunningServer server(config, dir.file("shared/antre.db")); }
    CHECK(mode_of(dir.file("shared")) == 0750u);
    CHECK(mode_of(dir.file("shared/antre.db")) == 0600u);
}

}  // namespace backup_test
