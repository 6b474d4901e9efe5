#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <thread>

#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "hub_ahead.hpp"
#include "hub_fixtures.hpp"
#include "hub_months.hpp"
#include "hub_reports.hpp"
#include "hub_store.hpp"
#include "password.hpp"
#include "pg.hpp"
#include "pg_cluster.hpp"
#include "reports.hpp"

namespace hub_months_test {

using namespace antre;
using antre::test::hub_state_of;
using antre::test::PgCluster;
using nlohmann::json;

namespace {

constexpr Millis minute = 60'000;
constexpr const char* zone = "Asia/Jayapura";
constexpr const char* nip = "199002022015032002";

// An office's log being written: tickets issued, called after a wait, finished, and
// surveys, each event with the next seq; and the tickets' rows as the office ships them.
struct Log {
    OfficeCalendar calendar{zone};
    std::int64_t seq = 0;

    hub::ShippedEvent event(const std::string& type, const std::string& day, Millis at, std::optional<TicketId> ticket,
                            const std::string& detail = "") {
        hub::ShippedEvent e;
        e.seq = ++seq;
        e.event.at = at;
        e.event.day = day;
        e.event.type = type;
        e.event.ticket = ticket;
        e.event.service = "KTP";
        e.event.counter = type == "ticket_issued" || type == "survey_submitted" ? 0 : 1;
        e.event.officer = e.event.counter ? nip : "";
        e.event.detail = detail;
        return e;
    }

    // Tickets `first`.. issued from 09:00 on `day`, a minute apart, called after `waits`.
    std::vector<hub::ShippedEvent> day(const std::string& day, TicketId first, const std::vector<int>& waits,
                                       int surveys) {
        std::vector<hub::ShippedEvent> out;
        const Millis nine = calendar.day_start(day) + 9 * 60 * minute;
        for (std::size_t k = 0; k < waits.size(); ++k) {
            const auto id = first + static_cast<TicketId>(k);
            const Millis issued = nine + static_cast<Millis>(k) * minute;
            out.push_back(event("ticket_issued", day, issued, id, "none"));
            out.push_back(event("ticket_called", day, issued + waits[k] * minute, id));
            out.push_back(event("ticket_finished", day, issued + (waits[k] + 5) * minute, id));
        }
        for (int s = 0; s < surveys; ++s)
            out.push_back(event("survey_submitted", day, nine + 400 * minute, std::nullopt, "4,3,4,4,3,3,4,4,3"));
        return out;
    }
};

std::vector<hub::TicketFacts> rows_of(const std::vector<hub::ShippedEvent>& events, const std::string& prefix = "A-") {
    std::vector<hub::TicketFacts> out;
    for (const auto& e : events)
        if (e.event.type == "ticket_issued")
            out.push_back({static_cast<std::int64_t>(*e.event.ticket), prefix + std::to_string(*e.event.ticket), 600,
                           std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    return out;
}

Millis system_now() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The figures as replaying the events gives them, with nothing kept: what the hub
// computed before months were kept.
struct Replay {
    hub::HubStore& store;
    Millis now;

    std::vector<Service> services_of() {
        const json state = json::parse(*store.state("sorong"));
        std::vector<Service> services;
        for (json s : state.at("services")) {
            s.erase("closed");
            services.push_back(service_from_json(s.dump(), "services"));
        }
        return services;
    }

    json report(const std::string& by, const std::string& from, const std::string& to) {
        const OfficeCalendar calendar(zone);
        const auto services = services_of();
        const auto p = reports::period(calendar, from, to);
        json reply = reports::report(p, *metrics::parse_group_by(by), calendar,
                                     std::min(calendar.next_day_start(p.to_ms), now), services, events(p));
        if (by != "office") return reply;
        json row = reply["rows"].empty() ? metrics::to_json(metrics::Row{}) : reply["rows"][0];
        row["key"] = "sorong";
        return json::array({row});
    }
    json ikm(const std::string& service, const std::string& from, const std::string& to) {
        return reports::ikm(reports::period(OfficeCalendar(zone), from, to), service,
                            events(reports::period(OfficeCalendar(zone), from, to)));
    }
    json sheet(const std::string& from, const std::string& to) {
        const OfficeCalendar calendar(zone);
        const auto services = services_of();
        const auto p = reports::period(calendar, from, to);
        return reports::officer_sheet(p, nip, "Siti Rahayu", calendar, std::min(calendar.next_day_start(p.to_ms), now),
                                      services, events(p));
    }
    reports::EventSource events(const reports::Period& p) {
        return [this, p](const auto& visit) { store.for_each_event("sorong", p.from, p.to, visit); };
    }
};

// What the hub answers a reader.
json ask(hub::Figures& figures, const std::string& by, const std::string& from, const std::string& to) {
    const json reply = figures.run("report", {{"by", by}, {"from", from}, {"to", to}, {"offices", {"sorong"}}});
    return by == "office" ? reply["rows"] : reply["offices"][0]["reply"];
}

int kept_rows(const std::string& conninfo, const std::string& where = "true") {
    pg::Connection c(conninfo);
    return std::stoi(c.exec("SELECT count(*) FROM month_figures WHERE " + where).get(0, 0));
}

std::int64_t version_of(const std::string& conninfo, const std::string& month) {
    pg::Connection c(conninfo);
    auto r = c.exec("SELECT version FROM office_months WHERE office_id = 'sorong' AND month = $1::date", {month});
    return r.rows() == 0 ? 0 : std::stoll(r.get(0, 0));
}

const char* const all_by[] = {"officer", "service", "counter", "day", "hour", "office"};

}  // namespace

TEST_CASE("hub months: whole months are recognised, other periods are not") {
    using hub::months::whole_month;
    CHECK(whole_month("2025-10-01", "2025-10-31") == "2025-10-01");
    CHECK(whole_month("2024-02-01", "2024-02-29") == "2024-02-01");
    CHECK(whole_month("2025-02-01", "2025-02-28") == "2025-02-01");
    CHECK(whole_month("2025-11-01", "2025-11-30") == "2025-11-01");
    CHECK_FALSE(whole_month("2024-02-01", "2024-02-28"));
    CHECK_FALSE(whole_month("2025-10-01", "2025-10-30"));
    CHECK_FALSE(whole_month("2025-10-02", "2025-10-31"));
    CHECK_FALSE(whole_month("2025-10-01", "2025-11-30"));
    CHECK_FALSE(whole_month("2025-09-01", "2025-10-31"));
}

TEST_CASE("hub months: a closed month's figures are kept and equal the replay after late batches, rows and targets") {
    PgCluster pg;
    hub::HubStore store(pg.conninfo());
    store.put_office("sorong", password::hash_pin("x"));
    store.store_state("sorong", hub_state_of("Disdukcapil Kota Sorong", 60));
    Log log;
    // October: two days; ticket 1 waits 90 minutes, over the 60-minute standard.
    auto october = log.day("2025-10-06", 1, {90, 10, 20}, 2);
    auto more = log.day("2025-10-07", 4, {5, 70}, 1);
    october.insert(october.end(), more.begin(), more.end());
    store.store_events("sorong", october, rows_of(october), log.seq);
    const auto month_from = "2025-10-01", month_to = "2025-10-31";

    hub::Figures figures(store, std::nullopt, system_now());
    Replay replay{store, system_now()};
    auto all_equal = [&](const std::string& from, const std::string& to) {
        for (const char* by : all_by) {
            INFO(by << " " << from << ".." << to);
            CHECK(ask(figures, by, from, to) == replay.report(by, from, to));
        }
        for (const std::string service : {"", "KTP"}) {
            json request = {{"from", from}, {"to", to}, {"offices", {"sorong"}}};
            if (!service.empty()) request["service"] = service;
            CHECK(figures.run("ikm", request)["offices"][0]["reply"] == replay.ikm(service, from, to));
        }
    };

    // First read: computed and kept, one row per `by` and per IKM asked.
    all_equal(month_from, month_to);
    CHECK(kept_rows(pg.conninfo()) == 8);
    const json first = ask(figures, "service", month_from, month_to);
    CHECK(first["rows"][0]["served"] == 5);
    CHECK(first["rows"][0]["wait_breaches"][0]["label"] == "A-1");
    // Read again: the kept reply is what is answered (a changed copy shows through).
    {
        pg::Connection c(pg.conninfo());
        c.exec("UPDATE month_figures SET reply = '{\"kept\":true}' WHERE kind = 'report:day'");
    }
    CHECK(ask(figures, "day", month_from, month_to) == json{{"kept", true}});

    SECTION("a late batch of the month, out of order, is in the next read") {
        auto late = log.day("2025-10-30", 10, {15, 65, 25, 5}, 3);
        const std::vector<hub::ShippedEvent> second(late.begin() + 6, late.end()),
            first_half(late.begin(), late.begin() + 6);
        store.store_events("sorong", second, rows_of(second), log.seq);  // above a gap: stored, not acked
        all_equal(month_from, month_to);
        store.store_events("sorong", first_half, rows_of(first_half), log.seq);
        all_equal(month_from, month_to);
        CHECK(ask(figures, "service", month_from, month_to)["rows"][0]["served"] == 9);
        CHECK(store.acked_seq("sorong") == log.seq);
        // The same batch again stores nothing and changes no row: the month's version stays.
        const auto version = version_of(pg.conninfo(), month_from);
        CHECK(version > 0);
        CHECK(store.store_events("sorong", late, rows_of(late), log.seq).inserted == 0);
        CHECK(version_of(pg.conninfo(), month_from) == version);
        all_equal(month_from, month_to);
    }
    SECTION("a ticket's row changed by a batch of the next month is in the month's next read") {
        // Ticket 1's row comes again with a November event naming it (its label here).
        auto november = log.day("2025-11-03", 20, {10}, 0);
        november.push_back(log.event("ticket_rated", "2025-11-03", log.calendar.day_start("2025-11-03"), 1, "4"));
        auto rows = rows_of(november);
        rows.push_back({1, "B-1", 600, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
        store.store_events("sorong", november, rows, log.seq);
        all_equal(month_from, month_to);
        CHECK(ask(figures, "service", month_from, month_to)["rows"][0]["wait_breaches"][0]["label"] == "B-1");
        all_equal("2025-11-01", "2025-11-30");
    }
    SECTION("a new target in the office's state is in the month's next read") {
        store.store_state("sorong", hub_state_of("Disdukcapil Kota Sorong", 120));
        all_equal(month_from, month_to);
        CHECK(ask(figures, "service", month_from, month_to)["rows"][0]["wait_within"] == 1.0);
    }
    SECTION("periods that are not one closed month are replayed and nothing more is kept") {
        const int kept = kept_rows(pg.conninfo());
        all_equal("2025-10-01", "2025-10-30");
        all_equal("2025-10-07", "2025-11-06");
        all_equal("2025-09-01", "2025-10-31");
        all_equal("2025-10-06", "2025-10-06");
        // The month while it runs: open counter sessions count up to now.
        const Millis during = log.calendar.day_start("2025-10-20");
        hub::Figures early(store, std::nullopt, during);
        Replay replay_early{store, during};
        for (const char* by : all_by)
            CHECK(ask(early, by, month_from, month_to) == replay_early.report(by, month_from, month_to));
        CHECK(kept_rows(pg.conninfo()) == kept);
    }
    SECTION("the ranking reads the kept month too") {
        const json ranking = figures.run("ranking", {{"by", "wait_within"}, {"from", month_from}, {"to", month_to}});
        const json row = replay.report("office", month_from, month_to)[0];
        CHECK(ranking["offices"][0]["wait_within"] == row["wait_within"]);
        CHECK(ranking["offices"][0]["responses"] == 3);
    }
}

TEST_CASE("hub months: closed months are computed ahead of the first read, again after a late batch, after a restart") {
    PgCluster pg;
    hub::HubStore store(pg.conninfo());
    store.put_office("sorong", password::hash_pin("x"));
    // The office's state with its officer, whose sheets are kept too.
    auto with_officer = [](const std::string& state) {
        json j = json::parse(state);
        j["officers"] = {{{"nip", nip}, {"name", "Siti Rahayu"}, {"role", "officer"}, {"active", true}}};
        return j.dump();
    };
    store.store_state("sorong", with_officer(hub_state_of("Disdukcapil Kota Sorong", 60)));
    Log log;
    auto october = log.day("2025-10-06", 1, {90, 10, 20}, 2);
    store.store_events("sorong", october, rows_of(october), log.seq);
    const auto month_from = "2025-10-01", month_to = "2025-10-31";
    const auto kinds = hub::Figures::ahead_kinds();
    const int ahead = static_cast<int>(kinds.size());
    std::map<std::string, std::string> seen;
    const Millis now = system_now();

    // The month is over at the hub, but the office's ack is still inside it: it may
    // still ship the month's last days, so nothing is computed.
    CHECK(hub::MonthsAhead::pass(store, now, seen) == 0);
    CHECK(kept_rows(pg.conninfo()) == 0);

    // Its first November event moves the ack past October's end: the pass keeps October
    // (not November, which the ack is inside), with no read.
    auto november = log.day("2025-11-03", 10, {15}, 0);
    store.store_events("sorong", november, rows_of(november), log.seq);
    CHECK(hub::MonthsAhead::pass(store, now, seen) == kinds.size());
    CHECK(kept_rows(pg.conninfo()) == ahead);
    CHECK(kept_rows(pg.conninfo(), "month = '2025-11-01'") == 0);
    CHECK(hub::MonthsAhead::pass(store, now, seen) == 0);  // nothing moved

    Replay replay{store, now};
    // A reader's first read answers from the kept rows: nothing is replayed, and the
    // replies are those of the replay.
    auto read_kept = [&] {
        hub::Figures figures(store, std::nullopt, now);
        CHECK(ask(figures, "office", month_from, month_to) == replay.report("office", month_from, month_to));
        CHECK(ask(figures, "service", month_from, month_to) == replay.report("service", month_from, month_to));
        CHECK(figures.run("ikm", {{"from", month_from}, {"to", month_to}})["offices"][0]["reply"] ==
              replay.ikm("", month_from, month_to));
        figures.run("ranking", {{"by", "ikm"}, {"from", month_from}, {"to", month_to}});
        const json sheet = figures.run(
            "officer_sheet", {{"office", "sorong"}, {"officer", nip}, {"from", month_from}, {"to", month_to}});
        CHECK(sheet["offices"][0]["reply"] == replay.sheet(month_from, month_to));
        CHECK(figures.replays() == 0);
        return ask(figures, "service", month_from, month_to);
    };
    CHECK(read_kept()["rows"][0]["served"] == 3);
    {
        // The same reads with nothing kept replay: the counter counts them.
        hub::Figures figures(store, std::nullopt, now);
        ask(figures, "service", "2025-10-01", "2025-10-30");
        figures.run("officer_sheet",
                    {{"office", "sorong"}, {"officer", nip}, {"from", "2025-10-01"}, {"to", "2025-10-30"}});
        CHECK(figures.replays() == 2);
    }

    SECTION("a late batch of the month makes the pass compute it again") {
        auto late = log.day("2025-10-30", 20, {5, 65}, 1);
        store.store_events("sorong", late, rows_of(late), log.seq);
        CHECK(hub::MonthsAhead::pass(store, now, seen) == kinds.size());
        CHECK(read_kept()["rows"][0]["served"] == 5);
    }
    SECTION("a new target in the office's state makes the pass compute it again") {
        store.store_state("sorong", with_officer(hub_state_of("Disdukcapil Kota Sorong", 120)));
        CHECK(hub::MonthsAhead::pass(store, now, seen) == kinds.size());
        CHECK(read_kept()["rows"][0]["wait_within"] == 1.0);
    }
    SECTION("the pass's own thread keeps what changed, and a hub started again does too") {
        auto wait_for = [](hub::MonthsAhead& a, std::size_t kept) {
            for (int i = 0; i < 6000 && a.kept() < kept; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            return a.kept();
        };
        auto late = log.day("2025-10-29", 30, {25}, 0);
        store.store_events("sorong", late, rows_of(late), log.seq);
        {
            hub::MonthsAhead a({pg.conninfo(), std::chrono::milliseconds(50), [now] { return now; }});
            CHECK(wait_for(a, kinds.size()) == kinds.size());
        }
        CHECK(read_kept()["rows"][0]["served"] == 4);
        // Stopped, a batch arrives, started again: the new thread sees the month behind.
        auto later = log.day("2025-10-31", 40, {30}, 0);
        store.store_events("sorong", later, rows_of(later), log.seq);
        hub::MonthsAhead b({pg.conninfo(), std::chrono::milliseconds(50), [now] { return now; }});
        CHECK(wait_for(b, kinds.size()) == kinds.size());
        CHECK(read_kept()["rows"][0]["served"] == 5);
        // A restarted PostgreSQL: the pass connects again and goes on.
        pg.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        pg.start();
        hub::HubStore again(pg.conninfo());
        auto last = log.day("2025-10-28", 50, {35}, 0);
        again.store_events("sorong", last, rows_of(last), log.seq);
        CHECK(wait_for(b, 2 * kinds.size()) == 2 * kinds.size());
        hub::Figures figures(again, std::nullopt, now);
        CHECK(ask(figures, "service", month_from, month_to)["rows"][0]["served"] == 6);
        CHECK(figures.replays() == 0);
    }
}

}  // namespace hub_months_test
