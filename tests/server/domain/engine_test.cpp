// Tests of the queue engine (server/domain/engine.cpp): whole office days simulated in
// milliseconds, with no sockets, no database and no window. Every refusal is
// checked through `refusal()`, which also proves that it left the state untouched.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include <date/date.h>

#include "antre/errors.hpp"
#include "engine.hpp"

namespace Catch {
template <>
struct StringMaker<antre::Event> {
    static std::string convert(const antre::Event& e) {
        std::ostringstream out;
        out << "{" << e.type << " at=" << e.at << " day=" << e.day
            << " ticket=" << (e.ticket ? std::to_string(*e.ticket) : "-") << " service=" << e.service
            << " counter=" << e.counter << " officer=" << e.officer << " detail=" << e.detail << "}";
        return out.str();
    }
};
template <>
struct StringMaker<antre::TicketStatus> {
    static std::string convert(antre::TicketStatus s) { return std::string(antre::to_string(s)); }
};
template <>
struct StringMaker<antre::CounterState> {
    static std::string convert(antre::CounterState s) { return std::string(antre::to_string(s)); }
};
template <>
struct StringMaker<antre::Priority> {
    static std::string convert(antre::Priority p) { return std::string(antre::to_string(p)); }
};
}  // namespace Catch

namespace engine_test {

using namespace antre;

namespace {

using std::chrono::milliseconds;
using Labels = std::vector<std::string>;
using Ids = std::vector<TicketId>;
using Codes = std::vector<std::string>;

constexpr Millis second_ms = 1000;
constexpr Millis minute = 60 * second_ms;
constexpr Millis hour = 60 * minute;
constexpr Millis wit_offset = 9 * hour;  // WIT is UTC+9 all year (no daylight saving)

// Computed by plain calendar arithmetic, not by the office calendar under test.
Millis utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
    const date::sys_days day{date::year{y} / date::month{mo} / date::day{d}};
    const Millis midnight = std::chrono::duration_cast<milliseconds>(day.time_since_epoch()).count();
    return midnight + h * hour + mi * minute + s * second_ms + ms;
}

/// A WIT wall-clock time as UTC milliseconds.
Millis wit(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
    return utc(y, mo, d, h, mi, s, ms) - wit_offset;
}

std::string wit_day(Millis at) {
    const date::sys_time<milliseconds> local{milliseconds{at + wit_offset}};
    return date::format("%F", date::floor<date::days>(local));
}

// 2026-11-30 is a Monday; 2026-12-05 a Saturday.
Millis mon(int h, int mi, int s = 0) { return wit(2026, 11, 30, h, mi, s); }
Millis tue(int h, int mi, int s = 0) { return wit(2026, 12, 1, h, mi, s); }
Millis sat(int h, int mi) { return wit(2026, 12, 5, h, mi); }
Millis sun(int h, int mi) { return wit(2026, 12, 6, h, mi); }

const std::string nip1 = "198003152006041001";
const std::string nip2 = "198507222009032002";
const std::string nip3 = "199001012015031003";
const std::string nip4 = "199205052019022004";
const std::string admin_nip = "197812312003121001";

std::vector<OpeningWindow> weekday_hours() {
    std::vector<OpeningWindow> hours;
    for (int weekday = 1; weekday <= 5; ++weekday) hours.push_back({weekday, 8 * 60, 15 * 60});
    return hours;
}

Service make_service(std::string code, std::string prefix, std::string name_id, std::string name_en, int quota = 0) {
    Service s;
    s.code = std::move(code);
    s.prefix = std::move(prefix);
    s.name_id = std::move(name_id);
    s.name_en = std::move(name_en);
    s.daily_quota = quota;
    s.hours = weekday_hours();
    s.max_wait_minutes = 60;
    s.max_service_minutes = 20;
    return s;
}

OfficeConfig office(CallPolicy policy = {}) {
    OfficeConfig o;
    o.office_name = "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong";
    o.time_zone = "Asia/Jayapura";
    o.policy = policy;
    o.services = {make_service("KTP", "A", "KTP-el", "Electronic ID card"),
                  make_service("KK", "B", "Kartu Keluarga", "Family card"),
                  make_service("AKTA_LAHIR", "C", "Akta Kelahiran", "Birth certificate", 3)};
    o.counters = {{1, "Loket 1", {"KTP", "KK"}}, {2, "Loket 2", {"KK"}}, {3, "Loket 3", {"AKTA_LAHIR", "KTP"}}};
    return o;
}

CallPolicy policy_with(int regular_between_priority, int requeue_places = 5, int max_requeues = 1) {
    CallPolicy p;
    p.regular_between_priority = regular_between_priority;
    p.no_show_requeue_places = requeue_places;
    p.no_show_max_requeues = max_requeues;
    return p;
}

Event ev(std::string type, Millis at, std::optional<TicketId> ticket, std::string service_code, int counter = 0,
         std::string officer = {}, std::string detail = {}) {
    Event e;
    e.type = std::move(type);
    e.at = at;
    e.day = wit_day(at);
    e.ticket = ticket;
    e.service = std::move(service_code);
    e.counter = counter;
    e.officer = std::move(officer);
    e.detail = std::move(detail);
    return e;
}

std::map<std::string, Ids> all_queues(const Engine& e) {
    std::map<std::string, Ids> out;
    for (const auto& s : e.state().services) out[s.def.code] = e.waiting(s.def.code);
    return out;
}

/// Runs a command that must be refused; checks that state and queues are exactly
/// as before and returns the refusal's code.
template <class Command>
std::string refusal(Engine& e, Command&& command) {
    const EngineState before = e.state();
    const auto queues_before = all_queues(e);
    try {
        command();
    } catch (const Refusal& r) {
        CHECK(e.state() == before);
        CHECK(all_queues(e) == queues_before);
        return r.code();
    }
    FAIL("the command was not refused");
    return {};
}

/// One office on Monday 2026-11-30, with a clock that moves a minute per step.
struct Sim {
    explicit Sim(CallPolicy policy = {}) : e(office(policy), mon(7, 30)) {}

    Engine e;
    Millis now = mon(8, 0);

    Millis tick(Millis step = minute) { return now += step; }
    TicketId issue(const std::string& code, Priority p = Priority::none) {
        const auto fx = e.issue(code, p, tick());
        REQUIRE(fx.ticket);
        return *fx.ticket;
    }
    TicketId call(int counter) {
        const auto fx = e.call_next(counter, tick());
        REQUIRE(fx.ticket);
        return *fx.ticket;
    }
    void finish(int counter) { e.finish(counter, tick()); }
    void no_show(int counter) { e.no_show(counter, tick()); }
    void open(int counter, const std::string& officer) { e.login(counter, officer, tick()); }
    void open_all() {
        open(1, nip1);
        open(2, nip2);
        open(3, nip3);
    }
    const Ticket& ticket(TicketId id) const {
        const Ticket* t = e.find_ticket(id);
        REQUIRE(t != nullptr);
        return *t;
    }
    std::string label(TicketId id) const { return ticket(id).label; }
    Labels labels(const Ids& ids) const {
        Labels out;
        for (auto id : ids) out.push_back(label(id));
        return out;
    }
    Labels queue(const std::string& code) const { return labels(e.waiting(code)); }
    std::optional<TicketId> active(int counter) const { return e.find_counter(counter)->active; }
};

/// Properties that hold after every command, whatever happened before.
void check_invariants(const Engine& e) {
    std::set<TicketId> held;
    for (const auto& c : e.state().counters) {
        if (!c.active) continue;
        CHECK(held.insert(*c.active).second);  // never two counters on one ticket
        const Ticket* t = e.find_ticket(*c.active);
        REQUIRE(t != nullptr);
        CHECK((t->status == TicketStatus::called || t->status == TicketStatus::serving));
        CHECK(t->counter == c.config.number);
        CHECK(c.state != CounterState::closed);
    }
    for (const auto& t : e.state().tickets) {
        const bool is_active = t.status == TicketStatus::called || t.status == TicketStatus::serving;
        CHECK(held.count(t.id) == (is_active ? 1U : 0U));
    }
    for (const auto& s : e.state().services) {
        const Ids q = e.waiting(s.def.code);
        const std::set<TicketId> unique(q.begin(), q.end());
        CHECK(unique.size() == q.size());
        std::size_t waiting_here = 0;
        std::vector<int> numbers;
        for (const auto& t : e.state().tickets) {
            if (t.status == TicketStatus::waiting && t.service == s.def.code) ++waiting_here;
            if (t.day == e.state().day && t.origin_service == s.def.code) numbers.push_back(t.number);
        }
        CHECK(q.size() == waiting_here);
        for (std::size_t i = 0; i < q.size(); ++i) {
            const Ticket* t = e.find_ticket(q[i]);
            REQUIRE(t != nullptr);
            CHECK(t->status == TicketStatus::waiting);
            CHECK(t->service == s.def.code);
            CHECK(e.people_ahead(q[i]) == static_cast<int>(i));
        }
        // Numbers of the day: 1..last_number, none reused, none skipped.
        std::sort(numbers.begin(), numbers.end());
        std::vector<int> expected(static_cast<std::size_t>(s.last_number));
        for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<int>(i) + 1;
        CHECK(numbers == expected);
    }
}

}  // namespace

TEST_CASE("the test clock agrees with the office calendar") {
    const Engine e(office(), mon(7, 30));
    CHECK(wit(2026, 12, 1) == utc(2026, 11, 30, 15, 0));  // office midnight is 15:00 UTC
    CHECK(e.calendar().local(mon(10, 0)).weekday == 1);
    CHECK(e.calendar().local(mon(10, 0)).day == "2026-11-30");
    CHECK(e.calendar().local(mon(10, 0)).minute_of_day == 600);
    CHECK(e.calendar().local(sat(10, 0)).weekday == 6);
    CHECK(e.calendar().local(sun(10, 0)).weekday == 0);
    CHECK(e.calendar().day_of(wit(2026, 12, 1) - 1) == "2026-11-30");
    CHECK(e.calendar().day_of(wit(2026, 12, 1)) == "2026-12-01");
    CHECK(e.state().day == "2026-11-30");
}

TEST_CASE("a fresh engine: services, closed counters, empty queues") {
    const Engine e(office(), mon(7, 30));
    REQUIRE(e.state().services.size() == 3);
    CHECK(e.state().services[0].def.code == "KTP");
    CHECK(e.state().services[2].def.daily_quota == 3);
    REQUIRE(e.state().counters.size() == 3);
    for (const auto& c : e.state().counters) {
        CHECK(c.state == CounterState::closed);
        CHECK(c.officer.empty());
        CHECK_FALSE(c.active);
        CHECK(c.since == mon(7, 30));
    }
    CHECK(e.state().tickets.empty());
    CHECK(e.waiting("KTP").empty());
    CHECK(e.waiting("NOPE").empty());
    CHECK(e.find_service("NOPE") == nullptr);
    CHECK(e.find_counter(9) == nullptr);
    CHECK(e.find_ticket(TicketId{1}) == nullptr);
    CHECK(e.find_ticket(std::string("A-001")) == nullptr);
}

TEST_CASE("a simulated day: numbering per service, FIFO, counters by preference") {
    Sim o;
    o.open_all();

    const Millis t_a1 = mon(8, 10);
    const auto fx = o.e.issue("KTP", Priority::none, t_a1);
    REQUIRE(fx.ticket);
    const TicketId a1 = *fx.ticket;
    CHECK(fx.events == std::vector<Event>{ev("ticket_issued", t_a1, a1, "KTP", 0, "", "none")});
    CHECK(fx.tickets == Ids{a1});
    CHECK(fx.services == Codes{"KTP"});
    CHECK(fx.counters.empty());
    {
        const Ticket& t = o.ticket(a1);
        CHECK(t.label == "A-001");
        CHECK(t.number == 1);
        CHECK(t.day == "2026-11-30");
        CHECK(t.service == "KTP");
        CHECK(t.origin_service == "KTP");
        CHECK(t.status == TicketStatus::waiting);
        CHECK(t.priority == Priority::none);
        CHECK(t.issued_at == t_a1);
        CHECK_FALSE(t.first_called_at);
        CHECK_FALSE(t.called_at);
        CHECK_FALSE(t.service_started_at);
        CHECK_FALSE(t.finished_at);
        CHECK(t.counter == 0);
        CHECK(t.officer.empty());
        CHECK(t.estimated_wait_s == 0);  // nobody ahead
    }
    CHECK(o.e.find_ticket(std::string("A-001")) == &o.ticket(a1));
    o.now = t_a1;

    const TicketId b1 = o.issue("KK");
    const TicketId a2 = o.issue("KTP");
    const TicketId c1 = o.issue("AKTA_LAHIR");
    const TicketId b2 = o.issue("KK");
    const TicketId a3 = o.issue("KTP");
    const TicketId a4 = o.issue("KTP");
    CHECK(o.labels({b1, a2, c1, b2, a3, a4}) == Labels{"B-001", "A-002", "C-001", "B-002", "A-003", "A-004"});
    CHECK(o.queue("KTP") == Labels{"A-001", "A-002", "A-003", "A-004"});
    CHECK(o.queue("KK") == Labels{"B-001", "B-002"});
    CHECK(o.queue("AKTA_LAHIR") == Labels{"C-001"});
    CHECK(o.e.people_ahead(a3) == 2);
    CHECK(o.e.find_service("KTP")->last_number == 4);

    // Counter 2 serves KK only: the oldest KK ticket.
    const Millis t_call = o.tick();
    const auto called = o.e.call_next(2, t_call);
    CHECK(called.ticket == b1);
    CHECK(called.events == std::vector<Event>{ev("ticket_called", t_call, b1, "KK", 2, nip2)});
    CHECK(called.tickets == Ids{b1});
    CHECK(called.counters == std::vector<int>{2});
    CHECK(called.services == Codes{"KK"});
    {
        const Ticket& t = o.ticket(b1);
        CHECK(t.status == TicketStatus::called);
        CHECK(t.first_called_at == t_call);
        CHECK(t.called_at == t_call);
        CHECK(t.counter == 2);
        CHECK(t.officer == nip2);
    }
    CHECK(o.active(2) == b1);
    CHECK(o.queue("KK") == Labels{"B-002"});

    // Counter 3 prefers AKTA_LAHIR even though A-001 came earlier.
    CHECK(o.call(3) == c1);
    // Counter 1 prefers KTP.
    CHECK(o.call(1) == a1);

    o.finish(2);
    CHECK(o.call(2) == b2);
    o.finish(3);
    CHECK(o.call(3) == a2);  // AKTA_LAHIR is empty: its second service
    o.finish(1);
    CHECK(o.call(1) == a3);
    o.finish(2);
    CHECK(refusal(o.e, [&] { o.e.call_next(2, o.tick()); }) == errc::queue_empty);  // A-004 is not KK
    o.finish(1);
    CHECK(o.call(1) == a4);
    o.finish(3);
    CHECK(refusal(o.e, [&] { o.e.call_next(3, o.tick()); }) == errc::queue_empty);

    const TicketId b3 = o.issue("KK");
    CHECK(o.label(b3) == "B-003");
    CHECK(refusal(o.e, [&] { o.e.call_next(3, o.tick()); }) == errc::queue_empty);  // 3 does not serve KK

    const Millis t_finish = o.tick();
    const auto finished = o.e.finish(1, t_finish);
    CHECK(finished.ticket == a4);
    CHECK(finished.events == std::vector<Event>{ev("ticket_finished", t_finish, a4, "KTP", 1, nip1)});
    CHECK(finished.tickets == Ids{a4});
    CHECK(finished.counters == std::vector<int>{1});
    CHECK(o.ticket(a4).finished_at == t_finish);
    CHECK_FALSE(o.active(1));

    CHECK(o.call(1) == b3);  // KTP is empty: its second service
    o.finish(1);

    for (const auto& t : o.e.state().tickets) {
        CHECK(t.status == TicketStatus::done);
        CHECK(*t.first_called_at >= t.issued_at);
        CHECK(*t.finished_at > *t.called_at);
    }
    CHECK(o.e.find_service("KTP")->last_number == 4);
    CHECK(o.e.find_service("KK")->last_number == 3);
    CHECK(o.e.find_service("AKTA_LAHIR")->last_number == 1);
    check_invariants(o.e);
}

TEST_CASE("priority tickets go first under regular_between_priority = 0") {
    Sim o;
    o.open_all();
    const TicketId a1 = o.issue("KTP");
    const TicketId a2 = o.issue("KTP");
    const Millis t_a3 = o.now + minute;
    const auto fx = o.e.issue("KTP", Priority::lansia, t_a3);
    o.now = t_a3;
    const TicketId a3 = *fx.ticket;
    CHECK(fx.events == std::vector<Event>{ev("ticket_issued", t_a3, a3, "KTP", 0, "", "lansia")});
    CHECK(o.ticket(a3).priority == Priority::lansia);
    const TicketId a4 = o.issue("KTP", Priority::ibu_hamil);
    const TicketId a5 = o.issue("KTP");
    const TicketId a6 = o.issue("KTP", Priority::disabilitas);

    CHECK(o.queue("KTP") == Labels{"A-003", "A-004", "A-006", "A-001", "A-002", "A-005"});
    CHECK(o.e.people_ahead(a3) == 0);
    CHECK(o.e.people_ahead(a6) == 2);
    CHECK(o.e.people_ahead(a1) == 3);
    CHECK(o.e.people_ahead(a5) == 5);
    const auto f = o.e.figures("KTP", o.now);
    CHECK(f.waiting == 6);
    CHECK(f.priority_waiting == 3);

    for (TicketId expected : {a3, a4, a6, a1, a2, a5}) {
        CHECK(o.call(1) == expected);
        o.finish(1);
    }
    // A priority ticket that arrives later still overtakes waiting regular ones.
    const TicketId a7 = o.issue("KTP");
    const TicketId a8 = o.issue("KTP", Priority::anak);
    CHECK(o.call(1) == a8);
    o.finish(1);
    CHECK(o.call(1) == a7);
}

TEST_CASE("regular_between_priority = 2 interleaves two regular calls per priority call") {
    Sim o(policy_with(2));
    o.open_all();

    SECTION("a priority ticket at the start of the day goes first") {
        const TicketId a1 = o.issue("KTP", Priority::lansia);
        const TicketId a2 = o.issue("KTP");
        const TicketId a3 = o.issue("KTP");
        const TicketId a4 = o.issue("KTP");
        const TicketId a5 = o.issue("KTP", Priority::disabilitas);
        const TicketId a6 = o.issue("KTP");
        const TicketId a7 = o.issue("KTP", Priority::anak);
        Ids expected{a1, a2, a3, a5, a4, a6, a7};
        // waiting() and people_ahead() promise call-next's order, interleaving included.
        CHECK(o.e.waiting("KTP") == expected);
        CHECK(o.e.people_ahead(a5) == 3);
        CHECK(o.e.people_ahead(a7) == 6);
        while (!expected.empty()) {
            CHECK(o.call(1) == expected.front());
            expected.erase(expected.begin());
            CHECK(o.e.waiting("KTP") == expected);
            o.finish(1);
        }
    }
    SECTION("regular calls before any priority call do not hold the first priority ticket back") {
        const TicketId a1 = o.issue("KTP");
        const TicketId a2 = o.issue("KTP");
        const TicketId a3 = o.issue("KTP");
        CHECK(o.call(1) == a1);
        o.finish(1);
        const TicketId a4 = o.issue("KTP", Priority::ibu_hamil);
        CHECK(o.e.waiting("KTP") == Ids{a4, a2, a3});
        CHECK(o.call(1) == a4);
        o.finish(1);
        CHECK(o.call(1) == a2);
    }
    SECTION("with no regular ticket waiting a priority one is called before its turn") {
        const TicketId a1 = o.issue("KTP", Priority::lansia);
        const TicketId a2 = o.issue("KTP");
        CHECK(o.call(1) == a1);
        o.finish(1);
        CHECK(o.call(1) == a2);  // one regular since the last priority call
        o.finish(1);
        const TicketId a3 = o.issue("KTP", Priority::lansia);
        const TicketId a4 = o.issue("KTP", Priority::anak);
        CHECK(o.call(1) == a3);
        o.finish(1);
        const TicketId a5 = o.issue("KTP");
        const TicketId a6 = o.issue("KTP");
        CHECK(o.e.waiting("KTP") == Ids{a5, a6, a4});
        CHECK(o.call(1) == a5);
    }
    SECTION("each service keeps its own count") {
        const TicketId a1 = o.issue("KTP", Priority::lansia);
        const TicketId a2 = o.issue("KTP", Priority::lansia);
        const TicketId a3 = o.issue("KTP");
        const TicketId b1 = o.issue("KK", Priority::anak);
        const TicketId b2 = o.issue("KK");
        CHECK(o.call(1) == a1);
        o.finish(1);
        CHECK(o.call(1) == a3);
        o.finish(1);
        // KK has not called a priority ticket yet: its priority ticket goes first.
        CHECK(o.call(2) == b1);
        o.finish(2);
        CHECK(o.call(2) == b2);
        // KTP has only a priority ticket left: called although one regular is not two.
        CHECK(o.call(1) == a2);
    }
}

TEST_CASE("a counter takes its services in its order of preference") {
    Sim o;
    o.open_all();
    const TicketId a1 = o.issue("KTP");
    const TicketId c1 = o.issue("AKTA_LAHIR");
    const TicketId b1 = o.issue("KK", Priority::lansia);
    const TicketId a2 = o.issue("KTP");
    CHECK(o.call(3) == c1);  // [AKTA_LAHIR, KTP]
    CHECK(o.call(1) == a1);  // [KTP, KK]: its first service even before a priority KK ticket
    o.finish(1);
    CHECK(o.call(1) == a2);
    o.finish(1);
    CHECK(o.call(1) == b1);
    check_invariants(o.e);
}

TEST_CASE("recall, start and finish time a ticket") {
    Sim o;
    o.e.login(1, nip1, mon(7, 55));
    const TicketId a1 = *o.e.issue("KTP", Priority::none, mon(8, 0)).ticket;

    SECTION("without an active ticket these are refused") {
        CHECK(refusal(o.e, [&] { o.e.recall(1, mon(8, 1)); }) == errc::no_active_ticket);
        CHECK(refusal(o.e, [&] { o.e.start(1, mon(8, 1)); }) == errc::no_active_ticket);
        CHECK(refusal(o.e, [&] { o.e.finish(1, mon(8, 1)); }) == errc::no_active_ticket);
        CHECK(refusal(o.e, [&] { o.e.no_show(1, mon(8, 1)); }) == errc::no_active_ticket);
        CHECK(refusal(o.e, [&] { o.e.transfer(1, "KK", mon(8, 1)); }) == errc::no_active_ticket);
        CHECK(refusal(o.e, [&] { o.e.recall(9, mon(8, 1)); }) == errc::unknown_counter);
        CHECK(refusal(o.e, [&] { o.e.recall(2, mon(8, 1)); }) == errc::counter_closed);
    }
    SECTION("call, recall twice, start, finish") {
        o.e.call_next(1, mon(8, 10));
        const auto r1 = o.e.recall(1, mon(8, 11));
        CHECK(r1.events == std::vector<Event>{ev("ticket_recalled", mon(8, 11), a1, "KTP", 1, nip1, "1")});
        CHECK(r1.tickets == Ids{a1});
        CHECK(r1.ticket == a1);
        const auto r2 = o.e.recall(1, mon(8, 12));
        CHECK(r2.events.at(0).detail == "2");
        {
            const Ticket& t = o.ticket(a1);
            CHECK(t.recalls == 2);
            CHECK(t.status == TicketStatus::called);
            CHECK(t.called_at == mon(8, 10));  // a recall is not a new call
            CHECK(t.first_called_at == mon(8, 10));
        }
        const auto s = o.e.start(1, mon(8, 13));
        CHECK(s.events == std::vector<Event>{ev("service_started", mon(8, 13), a1, "KTP", 1, nip1)});
        CHECK(s.tickets == Ids{a1});
        CHECK(o.ticket(a1).status == TicketStatus::serving);
        CHECK(o.ticket(a1).service_started_at == mon(8, 13));

        CHECK(refusal(o.e, [&] { o.e.recall(1, mon(8, 14)); }) == errc::invalid_state);
        CHECK(refusal(o.e, [&] { o.e.start(1, mon(8, 14)); }) == errc::invalid_state);
        CHECK(refusal(o.e, [&] { o.e.no_show(1, mon(8, 14)); }) == errc::invalid_state);

        o.e.finish(1, mon(8, 25));
        const Ticket& t = o.ticket(a1);
        CHECK(t.status == TicketStatus::done);
        CHECK(t.finished_at == mon(8, 25));
        CHECK(t.service_started_at == mon(8, 13));
        CHECK(t.recalls == 2);
        // The metric definitions of DESIGN.md on this ticket.
        CHECK(*t.first_called_at - t.issued_at == 10 * minute);        // wait
        CHECK(*t.service_started_at - *t.called_at == 3 * minute);     // walk
        CHECK(*t.finished_at - *t.service_started_at == 12 * minute);  // service
        CHECK(*t.finished_at - t.issued_at == 25 * minute);            // total
        CHECK_FALSE(o.active(1));
        CHECK(refusal(o.e, [&] { o.e.recall(1, mon(8, 26)); }) == errc::no_active_ticket);
    }
    SECTION("finish without start: service started at the call") {
        o.e.call_next(1, mon(8, 10));
        o.e.finish(1, mon(8, 18));
        const Ticket& t = o.ticket(a1);
        CHECK(t.status == TicketStatus::done);
        CHECK(t.service_started_at == mon(8, 10));
        CHECK(t.service_started_at == t.called_at);
        CHECK(t.finished_at == mon(8, 18));
    }
}

TEST_CASE("no-show: requeued behind the head, then final") {
    SECTION("five places behind the head, at most once by default") {
        Sim o;
        o.open_all();
        Ids a;
        for (int i = 0; i < 8; ++i) a.push_back(o.issue("KTP"));
        const Millis t_call = o.tick();
        o.e.call_next(1, t_call);
        const Millis t_ns = o.tick();
        const auto fx = o.e.no_show(1, t_ns);
        CHECK(fx.events == std::vector<Event>{ev("ticket_no_show", t_ns, a[0], "KTP", 1, nip1, "requeued")});
        CHECK(std::count(fx.tickets.begin(), fx.tickets.end(), a[0]) == 1);
        CHECK(fx.counters == std::vector<int>{1});
        CHECK(fx.ticket == a[0]);
        {
            const Ticket& t = o.ticket(a[0]);
            CHECK(t.status == TicketStatus::waiting);
            CHECK(t.no_shows == 1);
            CHECK(t.counter == 0);
            CHECK(t.officer.empty());
            CHECK(t.first_called_at == t_call);
        }
        CHECK_FALSE(o.active(1));
        CHECK(o.queue("KTP") == Labels{"A-002", "A-003", "A-004", "A-005", "A-006", "A-001", "A-007", "A-008"});
        CHECK(o.e.people_ahead(a[0]) == 5);

        for (std::size_t i = 1; i <= 5; ++i) {
            CHECK(o.call(1) == a[i]);
            o.finish(1);
        }
        const Millis t_again = o.tick();
        o.e.call_next(1, t_again);
        CHECK(o.active(1) == a[0]);
        CHECK(o.ticket(a[0]).called_at == t_again);
        CHECK(o.ticket(a[0]).first_called_at == t_call);  // wait is measured to the first call

        const Millis t_final = o.tick();
        const auto last = o.e.no_show(1, t_final);
        CHECK(last.events == std::vector<Event>{ev("ticket_no_show", t_final, a[0], "KTP", 1, nip1, "final")});
        CHECK(o.ticket(a[0]).status == TicketStatus::no_show);
        CHECK(o.ticket(a[0]).no_shows == 2);
        CHECK_FALSE(o.active(1));
        CHECK(o.queue("KTP") == Labels{"A-007", "A-008"});
        CHECK(o.e.people_ahead(a[0]) == 0);
        CHECK(refusal(o.e, [&] { o.e.call_ticket(1, a[0], o.tick()); }) == errc::invalid_state);
        check_invariants(o.e);
    }
    SECTION("no_show_max_requeues = 2: the third no-show is final") {
        Sim o(policy_with(0, 5, 2));
        o.open_all();
        const TicketId a1 = o.issue("KTP");
        for (int round = 1; round <= 2; ++round) {
            CHECK(o.call(1) == a1);
            const auto fx = o.e.no_show(1, o.tick());
            CHECK(fx.events.at(0).detail == "requeued");
            CHECK(o.ticket(a1).no_shows == round);
        }
        CHECK(o.call(1) == a1);
        CHECK(o.e.no_show(1, o.tick()).events.at(0).detail == "final");
        CHECK(o.ticket(a1).status == TicketStatus::no_show);
        CHECK(o.e.waiting("KTP").empty());
    }
    SECTION("no_show_max_requeues = 0: the first no-show is final") {
        Sim o(policy_with(0, 5, 0));
        o.open_all();
        const TicketId a1 = o.issue("KTP");
        o.issue("KTP");
        o.call(1);
        CHECK(o.e.no_show(1, o.tick()).events.at(0).detail == "final");
        CHECK(o.ticket(a1).status == TicketStatus::no_show);
        CHECK(o.queue("KTP") == Labels{"A-002"});
    }
    SECTION("fewer than five waiting: to the end, and later arrivals queue behind it") {
        Sim o;
        o.open_all();
        const TicketId a1 = o.issue("KTP");
        o.issue("KTP");
        o.issue("KTP");
        CHECK(o.call(1) == a1);
        o.no_show(1);
        CHECK(o.queue("KTP") == Labels{"A-002", "A-003", "A-001"});
        CHECK(o.e.people_ahead(a1) == 2);
        o.issue("KTP");
        CHECK(o.queue("KTP") == Labels{"A-002", "A-003", "A-001", "A-004"});
        o.issue("KK");  // tickets of other services in between change nothing
        o.issue("KTP");
        CHECK(o.queue("KTP") == Labels{"A-002", "A-003", "A-001", "A-004", "A-005"});
        check_invariants(o.e);
    }
    SECTION("alone in the queue: called again next") {
        Sim o;
        o.open_all();
        const TicketId a1 = o.issue("KTP");
        o.call(1);
        o.no_show(1);
        CHECK(o.e.waiting("KTP") == Ids{a1});
        CHECK(o.call(3) == a1);
        CHECK(o.ticket(a1).counter == 3);
        CHECK(o.ticket(a1).officer == nip3);
    }
    SECTION("a priority no-show goes back among the priority tickets") {
        Sim o;
        o.open_all();
        const TicketId a1 = o.issue("KTP", Priority::lansia);
        o.issue("KTP", Priority::anak);
        o.issue("KTP");
        CHECK(o.call(1) == a1);
        o.no_show(1);
        CHECK(o.queue("KTP") == Labels{"A-002", "A-001", "A-003"});
        CHECK(o.ticket(a1).priority == Priority::lansia);
    }
    SECTION("no_show_requeue_places is honoured") {
        Sim o(policy_with(0, 2, 1));
        o.open_all();
        const TicketId a1 = o.issue("KTP");
        for (int i = 0; i < 4; ++i) o.issue("KTP");
        o.call(1);
        o.no_show(1);
        CHECK(o.queue("KTP") == Labels{"A-002", "A-003", "A-001", "A-004", "A-005"});
        CHECK(o.e.people_ahead(a1) == 2);
    }
}

TEST_CASE("many no-shows into the same place renumber keys and keep the order") {
    Sim o(policy_with(0, 5, 10));
    o.open_all();
    std::deque<TicketId> model;
    for (int i = 0; i < 20; ++i) model.push_back(o.issue("KTP"));

    bool renumbered = false;
    for (int step = 0; step < 30; ++step) {
        const TicketId head = o.call(1);
        REQUIRE(head == model.front());
        model.pop_front();
        const auto fx = o.e.no_show(1, o.tick());
        REQUIRE(fx.events.at(0).detail == "requeued");
        model.insert(model.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(5, model.size())), head);
        // A renumbering moves other tickets' keys: they are reported for saving.
        if (fx.tickets.size() > 1) renumbered = true;
        REQUIRE(o.e.waiting("KTP") == Ids(model.begin(), model.end()));
    }
    CHECK(renumbered);  // the gap between two keys ran out at least once

    // Keys strictly increase along the queue, so a restore sorts it the same way.
    const Ids q = o.e.waiting("KTP");
    for (std::size_t i = 1; i < q.size(); ++i) CHECK(o.ticket(q[i - 1]).queue_key < o.ticket(q[i]).queue_key);

    // A new arrival joins the end, behind every renumbered ticket.
    const TicketId fresh = o.issue("KTP");
    model.push_back(fresh);
    CHECK(o.e.waiting("KTP") == Ids(model.begin(), model.end()));
    CHECK(o.e.people_ahead(fresh) == static_cast<int>(model.size()) - 1);

    const Engine restored(office(policy_with(0, 5, 10)), EngineState(o.e.state()));
    CHECK(restored.waiting("KTP") == Ids(model.begin(), model.end()));
    check_invariants(o.e);
}

TEST_CASE("transfer to another service keeps the number") {
    Sim o;
    o.open_all();
    const TicketId b1 = o.issue("KK");
    const TicketId a1 = o.issue("KTP");
    const TicketId b2 = o.issue("KK");
    CHECK(o.call(1) == a1);
    o.e.start(1, o.tick());

    SECTION("lands in the target queue by arrival; the counter is free") {
        const Millis t = o.tick();
        const auto fx = o.e.transfer(1, "KK", t);
        CHECK(fx.events == std::vector<Event>{ev("ticket_transferred", t, a1, "KK", 1, nip1, "KTP")});
        CHECK(std::count(fx.tickets.begin(), fx.tickets.end(), a1) == 1);
        CHECK(fx.counters == std::vector<int>{1});
        CHECK(std::count(fx.services.begin(), fx.services.end(), "KK") == 1);
        CHECK(fx.ticket == a1);
        {
            const Ticket& tk = o.ticket(a1);
            CHECK(tk.label == "A-001");
            CHECK(tk.number == 1);
            CHECK(tk.service == "KK");
            CHECK(tk.origin_service == "KTP");
            CHECK(tk.status == TicketStatus::waiting);
            CHECK(tk.transfers == 1);
            CHECK(tk.counter == 0);
            CHECK(tk.officer.empty());
        }
        CHECK_FALSE(o.active(1));
        CHECK(o.e.find_counter(1)->state == CounterState::open);
        CHECK(o.queue("KK") == Labels{"B-001", "A-001", "B-002"});
        CHECK(o.e.waiting("KTP").empty());
        CHECK(o.e.people_ahead(a1) == 1);

        // Numbers are neither reused nor shared.
        CHECK(o.label(o.issue("KTP")) == "A-002");
        CHECK(o.label(o.issue("KK")) == "B-003");

        CHECK(o.call(2) == b1);
        o.finish(2);
        const Millis t2 = o.tick();
        o.e.call_next(2, t2);
        CHECK(o.active(2) == a1);
        const Ticket& tk = o.ticket(a1);
        CHECK(tk.called_at == t2);
        CHECK(tk.first_called_at < t2);      // wait ends at the first call
        CHECK_FALSE(tk.service_started_at);  // a new call starts a new service
        o.finish(2);
        CHECK(o.ticket(a1).status == TicketStatus::done);
        CHECK(o.ticket(a1).service == "KK");
        CHECK(o.call(2) == b2);
        check_invariants(o.e);
    }
    SECTION("refused: same service, unknown service, closed service") {
        CHECK(refusal(o.e, [&] { o.e.transfer(1, "KTP", o.tick()); }) == errc::invalid_value);
        CHECK(refusal(o.e, [&] { o.e.transfer(1, "PASPOR", o.tick()); }) == errc::unknown_service);
        o.e.set_service_closed("AKTA_LAHIR", true, admin_nip, o.tick());
        CHECK(refusal(o.e, [&] { o.e.transfer(1, "AKTA_LAHIR", o.tick()); }) == errc::service_closed);
        CHECK(o.active(1) == a1);
        CHECK(o.ticket(a1).status == TicketStatus::serving);
    }
    SECTION("a priority ticket lands among the target's priority tickets") {
        o.e.finish(1, o.tick());
        const TicketId a2 = o.issue("KTP", Priority::disabilitas);
        const TicketId b3 = o.issue("KK", Priority::lansia);
        CHECK(o.call(1) == a2);
        o.e.transfer(1, "KK", o.tick());
        CHECK(o.e.waiting("KK") == Ids{a2, b3, b1, b2});
    }
}

TEST_CASE("call_ticket calls one waiting ticket") {
    Sim o;
    o.open_all();
    const TicketId a1 = o.issue("KTP");
    const TicketId a2 = o.issue("KTP");
    const TicketId a3 = o.issue("KTP");

    const Millis t = o.tick();
    const auto fx = o.e.call_ticket(1, a3, t);
    CHECK(fx.ticket == a3);
    CHECK(fx.events == std::vector<Event>{ev("ticket_called", t, a3, "KTP", 1, nip1)});
    CHECK(o.active(1) == a3);
    CHECK(o.e.waiting("KTP") == Ids{a1, a2});

    CHECK(refusal(o.e, [&] { o.e.call_ticket(3, a3, o.tick()); }) == errc::ticket_taken);
    CHECK(refusal(o.e, [&] { o.e.call_ticket(1, a1, o.tick()); }) == errc::counter_busy);
    CHECK(refusal(o.e, [&] { o.e.call_ticket(3, TicketId{999}, o.tick()); }) == errc::unknown_ticket);
    o.e.start(1, o.tick());
    CHECK(refusal(o.e, [&] { o.e.call_ticket(3, a3, o.tick()); }) == errc::ticket_taken);
    o.finish(1);
    CHECK(refusal(o.e, [&] { o.e.call_ticket(3, a3, o.tick()); }) == errc::invalid_state);

    o.e.cancel(a2, nip1, "", o.tick());
    CHECK(refusal(o.e, [&] { o.e.call_ticket(3, a2, o.tick()); }) == errc::invalid_state);

    o.e.logout(2, o.tick());
    CHECK(refusal(o.e, [&] { o.e.call_ticket(2, a1, o.tick()); }) == errc::counter_closed);
    o.e.pause(3, "istirahat", o.tick());
    CHECK(refusal(o.e, [&] { o.e.call_ticket(3, a1, o.tick()); }) == errc::counter_paused);
    CHECK(o.call(1) == a1);
    check_invariants(o.e);
}

TEST_CASE("cancel a waiting or an active ticket") {
    Sim o;
    o.open_all();
    const TicketId a1 = o.issue("KTP");
    const TicketId a2 = o.issue("KTP");
    const TicketId a3 = o.issue("KTP");

    const Millis t = o.tick();
    const auto fx = o.e.cancel(a2, nip1, "salah pilih layanan", t);
    CHECK(fx.events == std::vector<Event>{ev("ticket_cancelled", t, a2, "KTP", 0, nip1, "salah pilih layanan")});
    CHECK(fx.tickets == Ids{a2});
    CHECK(fx.counters.empty());
    CHECK(o.ticket(a2).status == TicketStatus::cancelled);
    CHECK(o.e.waiting("KTP") == Ids{a1, a3});
    CHECK(o.e.people_ahead(a3) == 1);

    CHECK(o.call(1) == a1);
    const Millis t2 = o.tick();
    const auto fx2 = o.e.cancel(a1, admin_nip, "berkas tidak lengkap", t2);
    CHECK(fx2.events ==
          std::vector<Event>{ev("ticket_cancelled", t2, a1, "KTP", 1, admin_nip, "berkas tidak lengkap")});
    CHECK(fx2.counters == std::vector<int>{1});
    CHECK(o.ticket(a1).status == TicketStatus::cancelled);
    CHECK_FALSE(o.active(1));
    CHECK(o.call(1) == a3);
    o.finish(1);

    CHECK(refusal(o.e, [&] { o.e.cancel(a1, nip1, "", o.tick()); }) == errc::invalid_state);
    CHECK(refusal(o.e, [&] { o.e.cancel(a3, nip1, "", o.tick()); }) == errc::invalid_state);
    CHECK(refusal(o.e, [&] { o.e.cancel(TicketId{77}, nip1, "", o.tick()); }) == errc::unknown_ticket);
    CHECK(o.label(o.issue("KTP")) == "A-004");  // a cancelled number is not reused
    check_invariants(o.e);
}

TEST_CASE("set_priority corrects a ticket's priority flag") {
    Sim o;
    o.open_all();
    const TicketId a1 = o.issue("KTP");
    const TicketId a2 = o.issue("KTP");
    const TicketId a3 = o.issue("KTP", Priority::lansia);
    const TicketId a4 = o.issue("KTP");

    const Millis t = o.tick();
    const auto fx = o.e.set_priority(a4, Priority::ibu_hamil, nip1, t);
    CHECK(fx.events == std::vector<Event>{ev("priority_changed", t, a4, "KTP", 0, nip1, "ibu_hamil")});
    CHECK(std::count(fx.tickets.begin(), fx.tickets.end(), a4) == 1);
    CHECK(o.ticket(a4).priority == Priority::ibu_hamil);
    CHECK(o.e.waiting("KTP") == Ids{a3, a4, a1, a2});

    // Among priority tickets the order is by arrival.
    o.e.set_priority(a2, Priority::anak, nip1, o.tick());
    CHECK(o.e.waiting("KTP") == Ids{a2, a3, a4, a1});
    CHECK(o.e.figures("KTP", o.now).priority_waiting == 3);

    const auto same = o.e.set_priority(a2, Priority::anak, nip1, o.tick());
    CHECK(same.empty());

    o.e.set_priority(a2, Priority::none, nip1, o.tick());
    CHECK(o.e.waiting("KTP") == Ids{a3, a4, a1, a2});

    CHECK(o.call(1) == a3);
    const Millis t2 = o.tick();
    const auto active = o.e.set_priority(a3, Priority::none, nip1, t2);
    CHECK(active.events == std::vector<Event>{ev("priority_changed", t2, a3, "KTP", 1, nip1, "none")});
    CHECK(o.ticket(a3).priority == Priority::none);
    CHECK(o.ticket(a3).status == TicketStatus::called);
    CHECK(o.e.waiting("KTP") == Ids{a4, a1, a2});
    o.finish(1);
    CHECK(refusal(o.e, [&] { o.e.set_priority(a3, Priority::lansia, nip1, o.tick()); }) == errc::invalid_state);
    CHECK(refusal(o.e, [&] { o.e.set_priority(TicketId{50}, Priority::lansia, nip1, o.tick()); }) ==
          errc::unknown_ticket);
    check_invariants(o.e);
}

TEST_CASE("issuing: quota and opening hours") {
    Engine e(office(), mon(7, 0));

    SECTION("quota_reached at the daily quota, fresh the next day") {
        for (int i = 1; i <= 3; ++i) {
            const auto fx = e.issue("AKTA_LAHIR", Priority::none, mon(9, i));
            CHECK(e.find_ticket(*fx.ticket)->label == ticket_label("C", i));
        }
        CHECK(refusal(e, [&] { e.issue("AKTA_LAHIR", Priority::none, mon(9, 10)); }) == errc::quota_reached);
        CHECK(refusal(e, [&] { e.issue("AKTA_LAHIR", Priority::lansia, mon(9, 11)); }) == errc::quota_reached);
        CHECK(refusal(e, [&] { e.issue("AKTA_LAHIR", Priority::none, mon(9, 12), true); }) == errc::quota_reached);
        CHECK(e.figures("AKTA_LAHIR", mon(9, 13)).issued_today == 3);
        CHECK(e.find_ticket(*e.issue("KTP", Priority::none, mon(9, 13)).ticket)->label == "A-001");
        e.roll_over(tue(8, 0));
        const auto next_day = e.issue("AKTA_LAHIR", Priority::none, tue(8, 0));
        CHECK(e.find_ticket(*next_day.ticket)->label == "C-001");
    }
    SECTION("service_closed outside opening hours") {
        CHECK(refusal(e, [&] { e.issue("KTP", Priority::none, mon(7, 59) + 59 * second_ms); }) == errc::service_closed);
        CHECK(e.issue("KTP", Priority::none, mon(8, 0)).ticket);
        CHECK(e.issue("KTP", Priority::none, mon(14, 59, 59)).ticket);
        CHECK(refusal(e, [&] { e.issue("KTP", Priority::none, mon(15, 0)); }) == errc::service_closed);
        CHECK(refusal(e, [&] { e.issue("KK", Priority::lansia, mon(20, 0)); }) == errc::service_closed);
        CHECK(refusal(e, [&] { e.issue("PASPOR", Priority::none, mon(10, 0)); }) == errc::unknown_service);
        CHECK(e.find_service("KTP")->last_number == 2);
    }
    SECTION("service_closed on Saturday and Sunday") {
        e.roll_over(sat(10, 0));
        CHECK(refusal(e, [&] { e.issue("KTP", Priority::none, sat(10, 0)); }) == errc::service_closed);
        e.roll_over(sun(10, 0));
        CHECK(refusal(e, [&] { e.issue("KTP", Priority::none, sun(10, 0)); }) == errc::service_closed);
    }
    SECTION("ignore_hours issues outside opening hours") {
        const auto fx = e.issue("KTP", Priority::none, mon(7, 0), true);
        CHECK(e.find_ticket(*fx.ticket)->label == "A-001");
        e.roll_over(sat(10, 0));
        const auto weekend = e.issue("KK", Priority::none, sat(10, 0), true);
        CHECK(e.find_ticket(*weekend.ticket)->label == "B-001");
        CHECK(e.find_ticket(*weekend.ticket)->day == "2026-12-05");
    }
    SECTION("closed by an administrator: refused even with ignore_hours") {
        const auto fx = e.set_service_closed("KTP", true, admin_nip, mon(9, 0));
        CHECK(fx.events == std::vector<Event>{ev("service_closed", mon(9, 0), std::nullopt, "KTP", 0, admin_nip)});
        CHECK(fx.services == Codes{"KTP"});
        CHECK(e.find_service("KTP")->closed);
        CHECK(refusal(e, [&] { e.issue("KTP", Priority::none, mon(10, 0)); }) == errc::service_closed);
        CHECK(refusal(e, [&] { e.issue("KTP", Priority::none, mon(10, 0), true); }) == errc::service_closed);
        CHECK(e.set_service_closed("KTP", true, admin_nip, mon(10, 1)).empty());  // already closed
        CHECK(e.issue("KK", Priority::none, mon(10, 2)).ticket);                  // other services unaffected
        const auto reopened = e.set_service_closed("KTP", false, admin_nip, mon(10, 3));
        CHECK(reopened.events ==
              std::vector<Event>{ev("service_opened", mon(10, 3), std::nullopt, "KTP", 0, admin_nip)});
        CHECK_FALSE(e.find_service("KTP")->closed);
        CHECK(e.issue("KTP", Priority::none, mon(10, 4)).ticket);
        CHECK(refusal(e, [&] { e.set_service_closed("PASPOR", true, admin_nip, mon(10, 5)); }) ==
              errc::unknown_service);
    }
    SECTION("closing a service stops issuing, not serving those already waiting") {
        const TicketId a1 = *e.issue("KTP", Priority::none, mon(9, 0)).ticket;
        e.set_service_closed("KTP", true, admin_nip, mon(9, 1));
        e.login(1, nip1, mon(9, 2));
        CHECK(e.call_next(1, mon(9, 3)).ticket == a1);
    }
}

TEST_CASE("counters: login, pause, resume, logout") {
    Sim o;
    const TicketId a1 = o.issue("KTP");

    CHECK(refusal(o.e, [&] { o.e.call_next(1, o.tick()); }) == errc::counter_closed);
    CHECK(refusal(o.e, [&] { o.e.pause(1, "istirahat", o.tick()); }) == errc::counter_closed);
    CHECK(refusal(o.e, [&] { o.e.logout(1, o.tick()); }) == errc::counter_closed);
    CHECK(refusal(o.e, [&] { o.e.resume(1, o.tick()); }) == errc::invalid_state);
    CHECK(refusal(o.e, [&] { o.e.login(9, nip1, o.tick()); }) == errc::unknown_counter);

    const Millis t_login = o.tick();
    const auto fx = o.e.login(1, nip1, t_login);
    CHECK(fx.events == std::vector<Event>{ev("counter_opened", t_login, std::nullopt, "", 1, nip1)});
    CHECK(fx.counters == std::vector<int>{1});
    {
        const Counter& c = *o.e.find_counter(1);
        CHECK(c.state == CounterState::open);
        CHECK(c.officer == nip1);
        CHECK(c.since == t_login);
    }
    // The same officer again (a reconnect) changes nothing.
    const EngineState before = o.e.state();
    CHECK(o.e.login(1, nip1, o.tick()).empty());
    CHECK(o.e.state() == before);

    CHECK(refusal(o.e, [&] { o.e.login(1, nip2, o.tick()); }) == errc::counter_occupied);
    CHECK(refusal(o.e, [&] { o.e.login(2, nip1, o.tick()); }) == errc::officer_elsewhere);

    CHECK(o.call(1) == a1);
    CHECK(refusal(o.e, [&] { o.e.call_next(1, o.tick()); }) == errc::counter_busy);
    CHECK(refusal(o.e, [&] { o.e.logout(1, o.tick()); }) == errc::counter_busy);
    CHECK(refusal(o.e, [&] { o.e.pause(1, "istirahat", o.tick()); }) == errc::counter_busy);
    o.finish(1);
    CHECK(refusal(o.e, [&] { o.e.call_next(1, o.tick()); }) == errc::queue_empty);

    const Millis t_pause = o.tick();
    const auto paused = o.e.pause(1, "sholat", t_pause);
    CHECK(paused.events == std::vector<Event>{ev("counter_paused", t_pause, std::nullopt, "", 1, nip1, "sholat")});
    CHECK(paused.counters == std::vector<int>{1});
    CHECK(o.e.find_counter(1)->state == CounterState::paused);
    CHECK(o.e.find_counter(1)->pause_reason == "sholat");
    CHECK(o.e.find_counter(1)->since == t_pause);

    o.issue("KTP");
    CHECK(refusal(o.e, [&] { o.e.call_next(1, o.tick()); }) == errc::counter_paused);
    CHECK(refusal(o.e, [&] { o.e.pause(1, "lagi", o.tick()); }) == errc::counter_paused);
    CHECK(refusal(o.e, [&] { o.e.login(1, nip2, o.tick()); }) == errc::counter_occupied);

    const Millis t_resume = o.tick();
    const auto resumed = o.e.resume(1, t_resume);
    CHECK(resumed.events == std::vector<Event>{ev("counter_resumed", t_resume, std::nullopt, "", 1, nip1)});
    CHECK(o.e.find_counter(1)->state == CounterState::open);
    CHECK(o.e.find_counter(1)->pause_reason.empty());
    CHECK(refusal(o.e, [&] { o.e.resume(1, o.tick()); }) == errc::invalid_state);
    o.call(1);
    o.finish(1);

    const Millis t_logout = o.tick();
    const auto closed = o.e.logout(1, t_logout);
    CHECK(closed.events == std::vector<Event>{ev("counter_closed", t_logout, std::nullopt, "", 1, nip1)});
    CHECK(closed.counters == std::vector<int>{1});
    CHECK(o.e.find_counter(1)->state == CounterState::closed);
    CHECK(o.e.find_counter(1)->officer.empty());
    CHECK(refusal(o.e, [&] { o.e.logout(1, o.tick()); }) == errc::counter_closed);

    // Both the counter and the officer are free again.
    o.e.login(2, nip1, o.tick());
    o.e.login(1, nip2, o.tick());
    CHECK(o.e.find_counter(1)->officer == nip2);
    CHECK(o.e.find_counter(2)->officer == nip1);

    SECTION("a paused counter may log out") {
        o.e.pause(2, "rapat", o.tick());
        o.e.logout(2, o.tick());
        CHECK(o.e.find_counter(2)->state == CounterState::closed);
        CHECK(o.e.find_counter(2)->pause_reason.empty());
    }
}

TEST_CASE("two counters never hold the same ticket") {
    Sim o;
    o.open_all();
    Ids issued;
    for (int i = 0; i < 6; ++i) issued.push_back(o.issue("KTP"));
    // Counters 1 and 3 both serve KTP and call in turn.
    std::set<TicketId> seen;
    for (int round = 0; round < 3; ++round) {
        const TicketId x = o.call(1);
        const TicketId y = o.call(3);
        CHECK(x != y);
        CHECK(seen.insert(x).second);
        CHECK(seen.insert(y).second);
        CHECK(o.ticket(x).counter == 1);
        CHECK(o.ticket(y).counter == 3);
        check_invariants(o.e);
        if (round == 0) {
            // A no-show taken by the other counter is held by that counter alone.
            o.no_show(1);
            o.finish(3);
            const TicketId again = o.e.call_ticket(3, x, o.tick()).ticket.value();
            CHECK(again == x);
            CHECK(o.ticket(x).counter == 3);
            CHECK(refusal(o.e, [&] { o.e.call_ticket(1, x, o.tick()); }) == errc::ticket_taken);
            check_invariants(o.e);
        }
        if (o.active(1)) o.finish(1);
        o.finish(3);
    }
    CHECK(seen == std::set<TicketId>(issued.begin(), issued.end()));
    CHECK(refusal(o.e, [&] { o.e.call_next(1, o.tick()); }) == errc::queue_empty);
}

TEST_CASE("day rollover at midnight WIT") {
    Engine e(office(), mon(7, 30));
    e.login(1, nip1, mon(7, 45));
    e.login(2, nip2, mon(7, 46));
    const TicketId a1 = *e.issue("KTP", Priority::none, mon(8, 0)).ticket;
    const TicketId a2 = *e.issue("KTP", Priority::none, mon(8, 5)).ticket;
    const TicketId b1 = *e.issue("KK", Priority::lansia, mon(8, 10)).ticket;
    const TicketId c1 = *e.issue("AKTA_LAHIR", Priority::none, mon(8, 15)).ticket;
    const TicketId b2 = *e.issue("KK", Priority::none, mon(8, 20)).ticket;
    e.call_next(2, mon(8, 30));  // b1 (priority)
    e.finish(2, mon(8, 40));
    e.call_next(1, mon(14, 50));  // a1 stays active across midnight
    e.start(1, mon(14, 52));
    REQUIRE(e.find_counter(1)->active == a1);

    const Millis midnight = wit(2026, 12, 1);
    REQUIRE(midnight == utc(2026, 11, 30, 15, 0));

    SECTION("the last millisecond of Monday is still Monday") {
        CHECK(e.roll_over(midnight - 1).empty());
        CHECK(e.state().day == "2026-11-30");
        CHECK(e.waiting("KTP") == Ids{a2});
    }
    SECTION("roll_over at midnight: waiting tickets expire, idle counters close, numbers restart") {
        const auto fx = e.roll_over(midnight);
        const std::vector<Event> expected{
            ev("ticket_expired", midnight - 1, a2, "KTP"),
            ev("ticket_expired", midnight - 1, c1, "AKTA_LAHIR"),
            ev("ticket_expired", midnight - 1, b2, "KK"),
            ev("counter_closed", midnight - 1, std::nullopt, "", 2, nip2, "day_end"),
            ev("day_started", midnight, std::nullopt, "", 0, "", "2026-12-01"),
        };
        CHECK(fx.events == expected);
        CHECK(fx.events.at(0).day == "2026-11-30");
        CHECK(fx.events.at(4).day == "2026-12-01");
        // Every closed ticket leaves memory; the effect carries their final copies.
        REQUIRE(fx.records.tickets.size() == 4);
        for (TicketId id : {a2, c1, b2}) CHECK(fx.find_ticket(id)->status == TicketStatus::expired);
        CHECK(fx.find_ticket(b1)->status == TicketStatus::done);
        CHECK(fx.find_ticket(a1) == nullptr);  // still being served: stays in memory
        CHECK(fx.find_ticket(c1)->label == "C-001");
        CHECK(fx.counters == std::vector<int>{2});
        CHECK(e.find_counter(2)->state == CounterState::closed);
        CHECK(e.find_counter(2)->officer.empty());
        CHECK(e.find_counter(1)->state == CounterState::open);  // still serving a1
        for (const char* code : {"KTP", "KK", "AKTA_LAHIR"})
            CHECK(std::count(fx.services.begin(), fx.services.end(), code) == 1);

        CHECK(e.state().day == "2026-12-01");
        REQUIRE(e.state().tickets.size() == 1);  // only the active one is kept
        CHECK(e.find_ticket(a2) == nullptr);
        CHECK(e.find_ticket(b1) == nullptr);
        CHECK(e.find_ticket(a1)->status == TicketStatus::serving);
        CHECK(e.find_ticket(a1)->day == "2026-11-30");
        CHECK(e.find_counter(1)->active == a1);
        CHECK(e.find_ticket(std::string("A-001")) == nullptr);  // yesterday's label
        for (const auto& s : e.state().services) {
            CHECK(s.last_number == 0);
            CHECK(e.waiting(s.def.code).empty());
            CHECK_FALSE(e.figures(s.def.code, midnight).oldest_issued_at);
        }
        CHECK(e.roll_over(midnight + hour).empty());  // once per day

        const TicketId new_a1 = *e.issue("KTP", Priority::none, tue(8, 0)).ticket;
        CHECK(new_a1 != a1);
        CHECK(e.find_ticket(new_a1)->label == "A-001");
        CHECK(e.find_ticket(new_a1)->day == "2026-12-01");
        CHECK(e.find_ticket(std::string("A-001")) == e.find_ticket(new_a1));
        CHECK(e.find_ticket(*e.issue("KTP", Priority::none, tue(8, 1)).ticket)->label == "A-002");

        // Yesterday's active ticket is finished normally, then today's queue.
        e.finish(1, tue(8, 2));
        CHECK(e.find_ticket(a1)->status == TicketStatus::done);
        CHECK(e.find_ticket(a1)->finished_at == tue(8, 2));
        CHECK(e.call_next(1, tue(8, 3)).ticket == new_a1);
        check_invariants(e);
    }
    SECTION("the new day's close comes from roll_over, then the day's first command") {
        const auto close = e.roll_over(tue(8, 0));
        REQUIRE(close.events.size() == 5);
        CHECK(close.events.at(0).type == "ticket_expired");
        CHECK(close.events.at(3).type == "counter_closed");
        CHECK(close.events.at(4).type == "day_started");
        for (TicketId id : {a2, c1, b2}) CHECK(close.find_ticket(id) != nullptr);
        const auto fx = e.issue("KK", Priority::none, tue(8, 0));
        REQUIRE(fx.events.size() == 1);
        CHECK(fx.events.at(0) == ev("ticket_issued", tue(8, 0), fx.ticket, "KK", 0, "", "none"));
        CHECK(e.find_ticket(*fx.ticket)->label == "B-001");
        CHECK(fx.ticket != a1);
    }
    SECTION("a command of the new day before the close is refused as the caller's error, changing nothing") {
        CHECK_THROWS_AS(e.call_next(1, tue(8, 0)), std::logic_error);
        CHECK_THROWS_AS(e.issue("KTP", Priority::none, tue(7, 0)), std::logic_error);
        CHECK_THROWS_AS(e.call_next(2, tue(8, 1)), std::logic_error);
        CHECK(e.state().day == "2026-11-30");
        CHECK(e.waiting("KK") == Ids{b2});
        CHECK(e.find_counter(2)->state == CounterState::open);
        // Closed, the same commands get the new day's answers.
        const auto fx = e.roll_over(tue(7, 0));
        CHECK(fx.events.size() == 5);
        CHECK(e.state().day == "2026-12-01");
        CHECK(refusal(e, [&] { e.issue("KTP", Priority::none, tue(7, 0)); }) == errc::service_closed);
        CHECK(refusal(e, [&] { e.call_next(1, tue(8, 0)); }) == errc::counter_busy);
        CHECK(refusal(e, [&] { e.call_next(2, tue(8, 1)); }) == errc::counter_closed);  // closed with the day
    }
    SECTION("several idle days: expiry at the end of the ticket's own day") {
        const Millis thursday = wit(2026, 12, 3, 9, 0);
        const auto fx = e.roll_over(thursday);
        REQUIRE(fx.events.size() == 5);
        CHECK(fx.events.at(0).at == midnight - 1);
        CHECK(fx.events.back() == ev("day_started", wit(2026, 12, 3), std::nullopt, "", 0, "", "2026-12-03"));
        CHECK(e.state().day == "2026-12-03");
    }
}

TEST_CASE("the estimate uses the median of the service's last 20 finished tickets, the lower middle of an even count") {
    Sim o;
    o.open(1, nip1);
    // Twenty-two finished: the first two (60 minutes each) fall out of the last 20.
    // Of the 20 kept, ten took 4 minutes and ten 8: the median is 4 minutes, the
    // lower middle value (the upper one, or the mean of the two, would be 8 or 6).
    for (int i = 0; i < 22; ++i) {
        o.issue("KTP");
        o.call(1);
        o.e.start(1, o.tick());
        o.e.finish(1, o.tick((i < 2 ? 60 : i % 2 ? 4 : 8) * minute));
    }
    o.issue("KTP");
    CHECK(o.e.figures("KTP", o.now).estimated_wait_s == 1 * 4 * 60);
}

TEST_CASE("figures and estimated wait") {
    Sim o;
    // Nobody served yet: a service is assumed to take half its standard (20 min).
    constexpr int half_standard_s = 20 * 60 / 2;

    const TicketId a1 = o.issue("KTP");
    const TicketId a2 = o.issue("KTP");
    CHECK(o.ticket(a1).estimated_wait_s == 0);
    CHECK(o.ticket(a2).estimated_wait_s == half_standard_s);  // no counter open: one assumed

    o.open(1, nip1);
    o.open(3, nip3);  // both serve KTP
    const TicketId a3 = o.issue("KTP");
    CHECK(o.ticket(a3).estimated_wait_s == 2 * half_standard_s / 2);
    const TicketId a4 = o.issue("KTP", Priority::lansia);
    CHECK(o.ticket(a4).estimated_wait_s == 0);  // goes first
    CHECK(o.e.people_ahead(a4) == 0);
    CHECK(o.e.people_ahead(a3) == 3);

    auto f = o.e.figures("KTP", o.now);
    CHECK(f.waiting == 4);
    CHECK(f.priority_waiting == 1);
    CHECK(f.last_number == 4);
    CHECK(f.issued_today == 4);
    CHECK(f.oldest_issued_at == o.ticket(a1).issued_at);
    CHECK(f.estimated_wait_s == 4 * half_standard_s / 2);

    // Served tickets of 4, 6 and 10 minutes: median 6 minutes.
    const Millis service_minutes[] = {4, 10, 6};
    for (Millis m : service_minutes) {
        o.call(1);
        o.e.start(1, o.tick());
        o.e.finish(1, o.tick(m * minute));
    }
    // a4, a1 and a2 are gone; a3 is left.
    CHECK(o.e.waiting("KTP") == Ids{a3});
    f = o.e.figures("KTP", o.now);
    CHECK(f.waiting == 1);
    CHECK(f.priority_waiting == 0);
    CHECK(f.issued_today == 4);
    CHECK(f.oldest_issued_at == o.ticket(a3).issued_at);
    CHECK(f.estimated_wait_s == 1 * 360 / 2);
    const TicketId a5 = o.issue("KTP");
    CHECK(o.ticket(a5).estimated_wait_s == 1 * 360 / 2);

    o.e.logout(3, o.tick());
    CHECK(o.e.figures("KTP", o.now).estimated_wait_s == 2 * 360 / 1);

    o.call(1);
    o.finish(1);
    o.call(1);
    f = o.e.figures("KTP", o.now);
    CHECK(f.waiting == 0);
    CHECK_FALSE(f.oldest_issued_at);
    CHECK(f.estimated_wait_s == 0);
    CHECK(o.e.people_ahead(a5) == 0);  // not waiting

    const auto none = o.e.figures("PASPOR", o.now);
    CHECK(none.waiting == 0);
    CHECK(none.last_number == 0);
    CHECK_FALSE(none.oldest_issued_at);
    CHECK(o.e.people_ahead(TicketId{12345}) == 0);
}

TEST_CASE("upsert_service and upsert_counter") {
    Sim o;
    o.open_all();

    SECTION("a new service, then a counter for it") {
        Service pindah = make_service("PINDAH", "D", "Pindah/Datang", "Moving in or out");
        const Millis t = o.tick();
        const auto fx = o.e.upsert_service(pindah, admin_nip, t);
        CHECK(fx.events == std::vector<Event>{ev("service_created", t, std::nullopt, "PINDAH", 0, admin_nip)});
        CHECK(fx.services == Codes{"PINDAH"});
        REQUIRE(o.e.find_service("PINDAH") != nullptr);
        CHECK(o.e.find_service("PINDAH")->def == pindah);
        CHECK_FALSE(o.e.find_service("PINDAH")->closed);
        CHECK(o.e.state().services.back().def.code == "PINDAH");
        CHECK(o.e.upsert_service(pindah, admin_nip, o.tick()).empty());  // unchanged

        const TicketId d1 = o.issue("PINDAH");
        CHECK(o.label(d1) == "D-001");
        CHECK(o.e.waiting("PINDAH") == Ids{d1});
        CHECK(refusal(o.e, [&] { o.e.call_next(1, o.tick()); }) == errc::queue_empty);  // 1 serves KTP, KK

        const CounterConfig c4{4, "Loket 4", {"PINDAH", "KK"}};
        const Millis t4 = o.tick();
        const auto added = o.e.upsert_counter(c4, admin_nip, t4);
        CHECK(added.events == std::vector<Event>{ev("counter_created", t4, std::nullopt, "", 4, admin_nip)});
        CHECK(added.counters == std::vector<int>{4});
        REQUIRE(o.e.find_counter(4) != nullptr);
        CHECK(o.e.find_counter(4)->state == CounterState::closed);
        CHECK(o.e.find_counter(4)->config == c4);
        CHECK(o.e.upsert_counter(c4, admin_nip, o.tick()).empty());
        o.open(4, nip4);
        CHECK(o.call(4) == d1);
    }
    SECTION("changing a service and a counter") {
        Service ktp = o.e.find_service("KTP")->def;
        ktp.name_en = "e-KTP";
        ktp.daily_quota = 2;
        const Millis t = o.tick();
        const auto fx = o.e.upsert_service(ktp, admin_nip, t);
        CHECK(fx.events == std::vector<Event>{ev("service_updated", t, std::nullopt, "KTP", 0, admin_nip)});
        CHECK(o.e.find_service("KTP")->def.name_en == "e-KTP");
        o.issue("KTP");
        o.issue("KTP");
        CHECK(refusal(o.e, [&] { o.e.issue("KTP", Priority::none, o.tick()); }) == errc::quota_reached);

        const CounterConfig c2{2, "Loket 2 (KTP)", {"KTP"}};
        const Millis t2 = o.tick();
        const auto changed = o.e.upsert_counter(c2, admin_nip, t2);
        CHECK(changed.events == std::vector<Event>{ev("counter_updated", t2, std::nullopt, "", 2, admin_nip)});
        CHECK(o.e.find_counter(2)->config == c2);
        CHECK(o.e.find_counter(2)->officer == nip2);  // still logged in
        CHECK(o.label(o.call(2)) == "A-001");
    }
    SECTION("refusals: duplicate prefix, invalid definitions, unknown services") {
        const Service clash = make_service("AKTA_MATI", "A", "Akta Kematian", "Death certificate");
        CHECK(refusal(o.e, [&] { o.e.upsert_service(clash, admin_nip, o.tick()); }) == errc::invalid_value);
        Service kk = o.e.find_service("KK")->def;
        kk.prefix = "C";
        CHECK(refusal(o.e, [&] { o.e.upsert_service(kk, admin_nip, o.tick()); }) == errc::invalid_value);
        const Service lower = make_service("kia", "E", "KIA", "Child ID card");
        CHECK(refusal(o.e, [&] { o.e.upsert_service(lower, admin_nip, o.tick()); }) == errc::invalid_value);
        const Service no_name = make_service("KIA", "E", "", "Child ID card");
        CHECK(refusal(o.e, [&] { o.e.upsert_service(no_name, admin_nip, o.tick()); }) == errc::invalid_value);

        const CounterConfig unknown{5, "Loket 5", {"PASPOR"}};
        CHECK(refusal(o.e, [&] { o.e.upsert_counter(unknown, admin_nip, o.tick()); }) == errc::invalid_value);
        const CounterConfig empty{5, "Loket 5", {}};
        CHECK(refusal(o.e, [&] { o.e.upsert_counter(empty, admin_nip, o.tick()); }) == errc::invalid_value);
        const CounterConfig twice{5, "Loket 5", {"KK", "KK"}};
        CHECK(refusal(o.e, [&] { o.e.upsert_counter(twice, admin_nip, o.tick()); }) == errc::invalid_value);
    }
}

TEST_CASE("an engine restored from saved state behaves the same") {
    const OfficeConfig config = office(policy_with(2, 5, 1));
    Sim o(config.policy);
    o.open_all();
    for (int i = 0; i < 6; ++i) o.issue("KTP");
    o.issue("KTP", Priority::lansia);
    o.issue("KK");
    o.issue("KK", Priority::anak);
    o.issue("AKTA_LAHIR");
    o.call(1);
    o.no_show(1);  // requeued with a fresh key
    o.call(1);     // a regular one: the interleave count moves
    o.call(2);
    o.e.start(2, o.tick());
    o.issue("KTP", Priority::disabilitas);
    o.e.pause(3, "istirahat", o.tick());

    Engine restored(config, EngineState(o.e.state()));
    CHECK(restored.state() == o.e.state());
    for (const auto& s : o.e.state().services) {
        const auto code = s.def.code;
        CHECK(restored.waiting(code) == o.e.waiting(code));
        for (auto id : o.e.waiting(code)) CHECK(restored.people_ahead(id) == o.e.people_ahead(id));
        CHECK(restored.figures(code, o.now).waiting == o.e.figures(code, o.now).waiting);
        CHECK(restored.figures(code, o.now).estimated_wait_s == o.e.figures(code, o.now).estimated_wait_s);
        CHECK(restored.figures(code, o.now).oldest_issued_at == o.e.figures(code, o.now).oldest_issued_at);
    }

    // The same commands give the same effects on both.
    const auto same = [&](auto&& command) {
        std::optional<std::string> refused_a, refused_b;
        Effect fa, fb;
        try {
            fa = command(o.e);
        } catch (const Refusal& r) {
            refused_a = r.code();
        }
        try {
            fb = command(restored);
        } catch (const Refusal& r) {
            refused_b = r.code();
        }
        CHECK(refused_a == refused_b);
        CHECK(fa.events == fb.events);
        CHECK(fa.tickets == fb.tickets);
        CHECK(fa.counters == fb.counters);
        CHECK(fa.services == fb.services);
        CHECK(fa.ticket == fb.ticket);
        CHECK(restored.state() == o.e.state());
    };
    Millis t = o.now;
    for (int i = 0; i < 12; ++i) {
        t += minute;
        same([&](Engine& e) { return e.call_next(1, t); });
        t += minute;
        same([&](Engine& e) { return e.finish(1, t); });
    }
    same([&](Engine& e) { return e.issue("KTP", Priority::none, t + minute); });
    same([&](Engine& e) { return e.finish(2, t + 2 * minute); });
    same([&](Engine& e) { return e.resume(3, t + 3 * minute); });
    same([&](Engine& e) { return e.call_next(3, t + 4 * minute); });
    same([&](Engine& e) { return e.roll_over(tue(0, 0)); });
    same([&](Engine& e) { return e.issue("KK", Priority::none, tue(8, 0)); });
    CHECK(restored.find_ticket(std::string("B-001")) != nullptr);
}

namespace {

// A day of random commands under `policy`: every invariant after each, a restored copy
// with the same queues, and each refusal a counter can meet met.
void busy_random_day(const CallPolicy& policy) {
    Sim o(policy);
    std::mt19937 rng(20261130);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const Codes codes{"KTP", "KK", "AKTA_LAHIR"};
    const std::vector<std::string> officers{nip1, nip2, nip3};
    o.open_all();

    int refused = 0, served = 0;
    std::map<std::string, int> codes_seen;
    std::set<TicketId> issued;
    for (int step = 0; step < 2000; ++step) {
        const Millis t = o.tick(static_cast<Millis>(5 + pick(10)) * second_ms);
        const int counter = static_cast<int>(pick(3)) + 1;
        const EngineState before = o.e.state();
        try {
            switch (pick(24)) {
                case 0:
                case 1:
                case 2:
                case 3:
                case 4: {
                    const auto p = pick(6) == 0 ? Priority::lansia : Priority::none;
                    const auto fx = o.e.issue(codes[pick(3)], p, t);
                    CHECK(issued.insert(*fx.ticket).second);  // ids never reused
                    break;
                }
                case 5:
                case 6:
                case 7:
                case 8:
                case 18:
                case 19:
                    o.e.call_next(counter, t);
                    break;
                case 9:
                case 10:
                case 11:
                case 20:
                case 21:
                    o.e.finish(counter, t);
                    ++served;
                    break;
                case 12:
                    o.e.start(counter, t);
                    break;
                case 13:
                    o.e.no_show(counter, t);
                    break;
                case 14:
                    o.e.recall(counter, t);
                    break;
                case 15:
                    o.e.transfer(counter, codes[pick(3)], t);
                    break;
                case 16: {
                    const auto& tickets = o.e.state().tickets;
                    if (tickets.empty()) break;
                    const TicketId id = tickets[pick(tickets.size())].id;
                    if (pick(2) == 0)
                        o.e.call_ticket(counter, id, t);
                    else
                        o.e.set_priority(id, pick(2) == 0 ? Priority::anak : Priority::none, nip1, t);
                    break;
                }
                case 17: {
                    const auto& tickets = o.e.state().tickets;
                    if (!tickets.empty()) o.e.cancel(tickets[pick(tickets.size())].id, nip1, "", t);
                    break;
                }
                default: {
                    const Counter& c = *o.e.find_counter(counter);
                    if (c.state == CounterState::paused)
                        o.e.resume(counter, t);
                    else if (c.state == CounterState::closed)
                        o.e.login(counter, officers[static_cast<std::size_t>(counter - 1)], t);
                    else if (pick(8) == 0)
                        o.e.logout(counter, t);
                    else if (pick(4) == 0)
                        o.e.pause(counter, "istirahat", t);
                    else
                        o.e.call_next(counter, t);
                    break;
                }
            }
        } catch (const Refusal& r) {
            ++refused;
            ++codes_seen[r.code()];
            REQUIRE(o.e.state() == before);
        }
        check_invariants(o.e);
        if (step % 100 == 0) {
            const Engine restored(o.e.office(), EngineState(o.e.state()));
            REQUIRE(all_queues(restored) == all_queues(o.e));
        }
    }
    INFO("served " << served << ", refused " << refused << ", issued " << issued.size());
    std::string seen;
    for (const auto& [code, n] : codes_seen) seen += code + ": " + std::to_string(n) + "  ";
    INFO(seen);
    CHECK(served > 150);
    CHECK(refused > 200);
    CHECK(issued.size() > 200);
    // Each refusal a counter can meet was met, and left the state alone.
    for (const char* code : {errc::counter_busy, errc::counter_closed, errc::counter_paused, errc::invalid_state,
                             errc::no_active_ticket, errc::queue_empty, errc::quota_reached})
        CHECK(codes_seen[code] > 0);
}

}  // namespace

TEST_CASE("a busy random day keeps every invariant") {
    SECTION("the strict rule, one regular between priority calls") { busy_random_day(policy_with(1, 5, 2)); }
    SECTION("the urgency rule (people ahead of the ticket just issued without a replay)") {
        CallPolicy urgency = policy_with(0, 5, 2);
        urgency.rule = CallRule::urgency;
        busy_random_day(urgency);
    }
}

TEST_CASE("each effect carries the records it changed as its command left them") {
    Sim o;
    o.open(1, nip1);
    const Effect issued = o.e.issue("KTP", Priority::none, o.tick());
    const TicketId a1 = issued.ticket.value();
    const Effect called = o.e.call_next(1, o.tick());
    // The later call does not change what the issue carries.
    REQUIRE(issued.find_ticket(a1) != nullptr);
    CHECK(issued.find_ticket(a1)->status == TicketStatus::waiting);
    CHECK(called.find_ticket(a1)->status == TicketStatus::called);
    REQUIRE(issued.records.services.size() == 1);
    CHECK(issued.records.services[0].state.last_number == 1);
    CHECK(issued.records.services[0].day == "2026-11-30");
    CHECK(issued.records.services[0].state.def.code == "KTP");
    CHECK(issued.records.day == "2026-11-30");
    REQUIRE(called.records.counters.size() == 1);
    CHECK(called.records.counters[0].active == a1);
    // The close carries the numbers restarted; the next day's first command its own.
    const auto ktp_days = [](const Effect& fx) {
        std::vector<std::pair<std::string, int>> days;
        for (const auto& s : fx.records.services)
            if (s.state.def.code == "KTP") days.emplace_back(s.day, s.state.last_number);
        return days;
    };
    const Effect close = o.e.roll_over(tue(8, 0));
    CHECK(ktp_days(close) == std::vector<std::pair<std::string, int>>{{"2026-12-01", 0}});
    CHECK(close.records.day == "2026-12-01");
    const Effect next_day = o.e.issue("KTP", Priority::none, tue(8, 0));
    CHECK(ktp_days(next_day) == std::vector<std::pair<std::string, int>>{{"2026-12-01", 1}});
    CHECK(next_day.records.day == "2026-12-01");
}

TEST_CASE("the day closes only through roll_over: a command of a later day before it is the caller's error") {
    Sim o;
    o.open(1, nip1);
    const TicketId a1 = o.issue("KTP");
    const EngineState before = o.e.state();
    CHECK_THROWS_AS(o.e.issue("KTP", Priority::none, tue(8, 0)), std::logic_error);
    CHECK_THROWS_AS(o.e.call_next(1, tue(8, 0)), std::logic_error);
    CHECK_THROWS_AS(o.e.pause(1, "istirahat", tue(8, 0)), std::logic_error);
    // Nothing changed: the same day, the ticket still waiting, no number taken.
    CHECK(o.e.state().day == before.day);
    CHECK(o.e.find_ticket(a1)->status == TicketStatus::waiting);
    CHECK(o.e.find_service("KTP")->last_number == 1);
    // Closed, the day's commands are taken.
    CHECK_FALSE(o.e.roll_over(tue(8, 0)).events.empty());
    CHECK(o.e.find_ticket(*o.e.issue("KTP", Priority::none, tue(8, 0)).ticket)->label == "A-001");
}

TEST_CASE("the board's history: the latest call of each ticket, newest first, at the counter called to") {
    Sim o;
    o.open(1, nip1);
    o.open(3, nip3);
    const TicketId a1 = o.issue("KTP");
    const TicketId a2 = o.issue("KTP");
    const TicketId a3 = o.issue("KTP");
    o.call(1);     // a1 at 1
    o.no_show(1);  // a1 back in the queue: its counter is 0 now
    CHECK(o.ticket(a1).counter == 0);
    o.call(3);  // a2 at 3
    o.e.recall(3, o.tick());
    const Millis recall_at = o.now;
    o.call(1);  // a3 at 1
    const auto& recent = o.e.state().recent_calls;
    REQUIRE(recent.size() == 3);
    CHECK(recent[0].ticket == a3);
    CHECK(recent[0].counter == 1);
    CHECK(recent[1] == RecentCall{a2, "KTP", 3, recall_at, true});
    CHECK(recent[2].ticket == a1);
    CHECK(recent[2].counter == 1);  // where it was called, not 0
    // The next day starts with an empty history.
    o.e.roll_over(tue(0, 0));
    CHECK(o.e.state().recent_calls.empty());
}

}  // namespace engine_test
