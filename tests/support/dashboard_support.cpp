#include "dashboard_support.hpp"

#include <algorithm>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

namespace antre::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using json = nlohmann::json;

std::string HttpReply::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

namespace {

asio::ip::tcp::socket connect_local(asio::io_context& io, unsigned short port, const std::string& from = "") {
    asio::ip::tcp::socket socket(io);
    if (!from.empty()) {
        socket.open(asio::ip::tcp::v4());
        socket.bind({asio::ip::make_address(from), 0});
    }
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    return socket;
}

}  // namespace

HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body, const std::map<std::string, std::string>& headers,
                       const std::string& from) {
    asio::io_context io;
    beast::tcp_stream stream(connect_local(io, port, from));
    stream.expires_after(std::chrono::seconds(30));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
    req.keep_alive(false);
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(stream, buffer, parser);
    const auto& res = parser.get();
    HttpReply out;
    out.status = res.result_int();
    for (const auto& field : res) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        out.headers.emplace(name, std::string(field.value()));
    }
    out.body = res.body();
    return out;
}

std::string http_raw(unsigned short port, const std::string& bytes) {
    asio::io_context io;
    auto socket = connect_local(io, port);
    boost::system::error_code ec;
    asio::write(socket, asio::buffer(bytes), ec);  // the server may hang up before reading it all
    std::string received;
    asio::read(socket, asio::dynamic_buffer(received), ec);  // until the server closes
    return received;
}

std::string cookie_of(const HttpReply& reply) {
    const std::string c = reply.header("set-cookie");
    return c.substr(0, c.find(';'));
}

SimulatedWeek::SimulatedWeek(const std::function<void(AppOptions&)>& adjust) {
    std::vector<OfficerSeed> all = counter_officers;
    all.push_back(manager);
    office_ = std::make_unique<TestOffice>(all, adjust);
    for (int day = 0; day < 5; ++day) run_day(day);
    // The figures are read "today", the Monday after.
    office_->clock().set(monday_0900_wit + 7 * 86'400'000LL);
    manager_client_ = connect(office_->port(), {{"role", "manager"}, {"nip", manager.nip}, {"pin", manager.pin}});
    // A request closes the days that passed (the server's midnight timer runs on
    // real time, not on the test's clock), so that today's log-in tokens last today.
    REQUIRE(manager_client_->call("snapshot").ok);
}

SimulatedWeek& shared_week() {
    static SimulatedWeek week;
    return week;
}

// One working day, minute by minute from 08:00: tickets arrive every 3-7 minutes
// (2-4 on Monday, when the queue grows) until the last issue time (Friday closes at 11:30);
// an idle counter calls the next ticket it serves; each officer serves at their
// own pace (3 to 28 minutes, some beyond the standard); every ninth call is not
// collected (a no-show, requeued once); at the end the officers log out.
void SimulatedWeek::run_day(int day) {
    constexpr Millis minute = 60'000;
    ManualClock& clock = office_->clock();
    const Millis day_0800 = monday_0900_wit - 60 * minute + day * 86'400'000LL;
    const Millis last_issue = day_0800 + (day == 4 ? 195 : 390) * minute;  // 11:15, or 14:30
    clock.set(day_0800);
    std::vector<std::unique_ptr<Client>> counters;
    for (std::size_t k = 0; k < counter_officers.size(); ++k)
        counters.push_back(connect(office_->port(), {{"role", "counter"},
                                                     {"counter", static_cast<int>(k) + 1},
                                                     {"nip", counter_officers[k].nip},
                                                     {"pin", counter_officers[k].pin}}));
    auto kiosk = connect(office_->port(), {{"role", "kiosk"}});
    // Counter 1 serves every service in the test config; 2 serves KTP and KK, 3 KK, PINDAH and KTP.
    const std::vector<std::string> services = {"KTP", "KK", "KTP", "PINDAH", "KIA", "KK", "KTP", "AKTA_LAHIR"};
    const std::size_t n = counters.size();
    std::vector<Millis> busy_until(n, 0);  // 0: idle
    std::vector<bool> worth_calling(n, false);
    std::vector<int> calls(n, 0);
    Millis next_arrival = day_0800 + 5 * minute;
    int arrivals = 0;
    for (Millis t = day_0800;; t += minute) {
        clock.set(t);
        if (t == next_arrival && t <= last_issue) {
            const auto& service = services[static_cast<std::size_t>(arrivals + day) % services.size()];
            REQUIRE(kiosk->call("issue", {{"service", service}}).ok);
            ++issued_;
            ++arrivals;
            next_arrival += (day == 0 ? 2 + arrivals % 3 : 3 + (arrivals * 7 + day) % 5) * minute;
            std::fill(worth_calling.begin(), worth_calling.end(), true);
        }
        bool active = t <= last_issue;
        for (std::size_t k = 0; k < n; ++k) {
            const int ki = static_cast<int>(k);
            if (busy_until[k] != 0 && busy_until[k] <= t) {
                const bool no_show = (calls[k] + ki + day) % 9 == 4;
                const auto done = counters[k]->call(no_show ? "no_show" : "finish");
                REQUIRE(done.ok);
                busy_until[k] = 0;
                // Every third citizen rates the service at the counter's desk screen, and
                // every fourth fills in the SKM survey at the kiosk.
                if (!no_show && calls[k] % 3 == 0)
                    REQUIRE(kiosk
                                ->call("feedback", {{"ticket", done.body["ticket"]["id"]},
                                                    {"rating", 1 + (calls[k] + 2 * ki + day) % 4},
                                                    {"counter", ki + 1}})
                                .ok);
                if (!no_show && calls[k] % 4 == 1) {
                    std::vector<int> answers;
                    for (int u = 0; u < 9; ++u) answers.push_back(2 + (calls[k] + u * ki + day + u) % 3);
                    REQUIRE(
                        kiosk->call("survey", {{"answers", answers}, {"service", done.body["ticket"]["service"]}}).ok);
                }
                if (no_show) std::fill(worth_calling.begin(), worth_calling.end(), true);
            }
            if (busy_until[k] == 0 && worth_calling[k]) {
                if (counters[k]->call("call_next").ok) {
                    ++calls[k];
                    // Officer k's pace: 3-12, 4-20 and 5-28 minutes.
                    const int span = 10 + 5 * ki + 2 * ki;
                    busy_until[k] = t + (3 + ki + (calls[k] * 7 + day * 3) % span) * minute;
                } else {
                    worth_calling[k] = false;  // nothing of its services waits
                }
            }
            active = active || busy_until[k] != 0 || worth_calling[k];
        }
        if (!active) break;
    }
    clock.advance(10 * minute);
    for (auto& c : counters) REQUIRE(c->call("logout").ok);
}

}  // namespace antre::test
