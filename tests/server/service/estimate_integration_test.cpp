// The forward estimate through the real server and client (docs/queue.md "Estimates on
// the screens"): the issue reply's promise, the live estimate of the ticket, snapshot
// and Cek nomor, the closing quota's refusal, and the promise kept for the report.
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "estimate_support.hpp"
#include "test_support.hpp"

namespace estimate_integration_test {

using namespace antre;
using namespace antre::test;
using namespace antre::test::estimate;
using json = nlohmann::json;

namespace {

const json* service_of(const json& snapshot, const std::string& code) {
    for (const auto& s : snapshot["services"])
        if (s["code"] == code) return &s;
    return nullptr;
}

// Asks until `ok` holds for the answer (the estimates are recomputed after the commit,
// away from the answers): at most a generous 10 s.
template <class Ask, class Ok>
json eventually(Ask ask, Ok ok) {
    json last;
    for (int i = 0; i < 200; ++i) {
        last = ask();
        if (ok(last)) return last;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return last;
}

}  // namespace

TEST_CASE("the issue reply promises a call interval, and ticket, snapshot and Cek nomor follow the day",
          "[integration][estimate]") {
    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin}});
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    auto counter = connect(office.port(), counter_hello(1));  // counter 1 serves every service

    std::vector<json> tickets;
    for (int i = 0; i < 6; ++i) {
        const auto r = kiosk->call("issue", {{"service", "KTP"}});
        REQUIRE(r.ok);
        tickets.push_back(r.body["ticket"]);
        // The reply's door estimate is what the ticket was promised.
        const json& e = r.body["estimate"];
        REQUIRE(e.is_object());
        CHECK(e["reached"] == true);
        CHECK(e["past_closing"] == false);
        CHECK(e["closing"] == monday_0900_wit + 6 * 60 * minute);  // 15:00 WIT
    }
    for (const auto& t : tickets) {
        INFO(t.dump());
        REQUIRE(t["estimated_call_from"].is_number_integer());
        REQUIRE(t["estimated_call_to"].is_number_integer());
        const Millis from = t["estimated_call_from"], to = t["estimated_call_to"];
        const Millis at = t["issued_at"].get<Millis>() + t["estimated_wait_s"].get<Millis>() * 1000;
        CHECK(from <= at + 1000);
        CHECK(at <= to + 1000);
        CHECK(from >= t["issued_at"].get<Millis>());
    }
    // Later tickets are promised later calls: one counter, one queue.
    CHECK(tickets.back()["estimated_call_to"].get<Millis>() > tickets.front()["estimated_call_to"].get<Millis>());
    CHECK(tickets.back()["estimated_wait_s"].get<int>() > tickets[1]["estimated_wait_s"].get<int>());

    // The live estimate of a waiting ticket, on the ticket op and in the snapshot.
    const std::string label = tickets.back()["label"];
    const json ticket = eventually(
        [&] {
            return kiosk->call("ticket", {{"ticket", label}}).body["ticket"];
        },
        [](const json& t) { return t.contains("estimate"); });
    REQUIRE(ticket.contains("estimate"));
    CHECK(ticket["estimate"]["reached"] == true);
    CHECK(ticket["estimate"]["call_from"].get<Millis>() <= ticket["estimate"]["call_to"].get<Millis>());
    // The doors come from the refresh after the six issues (paced: at most 200 ms after
    // the one before it); the ticket's own estimate above may still be its promise.
    const auto snapshot = eventually([&] { return kiosk->call("snapshot").body["snapshot"]; },
                                     [](const json& s) {
                                         const json* k = service_of(s, "KTP");
                                         return k && (*k)["estimate"]["regular"].is_object() &&
                                                (*k)["estimate"]["regular"]["call_at"].get<Millis>() > monday_0900_wit;
                                     });
    const json* ktp = service_of(snapshot, "KTP");
    REQUIRE(ktp);
    REQUIRE((*ktp)["estimate"]["regular"].is_object());
    REQUIRE((*ktp)["estimate"]["priority"].is_object());
    // A priority ticket taken now goes before the regular line.
    CHECK((*ktp)["estimate"]["priority"]["call_at"].get<Millis>() <
          (*ktp)["estimate"]["regular"]["call_at"].get<Millis>());
    CHECK((*ktp)["estimated_wait_s"] == (*ktp)["estimate"]["regular"]["wait_s"]);
    bool listed = false;
    for (const auto& w : snapshot["waiting"])
        if (w["label"] == label) listed = w.contains("estimate");
    CHECK(listed);
    const auto status = kiosk->call("ticket_status", {{"label", label}});
    REQUIRE(status.ok);
    CHECK(status.body["status"]["estimated_call_from_time"].is_string());
    CHECK(status.body["status"]["estimated_call_to_time"].is_string());

    // The day moves: two finished, the last ticket's estimate moves with it.
    for (int i = 0; i < 2; ++i) {
        office.clock().advance(8 * minute);
        REQUIRE(counter->call("call_next").ok);
        office.clock().advance(7 * minute);
        REQUIRE(counter->call("finish").ok);
    }
    const Millis before = ticket["estimate"]["call_at"];
    const json moved = eventually(
        [&] {
            return kiosk->call("ticket", {{"ticket", label}}).body["ticket"];
        },
        [&](const json& t) { return t.contains("estimate") && t["estimate"]["call_at"] != before; });
    CHECK(moved["estimate"]["call_at"] != before);
    // What was promised at issue stays on the ticket, for the report.
    CHECK(moved["estimated_call_from"] == tickets.back()["estimated_call_from"]);
}

TEST_CASE("the closing quota refuses a number expected to finish after closing, and other services still issue",
          "[integration][estimate]") {
    TempDir dir;
    std::ifstream in(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    json config = json::parse(in);
    for (auto& s : config["services"]) s["daily_quota"] = 0;
    config["closing_quota"] = {{"grace_minutes", 10}, {"services", {"KTP"}}};
    const std::string path = dir.file("office.json");
    std::ofstream(path) << config.dump(2);

    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin}},
                      [&](AppOptions& o) { o.config_path = path; });
    office.clock().set(monday_0900_wit + 5 * 60 * minute + 20 * minute);  // 14:20 WIT, closing at 15:00
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    auto counter = connect(office.port(), counter_hello(1));  // KTP and KIA in the shipped config

    int issued = 0;
    Reply refused;
    for (int i = 0; i < 30; ++i) {
        auto r = kiosk->call("issue", {{"service", "KTP"}});
        if (!r.ok) {
            refused = r;
            break;
        }
        ++issued;
    }
    INFO(refused.message);
    CHECK(issued >= 1);
    REQUIRE(refused.code == "quota_reached");
    CHECK(refused.message.find("jam tutup") != std::string::npos);
    // The kiosk's door says the same before anyone taps.
    const auto snapshot = eventually([&] { return kiosk->call("snapshot").body["snapshot"]; },
                                     [](const json& s) {
                                         const json* k = service_of(s, "KTP");
                                         return k && (*k)["estimate"]["regular"].is_object() &&
                                                (*k)["estimate"]["regular"]["past_closing"] == true;
                                     });
    const json* ktp = service_of(snapshot, "KTP");
    REQUIRE(ktp);
    CHECK((*ktp)["estimate"]["regular"]["past_closing"] == true);
    // KIA shares the counter but has no quota: it still issues.
    CHECK(kiosk->call("issue", {{"service", "KIA"}}).ok);
}

TEST_CASE("a burst of issues: the estimate refreshes are paced, and the last state's figures reach the board",
          "[integration][estimate]") {
    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin}});
    auto counter = connect(office.port(), counter_hello(1));  // staffed: the refreshes run
    RecordingBoard board(office.port());
    const std::size_t services = board.client().call("snapshot").body["snapshot"]["services"].size();
    REQUIRE(services > 1);
    // A refresh's broadcast names every service; a commit's names the ones it touched.
    auto refreshes_of_ktp = [&](std::size_t from) {
        std::vector<json> out;
        const auto events = board.events();
        for (std::size_t i = from; i < events.size(); ++i)
            if (events[i]["event"] == "queue_changed" && events[i]["services"].size() == services)
                if (const json* ktp = service_of(events[i], "KTP")) out.push_back(*ktp);
        return out;
    };
    const std::size_t before = board.events().size();

    // Eight kiosks, ten tickets each, as fast as they are answered.
    constexpr int kiosks = 8, each = 10;
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    std::atomic<int> issued{0};
    for (int k = 0; k < kiosks; ++k)
        threads.emplace_back([&] {
            auto kiosk = connect(office.port(), {{"role", "kiosk"}});
            for (int i = 0; i < each; ++i)
                if (kiosk->call("issue", {{"service", "KTP"}}).ok) ++issued;
        });
    for (auto& t : threads) t.join();
    REQUIRE(issued == kiosks * each);

    // The last refresh shows the whole queue, with the door estimated.
    const auto last = eventually([&] { return refreshes_of_ktp(before); },
                                 [](const std::vector<json>& r) {
                                     return !r.empty() && r.back()["waiting"] == kiosks * each &&
                                            r.back()["estimate"]["regular"].is_object();
                                 });
    const auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE(!last.empty());
    CHECK(last.back()["waiting"] == kiosks * each);
    // At most one refresh begins per 200 ms (Handler::estimate_gap): one under way when
    // the burst began, one from the 30 s timer, and the paced ones.
    const auto gaps = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() / 200;
    INFO("refreshes " << last.size() << " in " << gaps * 200 << "+ ms");
    CHECK(static_cast<long long>(last.size()) <= gaps + 3);
}

}  // namespace estimate_integration_test
