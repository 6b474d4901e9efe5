// antre-server: the queue server. Also `antre-server init-admin` to create the
// first administrator in a database (the one step that cannot go through the
// protocol, since nobody can log in yet), and `antre-server backup` to copy a
// database while the server runs on it.
#include <cstdlib>
#include <iostream>
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
               [--idle-timeout SECONDS] [--always-open]
               [--tls-cert FILE --tls-key FILE]
  antre-server init-admin --nip NIP --name NAME [--db FILE] [--config FILE]
               (the PIN is read from the ANTRE_PIN environment variable or stdin)
  antre-server backup [--db FILE] --to FILE
               (a consistent copy, taken while the server runs; FILE must not exist)

defaults: --config config/sorong.json --db data/antre.db --port 7410 --bind 0.0.0.0
--always-open issues tickets outside the configured opening hours (try-outs,
training); a service closed by a manager stays closed. --tls-cert and --tls-key
(PEM files) put TLS on the port; clients then need --tls (see docs/reliability-security.md).)";

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
        while (args.more()) {
            const std::string a = args.next("");
            if (a == "--config") opt.config_path = args.next(a);
            else if (a == "--db") opt.db_path = args.next(a);
            else if (a == "--port") opt.net.port = static_cast<unsigned short>(std::stoi(args.next(a)));
            else if (a == "--bind") opt.net.bind_address = args.next(a);
            else if (a == "--idle-timeout") opt.net.idle_timeout = std::chrono::seconds(std::stoi(args.next(a)));
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
        app.run();
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
