#include "webdriver.hpp"

#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/detail/base64.hpp>

#include "dashboard_support.hpp"

namespace antre::test {

using json = nlohmann::json;

namespace {

constexpr const char* chromedriver_bin = "/usr/bin/chromedriver";
constexpr const char* chromium_bin = "/usr/bin/chromium";
// The element reference key of the W3C WebDriver protocol.
constexpr const char* element_key = "element-6066-11e4-a52e-4f735466cecf";

unsigned short free_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

}  // namespace

ChromeDriver::ChromeDriver(const std::string& log_path) {
    if (::access(chromedriver_bin, X_OK) != 0 || ::access(chromium_bin, X_OK) != 0)
        throw std::runtime_error(
            "the browser test needs Debian's chromium and chromium-driver (scripts/common.sh installs them)");
    // A free port can be taken between the check and chromedriver's bind: try a few.
    for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
        const unsigned short port = free_port();
        const std::string port_flag = "--port=" + std::to_string(port);
        const std::string log_flag = "--log-path=" + log_path;
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            ::execl(chromedriver_bin, chromedriver_bin, port_flag.c_str(), log_flag.c_str(), "--allowed-ips=127.0.0.1",
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                break;  // it exited: the port was taken, or worse; try again
            }
            try {
                if (http_request(port, "GET", "/status").json()["value"]["ready"] == true) {
                    port_ = port;
                    break;
                }
            } catch (const std::exception&) {
                // not listening yet
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (port_ == 0 && pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }
    if (port_ == 0) throw std::runtime_error("chromedriver did not start; see " + log_path);
}

ChromeDriver::~ChromeDriver() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
}

Browser::Browser(const ChromeDriver& driver, const std::string& profile_dir, int width, int height)
    : port_(driver.port()) {
    // Headless, and quiet: no sandbox in containers, no GPU, and none of the
    // background traffic that would knock on a closed network.
    const json args = {"--headless",
                       "--no-sandbox",
                       "--disable-gpu",
                       "--disable-quic",
                       "--no-first-run",
                       "--disable-background-networking",
                       "--disable-component-update",
                       "--disable-sync",
                       "--disable-dev-shm-usage",
                       "--hide-scrollbars",
                       "--no-proxy-server",
                       "--lang=id",
                       "--user-data-dir=" + profile_dir,
                       "--window-size=" + std::to_string(width) + "," + std::to_string(height)};
    const json caps = {
        {"capabilities",
         {{"alwaysMatch",
           {{"browserName", "chrome"}, {"goog:chromeOptions", {{"binary", chromium_bin}, {"args", args}}}}}}}};
    const json value = call("POST", "/session", caps);
    session_ = value.at("sessionId").get<std::string>();
}

Browser::~Browser() {
    try {
        call("DELETE", "/session/" + session_);
    } catch (const std::exception&) {
        // chromedriver goes away next and takes the browser with it
    }
}

json Browser::call(const std::string& method, const std::string& path, const json& body) {
    const auto reply =
        http_request(port_, method, path, body.is_null() ? "" : body.dump(), {{"Content-Type", "application/json"}});
    const json j = json::parse(reply.body);
    if (reply.status != 200)
        throw std::runtime_error("WebDriver " + method + " " + path + ": " + std::to_string(reply.status) + " " +
                                 j.dump().substr(0, 500));
    return j.at("value");
}

std::string Browser::element(const std::string& css) {
    const json v = call("POST", "/session/" + session_ + "/element", {{"using", "css selector"}, {"value", css}});
    return v.at(element_key).get<std::string>();
}

void Browser::go(const std::string& url) { call("POST", "/session/" + session_ + "/url", {{"url", url}}); }

void Browser::type(const std::string& css, const std::string& text) {
    call("POST", "/session/" + session_ + "/element/" + element(css) + "/value", {{"text", text}});
}

void Browser::click(const std::string& css) {
    call("POST", "/session/" + session_ + "/element/" + element(css) + "/click", json::object());
}

json Browser::run(const std::string& script) {
    return call("POST", "/session/" + session_ + "/execute/sync", {{"script", script}, {"args", json::array()}});
}

bool Browser::wait_until(const std::string& script, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (run(script) == true) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

void Browser::emulate(int width, int height, bool mobile) {
    const json metrics = {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", mobile}};
    call("POST", "/session/" + session_ + "/goog/cdp/execute",
         {{"cmd", "Emulation.setDeviceMetricsOverride"}, {"params", metrics}});
    call("POST", "/session/" + session_ + "/goog/cdp/execute",
         {{"cmd", "Emulation.setTouchEmulationEnabled"}, {"params", {{"enabled", mobile}}}});
}

std::string Browser::screenshot_png() {
    const std::string b64 = call("GET", "/session/" + session_ + "/screenshot").get<std::string>();
    std::string png(boost::beast::detail::base64::decoded_size(b64.size()), '\0');
    const auto [written, read] = boost::beast::detail::base64::decode(png.data(), b64.data(), b64.size());
    png.resize(written);
    return png;
}

json Browser::devtools(const std::string& command, const json& params) {
    return call("POST", "/session/" + session_ + "/goog/cdp/execute", {{"cmd", command}, {"params", params}});
}

std::filesystem::path screenshot_dir() {
    const char* dir = std::getenv("ANTRE_SCREENSHOT_DIR");
    std::filesystem::path p = dir ? dir : "screenshots";
    std::filesystem::create_directories(p);
    return p;
}

bool Browser::load_shot(const std::string& png, std::chrono::seconds limit) {
    run("window.antreShot = null; const img = new Image(); img.onload = () => {"
        " const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;"
        " canvas.getContext('2d').drawImage(img, 0, 0); window.antreShot = canvas; };"
        " img.src = 'data:image/png;base64," +
        base64(png) + "'; return true;");
    return wait_until("return window.antreShot !== null;", limit);
}

std::string base64(const std::string& bytes) {
    std::string out(boost::beast::detail::base64::encoded_size(bytes.size()), '\0');
    out.resize(boost::beast::detail::base64::encode(out.data(), bytes.data(), bytes.size()));
    return out;
}

}  // namespace antre::test
