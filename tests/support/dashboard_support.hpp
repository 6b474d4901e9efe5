// What the dashboard tests share: a small blocking HTTP client (Beast), and a
// test office seeded with a simulated working week run through the real server
// on its manual clock.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace antre::test {

/// One HTTP answer as the test sees it.
struct HttpReply {
    unsigned status = 0;
    std::multimap<std::string, std::string> headers;  ///< lower-case names
    std::string body;
    std::string header(const std::string& name) const;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

/// Sends one request on a new connection and reads the answer (HTTP/1.1, closes after);
/// from the loopback address `from` (another machine as the server sees it) when given.
HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body = "", const std::map<std::string, std::string>& headers = {},
                       const std::string& from = "");
/// Sends raw bytes and returns everything the server sends until it closes.
std::string http_raw(unsigned short port, const std::string& bytes);
/// The "name=value" part of a Set-Cookie header, ready for a Cookie header.
std::string cookie_of(const HttpReply& reply);

/// Officers of the simulated office.
inline const OfficerSeed manager{"197801012005011001", "Yohana Wambrauw", OfficerRole::manager, "4826"};
inline const std::vector<OfficerSeed> counter_officers = {
    {"198502142010012002", "Siti Rahayu", OfficerRole::officer, "1357"},
    {"199003212015031003", "Markus Kambu", OfficerRole::officer, "2468"},
    {"198807302012022004", "Dewi Lestari", OfficerRole::officer, "9753"},
};

/// The first and last day of the simulated week (Monday to Friday, WIT).
inline constexpr const char* week_from = "2026-11-30";
inline constexpr const char* week_to = "2026-12-04";

/// A test office whose server holds a working week: each day three officers log
/// in at counters 1-3, tickets arrive through the morning, are called, served
/// (some not collected: no-shows) and the officers log out.
class SimulatedWeek {
public:
    /// `adjust` may change the server's options before it starts (shipping to a hub).
    explicit SimulatedWeek(const std::function<void(AppOptions&)>& adjust = {});
    TestOffice& office() { return *office_; }
    /// A manager's client (hello as manager), for the reference figures.
    Client& manager_client() { return *manager_client_; }
    /// Tickets issued over the week.
    int issued() const { return issued_; }

private:
    void run_day(int day);
    std::unique_ptr<TestOffice> office_;
    std::unique_ptr<Client> manager_client_;
    int issued_ = 0;
};

/// One SimulatedWeek for the whole test run (Catch2 runs a test case again for
/// each SECTION; the week is built once). Tests only read it, or add today's tickets.
SimulatedWeek& shared_week();

}  // namespace antre::test
