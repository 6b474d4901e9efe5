// The handler (server/service) without sockets: requests handed to it directly, and
// the group commit run when the test says, so that what lands in one batch is certain.
#include <functional>
#include <vector>

#include <catch2/catch.hpp>

#include "antre/clock.hpp"
#include "antre/config.hpp"
#include "handler.hpp"

namespace handler_test {

using namespace antre;
using json = nlohmann::json;

namespace {

constexpr Millis monday_0900_wit = 1795996800000;

HandlerOptions options() {
    HandlerOptions o;
    o.always_open = true;
    return o;
}

// A handler on an in-memory store whose flushes and offloaded work wait until run().
struct Bench {
    OfficeConfig office = load_config(ANTRE_SOURCE_DIR "/config/sorong.json");
    Store store{":memory:"};
    ManualClock clock{monday_0900_wit};
    std::vector<std::function<void()>> pending;
    Handler handler{office, store, clock, options(), [this](std::function<void()> work, std::function<void()> then) {
                        pending.push_back([work, then] {
                            work();
                            then();
                        });
                    }};
    Bench() {
        handler.set_batching([this](std::function<void()> flush) { pending.push_back(std::move(flush)); },
                             [](const EventLines&) {});
    }
    /// Runs what was scheduled, and what that schedules, until nothing is left.
    void run() {
        while (!pending.empty()) {
            auto next = std::move(pending.front());
            pending.erase(pending.begin());
            next();
        }
    }
    /// Hands `request` to the handler; its reply lands in `into`.
    void send(SessionContext& ctx, const json& request, std::vector<json>& into) {
        auto decoded = protocol::decode_request(request.dump());
        handler.handle(ctx, std::get<protocol::Request>(decoded),
                       [&into](Outcome out) { into.push_back(json::parse(std::move(out).line())); });
    }
};

}  // namespace

TEST_CASE("a keyed retry that arrives before its original is committed gets its answer, and is not applied again") {
    Bench bench;
    SessionContext first, second;  // two kiosks: they share one key space
    std::vector<json> replies;
    bench.send(first, {{"id", 1}, {"op", "hello"}, {"role", "kiosk"}}, replies);
    bench.send(second, {{"id", 1}, {"op", "hello"}, {"role", "kiosk"}}, replies);
    bench.run();
    replies.clear();

    // Both in one batch: the retry is handled while the first issue is staged, not yet committed.
    bench.send(first, {{"id", 2}, {"op", "issue"}, {"service", "KK"}, {"key", "tap-9"}}, replies);
    bench.send(second, {{"id", 3}, {"op", "issue"}, {"service", "KK"}, {"key", "tap-9"}}, replies);
    CHECK(replies.empty());  // nothing answered before the commit
    bench.run();
    REQUIRE(replies.size() == 2);
    CHECK(replies[0]["id"] == 2);
    CHECK(replies[1]["id"] == 3);
    REQUIRE(replies[0]["ok"] == true);
    REQUIRE(replies[1]["ok"] == true);
    CHECK(replies[1]["ticket"] == replies[0]["ticket"]);
    // One ticket was issued: the next is B-002.
    replies.clear();
    bench.send(first, {{"id", 4}, {"op", "issue"}, {"service", "KK"}}, replies);
    bench.run();
    REQUIRE(replies.size() == 1);
    CHECK(replies[0]["ticket"]["label"] == "B-002");
}

}  // namespace handler_test

namespace handler_test {

TEST_CASE("an answer written as text is the same reply as its line, for the dashboard and for a kept key") {
    const std::string text = R"({"code":"k3x","estimate":null,"ticket":{"id":1,"label":"A-001"}})";
    Outcome written = Outcome::written("r-7", text);
    CHECK(written.fields_text() == text);  // kept as it is for a keyed answer
    Outcome copy = written;
    const json whole = std::move(written).whole();
    CHECK(whole == json::parse(std::move(copy).line()));
    CHECK(whole["id"] == "r-7");
    CHECK(whole["ok"] == true);
    CHECK(whole["ticket"]["label"] == "A-001");
    // The same fields as a nlohmann object give the same line.
    CHECK(Outcome::success("r-7", json::parse(text)).line() == Outcome::written("r-7", text).line());
}

}  // namespace handler_test

namespace handler_test {

TEST_CASE("a refresh's figures wait for the next batch and go first in its write, or go alone when the hold ends") {
    Bench bench;
    std::vector<EventLines> sent;
    std::vector<json> replies;
    std::vector<std::size_t> replies_when_sent;  // replies delivered when each broadcast went
    SessionContext kiosk;
    // The server's one timer: arming it again replaces what it would have run.
    std::function<void()> hold;
    int armed = 0;
    bench.handler.set_batching([&bench](std::function<void()> flush) { bench.pending.push_back(std::move(flush)); },
                               [&](const EventLines& lines) {
                                   sent.push_back(lines);
                                   replies_when_sent.push_back(replies.size());
                               });
    bench.handler.set_figures_hold([&](std::chrono::milliseconds delay, std::function<void()> run) {
        CHECK(delay == Handler::figures_hold);
        hold = std::move(run);
        ++armed;
    });
    const std::size_t services = bench.office.services.size();
    auto event_of = [](const std::string& line) { return json::parse(line)["event"].get<std::string>(); };
    bench.send(kiosk, {{"id", 1}, {"op", "hello"}, {"role", "kiosk"}}, replies);
    bench.run();
    const std::size_t replies_before = replies.size();

    // The issue's batch goes out in one broadcast, its event and its queue figures, before
    // its reply; the refresh it starts ends with its figures held.
    sent.clear();
    armed = 0;
    bench.send(kiosk, {{"id", 2}, {"op", "issue"}, {"service", "KTP"}}, replies);
    bench.run();
    auto lobby_lines = [&sent] {
        std::vector<std::string> all;
        for (const auto& b : sent) all.insert(all.end(), b.lobby.begin(), b.lobby.end());
        return all;
    };
    REQUIRE(sent.size() == 1);
    CHECK(replies_when_sent.back() == replies_before);
    auto lines = lobby_lines();
    REQUIRE(lines.size() == 2);
    CHECK(event_of(lines[0]) == "ticket_issued");
    CHECK(event_of(lines[1]) == "queue_changed");
    REQUIRE(armed == 1);

    // The next batch carries them first, in the same broadcast, for both audiences.
    sent.clear();
    bench.send(kiosk, {{"id", 3}, {"op", "issue"}, {"service", "KTP"}}, replies);
    bench.run();
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].staff.front() == sent[0].lobby.front());
    lines = lobby_lines();
    REQUIRE(lines.size() == 3);
    const json figures = json::parse(lines[0]);
    CHECK(figures["event"] == "queue_changed");
    CHECK(figures["services"].size() == services);  // a refresh lists every service
    CHECK(event_of(lines[1]) == "ticket_issued");
    const json own = json::parse(lines[2]);
    CHECK(own["event"] == "queue_changed");  // the batch's own, newer figures come last
    CHECK(own["services"].size() == 1);
    CHECK(own["services"][0]["waiting"] == 2);
    // Its refresh's figures are held in turn; with no batch in time they go out alone
    // when the hold ends, and only once.
    REQUIRE(armed == 2);
    const std::size_t broadcasts = sent.size();
    hold();
    REQUIRE(sent.size() == broadcasts + 1);
    REQUIRE(sent.back().lobby.size() == 1);
    const json alone = json::parse(sent.back().lobby[0]);
    CHECK(alone["event"] == "queue_changed");
    CHECK(alone["services"].size() == services);
    CHECK(alone != figures);  // the newer refresh: two tickets wait now
    hold();
    CHECK(sent.size() == broadcasts + 1);
}

}  // namespace handler_test
