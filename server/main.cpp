// antre-server: the queue server. Also `antre-server init-admin` to create the
// first administrator in a database (the one step that cannot go through the
// protocol, since nobody can log in yet), and `antre-server backup` to copy a
// database while the server runs on it.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <variant>

#include "antre/calendar.hpp"
#include "antre/clock.hpp"
#include "antre/ids.hpp"
#include "antre/terminal.hpp"
#include "app.hpp"
#include "options.hpp"
#include "password.hpp"
#include "sqlite.hpp"
#include "store.hpp"

namespace {

using antre::ServerCommandLine;

int init_admin(const ServerCommandLine& line) {
    const std::string& nip = line.nip;
    const std::string& name = line.name;
    const std::string& db = line.app.db_path;
    const std::string& config = line.app.config_path;
    std::string pin;
    if (const char* env = std::getenv("ANTRE_PIN"))
        pin = env;
    else
        pin = antre::terminal::read_hidden_line("PIN (4-12 digits): ");
    if (!antre::password::acceptable_pin(pin)) throw std::invalid_argument("the PIN must be 4 to 12 digits");
    const auto office = antre::load_config(config);
    antre::App::prepare_db_dir(db);
    antre::Store store(db);
    for (const auto& o : store.officers())
        // An administrator whose NIP is not valid (from before NIPs were checked)
        // cannot log in, so it does not stand in the way of a new one.
        if (o.role == antre::OfficerRole::admin && o.active && o.nip != nip && antre::valid_nip(o.nip)) {
            std::cerr << "antre-server: an administrator exists already (" << o.nip
                      << "); add officers with `antre officer add`\n";
            return 1;
        }
    const antre::SystemClock clock;
    const antre::OfficeCalendar calendar(office.time_zone);
    store.save_officer({nip, name, antre::OfficerRole::admin, antre::password::hash_pin(pin), true}, "officer_created",
                       "init-admin", clock.now(), calendar.day_of(clock.now()));
    std::cout << "administrator " << nip << " (" << name << ") created in " << db << "\n";
    return 0;
}

int backup(const ServerCommandLine& line) {
    const std::string& db = line.app.db_path;
    const std::string& to = line.backup_to;
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
        auto read = antre::read_server_command_line(argc, argv);
        if (const int* status = std::get_if<int>(&read)) return *status;
        ServerCommandLine& line = std::get<ServerCommandLine>(read);
        if (line.command == ServerCommandLine::Command::init_admin) return init_admin(line);
        if (line.command == ServerCommandLine::Command::backup) return backup(line);
        antre::AppOptions& opt = line.app;
        std::unique_ptr<antre::Clock> test_clock;
        if (line.test_clock) {
            test_clock = std::make_unique<antre::ScaledClock>(line.test_clock->start, line.test_clock->speed);
            opt.clock = test_clock.get();
            std::cerr << "antre-server: TEST CLOCK: starts at " << test_clock->now() << "; not for an office\n";
        }
        antre::App app(opt);
        app.stop_on_signals();
        std::cerr << "antre-server: serving " << opt.config_path << " from " << opt.db_path << " on "
                  << opt.net.bind_address << ":" << app.port() << (opt.handler.always_open ? " (always open)" : "")
                  << (opt.net.tls_cert_file.empty() ? "" : " (TLS)") << "\n";
        if (app.http_port())
            std::cerr << "antre-server: dashboard at http://" << opt.net.bind_address << ":" << app.http_port()
                      << "/\n";
        if (app.public_port())
            std::cerr << "antre-server: public page (ticket links) at " << app.public_base_url() << "/\n";
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
        std::cerr << "antre-server: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "antre-server: " << e.what() << "\n";
    }
    return 1;
}
