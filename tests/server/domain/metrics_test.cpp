// Metrics from the event log: scenarios run through the real Engine at chosen
// times; every expected figure is worked out here from those times, never copied
// from the output.
#include <algorithm>
#include <chrono>
#include <numeric>

#include <date/date.h>
#include <catch2/catch.hpp>

#include "engine.hpp"
#include "metrics.hpp"

namespace metrics_test {

using namespace antre;
using metrics::GroupBy;
using metrics::Row;

namespace {

constexpr Millis minute = 60'000;
constexpr Millis wit_offset = 9 * 60 * minute;  // WIT is UTC+9 all year

Millis wit(int y, unsigned mo, unsigned d, int h, int mi) {
    using namespace std::chrono;
    const date::sys_days day = date::year{y} / date::month{mo} / date::day{d};
    return duration_cast<milliseconds>(day.time_since_epoch()).count() + (h * 60 + mi) * minute - wit_offset;
}
Millis mon(int h, int mi) { return wit(2026, 11, 30, h, mi); }
Millis tue(int h, int mi) { return wit(2026, 12, 1, h, mi); }

const std::string nip1 = "198003152006041001";
const std::string nip2 = "198507222009032002";

Service make_service(std::string code, std::string prefix) {
    Service s;
    s.code = code;
    s.prefix = std::move(prefix);
    s.name_id = s.name_en = code;
    for (int weekday = 1; weekday <= 5; ++weekday) s.hours.push_back({weekday, 8 * 60, 15 * 60});
    s.max_wait_minutes = 30;
    s.max_service_minutes = 20;
    return s;
}

OfficeConfig office() {
    OfficeConfig o;
    o.office_name = "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong";
    o.time_zone = "Asia/Jayapura";
    o.services = {make_service("KTP", "A"), make_service("KK", "B")};
    o.counters = {{1, "Loket 1", {"KTP", "KK"}}, {2, "Loket 2", {"KK"}}};
    return o;
}

// The engine plus the event log as the store would return it: seq order, labels joined.
struct Office {
    OfficeConfig config = office();
    Engine engine{config, mon(7, 0)};
    OfficeCalendar calendar{config.time_zone};
    std::vector<metrics::LoggedEvent> log;

    const Effect& operator<<(const Effect& fx) {
        for (const auto& e : fx.events) {
            std::string label;
            if (e.ticket) {
                if (const Ticket* t = engine.find_ticket(*e.ticket))
                    label = t->label;
                else if (const Ticket* c = fx.find_ticket(*e.ticket))
                    label = c->label;
            }
            metrics::LoggedEvent le;
            le.seq = static_cast<std::int64_t>(log.size() + 1);
            le.event = e;
            le.label = label;
            // As the store joins it: the estimate shown on the ticket, on its calls.
            if (e.type == "ticket_called" && e.ticket)
                if (const Ticket* t = engine.find_ticket(*e.ticket)) {
                    le.estimated_wait_s = t->estimated_wait_s;
                    le.estimated_call_from = t->estimated_call_from;
                    le.estimated_call_to = t->estimated_call_to;
                }
            // And the finished leg's call and start, on a finish.
            if (e.type == "ticket_finished" && e.ticket)
                if (const Ticket* t = fx.find_ticket(*e.ticket)) {
                    le.leg_called_at = t->called_at;
                    le.leg_started_at = t->service_started_at;
                }
            log.push_back(std::move(le));
        }
        return fx;
    }
    /// Issues at `at`, the day closed first as the server's handler does.
    TicketId issue(const std::string& service, Millis at) {
        *this << engine.roll_over(at);
        return *(*this << engine.issue(service, Priority::none, at, true)).ticket;
    }
    /// Issues a ticket and serves it at `counter`: called, then finished (no start).
    TicketId serve(int counter, const std::string& service, Millis issued, Millis called, Millis finished) {
        const TicketId id = issue(service, issued);
        *this << engine.call_ticket(counter, id, called);
        *this << engine.finish(counter, finished);
        return id;
    }
    std::vector<Row> report(GroupBy by, Millis until, const metrics::Filter& filter = {}) const {
        std::vector<Service> services;
        for (const auto& s : engine.state().services) services.push_back(s.def);
        return metrics::compute(log, services, by, calendar, calendar.day_start("2026-11-30"), until, filter);
    }
    /// The report over the office days [from, to] as the server makes it: the events
    /// of those days, sessions clipped to the period.
    std::vector<Row> report_days(GroupBy by, const std::string& from, const std::string& to) const {
        std::vector<Service> services;
        for (const auto& s : engine.state().services) services.push_back(s.def);
        std::vector<metrics::LoggedEvent> days;
        for (const auto& le : log)
            if (le.event.day >= from && le.event.day <= to) days.push_back(le);
        return metrics::compute(days, services, by, calendar, calendar.day_start(from),
                                calendar.next_day_start(calendar.day_start(to)));
    }
};

const Row& row(const std::vector<Row>& rows, const std::string& key) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.key == key; });
    REQUIRE(it != rows.end());
    return *it;
}

double seconds(Millis ms) { return static_cast<double>(ms) / 1000.0; }

}  // namespace

TEST_CASE("nearest-rank percentiles", "[metrics]") {
    const std::vector<Millis> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK(nearest_rank(v, 50) == 5);  // ceil(0.5 * 10) = 5th
    CHECK(nearest_rank(v, 90) == 9);  // ceil(0.9 * 10) = 9th
    CHECK(nearest_rank({7}, 90) == 7);
    CHECK(nearest_rank({1, 2, 3}, 50) == 2);
}

TEST_CASE("the median is the nearest-rank p50: of an even count the lower middle value, in any order", "[metrics]") {
    CHECK(median({7}) == 7);
    CHECK(median({9, 1}) == 1);
    CHECK(median({4, 1, 3, 2}) == 2);
    CHECK(median({5, 1, 3}) == 3);
    const std::vector<Millis> v = {10, 2, 8, 4, 6, 12};
    std::vector<Millis> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    CHECK(median(v) == nearest_rank(sorted, 50));
    CHECK(median(v) == 6);
}

TEST_CASE("one officer's day: waits, walks, service times, standards and utilisation", "[metrics]") {
    Office o;
    const Millis login = mon(8, 50);
    o << o.engine.login(1, nip1, login);
    // Five KTP tickets, one a minute from 09:00; each then called, started after
    // `walk` (0 = never started) and finished `service` minutes later.
    const std::vector<Millis> walk = {1 * minute, 0, 2 * minute, 1 * minute, 3 * minute};
    const std::vector<Millis> service = {5 * minute, 10 * minute, 25 * minute, 12 * minute, 8 * minute};
    std::vector<Millis> issued, waits;
    for (int i = 0; i < 5; ++i) {
        issued.push_back(mon(9, i));
        o.issue("KTP", issued.back());
    }
    Millis t = mon(9, 10);
    const Millis pause_at = mon(10, 0), pause_ms = 15 * minute;
    for (std::size_t i = 0; i < 5; ++i) {
        if (i == 3) {  // a break between tickets
            t = std::max(t, pause_at);
            o << o.engine.pause(1, "istirahat", t);
            t += pause_ms;
            o << o.engine.resume(1, t);
        }
        o << o.engine.call_next(1, t);
        waits.push_back(t - issued[i]);
        if (walk[i] > 0) o << o.engine.start(1, t + walk[i]);
        t += walk[i] + service[i];
        o << o.engine.finish(1, t);
        t += 2 * minute;
    }
    const Millis logout = t + 30 * minute;
    o << o.engine.logout(1, logout);

    SECTION("by officer") {
        const auto rows = o.report(GroupBy::officer, mon(23, 0));
        const Row& r = row(rows, nip1);
        CHECK(r.served == 5);
        CHECK(r.no_shows == 0);
        // service: sorted 5, 8, 10, 12, 25 min -> median the 3rd, p90 the ceil(4.5) = 5th
        CHECK(r.service.median_s == Approx(seconds(10 * minute)));
        CHECK(r.service.p90_s == Approx(seconds(25 * minute)));
        CHECK(*r.service.mean_s == Approx(seconds(60 * minute) / 5));
        // walk: 0, 1, 1, 2, 3 min (the unstarted ticket walks 0)
        CHECK(r.walk.median_s == Approx(seconds(1 * minute)));
        CHECK(r.walk.p90_s == Approx(seconds(3 * minute)));
        auto sorted_waits = waits;
        std::sort(sorted_waits.begin(), sorted_waits.end());
        CHECK(r.wait.median_s == Approx(seconds(sorted_waits[2])));
        CHECK(r.wait.p90_s == Approx(seconds(sorted_waits[4])));
        // within 20 minutes of service: all but the 25-minute one, 5 minutes over
        CHECK(*r.service_within == Approx(0.8));
        REQUIRE(r.service_breaches.size() == 1);
        CHECK(r.service_breaches[0].label == "A-003");
        CHECK(r.service_breaches[0].minutes_over == Approx(5.0));
        const auto within = std::count_if(waits.begin(), waits.end(), [](Millis w) { return w <= 30 * minute; });
        CHECK(*r.wait_within == Approx(static_cast<double>(within) / 5.0));
        CHECK(r.wait_breach_count == 5 - within);
        // utilisation: 60 min of service over the logged-in time less the break
        const Millis available = logout - login - pause_ms;
        CHECK(*r.available_s == Approx(seconds(available)));
        CHECK(*r.busy_s == Approx(seconds(60 * minute)));
        CHECK(*r.idle_s == Approx(seconds(available - 60 * minute)));
        CHECK(*r.utilisation == Approx(static_cast<double>(60 * minute) / static_cast<double>(available)));
    }
    SECTION("wait and service histograms: each duration in the bucket of its minutes") {
        const auto rows = o.report(GroupBy::officer, mon(23, 0));
        const Row& r = row(rows, nip1);
        // Buckets from the documented edges 0, 5, 10, 15, 20, 30, 45, 60+ minutes.
        const std::vector<Millis> edges = {0, 5, 10, 15, 20, 30, 45, 60};
        auto expected = [&](const std::vector<Millis>& durations) {
            std::vector<int> counts(edges.size(), 0);
            for (Millis d : durations) {
                std::size_t bucket = 0;
                for (std::size_t i = 0; i < edges.size(); ++i)
                    if (d >= edges[i] * minute) bucket = i;
                ++counts[bucket];
            }
            return counts;
        };
        CHECK(r.service_histogram.counts == expected(service));
        // 5, 8, 10, 12, 25 min: one each in 5-10 (x2: 5 and 8), 10-15 (10, 12), 20-30 (25)
        CHECK(r.service_histogram.counts == std::vector<int>{0, 2, 2, 0, 1, 0, 0, 0});
        CHECK(r.wait_histogram.counts == expected(waits));
        int waits_counted = 0;
        for (int c : r.wait_histogram.counts) waits_counted += c;
        CHECK(waits_counted == 5);
        const auto j = metrics::to_json(r);
        CHECK(j["service_histogram"]["edges_min"] == nlohmann::json(edges));
        CHECK(j["service_histogram"]["counts"] == nlohmann::json(expected(service)));
    }
    SECTION("an officer still logged in is counted up to `until`") {
        Office open;
        open << open.engine.login(1, nip1, mon(9, 0));
        open << open.engine.pause(1, "rapat", mon(10, 0));
        const auto rows = open.report(GroupBy::counter, mon(11, 0));
        // 09:00-11:00 logged in, paused from 10:00 and still paused at 11:00
        CHECK(*row(rows, "1").available_s == Approx(seconds(60 * minute)));
        CHECK(*row(rows, "1").utilisation == 0.0);
    }
    SECTION("by hour: arrivals at the hour of issue, service at the hour of finish") {
        const auto rows = o.report(GroupBy::hour, mon(23, 0));
        CHECK(row(rows, "09").arrivals == 5);
        int served = 0;
        for (const auto& r : rows) served += r.served;
        CHECK(served == 5);
        CHECK(row(rows, "09").wait.count == 5);
    }
}

TEST_CASE("transfers and no-shows count apart and never enter service times", "[metrics]") {
    Office o;
    o << o.engine.login(1, nip1, mon(8, 0));
    o << o.engine.login(2, nip2, mon(8, 0));
    const TicketId a = o.issue("KTP", mon(9, 0));
    o.issue("KK", mon(9, 1));
    // Counter 1 serves A-001 for 30 minutes, then sends it on to KK.
    o << o.engine.call_next(1, mon(9, 5));
    o << o.engine.start(1, mon(9, 6));
    o << o.engine.transfer(1, "KK", mon(9, 36));
    // Counter 2: B-001 arrived after A-001 but the transfer keeps A-001's place.
    o << o.engine.call_next(2, mon(9, 40));
    REQUIRE(o.log.back().event.ticket == a);
    o << o.engine.start(2, mon(9, 41));
    o << o.engine.finish(2, mon(9, 47));     // 6 minutes
    o << o.engine.call_next(2, mon(9, 50));  // B-001 does not come
    o << o.engine.no_show(2, mon(9, 53));
    o << o.engine.call_next(2, mon(10, 0));  // requeued, called again
    o << o.engine.start(2, mon(10, 1));
    o << o.engine.finish(2, mon(10, 5));  // 4 minutes

    SECTION("by officer") {
        const auto rows = o.report(GroupBy::officer, mon(23, 0));
        const Row& first = row(rows, nip1);
        CHECK(first.transfers == 1);
        CHECK(first.served == 0);
        CHECK(first.service.count == 0);
        CHECK_FALSE(first.service.mean_s);
        const Row& second = row(rows, nip2);
        CHECK(second.served == 2);
        CHECK(second.no_shows == 1);
        CHECK(*second.service.mean_s == Approx(seconds(5 * minute)));  // (6 + 4) / 2
        CHECK(second.service.p90_s == Approx(seconds(6 * minute)));
    }
    SECTION("by service: the wait belongs to the service issued, the transfer to its source") {
        const auto rows = o.report(GroupBy::service, mon(23, 0));
        const Row& ktp = row(rows, "KTP");
        CHECK(ktp.arrivals == 1);
        CHECK(ktp.transfers == 1);
        CHECK(ktp.wait.count == 1);
        CHECK(ktp.wait.median_s == Approx(seconds(5 * minute)));
        const Row& kk = row(rows, "KK");
        CHECK(kk.arrivals == 1);
        CHECK(kk.served == 2);
        CHECK(kk.no_shows == 1);
        CHECK(kk.wait.median_s == Approx(seconds(49 * minute)));  // 09:01 -> first call 09:50
        CHECK(kk.wait_breach_count == 1);
        REQUIRE(kk.wait_breaches.size() == 1);
        CHECK(kk.wait_breaches[0].minutes_over == Approx(19.0));
        // total runs from issue to finish, the transfer's leg included
        CHECK(kk.total.count == 2);
        CHECK(kk.total.p90_s == Approx(seconds(64 * minute)));  // B-001: 09:01 -> 10:05
    }
}

TEST_CASE("the office day ends at midnight WIT (15:00 UTC)", "[metrics]") {
    Office o;
    o << o.engine.login(1, nip1, mon(14, 0));
    o.issue("KTP", mon(14, 50));
    o.issue("KTP", mon(14, 55));
    o << o.engine.call_next(1, mon(14, 56));
    o << o.engine.start(1, mon(23, 50));
    // Finished five minutes into Tuesday, office time: 15:05 UTC.
    const Millis finish = tue(0, 5);
    REQUIRE(finish % (24 * 60 * minute) == 15 * 60 * minute + 5 * minute);
    o << o.engine.roll_over(finish);
    o << o.engine.finish(1, finish);

    const auto rows = o.report(GroupBy::day, tue(23, 0));
    const Row& monday = row(rows, "2026-11-30");
    const Row& tuesday = row(rows, "2026-12-01");
    CHECK(monday.arrivals == 2);
    CHECK(monday.expired == 1);  // A-002 was still waiting at midnight
    CHECK(monday.served == 0);
    CHECK(tuesday.served == 1);
    CHECK(tuesday.service.median_s == Approx(seconds(15 * minute)));
    CHECK(tuesday.expired == 0);
}

TEST_CASE("citizens' ratings count for the officer and counter that served", "[metrics][feedback]") {
    Office o;
    o << o.engine.login(1, nip1, mon(8, 0));
    o << o.engine.login(2, nip2, mon(8, 0));
    const TicketId a = o.issue("KTP", mon(9, 0));
    const TicketId b = o.issue("KK", mon(9, 1));
    const TicketId c = o.issue("KK", mon(9, 2));
    o << o.engine.call_next(1, mon(9, 5));
    o << o.engine.finish(1, mon(9, 15));
    o << o.engine.call_next(2, mon(9, 5));
    o << o.engine.finish(2, mon(9, 10));
    o << o.engine.call_next(2, mon(9, 11));

    SECTION("the engine takes one 1-4 rating per finished ticket") {
        CHECK_THROWS_MATCHES(
            o.engine.rate(c, 4, 0, mon(9, 12)), Refusal,
            Catch::Predicate<Refusal>([](const Refusal& r) { return r.code() == errc::invalid_state; }));
        CHECK_THROWS_MATCHES(
            o.engine.rate(a, 5, 0, mon(9, 16)), Refusal,
            Catch::Predicate<Refusal>([](const Refusal& r) { return r.code() == errc::invalid_value; }));
        CHECK_THROWS_MATCHES(o.engine.rate(a, 4, 2, mon(9, 16)), Refusal,
                             Catch::Predicate<Refusal>([](const Refusal& r) { return r.code() == errc::forbidden; }));
        const Effect fx = o.engine.rate(a, 4, 1, mon(9, 16));
        REQUIRE(fx.events.size() == 1);
        CHECK(fx.events[0].type == "ticket_rated");
        CHECK(fx.events[0].officer == nip1);
        CHECK(fx.events[0].counter == 1);
        CHECK(o.engine.find_ticket(a)->rating == 4);
        CHECK_THROWS_MATCHES(
            o.engine.rate(a, 1, 1, mon(9, 17)), Refusal,
            Catch::Predicate<Refusal>([](const Refusal& r) { return r.code() == errc::already_exists; }));
    }
    SECTION("ratings in the report") {
        o << o.engine.finish(2, mon(9, 20));
        o << o.engine.rate(a, 4, 1, mon(9, 16));
        o << o.engine.rate(b, 2, 2, mon(9, 11));
        o << o.engine.rate(c, 3, 0, mon(9, 21));
        const auto by_officer = o.report(GroupBy::officer, mon(23, 0));
        CHECK(row(by_officer, nip1).ratings == 1);
        CHECK(*row(by_officer, nip1).rating_mean == Approx(4.0));
        CHECK(row(by_officer, nip2).ratings == 2);
        CHECK(*row(by_officer, nip2).rating_mean == Approx((2.0 + 3.0) / 2));
        const auto by_service = o.report(GroupBy::service, mon(23, 0));
        CHECK(*row(by_service, "KK").rating_mean == Approx(2.5));
        CHECK(row(by_service, "KTP").ratings == 1);
    }
}

TEST_CASE("estimated wait against the real wait: mean absolute error, bias and share within 5 minutes", "[metrics]") {
    Office o;
    o << o.engine.login(1, nip1, mon(8, 0));
    // A first finish gives the service a median, so later tickets show an estimate.
    o.serve(1, "KTP", mon(8, 1), mon(8, 2), mon(8, 12));
    std::vector<TicketId> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(o.issue("KTP", mon(9, i)));
    std::vector<double> errors, signed_errors;
    Millis t = mon(9, 10);
    for (TicketId id : ids) {
        o << o.engine.call_next(1, t);
        const Ticket* ticket = o.engine.find_ticket(id);
        REQUIRE(ticket->estimated_wait_s);
        errors.push_back(std::abs(seconds(t - ticket->issued_at) - *ticket->estimated_wait_s));
        signed_errors.push_back(*ticket->estimated_wait_s - seconds(t - ticket->issued_at));
        t += 3 * minute;
        o << o.engine.finish(1, t);
        t += minute;
    }
    const auto rows = o.report(GroupBy::service, mon(23, 0));
    const Row& r = row(rows, "KTP");
    // The first ticket was issued before any finish: it showed an estimate too (0 or
    // the standard's half), so it is counted like the others when it has one.
    const Ticket* first = o.engine.find_ticket(1);
    if (first->estimated_wait_s) {
        errors.insert(errors.begin(), std::abs(seconds(mon(8, 2) - mon(8, 1)) - *first->estimated_wait_s));
        signed_errors.insert(signed_errors.begin(), *first->estimated_wait_s - seconds(mon(8, 2) - mon(8, 1)));
    }
    REQUIRE(r.estimates == static_cast<int>(errors.size()));
    const double mae = std::accumulate(errors.begin(), errors.end(), 0.0) / double(errors.size());
    CHECK(*r.estimate_mae_s == Approx(mae));
    // Bias: the mean of estimate - wait; here every wait was longer than promised.
    const double bias = std::accumulate(signed_errors.begin(), signed_errors.end(), 0.0) / double(signed_errors.size());
    REQUIRE(r.estimate_bias_s);
    CHECK(*r.estimate_bias_s == Approx(bias));
    CHECK(*r.estimate_bias_s < 0);
    CHECK(metrics::to_json(r).at("estimate_bias_s").get<double>() == Approx(bias));
    const auto within = std::count_if(errors.begin(), errors.end(), [](double e) { return e <= 300.0; });
    CHECK(*r.estimate_within_5min == Approx(double(within) / double(errors.size())));
}

TEST_CASE("estimate quality per service and day: MAE, bias and the share called inside the promised interval",
          "[metrics][estimate]") {
    Office o;
    o << o.engine.login(1, nip1, mon(8, 0));
    o << o.engine.login(2, nip2, mon(8, 0));
    // A constructed day, one ticket after another: each promised a wait and an interval
    // at issue, then called at a known moment. KTP: promised 20 min (10-30), called
    // after 25 min (inside), 40 min (outside, late) and 12 min (inside). KK: promised
    // 10 min (5-15), called after 30 min (outside); and one promised nothing (not reached).
    struct Case {
        std::string service;
        Millis issued;
        std::optional<int> wait_s;
        Millis called;
        int counter;
    };
    const std::vector<Case> cases = {
        {"KTP", mon(9, 0), 20 * 60, mon(9, 25), 1},        {"KTP", mon(9, 31), 20 * 60, mon(10, 11), 1},
        {"KTP", mon(10, 20), 20 * 60, mon(10, 32), 1},     {"KK", mon(10, 40), 10 * 60, mon(11, 10), 2},
        {"KK", mon(11, 20), std::nullopt, mon(11, 45), 2},
    };
    for (const auto& c : cases) {
        const TicketId id = o.issue(c.service, c.issued);
        if (c.wait_s) {
            const Millis half = *c.wait_s * 1000 / 2;
            o << o.engine.promise(id, c.wait_s, c.issued + *c.wait_s * 1000 - half, c.issued + *c.wait_s * 1000 + half);
        } else {
            o << o.engine.promise(id, std::nullopt, std::nullopt, std::nullopt);
        }
        o << o.engine.call_ticket(c.counter, id, c.called);
        o << o.engine.finish(c.counter, c.called + 5 * minute);
    }
    const auto by_service = o.report(GroupBy::service, mon(23, 0));
    const Row& ktp = row(by_service, "KTP");
    CHECK(ktp.estimates == 3);
    CHECK(ktp.estimate_intervals == 3);
    // Errors 5, 20 and 8 min; estimate - wait: -5, -20, +8.
    CHECK(*ktp.estimate_mae_s == Approx((5 + 20 + 8) * 60 / 3.0));
    CHECK(*ktp.estimate_bias_s == Approx((-5 - 20 + 8) * 60 / 3.0));
    CHECK(*ktp.estimate_coverage == Approx(2.0 / 3.0));
    const Row& kk = row(by_service, "KK");
    CHECK(kk.estimates == 1);  // the ticket promised nothing is not counted
    CHECK(kk.estimate_intervals == 1);
    CHECK(*kk.estimate_coverage == Approx(0.0));
    CHECK(*kk.estimate_bias_s == Approx(-20 * 60.0));
    const auto json_row = metrics::to_json(ktp);
    CHECK(json_row.at("estimate_intervals") == 3);
    CHECK(json_row.at("estimate_coverage").get<double>() == Approx(2.0 / 3.0));
    // By day: the office's promise over the whole day.
    const auto by_day = o.report(GroupBy::day, mon(23, 0));
    const Row& day = row(by_day, "2026-11-30");
    CHECK(day.estimate_intervals == 4);
    CHECK(*day.estimate_coverage == Approx(0.5));
}

TEST_CASE("arrivals per hour: the hour's arrivals per office day with arrivals", "[metrics]") {
    Office o;
    for (int i = 0; i < 4; ++i) o.issue("KTP", mon(9, i * 10));
    o.issue("KTP", mon(10, 5));
    for (int i = 0; i < 2; ++i) o.issue("KK", tue(9, i * 20));
    const auto rows = o.report(GroupBy::hour, tue(23, 0));
    CHECK(row(rows, "09").arrivals == 6);
    CHECK(*row(rows, "09").arrivals_per_hour == Approx(6.0 / 2));  // Monday and Tuesday
    CHECK(*row(rows, "10").arrivals_per_hour == Approx(1.0 / 2));
    CHECK_FALSE(row(o.report(GroupBy::day, tue(23, 0)), "2026-11-30").arrivals_per_hour);
}

TEST_CASE("a changed service standard applies from its day, earlier days keep their targets", "[metrics][standards]") {
    Office o;
    o << o.engine.login(1, nip1, mon(8, 0));
    // Monday: a 25-minute wait, within the 30-minute target of that day.
    o.serve(1, "KTP", mon(9, 0), mon(9, 25), mon(9, 40));
    // Tuesday morning the administrator tightens KTP to 20 minutes' wait, 10 of service.
    Service tighter = o.engine.find_service("KTP")->def;
    tighter.max_wait_minutes = 20;
    tighter.max_service_minutes = 10;
    o << o.engine.roll_over(tue(7, 0));
    const Effect change = o << o.engine.upsert_service(tighter, nip2, tue(7, 0));
    REQUIRE(change.events.size() >= 1);
    const Service& now = o.engine.find_service("KTP")->def;
    CHECK(now.standard_from == "2026-12-01");
    REQUIRE(now.earlier_standards.size() == 1);
    CHECK(now.earlier_standards[0] == StandardPeriod{"", 30, 20});
    CHECK(now.standard_on("2026-11-30").max_wait_minutes == 30);
    CHECK(now.standard_on("2026-12-01").max_wait_minutes == 20);
    // Tuesday: the same 25-minute wait and 15-minute service now breach.
    o << o.engine.login(1, nip1, tue(8, 0));
    o.serve(1, "KTP", tue(9, 0), tue(9, 25), tue(9, 40));

    const auto rows = o.report(GroupBy::day, tue(23, 0));
    CHECK(*row(rows, "2026-11-30").wait_within == Approx(1.0));
    CHECK(*row(rows, "2026-11-30").service_within == Approx(1.0));
    CHECK(*row(rows, "2026-12-01").wait_within == Approx(0.0));
    CHECK(row(rows, "2026-12-01").wait_breaches.at(0).minutes_over == Approx(5.0));
    CHECK(row(rows, "2026-12-01").service_breaches.at(0).minutes_over == Approx(5.0));

    SECTION("a second change the same day replaces the first, without a one-day period") {
        tighter.max_wait_minutes = 25;
        o << o.engine.upsert_service(tighter, nip2, tue(12, 0));
        const Service& again = o.engine.find_service("KTP")->def;
        CHECK(again.earlier_standards.size() == 1);
        CHECK(again.standard_on("2026-12-01").max_wait_minutes == 25);
    }
    SECTION("the history cannot be rewritten through a service change") {
        Service forged = o.engine.find_service("KTP")->def;
        forged.earlier_standards = {{"", 90, 90}};
        forged.name_en = "Identity card";
        o << o.engine.upsert_service(forged, nip2, tue(12, 0));
        CHECK(o.engine.find_service("KTP")->def.earlier_standards[0] == StandardPeriod{"", 30, 20});
    }
}

TEST_CASE("one officer's sheet: the filter keeps that officer's work only", "[metrics]") {
    Office o;
    o << o.engine.login(1, nip1, mon(8, 0));
    o << o.engine.login(2, nip2, mon(8, 0));
    o.issue("KTP", mon(9, 0));
    o.issue("KK", mon(9, 1));
    o.issue("KK", mon(9, 2));
    o << o.engine.call_next(1, mon(9, 5));  // KTP A-001
    o << o.engine.finish(1, mon(9, 12));
    o << o.engine.call_next(2, mon(9, 6));  // KK B-001
    o << o.engine.finish(2, mon(9, 9));
    o << o.engine.call_next(1, mon(9, 13));  // counter 1 serves KK too: B-002
    o << o.engine.finish(1, mon(9, 17));
    const auto rows = o.report(GroupBy::service, mon(23, 0), metrics::Filter{nip1});
    CHECK(row(rows, "KTP").served == 1);
    CHECK(row(rows, "KK").served == 1);
    CHECK(row(rows, "KK").service.median_s == Approx(seconds(4 * minute)));
    CHECK(row(rows, "KK").arrivals == 0);  // arrivals belong to no officer
}

namespace {

// `n` complete surveys whose answers add up to `total` (each answer 1..4):
// filled unsur by unsur with 4s, then the rest with 1s and one remainder.
std::vector<metrics::SurveyAnswers> surveys_with_total(int n, long total) {
    REQUIRE(total >= 9L * n);
    REQUIRE(total <= 36L * n);
    std::vector<metrics::SurveyAnswers> out(static_cast<std::size_t>(n));
    long extra = total - 9L * n;  // above all-ones
    for (auto& s : out)
        for (auto& a : s) {
            const long add = std::min<long>(3, extra);
            a = 1 + static_cast<int>(add);
            extra -= add;
        }
    return out;
}

}  // namespace

TEST_CASE("IKM: NRR per unsur, SKM with the exact 1/9 weight, IKM x 25 and its grade", "[metrics][ikm]") {
    SECTION("a worked example: 4 respondents") {
        const std::vector<metrics::SurveyAnswers> s = {
            {4, 4, 3, 4, 3, 3, 4, 4, 3},
            {3, 4, 3, 4, 3, 3, 4, 3, 3},
            {4, 3, 2, 4, 3, 4, 4, 3, 4},
            {3, 3, 3, 4, 4, 3, 4, 3, 3},
        };
        const auto k = metrics::ikm(s);
        CHECK(k.responses == 4);
        CHECK(k.nrr[0] == Approx(14.0 / 4));  // 4+3+4+3
        CHECK(k.nrr[2] == Approx(11.0 / 4));  // 3+3+2+3
        CHECK(k.nrr[3] == Approx(4.0));
        // The four respondents' answers add up to 32 + 30 + 31 + 30 = 123; SKM = 123 / 36.
        CHECK(k.skm == Approx(123.0 / 36));
        // IKM = 25 x 123 / 36 = 85.4166... -> 85.42, grade B (76.61 - 88.30).
        CHECK(k.ikm_hundredths == 8542);
        CHECK(k.grade == 'B');
        CHECK(std::string(k.grade_label) == "Baik");
    }
    SECTION("the grade boundaries on the two-decimal IKM") {
        struct Case {
            int n;
            long total;
            long hundredths;
            char grade;
        };
        // IKM = 25 x total / (9 n), rounded half up to hundredths; each total chosen
        // so that the rounded IKM lands on a boundary (worked out in the comments).
        const Case cases[] = {
            {47, 1494, 8830, 'B'},  // 25 x 1494 / 423 = 88.2978... -> 88.30
            {19, 604, 8830, 'B'},   // 25 x 604 / 171 = 88.3040... -> 88.30
            {58, 1844, 8831, 'A'},  // 25 x 1844 / 522 = 88.3141... -> 88.31
            {24, 763, 8831, 'A'},   // 25 x 763 / 216 = 88.3101... -> 88.31
            {26, 717, 7660, 'C'},   // 25 x 717 / 234 = 76.6025... -> 76.60
            {19, 524, 7661, 'B'},   // 25 x 524 / 171 = 76.6081... -> 76.61
            {5, 117, 6500, 'C'},    // 25 x 117 / 45 = 65 exactly
            {38, 889, 6499, 'D'},   // 25 x 889 / 342 = 64.9853... -> 64.99
            {8, 279, 9688, 'A'},    // 25 x 279 / 72 = 96.875 exactly: half up -> 96.88
            {8, 81, 2813, 'D'},     // 25 x 81 / 72 = 28.125 exactly: half up -> 28.13
            {3, 27, 2500, 'D'},     // every answer 1: the lowest IKM
            {3, 108, 10000, 'A'},   // every answer 4: the highest
        };
        for (const auto& c : cases) {
            const auto k = metrics::ikm(surveys_with_total(c.n, c.total));
            INFO("n = " << c.n << ", total = " << c.total);
            CHECK(k.ikm_hundredths == c.hundredths);
            CHECK(k.grade == c.grade);
        }
        CHECK(metrics::ikm_grade(8831).first == 'A');
        CHECK(metrics::ikm_grade(8830).first == 'B');
        CHECK(metrics::ikm_grade(7661).first == 'B');
        CHECK(metrics::ikm_grade(7660).first == 'C');
        CHECK(metrics::ikm_grade(6500).first == 'C');
        CHECK(metrics::ikm_grade(6499).first == 'D');
        CHECK(metrics::ikm_grade(2500).first == 'D');
        CHECK(std::string(metrics::ikm_grade(6499).second) == "Tidak Baik");
        CHECK(std::string(metrics::ikm_grade(7000).second) == "Kurang Baik");
    }
    SECTION("no surveys: no IKM and no grade") {
        const auto k = metrics::ikm({});
        CHECK(k.responses == 0);
        CHECK(k.grade == '-');
        CHECK(metrics::to_json(k)["ikm"].is_null());
    }
}

TEST_CASE("the days of a period add up to the period: counter sessions are clipped to it", "[metrics]") {
    Office o;
    const auto wed = [](int h, int mi) { return wit(2026, 12, 2, h, mi); };
    // Monday: counter 1 opens at 08:00, serves, pauses, and holds a ticket across
    // midnight; counter 2 is open from 09:00 and closes with the day.
    o << o.engine.login(1, nip1, mon(8, 0));
    o << o.engine.login(2, nip2, mon(9, 0));
    o.serve(1, "KTP", mon(8, 10), mon(8, 20), mon(8, 35));
    o << o.engine.pause(1, "istirahat", mon(12, 0));
    o << o.engine.resume(1, mon(12, 30));
    o.serve(2, "KK", mon(13, 0), mon(13, 5), mon(13, 25));
    const TicketId late = o.issue("KTP", mon(23, 40));
    o << o.engine.call_ticket(1, late, mon(23, 50));
    o << o.engine.roll_over(tue(0, 0));
    // Tuesday: counter 1 finishes it at 00:10, serves once more, and logs out at
    // 16:00; counter 2 opens at 08:00 and holds a ticket across the next midnight.
    o << o.engine.finish(1, tue(0, 10));
    o << o.engine.login(2, nip2, tue(8, 0));
    o.serve(1, "KTP", tue(9, 0), tue(9, 10), tue(9, 40));
    o << o.engine.logout(1, tue(16, 0));
    const TicketId later = o.issue("KK", tue(23, 0));
    o << o.engine.call_ticket(2, later, tue(23, 30));
    o << o.engine.roll_over(wed(0, 0));
    // Wednesday: counter 2 finishes at 00:45 and is still open when the period ends.
    o << o.engine.finish(2, wed(0, 45));

    for (GroupBy by : {GroupBy::officer, GroupBy::counter}) {
        INFO(metrics::to_string(by));
        const auto period = o.report_days(by, "2026-11-30", "2026-12-02");
        for (const auto& whole : period) {
            if (whole.key.empty()) continue;  // arrivals and expiries: no counter
            INFO("key " << whole.key);
            double available = 0, busy = 0, idle = 0;
            for (const char* day : {"2026-11-30", "2026-12-01", "2026-12-02"}) {
                for (const auto& r : o.report_days(by, day, day))
                    if (r.key == whole.key) {
                        INFO(day);
                        CHECK(*r.idle_s >= 0);
                        available += *r.available_s;
                        busy += *r.busy_s;
                        idle += *r.idle_s;
                    }
            }
            CHECK(available == Approx(*whole.available_s));
            CHECK(busy == Approx(*whole.busy_s));
            CHECK(idle == Approx(*whole.idle_s));
            CHECK(*whole.idle_s >= 0);
        }
    }
    // Counter 1 on Tuesday: logged in from the day's start (the session began on
    // Monday) to 16:00; busy 20 minutes (the ticket called on Monday) + 30.
    const auto tuesday_rows = o.report_days(GroupBy::counter, "2026-12-01", "2026-12-01");
    const Row& tuesday = row(tuesday_rows, "1");
    CHECK(*tuesday.available_s == Approx(seconds(16 * 60 * minute)));
    CHECK(*tuesday.busy_s == Approx(seconds(50 * minute)));
    CHECK(*tuesday.idle_s == Approx(seconds((16 * 60 - 50) * minute)));
    // Counter 2 on Wednesday: open from the day's start to the period's end.
    const auto wednesday_rows = o.report_days(GroupBy::counter, "2026-12-02", "2026-12-02");
    const Row& wednesday = row(wednesday_rows, "2");
    CHECK(*wednesday.available_s == Approx(seconds(24 * 60 * minute)));
}

TEST_CASE("by counter, what no counter did has the key \"\"", "[metrics]") {
    Office o;
    o << o.engine.login(1, nip1, mon(8, 0));
    o.serve(1, "KTP", mon(8, 10), mon(8, 20), mon(8, 35));
    o.issue("KK", mon(9, 0));
    const auto rows = o.report(GroupBy::counter, mon(23, 0));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].key == "");  // first: arrivals, no counter
    CHECK(rows[0].arrivals == 2);
    CHECK(rows[1].key == "1");
    CHECK(rows[1].served == 1);
}

TEST_CASE("breach lists hold the furthest over, largest first", "[metrics]") {
    Office o;
    o << o.engine.login(1, nip1, mon(7, 0));
    // More breaches than a list holds, 1..n minutes over the 30-minute wait target,
    // met in a shuffled order: ticket i is issued at 07:00 + i min and waits 30 + over_i.
    const int n = static_cast<int>(metrics::breach_list_limit) + 10;
    std::vector<std::pair<Millis, TicketId>> calls;
    for (int i = 0; i < n; ++i) {
        const int over = (i * 37) % n + 1;  // each of 1..n once
        const Millis issued = mon(7, 0) + i * minute;
        calls.emplace_back(issued + (30 + over) * minute + i * 1000, o.issue("KTP", issued));
    }
    std::sort(calls.begin(), calls.end());
    for (const auto& [at, id] : calls) {
        o << o.engine.call_ticket(1, id, at);
        o << o.engine.finish(1, at + 500);
    }
    const auto rows = o.report(GroupBy::service, mon(23, 0));
    const Row& r = row(rows, "KTP");
    CHECK(r.wait_breach_count == n);
    REQUIRE(r.wait_breaches.size() == metrics::breach_list_limit);
    for (std::size_t i = 0; i < r.wait_breaches.size(); ++i)
        CHECK(static_cast<int>(r.wait_breaches[i].minutes_over) == n - static_cast<int>(i));  // + i_k seconds
    for (std::size_t i = 1; i < r.wait_breaches.size(); ++i)
        CHECK(r.wait_breaches[i - 1].minutes_over > r.wait_breaches[i].minutes_over);
}

TEST_CASE("no-show calls and no-show tickets count apart", "[metrics]") {
    Office o;
    o << o.engine.login(1, nip1, mon(8, 0));
    const TicketId a = o.issue("KTP", mon(8, 0));
    const int requeues = o.config.policy.no_show_max_requeues;
    // Called and absent until the no-show is final: requeues + 1 no-show calls, one ticket.
    for (int i = 0; i <= requeues; ++i) {
        o << o.engine.call_ticket(1, a, mon(9, 2 * i));
        o << o.engine.no_show(1, mon(9, 2 * i + 1));
    }
    REQUIRE(o.engine.find_ticket(a)->status == TicketStatus::no_show);
    // A second ticket is absent once, then served.
    const TicketId b = o.issue("KTP", mon(10, 0));
    o << o.engine.call_ticket(1, b, mon(10, 1));
    o << o.engine.no_show(1, mon(10, 2));
    o << o.engine.call_ticket(1, b, mon(10, 3));
    o << o.engine.finish(1, mon(10, 9));
    const auto rows = o.report(GroupBy::officer, mon(23, 0));
    const Row& r = row(rows, nip1);
    CHECK(r.no_shows == requeues + 2);
    CHECK(r.no_show_tickets == 1);
    CHECK(r.served == 1);
    const auto j = metrics::to_json(r);
    CHECK(j["no_shows"] == requeues + 2);
    CHECK(j["no_show_tickets"] == 1);
}

}  // namespace metrics_test
