// A tiny WebDriver client for the browser test: starts Debian's chromedriver on
// a free port and drives a headless Chromium session over its HTTP API.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace antre::test {

/// chromedriver as a child process on a free loopback port, until destroyed.
/// Throws when /usr/bin/chromedriver cannot be started or does not become ready.
class ChromeDriver {
public:
    explicit ChromeDriver(const std::string& log_path);
    ~ChromeDriver();
    ChromeDriver(const ChromeDriver&) = delete;
    ChromeDriver& operator=(const ChromeDriver&) = delete;
    unsigned short port() const { return port_; }

private:
    int pid_ = -1;
    unsigned short port_ = 0;
};

/// One headless Chromium session (fresh profile in `profile_dir`).
class Browser {
public:
    Browser(const ChromeDriver& driver, const std::string& profile_dir, int width, int height);
    ~Browser();
    Browser(const Browser&) = delete;
    Browser& operator=(const Browser&) = delete;

    void go(const std::string& url);
    /// Types into the element that `css` selects (which must exist).
    void type(const std::string& css, const std::string& text);
    void click(const std::string& css);
    /// Runs `script` (a function body; `return` gives the result) in the page.
    nlohmann::json run(const std::string& script);
    /// Polls `script` until it returns true; false if it has not within `limit`.
    bool wait_until(const std::string& script, std::chrono::seconds limit = std::chrono::seconds(20));
    /// The page as PNG bytes.
    std::string screenshot_png();
    /// Hands `png` (a screenshot) to the page, which decodes it onto a canvas off the
    /// document, `window.antreShot`, for scripts to read its pixels where the page's
    /// elements are (getContext('2d').getImageData). False if not loaded within `limit`.
    bool load_shot(const std::string& png, std::chrono::seconds limit = std::chrono::seconds(20));
    /// Emulates a screen `width` x `height` CSS pixels at one device pixel each, a phone
    /// (mobile viewport, touch) when `mobile` (DevTools Emulation.setDeviceMetricsOverride).
    void emulate(int width, int height, bool mobile);
    /// Runs one DevTools command (e.g. Network.emulateNetworkConditions) in the page's target.
    nlohmann::json devtools(const std::string& command, const nlohmann::json& params);

private:
    nlohmann::json call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr);
    std::string element(const std::string& css);

    unsigned short port_;
    std::string session_;
};

/// Where the browser tests save their screenshots (ANTRE_SCREENSHOT_DIR, else
/// ./screenshots), created if missing.
std::filesystem::path screenshot_dir();

/// `bytes` in base64, e.g. a screenshot handed to the page to decode and read back.
std::string base64(const std::string& bytes);

}  // namespace antre::test
