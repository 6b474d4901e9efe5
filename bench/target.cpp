#include "target.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "antre/calendar.hpp"
#include "antre/clock.hpp"
#include "machine.hpp"
#include "password.hpp"
#include "store.hpp"

namespace antre::bench {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// A PIN for every seeded officer; the bench's own sessions log in with tokens.
constexpr const char* seeded_pin = "24681357";
/// Seeded tokens outlive any benchmark.
constexpr Millis token_lifetime_ms = 7LL * 24 * 3600 * 1000;

std::string seeded_nip(int counter) {
    char nip[32];
    std::snprintf(nip, sizeof nip, "199001012020%06d", counter);  // 18 digits, like a real NIP
    return nip;
}

}  // namespace

SeededOfficer seeded_officer(int counter) { return {counter, seeded_nip(counter), seeded_pin}; }

std::string default_server_binary() {
    std::error_code ec;
    const auto self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? "antre-server" : (self.parent_path() / "antre-server").string();
}

Target::Target(TargetOptions options) : options_(std::move(options)) {
    if (!options_.host.empty()) {
        read_logins();
        read_services_from_server();
        return;
    }
    options_.host = "127.0.0.1";
    std::random_device rd;
    folder_ = (fs::path(options_.dir) / ("antre-bench-" + std::to_string(rd() % 1000000))).string();
    fs::create_directories(folder_);
    config_path_ = folder_ + "/office.json";
    db_path_ = folder_ + "/antre.db";
    try {
        prepare_office();
        seed_officers();
        start_server();
    } catch (...) {
        if (!options_.keep) fs::remove_all(folder_);
        throw;
    }
}

Target::~Target() {
    if (pid_ > 0) stop_server(false);
    std::error_code ignored;
    if (!folder_.empty() && !options_.keep) fs::remove_all(folder_, ignored);
}

// The shipped office with every quota unlimited and as many counters as the run
// needs, each serving every service, so that no refusal but a real one can happen.
void Target::prepare_office() {
    std::ifstream in(options_.config);
    if (!in) throw std::runtime_error("cannot read the office config " + options_.config);
    json config = json::parse(in);
    json codes = json::array();
    for (auto& s : config.at("services")) {
        const auto quota = s.value("daily_quota", 0);
        services_.push_back({s.at("code").get<std::string>(), quota > 0 ? static_cast<double>(quota) : 1.0,
                             s.value("max_service_minutes", 10) * 30.0});
        s["daily_quota"] = 0;
        codes.push_back(s.at("code"));
    }
    json counters = json::array();
    for (int n = 1; n <= std::max(1, options_.counters); ++n)
        counters.push_back({{"number", n}, {"name", "Loket " + std::to_string(n)}, {"services", codes}});
    config["counters"] = counters;
    // The break roster keeps its rules for the counters the run has (a rule that names
    // none of them goes; one that names no counter stays, as it covers every counter).
    if (config.contains("breaks")) {
        const int last = std::max(1, options_.counters);
        json breaks = json::array();
        for (auto rule : config["breaks"]) {
            if (rule.contains("counters")) {
                json kept = json::array();
                for (const auto& n : rule["counters"])
                    if (n.get<int>() <= last) kept.push_back(n);
                if (kept.empty()) continue;
                rule["counters"] = kept;
            }
            breaks.push_back(rule);
        }
        config["breaks"] = breaks;
    }
    // The public page on the loopback address, where the server names its port.
    if (options_.public_page) config["office"].erase("public_base_url");
    if (options_.adjust_office) options_.adjust_office(config);
    std::ofstream(config_path_) << config.dump(2);
}

// Officers and their log-in tokens go straight into the database before the
// server opens it: one slow argon2id hash for all, and no PIN log-in at all, so
// that setting up fifty counters takes no time the benchmark would notice.
void Target::seed_officers() {
    json config = json::parse(std::ifstream(config_path_));
    const OfficeCalendar calendar(config.at("office").at("time_zone").get<std::string>());
    const SystemClock clock;
    const Millis now = clock.now();
    const std::string day = calendar.day_of(now);
    Store store(db_path_);
    const std::string hash = password::hash_pin(seeded_pin);
    for (int n = 1; n <= std::max(1, options_.counters); ++n) {
        const std::string nip = seeded_nip(n);
        store.save_officer({nip, "Petugas Uji " + std::to_string(n), OfficerRole::officer, hash, true},
                           "officer_created", "antre-bench", now, day);
        const std::string token = password::new_token();
        store.save_token(password::token_digest(token, password::TokenUse::counter), {nip, n, now + token_lifetime_ms});
        counter_hellos_.push_back({{"role", "counter"}, {"counter", n}, {"token", token}});
    }
}

void Target::start_server() {
    const std::string log = folder_ + "/server-" + std::to_string(++starts_) + ".log";
    log_path_ = log;
    const std::string bin = options_.server_bin;
    if (::access(bin.c_str(), X_OK) != 0) throw std::runtime_error("no antre-server at " + bin + " (use --server)");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the benchmark
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd < 0) ::_exit(126);
        ::dup2(fd, STDOUT_FILENO);  // --json output must stay clean
        ::dup2(fd, STDERR_FILENO);
        ::execl(bin.c_str(), bin.c_str(), "--config", config_path_.c_str(), "--db", db_path_.c_str(), "--port", "0",
                "--bind", "127.0.0.1", "--http-port", "off", "--public-port", options_.public_page ? "0" : "off",
                "--always-open", "--idle-timeout", "86400", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // The server names its ports once it listens: "antre-server: serving ... on
    // 127.0.0.1:PORT", then "antre-server: public page (ticket links) at http://127.0.0.1:PORT/".
    const auto port_after_last_colon = [](const std::string& text) {
        return static_cast<unsigned short>(std::stoi(text.substr(text.rfind(':') + 1)));
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
        std::ifstream in(log);
        std::string line;
        bool serving = false;
        while (std::getline(in, line)) {
            // A line without its newline is still being written (std::cerr sends a line
            // in pieces): its port may be cut short. It is read whole on the next look.
            if (in.eof()) break;
            if (line.find("serving") != std::string::npos) {
                options_.port = port_after_last_colon(line);
                serving = true;
            } else if (line.find("public page") != std::string::npos && line.size() > 1) {
                options_.public_port = port_after_last_colon(line.substr(0, line.size() - 1));  // without the "/"
            }
        }
        if (serving && (!options_.public_page || options_.public_port)) return;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            std::ostringstream text;
            text << std::ifstream(log).rdbuf();
            throw std::runtime_error("antre-server stopped at start:\n" + text.str());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop_server(true);
    throw std::runtime_error("antre-server did not start within 30 s; see " + log);
}

void Target::stop_server(bool hard) {
    if (pid_ <= 0) return;
    ::kill(pid_, hard ? SIGKILL : SIGTERM);
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    pid_ = -1;
}

void Target::crash_and_restart() {
    if (!own()) throw std::logic_error("only an own server can be restarted");
    stop_server(true);
    start_server();
}

void Target::read_logins() {
    if (options_.logins.empty()) return;
    std::ifstream in(options_.logins);
    if (!in) throw std::runtime_error("cannot read " + options_.logins);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        int counter = 0;
        std::string nip, pin;
        if (line.empty() || line[0] == '#') continue;
        if (!(words >> counter >> nip >> pin))
            throw std::runtime_error(options_.logins + ": want COUNTER NIP PIN lines");
        counter_hellos_.push_back({{"role", "counter"}, {"counter", counter}, {"nip", nip}, {"pin", pin}});
    }
}

void Target::read_services_from_server() {
    auto kiosk = connect({{"role", "kiosk"}});
    const Reply r = kiosk->call("snapshot");
    if (!r.ok) throw std::runtime_error("snapshot refused: " + r.code);
    for (const auto& s : r.body["snapshot"]["services"]) {
        const auto quota = s.value("daily_quota", 0);
        services_.push_back({s["code"].get<std::string>(), quota > 0 ? static_cast<double>(quota) : 1.0,
                             s.value("max_service_minutes", 10) * 30.0});
    }
}

const json& Target::counter_hello(int i) const {
    if (i < 0 || i >= counters())
        throw std::runtime_error("this run needs " + std::to_string(i + 1) + " counter log-ins; " +
                                 (own() ? "raise --counters" : "add lines to --logins"));
    return counter_hellos_[static_cast<std::size_t>(i)];
}

std::unique_ptr<Client> Target::connect(json hello, bool subscribe) const {
    ClientOptions o;
    o.host = options_.host;
    o.port = options_.port;
    o.hello = std::move(hello);
    o.subscribe = subscribe;
    o.reconnect = false;  // a dropped connection is a finding, not something to paper over
    auto client = std::make_unique<Client>(o);
    client->start();
    if (!client->wait_ready(std::chrono::seconds(30))) {
        const Reply h = client->hello_reply();
        throw std::runtime_error("cannot open a " + o.hello.value("role", std::string("?")) + " session on " + o.host +
                                 ":" + std::to_string(o.port) + ": " +
                                 (h.code.empty() ? std::string(to_string(client->state())) : h.code + " " + h.message));
    }
    return client;
}

bool Target::check_alive(std::vector<std::string>& problems) {
    int status = 0;
    if (pid_ <= 0 || ::waitpid(pid_, &status, WNOHANG) != pid_) return true;
    pid_ = -1;
    options_.keep = true;
    std::ifstream in(log_path_);
    std::string line, tail;
    std::vector<std::string> last;
    while (std::getline(in, line)) {
        last.push_back(line);
        if (last.size() > 3) last.erase(last.begin());
    }
    for (const auto& l : last) tail += "\n  " + l;
    const std::string how = WIFSIGNALED(status) ? "by signal " + std::to_string(WTERMSIG(status))
                                                : "with status " + std::to_string(WEXITSTATUS(status));
    problems.push_back("antre-server stopped during the run " + how + "; kept " + folder_ + tail);
    return false;
}

std::optional<double> Target::server_rss_mb() const {
    const int pid = own() ? pid_ : options_.server_pid;
    if (pid <= 0) return std::nullopt;
    auto bytes = resident_bytes(pid);
    if (!bytes) return std::nullopt;
    return static_cast<double>(*bytes) / (1024.0 * 1024.0);
}

std::optional<double> Target::server_cpu_s() const {
    const int pid = own() ? pid_ : options_.server_pid;
    const long long ticks = pid > 0 ? cpu_ticks(pid) : -1;
    if (ticks < 0) return std::nullopt;
    return static_cast<double>(ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::string Target::describe() const {
    if (!own()) return "running server at " + options_.host + ":" + std::to_string(options_.port);
    return "own antre-server (pid " + std::to_string(pid_) + ", " + options_.server_bin +
           ") on 127.0.0.1:" + std::to_string(options_.port) + ", database " + db_path_;
}

}  // namespace antre::bench
