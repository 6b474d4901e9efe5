// antre-server's options and subcommands, declared once for CLI11: the parser
// checks them (ports, limits, the test clock) and writes each --help from them.
#include "options.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "antre/ids.hpp"

#include "antre/command_line.hpp"

namespace antre {
namespace {

using command_line::whole;

// Seconds, fractional allowed (0.5), more than 0 and at most a year.
CLI::Validator seconds() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            char* end = nullptr;
            const double s = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || !(s >= 0.001 && s <= 365.0 * 24 * 3600))
                return "expected seconds from 0.001 to 31536000, got \"" + text + "\"";
            return "";
        },
        "SECONDS", "seconds");
}

// "START_MS" or "START_MSxSPEED", e.g. 1796057990000x10.
std::optional<TestClockSpec> read_test_clock(const std::string& text) {
    const auto x = text.find('x');
    const std::string start = text.substr(0, x);
    char* end = nullptr;
    TestClockSpec spec;
    spec.start = std::strtoll(start.c_str(), &end, 10);
    if (start.empty() || *end != '\0' || spec.start < 0) return std::nullopt;
    if (x != std::string::npos) {
        const std::string speed = text.substr(x + 1);
        spec.speed = std::strtod(speed.c_str(), &end);
        if (speed.empty() || *end != '\0' || !(spec.speed > 0 && spec.speed <= 1e6)) return std::nullopt;
    }
    return spec;
}

void declare(CLI::App& app, ServerCommandLine& line, std::string& http_port, std::string& public_port,
             std::string& test_clock) {
    AppOptions& o = line.app;
    app.description("antre-server: the Antre queue server (defaults in brackets)");
    app.footer("Exit status: 0 done, 1 failed (a bad config, a database or port that cannot be opened), 2 usage.");
    app.add_flag("--version", line.version, "print the version (" ANTRE_VERSION ") and exit");
    app.add_option("--config", o.config_path, "the office: services, counters, call policy")->capture_default_str();
    app.add_option("--db", o.db_path, "the SQLite database (created, with its folder, on first start)")
        ->capture_default_str();
    app.add_option("--port", o.net.port, "TCP port for kiosks, boards, counters and the CLI; 0: any free port")
        ->check(command_line::port(true))
        ->capture_default_str();
    app.add_option("--bind", o.net.bind_address, "listen address, for both ports")->capture_default_str();
    http_port = std::to_string(o.http.port);
    app.add_option("--http-port", http_port, "the managers' web dashboard, on the same address; off: none")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string { return text == "off" ? "" : command_line::port(true)(text); },
            "PORT|off", "http port"))
        ->capture_default_str();
    public_port = std::to_string(o.public_http.port);
    app.add_option("--public-port", public_port,
                   "the citizens' public page (ticket links, the office board), on the same address; off: none")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string { return text == "off" ? "" : command_line::port(true)(text); },
            "PORT|off", "public port"))
        ->capture_default_str();
    app.add_option_function<double>(
           "--idle-timeout",
           [&o](double s) { o.net.idle_timeout = std::chrono::milliseconds(static_cast<long long>(s * 1000)); },
           "close a connection silent for this long, in seconds (fractions allowed) [300]")
        ->check(seconds());
    app.add_flag("--always-open", o.handler.always_open,
                 "issue tickets outside the configured opening hours (try-outs, training); a service "
                 "closed by a manager stays closed");
    auto* cert = app.add_option("--tls-cert", o.net.tls_cert_file,
                                "PEM certificate: TLS on the port (see docs/reliability-security.md)");
    auto* key = app.add_option("--tls-key", o.net.tls_key_file, "PEM private key of --tls-cert");
    cert->needs(key);
    key->needs(cert);
    app.add_option("--hub", o.hub.url,
                   "ship the event log to antre-hub at tcp://HOST:PORT or tls://HOST:PORT (docs/hub.md)");
    app.add_option(
        "--hub-tls-ca", o.hub.tls_ca,
        "with a tls:// --hub: the CA file (PEM) the hub's certificate must chain to (default: the system's)");
    app.add_option("--office-id", o.hub.office_id, "this office's id at the hub");
    app.add_option_function<std::string>(
        "--hub-secret-file",
        [&o](const std::string& file) {
            std::ifstream in(file);
            if (!std::getline(in, o.hub.secret) || o.hub.secret.empty())
                throw CLI::ValidationError("--hub-secret-file", "cannot read a secret from " + file);
        },
        "file holding this office's hub secret (antre-hub office-add)");
    app.add_option("--send-queue-limit", o.net.send_queue_limit,
                   "lines queued for a client that does not read before it is dropped")
        ->check(whole(1))
        ->capture_default_str();
    app.add_option("--send-bytes-limit", o.net.send_bytes_limit, "bytes queued for such a client before it is dropped")
        ->check(whole(1))
        ->capture_default_str();
    app.add_option("--send-bytes-budget", o.net.send_bytes_budget,
                   "bytes queued for all clients together; past it the clients with the most queued are dropped first")
        ->check(whole(1))
        ->capture_default_str();
    app.add_option("--max-connections", o.net.max_connections,
                   "connections on the client port at once; more are closed as soon as they arrive")
        ->check(whole(1))
        ->capture_default_str();
    app.add_option("--test-clock", test_clock,
                   "tests only: the clock starts at START_MS (UTC ms) and runs SPEED times real time (default 1), "
                   "so a test crosses midnight")
        ->type_name("START_MS[xSPEED]")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                return read_test_clock(text)
                           ? ""
                           : "expected START_MS or START_MSxSPEED (SPEED above 0), got \"" + text + "\"";
            },
            "START_MS[xSPEED]", "test clock"));

    // The subcommands' --db and --config are the server's: the same defaults, the same meaning.
    auto* init = app.add_subcommand(
        "init-admin", "create the first administrator in a database (the PIN is read from ANTRE_PIN or stdin)");
    init->add_option("--nip", line.nip, "the administrator's NIP (18 digits)")
        ->required()
        ->check(CLI::Validator([](std::string& text) -> std::string { return valid_nip(text) ? "" : nip_rule; }, "NIP",
                               "nip"));
    init->add_option("--name", line.name, "the administrator's name")->required();
    init->add_option("--db", o.db_path, "the database")->capture_default_str();
    init->add_option("--config", o.config_path, "the office (its time zone dates the audit entry)")
        ->capture_default_str();
    init->callback([&line] { line.command = ServerCommandLine::Command::init_admin; });
    auto* backup = app.add_subcommand("backup", "a consistent copy of the database, taken while the server runs on it");
    backup->add_option("--db", o.db_path, "the database")->capture_default_str();
    backup->add_option("--to", line.backup_to, "the copy (FILE must not exist)")->required();
    backup->callback([&line] { line.command = ServerCommandLine::Command::backup; });
    app.require_subcommand(0, 1);

    // The server's own options mean nothing to a subcommand: refuse them rather than ignore them.
    app.callback([&app] {
        if (app.get_subcommands().empty()) return;
        for (const CLI::Option* opt : app.get_options())
            if (opt != app.get_help_ptr() && opt->count() > 0 && opt->get_name() != "--db" &&
                opt->get_name() != "--config")
                throw CLI::ValidationError(
                    opt->get_name(), "is an option of the server, not of " + app.get_subcommands().front()->get_name());
    });
}

}  // namespace

std::variant<ServerCommandLine, int> read_server_command_line(int argc, char** argv) {
    ServerCommandLine line;
    std::string http_port, public_port, test_clock;
    CLI::App app{"", "antre-server"};
    declare(app, line, http_port, public_port, test_clock);
    if (auto status = command_line::parse(app, argc, argv)) return *status;
    if (line.version) {
        std::cout << "antre-server " ANTRE_VERSION "\n";
        return 0;
    }
    if (!line.app.hub.url.empty() && (line.app.hub.office_id.empty() || line.app.hub.secret.empty())) {
        std::cerr << "antre-server: --hub needs --office-id and --hub-secret-file\n";
        return command_line::usage_status;
    }
    line.app.http.enabled = http_port != "off";
    if (line.app.http.enabled) line.app.http.port = static_cast<unsigned short>(std::stoi(http_port));
    line.app.public_http.enabled = public_port != "off";
    if (line.app.public_http.enabled) line.app.public_http.port = static_cast<unsigned short>(std::stoi(public_port));
    if (!test_clock.empty()) line.test_clock = read_test_clock(test_clock);
    return line;
}

}  // namespace antre
