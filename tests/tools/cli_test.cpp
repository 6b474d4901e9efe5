// The command lines of the real `antre` and `antre-server` executables: --help on
// every command, usage errors (exit status 2, the option named), ranges, and the
// Indonesian words `antre` prints against a real server.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

#include "test_support.hpp"

namespace cli_test {

using namespace antre;
using namespace antre::test;

namespace {

struct Run {
    int status = -1;
    std::string out;
    std::string err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `program arguments` through the shell in `home`, which is also its ANTRE_HOME; stdin is empty.
Run run(const TempDir& home, const std::string& program, const std::string& arguments, const std::string& env = "") {
    const std::string out = home.file("stdout.txt"), err = home.file("stderr.txt");
    const std::string command = "cd " + home.path().string() + " && ANTRE_HOME=" + home.path().string() + " " + env +
                                " " + program + " " + arguments + " </dev/null >" + out + " 2>" + err;
    const int raw = std::system(command.c_str());
    Run r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

Run antre_cli(const TempDir& home, const std::string& arguments, const std::string& env = "") {
    return run(home, ANTRE_CLI_BIN, arguments, "env -u ANTRE_HOST -u ANTRE_PORT -u ANTRE_TLS -u ANTRE_TLS_CA " + env);
}

Run server_cli(const TempDir& home, const std::string& arguments) { return run(home, ANTRE_SERVER_BIN, arguments); }

const std::vector<std::string> antre_commands = {
    "issue",         "status",  "ticket",        "watch",        "login",       "logout",   "call-next",
    "call",          "recall",  "start",         "finish",       "no-show",     "transfer", "pause",
    "resume",        "cancel",  "priority",      "my-day",       "officers",    "officer",  "officer add",
    "officer set",   "service", "service close", "service open", "service set", "counter",  "counter set",
    "counter close", "events",  "report",        "ikm",          "sheet",       "audit",    "rate",
    "survey",        "ranking"};

}  // namespace

TEST_CASE("antre --help and every command's --help print that command's usage and exit 0") {
    TempDir home;
    const Run top = antre_cli(home, "--help");
    CHECK(top.status == 0);
    for (const std::string word : {"call-next", "report", "officer", "--port", "--json", "Exit status"})
        CHECK_THAT(top.out, Catch::Contains(word));
    for (const auto& command : antre_commands) {
        INFO("antre " << command << " --help");
        const Run r = antre_cli(home, command + " --help");
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("antre " + command));
        CHECK(r.err.empty());
    }
    SECTION("a command names its own options") {
        const Run r = antre_cli(home, "report --help");
        for (const std::string word : {"--by", "--from", "--to", "--format"}) CHECK_THAT(r.out, Catch::Contains(word));
        CHECK_THAT(antre_cli(home, "call-next --help").out, Catch::Contains("--counter"));
        CHECK_THAT(antre_cli(home, "officer set --help").out, Catch::Contains("--active"));
    }
}

TEST_CASE("antre refuses a wrong command line with exit status 2 and names the option") {
    TempDir home;
    struct Case {
        std::string arguments;
        std::string named;
    };
    const std::vector<Case> cases = {
        {"--port abc status", "--port"},
        {"--port 70000 status", "--port"},
        {"--port 0 status", "--port"},
        {"status --port abc", "--port"},
        {"", "subcommand"},
        {"frobnicate", "frobnicate"},
        {"status --bogus", "--bogus"},
        {"issue", "SERVICE"},
        {"issue KTP --priority vip", "--priority"},
        {"call-next", "--counter"},
        {"call-next --counter 0", "--counter"},
        {"call-next --counter x", "--counter"},
        {"login --counter 1000 --nip 1", "--counter"},
        {"report --from 2026-11-01 --to 2026-11-30", "--by"},
        {"report --by day --from 2026-11-01 --to 2026-11-30 --format xml", "--format"},
        {"ikm --from yesterday --to 2026-11-30", "--from"},
        {"events --limit 5000", "--limit"},
        {"ranking --by ikm --from 2026-11-01 --to 2026-11-30", "--hub"},
        {"ranking --hub tcp://127.0.0.1:1 --by fastest --from 2026-11-01 --to 2026-11-30", "--by"},
        {"rate A-001 5", "RATING"},
        {"officer", "subcommand"},
        {"officer set --nip 1 --active maybe", "--active"},
        {"counter close zero", "N"},
        {"watch --count -1", "--count"},
    };
    for (const auto& c : cases) {
        INFO("antre " << c.arguments);
        const Run r = antre_cli(home, c.arguments);
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains(c.named));
        CHECK_THAT(r.err, Catch::Contains("--help"));
        CHECK(r.out.empty());
    }
    SECTION("ANTRE_PORT is checked like --port") {
        const Run r = antre_cli(home, "status", "ANTRE_PORT=abc");
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("--port"));
    }
    SECTION("a file that cannot be read is a usage error too") {
        const Run r = antre_cli(home, "service set " + home.file("missing.json"));
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("missing.json"));
    }
}

TEST_CASE("antre-server: --help on the server and its subcommands, usage errors with exit status 2") {
    TempDir home;
    for (const std::string command : {"", "init-admin ", "backup "}) {
        INFO("antre-server " << command << "--help");
        const Run r = server_cli(home, command + "--help");
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("antre-server " + command));
    }
    CHECK_THAT(server_cli(home, "--help").out, Catch::Contains("--http-port"));
    CHECK_THAT(server_cli(home, "backup --help").out, Catch::Contains("--to"));
    struct Case {
        std::string arguments;
        std::string named;
    };
    const std::vector<Case> cases = {
        {"--port 70000", "--port"},
        {"--port -1", "--port"},
        {"--port abc", "--port"},
        {"--http-port 65536", "--http-port"},
        {"--http-port on", "--http-port"},
        {"--idle-timeout 0", "--idle-timeout"},
        {"--idle-timeout soon", "--idle-timeout"},
        {"--send-queue-limit 0", "--send-queue-limit"},
        {"--test-clock 17x0", "--test-clock"},
        {"--tls-cert server.crt", "--tls-key"},
        {"--bogus", "--bogus"},
        {"init-admin --nip 198001012006041001", "--name"},
        {"init-admin --nip 198001012006041001 --name Admin --port 7410", "--port"},
        {"init-admin --nip 1 --name Admin", "--nip"},
        {"backup --db x.db", "--to"},
        {"restore", "restore"},
    };
    for (const auto& c : cases) {
        INFO("antre-server " << c.arguments);
        const Run r = server_cli(home, c.arguments);
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains(c.named));
    }
    // Nothing was created by the refused command lines.
    CHECK_FALSE(std::filesystem::exists(home.path() / "data"));
}

TEST_CASE("antre-server --version prints the version and exits 0, opening nothing") {
    TempDir home;
    const Run r = server_cli(home, "--version");
    CHECK(r.status == 0);
    // One line: the program and the project's version (what the Debian package is numbered by).
    CHECK(std::regex_match(r.out, std::regex("antre-server [0-9]+\\.[0-9]+\\.[0-9]+\n")));
    CHECK_FALSE(std::filesystem::exists(home.path() / "data"));
}

TEST_CASE("antre prints states, roles and priority groups in Indonesian") {
    const std::string admin_nip = "198001012006041001", officer_nip = "199002022015032002";
    TestOffice office({{admin_nip, "Admin Dukcapil", OfficerRole::admin, "75319642"},
                       {officer_nip, "Siti Rahayu", OfficerRole::officer, "24681357"}});
    TempDir home;
    const std::string at = "--port " + std::to_string(office.port()) + " ";
    auto admin = [&](const std::string& arguments) { return antre_cli(home, at + arguments, "ANTRE_PIN=75319642"); };
    auto officer = [&](const std::string& arguments) { return antre_cli(home, at + arguments, "ANTRE_PIN=24681357"); };

    Run r = admin("login --role admin --nip " + admin_nip);
    REQUIRE(r.status == 0);
    CHECK(r.out == "Admin Dukcapil masuk sebagai administrator\n");
    r = officer("login --counter 1 --nip " + officer_nip);
    REQUIRE(r.status == 0);
    CHECK(r.out == "Siti Rahayu masuk di Loket 1\n");

    r = antre_cli(home, at + "issue KTP --priority ibu_hamil");
    REQUIRE(r.status == 0);
    r = officer("call-next --counter 1");
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("prioritas: Ibu hamil"));
    CHECK_THAT(r.out, Catch::Contains("Dipanggil"));

    r = antre_cli(home, at + "status");
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Buka"));   // counter 1
    CHECK_THAT(r.out, Catch::Contains("Tutup"));  // the others
    for (const std::string code : {"closed", "open", "paused"}) CHECK_THAT(r.out, !Catch::Contains(code));

    r = officer("finish --counter 1");
    REQUIRE(r.status == 0);
    r = officer("pause --counter 1 --reason sholat");
    REQUIRE(r.status == 0);
    CHECK(r.out == "Loket 1 Istirahat\n");
    r = officer("resume --counter 1");
    REQUIRE(r.status == 0);
    CHECK(r.out == "Loket 1 Buka\n");

    r = admin("officers");
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains(admin_nip + "  administrator  Admin Dukcapil"));
    CHECK_THAT(r.out, Catch::Contains(officer_nip + "  petugas  Siti Rahayu"));
    r = admin("officer set --nip " + officer_nip + " --role manager");
    REQUIRE(r.status == 0);
    CHECK(r.out == officer_nip + "  manajer  Siti Rahayu\n");  // --role on set is sent, and said in Indonesian

    {
        std::ofstream(home.file("kia.json"))
            << R"j({"code":"KIA","prefix":"E","name_id":"Kartu Identitas Anak","name_en":"Child identity card (KIA)",)j"
               R"j("daily_quota":60,"max_wait_minutes":45,"max_service_minutes":12,"opening_hours":{"mon":["08:00","15:00"]}})j";
    }
    r = admin("service set " + home.file("kia.json"));
    REQUIRE(r.status == 0);
    CHECK(r.out == "KIA disimpan\n");
    r = admin("service close KIA");
    REQUIRE(r.status == 0);
    CHECK(r.out == "KIA ditutup\n");
    r = admin("service open KIA");
    REQUIRE(r.status == 0);
    CHECK(r.out == "KIA dibuka\n");
    r = admin("counter close 1");
    REQUIRE(r.status == 0);
    CHECK(r.out == "Loket 1 Tutup\n");
}

}  // namespace cli_test
