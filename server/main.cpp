// antre-server: the queue server. Also `antre-server init-admin` to create the
// first administrator in a database (the one step that cannot go through the
// protocol, since nobody can log in yet), and `antre-server backup` to copy a
// database while the server runs on it.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "antre/calendar.hpp"
#include "antre/clock.hpp"
#include "app.hpp"
#include "password.hpp"
#include "sqlite.hpp"
#include "store.hpp"

namespace {

const char* const usage = R"(usage:
  antre-server [--config FILE] [--db FILE] [--port N] [--bind ADDR]
               [--http-port N|off] [--idle-timeout SECONDS] [--always-open]
               [--tls-cert FILE --tls-key FILE]
               [--send-queue-limit LINES] [--send-bytes-limit BYTES]
               [--test-clock START_MS[xSPEED]]
  antre-server init-admin --nip NIP --name NAME [--db FILE] [--config FILE]
               (the PIN is read from the ANTRE_PIN environment variable or stdin)
  antre-server backup [--db FILE] --to FILE
               (a consistent copy, taken while the server runs; FILE must not exist)

defaults: --config config/sorong.json --db data/antre.db --port 7410 --bind 0.0.0.0
--http-port 7411 (the managers' web dashboard, on the same address; off: none)
--always-open issues tickets outside the configured opening hours (try-outs,
training); a service closed by a manager stays closed. --tls-cert and --tls-key
(PEM files) put TLS on the port; clients then need --tls (see docs/reliability-security.md).
--idle-timeout may be fractional (0.5); --send-queue-limit and --send-bytes-limit
bound what a client that does not read may have queued (default 4096 lines, 16 MiB).
--test-clock is for tests only: the server's clock starts at START_MS (UTC ms) and
runs SPEED times as fast as real time (default 1), so a test crosses midnight.)";

// "START_MS" or "START_MSxSPEED", e.g. 1796057990000x10.
std::unique_ptr<antre::Clock> parse_test_clock(const std::string& text) {
    const auto x = text.find('x');
    const antre::Millis start = std::stoll(text.substr(0, x));
    const double speed = x == std::string::npos ? 1.0 : std::stod(text.substr(x + 1));
    if (!(speed > 0)) throw std::invalid_argument("--test-clock: the speed must be above 0");
    return std::make_unique<antre::ScaledClock>(start, speed);
}

struct Args {
    std::vector<std::string> items;
    std::size_t pos = 0;
    bool more() const { return pos < items.size(); }
    std::string next(const std::string& flag) {
        if (pos >= items.size()) throw std::invalid_argument(flag + " needs a value");
        return items[pos++];
    }
};

int init_admin(Args& args) {
    std::string nip, name, db = "data/antre.db", config = "config/sorong.json";
    while (args.more()) {
        const std::string a = args.next("");
        if (a == "--nip") nip = args.next(a);
        else if (a == "--name") name = args.next(a);
        else if (a == "--db") db = args.next(a);
        else if (a == "--config") config = args.next(a);
        else throw std::invalid_argument("unknown option " + a);
    }
    if (nip.empty() || name.empty()) throw std::invalid_argument("init-admin needs --nip and --name");
    std::string pin;
    if (const char* env = std::getenv("ANTRE_PIN")) pin = env;
    else {
        std::cerr << "PIN (4-12 digits): ";
        std::getline(std::cin, pin);
    }
    if (!antre::password::acceptable_pin(pin)) throw std::invalid_argument("the PIN must be 4 to 12 digits");
    const auto office = antre::load_config(config);
    antre::App::prepare_db_dir(db);
    antre::Store store(db);
    for (const auto& o : store.officers())
        if (o.role == antre::OfficerRole::admin && o.active && o.nip != nip) {
            std::cerr << "antre-server: an administrator exists already (" << o.nip
                      << "); add officers with `antre officer add`\n";
            return 1;
        }
    const antre::SystemClock clock;
    const antre::OfficeCalendar calendar(office.time_zone);
    store.save_officer({nip, name, antre::OfficerRole::admin, antre::password::hash_pin(pin), true},
                       "officer_created", "init-admin", clock.now(), calendar.day_of(clock.now()));
    std::cout << "administrator " << nip << " (" << name << ") created in " << db << "\n";
    return 0;
}

int backup(Args& args) {
    std::string db = "data/antre.db", to;
    while (args.more()) {
        const std::string a = args.next("");
        if (a == "--db") db = args.next(a);
        else if (a == "--to") to = args.next(a);
        else throw std::invalid_argument("unknown option " + a);
    }
    if (to.empty()) throw std::invalid_argument("backup needs --to FILE");
    const int pages = antre::sql::backup(db, to);
    std::cout << "backup of " << db << " written to " << to << " (" << pages << " pages)\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // A file that may not grow (disk quota, RLIMIT_FSIZE) must fail the write with
    // EFBIG, which SQLite reports and the server answers, not kill the server.
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        Args args{{argv + 1, argv + argc}};
        if (args.more() && args.items[0] == "init-admin") {
            ++args.pos;
            return init_admin(args);
        }
        if (args.more() && args.items[0] == "backup") {
            ++args.pos;
            return backup(args);
        }
        antre::AppOptions opt;
        std::unique_ptr<antre::Clock> test_clock;
        while (args.more()) {
            const std::string a = args.next("");
            if (a == "--config") opt.config_path = args.next(a);
            else if (a == "--db") opt.db_path = args.next(a);
            else if (a == "--port") opt.net.port = static_cast<unsigned short>(std::stoi(args.next(a)));
            else if (a == "--bind") opt.net.bind_address = args.next(a);
            else if (a == "--http-port") {
                const std::string v = args.next(a);
                opt.http.enabled = v != "off";
                if (opt.http.enabled) opt.http.port = static_cast<unsigned short>(std::stoi(v));
            }
            else if (a == "--idle-timeout")
                opt.net.idle_timeout = std::chrono::milliseconds(static_cast<long long>(std::stod(args.next(a)) * 1000));
            else if (a == "--send-queue-limit") opt.net.send_queue_limit = std::stoul(args.next(a));
            else if (a == "--send-bytes-limit") opt.net.send_bytes_limit = std::stoul(args.next(a));
            else if (a == "--test-clock") {
                test_clock = parse_test_clock(args.next(a));
                opt.clock = test_clock.get();
                std::cerr << "antre-server: TEST CLOCK: starts at " << test_clock->now() << "; not for an office\n";
            }
            else if (a == "--always-open") opt.handler.always_open = true;
            else if (a == "--tls-cert") opt.net.tls_cert_file = args.next(a);
            else if (a == "--tls-key") opt.net.tls_key_file = args.next(a);
            else if (a == "--help" || a == "-h") {
                std::cout << usage << "\n";
                return 0;
            } else {
                throw std::invalid_argument("unknown option " + a);
            }
        }
        antre::App app(opt);
        app.stop_on_signals();
        std::cerr << "antre-server: serving " << opt.config_path << " from " << opt.db_path << " on "
                  << opt.net.bind_address << ":" << app.port() << (opt.handler.always_open ? " (always open)" : "")
                  << (opt.net.tls_cert_file.empty() ? "" : " (TLS)")
                  << "\n";
        if (app.http_port())
            std::cerr << "antre-server: dashboard at http://" << opt.net.bind_address << ":" << app.http_port() << "/\n";
        try {
            app.run();
        } catch (const antre::FatalError& e) {
            // At once, without unwinding: sessions still in flight would outlive the
            // server they point to, and closing the database would checkpoint a -wal
            // the disk may have failed. The next start recovers from it.
            std::cerr << "antre-server: " << e.what() << std::endl;
            std::_Exit(1);
        }
        std::cerr << "antre-server: stopped\n";
        return 0;
    } catch (const antre::ConfigError& e) {
        std::cerr << "antre-server: bad config: " << e.what() << "\n";
    } catch (const std::invalid_argument& e) {
        std::cerr << "antre-server: " << e.what() << "\n" << usage << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "antre-server: " << e.what() << "\n";
    }
    return 1;
}
