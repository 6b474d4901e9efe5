// Fuzz target: the request dispatcher on a fresh in-memory store and a manual
// clock. The input is a sequence of request lines, each sent by one of four
// sessions ("2{...}" is session 2; a line without a digit is session 0), with
// "@N" lines that move the clock N seconds on (across opening hours and midnight).
// Officers are seeded with tokens for every staff role, so that the fuzzer reaches
// the ops past hello without paying for argon2id on each input; one PIN log-in per
// input still reaches the throttle and the PIN check.
//
// Checked after every request: exactly one reply, which is a JSON object with
// "ok"; after the whole input: the state on disk equals the engine's in memory.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "antre/calendar.hpp"
#include "antre/clock.hpp"
#include "antre/config.hpp"
#include "antre/protocol.hpp"
#include "handler.hpp"
#include "password.hpp"
#include "store.hpp"

namespace {

using antre::protocol::json;

constexpr antre::Millis monday_0900_wit = 1795996800000;
constexpr std::size_t max_lines = 64;
constexpr int max_pin_hellos = 1;  // argon2id is slow on purpose (and slower under ASan)

struct Fixture {
    antre::OfficeConfig office = antre::load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    std::string pin_hash = antre::password::hash_pin("1234");
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

void seed(antre::Store& store, const antre::OfficeConfig& office, antre::Millis now) {
    const std::string day = antre::OfficeCalendar(office.time_zone).day_of(now);
    struct Seed {
        const char* nip;
        antre::OfficerRole role;
        int counter;
    };
    const Seed seeds[] = {{"199001012015031001", antre::OfficerRole::officer, 1},
                          {"199001012015031002", antre::OfficerRole::officer, 2},
                          {"198501012010032001", antre::OfficerRole::manager, 0},
                          {"198001012006043001", antre::OfficerRole::admin, 0}};
    for (const auto& s : seeds) {
        store.save_officer({s.nip, std::string("Petugas ") + s.nip, s.role, fixture().pin_hash, true},
                           "officer_created", "fuzz", now, day);
        // The token is the NIP itself (18 digits, so that PIN log-ins reach the hash too):
        // {"op":"hello","role":"counter","counter":1,"token":"199001012015031001"}.
        // Each token for the session its officer's role opens (tokens are bound to it).
        const auto use = s.role == antre::OfficerRole::officer   ? antre::password::TokenUse::counter
                         : s.role == antre::OfficerRole::manager ? antre::password::TokenUse::manager
                                                                 : antre::password::TokenUse::admin;
        store.save_token(antre::password::token_digest(s.nip, use), {s.nip, s.counter, now + 48LL * 3600 * 1000});
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& fx = fixture();
    antre::ManualClock clock(monday_0900_wit);
    antre::Store store(":memory:");
    seed(store, fx.office, clock.now());
    // PIN checks run inline here; the server runs them on its thread pool.
    antre::Handler handler(fx.office, store, clock, {}, [](std::function<void()> work, std::function<void()> then) {
        work();
        then();
    });
    antre::SessionContext sessions[4];
    int pin_hellos = 0;

    std::string_view rest(reinterpret_cast<const char*>(data), size);
    for (std::size_t n = 0; n < max_lines && !rest.empty(); ++n) {
        const auto end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (!line.empty() && line.front() == '@') {
            const long seconds = std::strtol(std::string(line.substr(1, 9)).c_str(), nullptr, 10);
            if (seconds > 0) clock.advance(static_cast<antre::Millis>(seconds) * 1000);
            handler.roll_over();
            continue;
        }
        std::size_t who = 0;
        if (!line.empty() && line.front() >= '0' && line.front() <= '3') {
            who = static_cast<std::size_t>(line.front() - '0');
            line.remove_prefix(1);
        }
        auto decoded = antre::protocol::decode_request(line);
        auto* req = std::get_if<antre::protocol::Request>(&decoded);
        if (!req) continue;
        if (req->op == "hello" && req->body.contains("pin") && ++pin_hellos > max_pin_hellos) continue;
        int replies = 0;
        handler.handle(sessions[who], *req, [&](antre::Outcome out) {
            ++replies;
            const json reply = json::parse(std::move(out).line());
            if (!reply.is_object() || !reply.contains("ok")) std::abort();
        });
        if (replies != 1) std::abort();
    }
    // Every acknowledged change is committed: a restart would find the same office.
    if (!(store.load() == handler.engine().state())) std::abort();
    return 0;
}
