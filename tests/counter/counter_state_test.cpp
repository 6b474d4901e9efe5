// The counter screen's reducer, driven by what the server says: the snapshot,
// events, connection changes, replies and my_day. No sockets, no SDL.
#include <catch2/catch.hpp>

#include "antre/errors.hpp"
#include "counter_fixtures.hpp"

namespace counter_state_test {

using namespace antre;
using namespace antre::counter;
using namespace antre::counter::fixtures;

namespace {

bool has(const Commands& cs, Command::Kind kind) {
    return std::any_of(cs.begin(), cs.end(), [&](const Command& c) { return c.kind == kind; });
}

}  // namespace

TEST_CASE("signing in: the snapshot, then ready, opens the main screen", "[counter]") {
    ScreenState s;
    s.phase = Phase::signing_in;
    s.counter = 2;
    CHECK(on_event(s, {{"event", "snapshot"}, {"snapshot", snapshot(nullptr, t0 + 1500)}}, t0).empty());
    CHECK(s.phase == Phase::signing_in);
    CHECK(s.has_snapshot);
    const auto cs = on_connection(s, ConnectionState::ready, "", hello_reply(), t0);
    CHECK(s.phase == Phase::working);
    CHECK(s.connected);
    CHECK(has(cs, Command::Kind::fetch_my_day));
    CHECK(s.officer_name == "Siti Rahayu");
    CHECK(s.officer_nip == nip);
    CHECK(s.counter_name == "Loket 2");
    CHECK(s.my_services == std::vector<std::string>{"KTP", "KK"});
    CHECK(s.services.size() == 3);
    CHECK(s.waiting.size() == 4);
    CHECK(waiting_here(s) == 4);
    CHECK(s.clock_offset == 1500);  // the server's clock is 1.5 s ahead of this PC's
    CHECK(server_now(s, t0) == t0 + 1500);
    CHECK_FALSE(s.active);
}

TEST_CASE("a refused hello goes back to the log-in with the server's words", "[counter]") {
    ScreenState s;
    s.phase = Phase::signing_in;
    s.login.nip = nip;
    const auto cs = on_connection(s, ConnectionState::refused, "bad_credentials: NIP atau PIN salah",
                                  refusal(errc::bad_credentials, "NIP atau PIN salah"), t0);
    CHECK(s.phase == Phase::login);
    CHECK(s.login.error == "NIP atau PIN salah");  // no hint which of the two was wrong
    CHECK(s.login.pin.empty());
    CHECK(s.login.focus == LoginField::pin);
    CHECK(has(cs, Command::Kind::end_session));

    SECTION("an expired token at a reconnect does the same from the main screen") {
        ScreenState w = signed_in();
        on_connection(w, ConnectionState::refused, "",
                      refusal(errc::bad_credentials, "Token tidak berlaku; masuk lagi dengan NIP dan PIN"), t0);
        CHECK(w.phase == Phase::login);
        CHECK(w.login.error == "Token tidak berlaku; masuk lagi dengan NIP dan PIN");
    }
}

TEST_CASE("while signing in, an unreachable server is said so", "[counter]") {
    ScreenState s;
    s.phase = Phase::signing_in;
    on_connection(s, ConnectionState::connecting, "connect: Connection refused", Reply{}, t0);
    CHECK(s.phase == Phase::signing_in);
    CHECK(s.login.link_reason == "connect: Connection refused");
}

TEST_CASE("a dropped link shows the banner, the reconnect restores the server's truth", "[counter]") {
    ScreenState s = signed_in();
    CHECK(on_connection(s, ConnectionState::connecting, "server closed the connection", Reply{}, t0).empty());
    CHECK_FALSE(s.connected);
    CHECK(s.link_problem == "server closed the connection");
    CHECK(s.phase == Phase::working);

    // Meanwhile A-002 was called here (the reply was lost with the link).
    const json a2 = called(ticket(12, "A-002", "KTP", "waiting", t0 - 25 * minute), t0 + minute);
    on_event(s, {{"event", "snapshot"}, {"snapshot", snapshot(a2, t0 + 2 * minute)}}, t0 + 2 * minute);
    const auto cs = on_connection(s, ConnectionState::ready, "", hello_reply(), t0 + 2 * minute);
    CHECK(s.connected);
    CHECK(s.link_problem.empty());
    REQUIRE(s.active);
    CHECK(s.active->label == "A-002");
    CHECK(has(cs, Command::Kind::fetch_my_day));
}

TEST_CASE("events move the active ticket through its life", "[counter]") {
    ScreenState s = signed_in();
    const json a2 = ticket(12, "A-002", "KTP", "waiting", t0 - 25 * minute);

    SECTION("called here: active, no longer waiting") {
        const json c = called(a2, t0);
        on_event(s, event("ticket_called", c, 2, counter_record(2, "open", c)), t0);
        REQUIRE(s.active);
        CHECK(s.active->status == "called");
        CHECK(s.waiting.size() == 3);

        const json sv = serving(a2, t0, t0 + minute);
        on_event(s, event("service_started", sv, 2, counter_record(2, "open", sv)), t0 + minute);
        CHECK(s.active->status == "serving");
        CHECK(*s.active->service_started_at == t0 + minute);

        json done = sv;
        done["status"] = "done";
        const auto cs = on_event(s, event("ticket_finished", done, 2, counter_record(2, "open")), t0 + 9 * minute);
        CHECK_FALSE(s.active);
        CHECK(has(cs, Command::Kind::fetch_my_day));  // the officer's figures change
    }
    SECTION("a no-show requeued comes back into the waiting list") {
        const json c = called(a2, t0);
        on_event(s, event("ticket_called", c, 2, counter_record(2, "open", c)), t0);
        json back = a2;
        back["no_shows"] = 1;
        const auto cs = on_event(s, event("ticket_no_show", back, 2, counter_record(2, "open")), t0 + minute);
        CHECK_FALSE(s.active);
        CHECK(s.waiting.size() == 4);
        CHECK(has(cs, Command::Kind::fetch_my_day));
    }
    SECTION("another counter's call leaves this counter alone") {
        const json c = called(a2, t0, 1);
        const auto cs = on_event(
            s, event("ticket_called", c, 1, counter_record(1, "open", c, "198507142010011002"), "198507142010011002"),
            t0);
        CHECK_FALSE(s.active);
        CHECK(s.waiting.size() == 3);
        CHECK(cs.empty());  // not this officer's ticket: no my_day
    }
    SECTION("issued and cancelled tickets join and leave the waiting list") {
        on_event(s, event("ticket_issued", ticket(30, "B-002", "KK", "waiting", t0), 0), t0);
        CHECK(s.waiting.size() == 5);
        json x = ticket(30, "B-002", "KK", "cancelled", t0);
        on_event(s, event("ticket_cancelled", x, 0), t0);
        CHECK(s.waiting.size() == 4);
    }
}

TEST_CASE("queue_changed updates the waiting counts and the oldest wait", "[counter]") {
    ScreenState s = signed_in();
    on_event(
        s,
        {{"event", "queue_changed"},
         {"services", json::array({service("KK", "B", "Kartu Keluarga", "Family card", 20, 5, t0 - 40 * minute, 2)})}},
        t0);
    const ServiceView* kk = find_service(s, "KK");
    REQUIRE(kk);
    CHECK(kk->waiting == 5);
    CHECK(kk->priority_waiting == 2);
    CHECK(*kk->oldest_issued_at == t0 - 40 * minute);
    CHECK(waiting_here(s) == 8);
}

TEST_CASE("the counter closed under the officer goes back to the log-in", "[counter]") {
    ScreenState s = signed_in();
    SECTION("by a manager or the day's close") {
        const auto cs =
            on_event(s, event("counter_closed", nullptr, 2, counter_record(2, "closed"), "197911052006042003"), t0);
        CHECK(s.phase == Phase::login);
        CHECK(s.login.notice == texts(Language::id).counter_closed);
        CHECK(has(cs, Command::Kind::end_session));
    }
    SECTION("another officer took the counter") {
        on_event(s, event("counter_opened", nullptr, 2, counter_record(2, "open", nullptr, "111")), t0);
        CHECK(s.phase == Phase::login);
    }
    SECTION("but not while the officer's own Keluar waits for its reply") {
        s.pending = Pending{Action::logout, "logout", t0, 1};
        on_event(s, event("counter_closed", nullptr, 2, counter_record(2, "closed")), t0);
        CHECK(s.phase == Phase::working);
        on_reply(s, "logout", ok({{"counter", counter_record(2, "closed")}}), t0);
        CHECK(s.phase == Phase::login);
        CHECK(s.login.notice == texts(Language::id).signed_out);
    }
    SECTION("a pause comes with its reason") {
        on_event(s, event("counter_paused", nullptr, 2, counter_record(2, "paused")), t0);
        CHECK(s.counter_status == "paused");
        CHECK(s.pause_reason == "sholat");
    }
}

TEST_CASE("a new day clears yesterday's waiting tickets and refreshes the figures", "[counter]") {
    ScreenState s = signed_in();
    json e = event("day_started", nullptr, 0);
    e["detail"] = "2026-12-01";
    const auto cs = on_event(s, e, t0);
    CHECK(s.waiting.empty());
    CHECK(s.day == "2026-12-01");
    CHECK(has(cs, Command::Kind::fetch_my_day));
}

TEST_CASE("replies: success and refusal are both shown, never swallowed", "[counter]") {
    ScreenState s = signed_in();
    s.pending = Pending{Action::call_next, "call_next", t0, 1};
    const json c = called(ticket(12, "A-002", "KTP", "waiting", t0 - 25 * minute), t0);

    SECTION("a success names the ticket and applies the reply's record at once") {
        CHECK(on_reply(s, "call_next", ok({{"ticket", c}}), t0).empty());
        CHECK_FALSE(s.pending);
        REQUIRE(s.message);
        CHECK(s.message->tone == Tone::ok);
        CHECK(s.message->text == "A-002 dipanggil");
        REQUIRE(s.active);
        CHECK(s.active->label == "A-002");
    }
    SECTION("a refusal shows the server's message") {
        on_reply(s, "call_next", refusal(errc::queue_empty, "Tidak ada antrean untuk Loket 2"), t0);
        REQUIRE(s.message);
        CHECK(s.message->tone == Tone::refusal);
        CHECK(s.message->text == "Ditolak server: Tidak ada antrean untuk Loket 2");
    }
    SECTION("counter_closed ends the session with the server's message") {
        const auto cs = on_reply(s, "call_next", refusal(errc::counter_closed, "Sesi di loket 2 sudah berakhir"), t0);
        CHECK(s.phase == Phase::login);
        CHECK(s.login.error == "Sesi di loket 2 sudah berakhir");
        CHECK(has(cs, Command::Kind::end_session));
    }
    SECTION("no answer after every retry: said so, and the truth is re-read") {
        on_retry(s, 2);
        CHECK(s.pending->attempt == 2);
        const auto cs = on_reply(s, "call_next", refusal(errc::connection_lost, "connection lost"), t0);
        CHECK(s.message->text == texts(Language::id).no_answer);
        CHECK(has(cs, Command::Kind::fetch_snapshot));
    }
    SECTION("an answer after a retry re-reads the snapshot: it may be the first answer replayed") {
        on_retry(s, 2);
        CHECK(has(on_reply(s, "call_next", ok({{"ticket", c}}), t0), Command::Kind::fetch_snapshot));
    }
    SECTION("a no-show says whether the ticket went back to the queue") {
        json back = ticket(12, "A-002", "KTP", "waiting", t0);
        on_reply(s, "no_show", ok({{"ticket", back}}), t0);
        CHECK(s.message->text == "A-002 tidak hadir; dikembalikan ke antrean");
        json final_ = back;
        final_["status"] = "no_show";
        on_reply(s, "no_show", ok({{"ticket", final_}}), t0);
        CHECK(s.message->text == "A-002 tidak hadir; nomor ditutup");
    }
    SECTION("a transfer names the target service") {
        json moved = ticket(12, "A-002", "KK", "waiting", t0);
        on_reply(s, "transfer", ok({{"ticket", moved}}), t0);
        CHECK(s.message->text == "A-002 dialihkan ke Kartu Keluarga");
    }
    SECTION("a pause names its reason, in English too") {
        s.language = Language::en;
        on_reply(s, "pause", ok({{"counter", counter_record(2, "paused")}}), t0);
        CHECK(s.message->text == "Counter on a break: Prayer (sholat)");
        CHECK(s.counter_status == "paused");
    }
}

TEST_CASE("my_day fills the officer's figures, unknown values stay unknown", "[counter]") {
    ScreenState s = signed_in();
    on_my_day(
        s,
        ok({{"served", 7}, {"no_shows", 1}, {"transfers", 2}, {"median_service_s", 400}, {"within_standard", 0.857}}));
    CHECK(s.my_day.known);
    CHECK(s.my_day.served == 7);
    CHECK(s.my_day.no_shows == 1);
    CHECK(s.my_day.transfers == 2);
    CHECK(*s.my_day.median_service_s == 400);
    CHECK(percent(s.my_day.within_standard) == "86%");
    CHECK(duration_words(Language::id, 400) == "6 mnt 40 dtk");

    on_my_day(s, ok({{"served", 0},
                     {"no_shows", 0},
                     {"transfers", 0},
                     {"median_service_s", nullptr},
                     {"within_standard", nullptr}}));
    CHECK(s.my_day.known);
    CHECK_FALSE(s.my_day.median_service_s);
    CHECK(percent(s.my_day.within_standard) == "\u2013");
}

TEST_CASE("the timer: time since the call, then service time against the standard", "[counter]") {
    CHECK(tone_against(0, 15) == TimerTone::ok);
    CHECK(tone_against(11 * minute, 15) == TimerTone::ok);                // 73 %
    CHECK(tone_against(11 * minute + 15'000, 15) == TimerTone::warning);  // 75 %
    CHECK(tone_against(15 * minute, 15) == TimerTone::warning);           // exactly the standard
    CHECK(tone_against(15 * minute + 1, 15) == TimerTone::danger);

    const json a2 = ticket(12, "A-002", "KTP", "waiting", t0 - 25 * minute);
    ScreenState s = signed_in(called(a2, t0));
    CHECK(active_elapsed(s, t0 + 90'000) == 90'000);
    CHECK(active_tone(s, t0 + 30 * minute) == TimerTone::neutral);  // the walk has no standard

    s = signed_in(serving(a2, t0, t0 + 2 * minute));
    CHECK(active_elapsed(s, t0 + 10 * minute) == 8 * minute);
    CHECK(active_tone(s, t0 + 10 * minute) == TimerTone::ok);
    CHECK(active_tone(s, t0 + 14 * minute) == TimerTone::warning);
    CHECK(active_tone(s, t0 + 20 * minute) == TimerTone::danger);
    CHECK(clock_duration(8 * minute + 5'000) == "8:05");
    CHECK(clock_duration(62 * minute) == "1:02:00");
}

TEST_CASE("messages go after a while, refusals stay longer", "[counter]") {
    ScreenState s = signed_in();
    show(s, Tone::ok, "A-002 dipanggil", t0);
    tick(s, t0 + message_ms - 1);
    CHECK(s.message);
    tick(s, t0 + message_ms);
    CHECK_FALSE(s.message);
    show(s, Tone::refusal, "Ditolak", t0);
    tick(s, t0 + message_ms);
    CHECK(s.message);
    tick(s, t0 + refusal_ms);
    CHECK_FALSE(s.message);
}

TEST_CASE("events on the log-in screen are ignored", "[counter]") {
    ScreenState s;
    CHECK(on_event(s, {{"event", "snapshot"}, {"snapshot", snapshot()}}, t0).empty());
    CHECK_FALSE(s.has_snapshot);
    CHECK(on_connection(s, ConnectionState::ready, "", hello_reply(), t0).empty());
    CHECK(s.phase == Phase::login);
}

}  // namespace counter_state_test
