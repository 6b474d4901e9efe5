#include "verify.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <set>

#include "antre/domain.hpp"
#include "antre/errors.hpp"

namespace antre::bench {

using json = nlohmann::json;

namespace {

/// Requests in flight at once during a look-up: enough to hide the round trip.
constexpr std::size_t lookup_window = 64;
/// Examples named in a problem before the rest are only counted.
constexpr std::size_t examples_named = 5;

void add_problem(std::vector<std::string>& problems, const std::string& what, const std::vector<std::string>& cases) {
    if (cases.empty()) return;
    std::string text = std::to_string(cases.size()) + " " + what + ":";
    for (std::size_t i = 0; i < cases.size() && i < examples_named; ++i) text += " " + cases[i];
    if (cases.size() > examples_named) text += " ...";
    problems.push_back(text);
}

}  // namespace

IssuedTicket issued_from(const json& t) {
    return {t.value("id", std::int64_t{0}), t.value("origin_service", std::string()),
            t.value("number", std::int64_t{0}), t.value("label", std::string())};
}

std::map<std::string, std::int64_t> last_numbers(const Target& target) {
    auto kiosk = target.connect({{"role", "kiosk"}});
    const Reply r = kiosk->call("snapshot");
    if (!r.ok) throw std::runtime_error("snapshot refused: " + r.code);
    std::map<std::string, std::int64_t> last;
    for (const auto& s : r.body["snapshot"]["services"]) last[s["code"].get<std::string>()] = s.value("last_number", 0);
    return last;
}

std::size_t waiting_tickets(const Target& target) {
    auto kiosk = target.connect({{"role", "kiosk"}});
    const Reply r = kiosk->call("snapshot");
    if (!r.ok) throw std::runtime_error("snapshot refused: " + r.code);
    return r.body["snapshot"]["waiting"].size();
}

void check_numbering(const Target& target, const std::vector<IssuedTicket>& tickets,
                     const std::map<std::string, std::int64_t>& before, std::vector<std::string>& problems) {
    std::map<std::string, std::vector<std::int64_t>> numbers;
    std::map<std::string, std::string> prefix;
    std::set<std::int64_t> ids;
    std::vector<std::string> repeated_ids, bad;
    for (const auto& t : tickets) {
        numbers[t.service].push_back(t.number);
        prefix[t.service] = t.label.substr(0, t.label.find('-'));
        if (!ids.insert(t.id).second) repeated_ids.push_back(std::to_string(t.id));
    }
    auto kiosk = target.connect({{"role", "kiosk"}});
    for (auto& [service, list] : numbers) {
        std::sort(list.begin(), list.end());
        const auto base = before.count(service) ? before.at(service) : 0;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto want = base + static_cast<std::int64_t>(i) + 1;
            if (list[i] != want) {
                bad.push_back(service + ": number " + std::to_string(want) + " expected, " + std::to_string(list[i]) +
                              " found");
                break;
            }
        }
        // A snapshot would say the last number too, but past some 30,000 waiting
        // tickets it outgrows the client's line limit; a look-up by label does not.
        const std::string next = ticket_label(prefix[service], static_cast<int>(list.back() + 1));
        const Reply r = kiosk->call("ticket", {{"ticket", next}});
        if (r.ok || r.code != errc::unknown_ticket)
            bad.push_back(service + ": " + next + " exists, after the last acknowledged number" +
                          (r.ok ? "" : " (" + r.code + ")"));
    }
    add_problem(problems, "ticket ids acknowledged twice", repeated_ids);
    add_problem(problems, "services whose numbers are not gap-free", bad);
}

void check_known(const Target& target, const std::vector<IssuedTicket>& tickets, const std::string& status,
                 const std::string& when, std::vector<std::string>& problems) {
    auto kiosk = target.connect({{"role", "kiosk"}});
    std::mutex mutex;
    std::condition_variable room;
    std::size_t in_flight = 0;
    std::vector<std::string> missing, different;
    for (const auto& t : tickets) {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return in_flight < lookup_window; });
        ++in_flight;
        lock.unlock();
        kiosk->call_async("ticket", {{"ticket", t.id}}, [&, t](Reply r) {
            std::lock_guard guard(mutex);
            --in_flight;
            room.notify_all();
            if (!r.ok) {
                missing.push_back(t.label + " (id " + std::to_string(t.id) + ": " + r.code + ")");
                return;
            }
            const json& got = r.body["ticket"];
            const auto seen = issued_from(got);
            const std::string got_status = got.value("status", std::string());
            if (seen.label != t.label || seen.service != t.service || seen.number != t.number)
                different.push_back(t.label + " is " + seen.label);
            else if (!status.empty() && got_status != status)
                different.push_back(t.label + " is " + got_status);
        });
    }
    std::unique_lock lock(mutex);
    room.wait(lock, [&] { return in_flight == 0; });
    add_problem(problems, "acknowledged tickets unknown to the server " + when, missing);
    add_problem(problems, "tickets the server holds differently " + when, different);
}

void verify_tickets(Target& target, const std::vector<IssuedTicket>& tickets,
                    const std::map<std::string, std::int64_t>& before, const std::string& status,
                    std::vector<std::string>& problems) {
    check_numbering(target, tickets, before, problems);
    check_known(target, tickets, status, "while it runs", problems);
    if (!target.own()) return;
    target.crash_and_restart();
    check_known(target, tickets, status, "after kill -9 and a restart", problems);
    check_numbering(target, tickets, before, problems);
}

}  // namespace antre::bench
