// antre-hub: the centre that receives the event logs of many office servers and
// keeps them in PostgreSQL (docs/hub.md). `antre-hub office-add` registers an office
// and prints its secret once.
#include <sys/stat.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <CLI/CLI.hpp>

#include "antre/command_line.hpp"
#include "hub_ahead.hpp"
#include "hub_server.hpp"
#include "hub_store.hpp"
#include "hub_web.hpp"
#include "password.hpp"

namespace {

antre::hub::HubServer* running = nullptr;

// `--region ""` takes the office or reader out of any region.
std::optional<std::string> region_of(const std::string& region) {
    return region.empty() ? std::nullopt : std::optional<std::string>(region);
}

// A new random secret: printed once, or written to `secret_file`; the hub keeps its hash.
int give_secret(const std::string& what, const std::string& secret, const std::string& secret_file) {
    if (secret_file.empty()) {
        std::cout << secret << "\n";
    } else {
        const auto old_mask = ::umask(077);  // the secret is its owner's alone
        std::ofstream out(secret_file, std::ios::trunc);
        ::umask(old_mask);
        out << secret << "\n";
        if (!out.flush()) throw std::runtime_error("cannot write " + secret_file);
        std::cout << what << " added; its secret is in " << secret_file << "\n";
    }
    return 0;
}

// `region`: nullopt leaves the office's region as it is (a new secret only).
int office_add(const std::string& conninfo, const std::string& office, const std::optional<std::string>& region,
               const std::string& secret_file) {
    const std::string secret = antre::password::new_token();
    antre::hub::HubStore store(conninfo);
    store.put_office(office, antre::password::hash_pin(secret));
    if (region) store.set_office_region(office, region_of(*region));
    return give_secret("office " + office, secret, secret_file);
}

int reader_add(const std::string& conninfo, const std::string& reader, const std::vector<std::string>& offices,
               const std::string& region, const std::string& secret_file) {
    if (!offices.empty() && !region.empty()) throw std::invalid_argument("give --offices or --region, not both");
    const std::string secret = antre::password::new_token();
    antre::hub::HubStore store(conninfo);
    store.put_reader(reader, antre::password::hash_pin(secret),
                     offices.empty() ? std::nullopt : std::optional<std::vector<std::string>>(offices));
    store.set_reader_region(reader, region_of(region));
    return give_secret("reader " + reader, secret, secret_file);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"antre-hub: stores the event logs of many Antre offices in PostgreSQL", "antre-hub"};
    antre::hub::HubOptions options;
    options.conninfo = "dbname=antre_hub";
    app.add_option("--db", options.conninfo, "libpq connection string of the hub's database")->capture_default_str();
    app.add_option("--host", options.host, "address to listen on for offices")->capture_default_str();
    app.add_option("--port", options.port, "port for offices (0: any free port)")
        ->check(antre::command_line::port(true))
        ->capture_default_str();
    app.add_option("--tls-cert", options.tls_cert, "PEM certificate chain: TLS on the office port");
    app.add_option("--tls-key", options.tls_key, "PEM private key for --tls-cert");
    antre::hub::HubWebOptions web;
    unsigned short http_port = 0;
    auto* http_flag =
        app.add_option("--http-port", http_port,
                       "serve the central dashboard on this port (HTTPS with --tls-cert); off unless given")
            ->check(antre::command_line::port(true));
    app.add_option("--http-workers", web.workers, "dashboard requests that read PostgreSQL at once")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    double ahead_every = 10;
    app.add_option("--ahead-every", ahead_every,
                   "seconds between passes that compute closed months' figures ahead of reads (0: none)")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    std::string office, secret_file;
    std::string office_region;
    auto* add = app.add_subcommand("office-add", "register an office (or give it a new secret) and print its secret");
    add->fallthrough();  // --db may come after the subcommand too
    add->add_option("--office", office, "the office's id")->required();
    auto* office_region_flag = add->add_option(
        "--region", office_region, "the office's region, e.g. papua-barat-daya (\"\": none; default: left as it is)");
    add->add_option("--secret-file", secret_file, "write the secret to this file instead of standard output");
    std::string reader, reader_region;
    std::vector<std::string> scope;
    auto* add_reader =
        app.add_subcommand("reader-add", "register a reader of figures (or give it a new secret) and print its secret");
    add_reader->fallthrough();
    add_reader->add_option("--reader", reader, "the reader's id (a person or a dashboard)")->required();
    add_reader->add_option("--offices", scope, "the offices it may read, comma-separated (default: every office)")
        ->delimiter(',');
    add_reader->add_option("--region", reader_region, "a region instead: every office of it, those added later too");
    add_reader->add_option("--secret-file", secret_file, "write the secret to this file instead of standard output");
    if (auto status = antre::command_line::parse(app, argc, argv)) return *status;
    try {
        if (add->parsed())
            return office_add(options.conninfo, office,
                              office_region_flag->count() ? std::optional(office_region) : std::nullopt, secret_file);
        if (add_reader->parsed()) return reader_add(options.conninfo, reader, scope, reader_region, secret_file);
        if (options.tls_cert.empty() != options.tls_key.empty())
            throw std::invalid_argument("--tls-cert and --tls-key go together");
        antre::hub::HubServer server(options);
        running = &server;
        std::signal(SIGTERM, [](int) { running->stop(); });
        std::signal(SIGINT, [](int) { running->stop(); });
        std::unique_ptr<antre::hub::MonthsAhead> ahead;
        if (ahead_every > 0)
            ahead = std::make_unique<antre::hub::MonthsAhead>(antre::hub::AheadOptions{
                options.conninfo, std::chrono::milliseconds(static_cast<long>(ahead_every * 1000)), {}});
        std::unique_ptr<antre::hub::HubWeb> dashboard;
        if (http_flag->count() > 0) {
            web.conninfo = options.conninfo;
            web.host = options.host;
            web.port = http_port;
            web.tls_cert = options.tls_cert;
            web.tls_key = options.tls_key;
            dashboard = std::make_unique<antre::hub::HubWeb>(web);
        }
        // The port for offices on the first line (tests and scripts read it there).
        std::cout << "antre-hub: listening on " << options.host << ":" << server.port() << std::endl;
        if (dashboard)
            std::cout << "antre-hub: dashboard on " << (web.tls_cert.empty() ? "http://" : "https://") << options.host
                      << ":" << dashboard->port() << std::endl;
        server.run();
        if (dashboard) dashboard->stop();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "antre-hub: " << e.what() << "\n";
        return 1;
    }
}
