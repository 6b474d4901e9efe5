#include "test_support.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "antre/calendar.hpp"
#include "password.hpp"
#include "store.hpp"

namespace antre::test {

namespace fs = std::filesystem;
using json = nlohmann::json;

TempDir::TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("antre-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

std::string write_test_config(const TempDir& dir) {
    std::ifstream in(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    json config = json::parse(in);
    json all = json::array();
    for (auto& s : config["services"]) {
        s["daily_quota"] = 0;
        all.push_back(s["code"]);
    }
    config["counters"][0]["services"] = all;
    const auto path = dir.file("office.json");
    std::ofstream(path) << config.dump(2);
    return path;
}

void set_call_rule(const std::string& path, const std::string& rule) {
    json config;
    {
        std::ifstream in(path);
        config = json::parse(in);
    }
    config["call_policy"]["rule"] = rule;
    std::ofstream(path) << config.dump(2);
}

void add_officer(const std::string& db, const std::string& nip, const std::string& name, OfficerRole role,
                 const std::string& pin) {
    Store store(db);
    store.save_officer({nip, name, role, password::hash_pin(pin), true}, "officer_created", "test", monday_0900_wit,
                       "2026-11-30");
}

RunningServer::RunningServer(const std::string& config, const std::string& db, const Clock* clock,
                             const std::function<void(AppOptions&)>& adjust) {
    AppOptions o;
    o.config_path = config;
    o.db_path = db;
    o.net.bind_address = "127.0.0.1";
    o.net.port = 0;
    o.http.port = 0;         // the dashboard too, on a free port
    o.public_http.port = 0;  // and the public page
    o.clock = clock;
    o.handler.always_open = clock == nullptr;  // the real clock may be outside opening hours
    if (adjust) adjust(o);
    app_ = std::make_unique<App>(o);
    thread_ = std::thread([this] { app_->run(); });
}

RunningServer::~RunningServer() {
    app_->stop();
    thread_.join();
}

TestOffice::TestOffice(const std::vector<OfficerSeed>& officers, const std::function<void(AppOptions&)>& adjust)
    : config_(write_test_config(dir_)), db_(dir_.file("antre.db")) {
    for (const auto& o : officers) add_officer(db_, o.nip, o.name, o.role, o.pin);
    server_ = std::make_unique<RunningServer>(config_, db_, &clock_, adjust);
}

ServerProcess::ServerProcess(const std::string& config, const std::string& db, unsigned short port,
                             const std::vector<std::string>& extra, int uid) {
    static int starts = 0;  // one log per start, so an old port is never read back
    log_ = db + ".start" + std::to_string(++starts) + ".log";
    std::vector<std::string> args = {
        ANTRE_SERVER_BIN, "--config",    config, "--db",          db,  "--port",       std::to_string(port), "--bind",
        "127.0.0.1",      "--http-port", "0",    "--public-port", "0", "--always-open"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
        if (!std::freopen(log_.c_str(), "a", stderr)) ::_exit(126);
        if (uid != -1 && (::setgid(static_cast<gid_t>(uid)) != 0 || ::setuid(static_cast<uid_t>(uid)) != 0))
            ::_exit(125);
        ::execv(ANTRE_SERVER_BIN, argv.data());
        ::_exit(127);
    }
    // The server names its port in its log once it listens: "... on 127.0.0.1:PORT".
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        // Whole lines only: the server writes its line in pieces, and the port comes last.
        std::string text = log_text(), last;
        text.erase(text.find_last_of('\n') == std::string::npos ? 0 : text.find_last_of('\n') + 1);
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);)
            if (line.find("serving") != std::string::npos) last = line;
        if (!last.empty()) {
            port_ = static_cast<unsigned short>(std::stoi(last.substr(last.rfind(':') + 1)));
            return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // it gave up: no need to wait on
            pid_ = -1;
            throw std::runtime_error("antre-server exited at start: " + log_text());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill_hard();
    throw std::runtime_error("antre-server did not start; see " + log_);
}

std::string ServerProcess::log_text() const {
    std::ifstream in(log_);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) kill_hard();
}

void ServerProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

int ServerProcess::stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    auto status = wait_exit(std::chrono::seconds(30));
    if (!status) {
        kill_hard();
        throw std::runtime_error("antre-server did not stop within 30 s of SIGTERM");
    }
    return *status;
}

std::optional<int> ServerProcess::wait_exit(std::chrono::milliseconds limit) {
    if (pid_ <= 0) return std::nullopt;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

RecordingBoard::RecordingBoard(unsigned short port) {
    ClientOptions o;
    o.port = port;
    o.hello = {{"role", "display"}};
    o.subscribe = true;
    client_ = std::make_unique<Client>(o);
    client_->on_event([this](const json& e) {
        std::lock_guard lock(mutex_);
        events_.push_back(e);
        arrived_.notify_all();
    });
    client_->start();
    REQUIRE(client_->wait_ready(patience));
}

bool RecordingBoard::wait_for(const std::string& type) {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, patience, [&] {
        return std::any_of(events_.begin(), events_.end(), [&](const json& e) { return e["event"] == type; });
    });
}

std::vector<json> RecordingBoard::events() {
    std::lock_guard lock(mutex_);
    return events_;
}

std::unique_ptr<Client> connect(unsigned short port, json hello, bool subscribe) {
    ClientOptions o;
    o.port = port;
    o.hello = std::move(hello);
    o.subscribe = subscribe;
    auto c = std::make_unique<Client>(o);
    c->start();
    REQUIRE(c->wait_ready(patience));
    return c;
}

Reply try_hello(unsigned short port, const nlohmann::json& hello) {
    ClientOptions o;
    o.port = port;
    o.hello = hello;
    o.reconnect = false;
    Client c(o);
    c.start();
    c.wait_ready(std::chrono::seconds(20));
    return c.hello_reply();
}

}  // namespace antre::test
