// A ticket from an online booking at the counter (docs/booking.md "The mark and the
// NIK", docs/counter.md): the reducer reads the booking once per active booked
// ticket and drops it with the ticket; the screen draws the "Daring" mark beside the
// number, the NIK and name below, and the mark in Panggil Nomor's rows.
#include <algorithm>
#include <iterator>
#include <vector>

#include <catch2/catch.hpp>

#include "antre/counter/actions.hpp"
#include "antre/counter/input.hpp"
#include "antre/counter/layout.hpp"
#include "antre/counter/render.hpp"
#include "antre/gui/theme.hpp"
#include "counter_fixtures.hpp"
#include "counter_shot.hpp"
#include "text_checks.hpp"

namespace counter_booked_test {

using namespace antre;
using namespace antre::counter;
using namespace antre::counter::fixtures;
namespace theme = antre::gui::theme;

namespace {

const std::string budi_nik = "9271011205900001";
const json a12 = booked(ticket(31, "A-012", "KTP", "waiting", t0 - 10 * minute));
const json a13 = booked(ticket(32, "A-013", "KTP", "waiting", t0 - 5 * minute), 4);
const json a2 = ticket(12, "A-002", "KTP", "waiting", t0 - 25 * minute);

std::vector<Command> fetches(const Commands& cs) {
    std::vector<Command> out;
    std::copy_if(cs.begin(), cs.end(), std::back_inserter(out),
                 [](const Command& c) { return c.kind == Command::Kind::fetch_booking; });
    return out;
}

/// The reply to call_next or finish, as the server sends it.
Reply reply_with(const json& t, const json& counter_active) {
    return ok({{"ticket", t}, {"counter", counter_record(2, "open", counter_active)}});
}

json finished(json t) {
    t["status"] = "done";
    return t;
}

}  // namespace

TEST_CASE("a booked ticket called here: its booking read once, shown, gone with the next ticket", "[counter]") {
    ScreenState s = signed_in();
    const json c = called(a12, t0);
    const auto cs = on_reply(s, "call_next", reply_with(c, c), t0);
    REQUIRE(s.active);
    CHECK(s.active->booking == 3);
    const auto f = fetches(cs);
    REQUIRE(f.size() == 1);
    CHECK(f[0].ticket == 31);
    REQUIRE(s.booking);
    CHECK(s.booking->status == BookingView::Status::loading);

    // The call's event, a recall and the start keep the same ticket: no second read.
    CHECK(fetches(on_event(s, event("ticket_called", c, 2, counter_record(2, "open", c)), t0)).empty());
    on_booking(s, 31, booking_reply(31, budi_nik, "Budi Santoso"));
    REQUIRE(s.booking);
    CHECK(s.booking->status == BookingView::Status::loaded);
    CHECK(s.booking->nik == budi_nik);
    CHECK(s.booking->name == "Budi Santoso");
    CHECK(s.booking->session == "09:00\u201310:00");
    const json sv = serving(a12, t0, t0 + minute);
    CHECK(fetches(on_event(s, event("service_started", sv, 2, counter_record(2, "open", sv)), t0 + minute)).empty());
    CHECK(fetches(on_event(s, {{"event", "snapshot"}, {"snapshot", snapshot(sv)}}, t0 + minute)).empty());
    CHECK(s.booking->nik == budi_nik);

    // Finished: the NIK goes with the ticket; the next one is a walk-in.
    on_reply(s, "finish", reply_with(finished(sv), nullptr), t0 + 8 * minute);
    CHECK_FALSE(s.active);
    CHECK_FALSE(s.booking);
    const json w = called(a2, t0 + 9 * minute);
    CHECK(fetches(on_reply(s, "call_next", reply_with(w, w), t0 + 9 * minute)).empty());
    CHECK(s.active->label == "A-002");
    CHECK_FALSE(s.booking);
    // A late answer for the finished ticket shows nothing.
    on_booking(s, 31, booking_reply(31, budi_nik, "Budi Santoso"));
    CHECK_FALSE(s.booking);
}

TEST_CASE("a booked ticket: another ticket's answer is dropped, a failure says so and is read again", "[counter]") {
    ScreenState s = signed_in();
    const json c12 = called(a12, t0);
    on_reply(s, "call_next", reply_with(c12, c12), t0);
    // A-012 is transferred away before its booking arrives; A-013, booked too, is called.
    json gone = a12;
    gone["service"] = "KK";
    on_reply(s, "transfer", reply_with(gone, nullptr), t0 + minute);
    CHECK_FALSE(s.booking);
    const json c13 = called(a13, t0 + 2 * minute);
    const auto f = fetches(on_reply(s, "call_next", reply_with(c13, c13), t0 + 2 * minute));
    REQUIRE(f.size() == 1);
    CHECK(f[0].ticket == 32);
    on_booking(s, 31, booking_reply(31, budi_nik, "Budi Santoso"));  // A-012's, late
    REQUIRE(s.booking);
    CHECK(s.booking->ticket == 32);
    CHECK(s.booking->status == BookingView::Status::loading);
    CHECK(s.booking->nik.empty());

    on_booking(s, 32, refusal("timeout", "no reply within 10000 ms"));
    CHECK(s.booking->status == BookingView::Status::failed);
    CHECK(s.booking->error == "no reply within 10000 ms");
    CHECK(s.booking->nik.empty());
    // The link drops and comes back: the booking is read again, once.
    on_connection(s, ConnectionState::connecting, "server closed the connection", Reply{}, t0 + 3 * minute);
    const auto again = fetches(on_connection(s, ConnectionState::ready, "", hello_reply(), t0 + 3 * minute));
    REQUIRE(again.size() == 1);
    CHECK(again[0].ticket == 32);
    on_booking(s, 32, booking_reply(32, "9271015306900002", "Maria Kambu"));
    CHECK(s.booking->nik == "9271015306900002");
    CHECK(fetches(on_connection(s, ConnectionState::ready, "", hello_reply(), t0 + 4 * minute)).empty());
}

TEST_CASE("a walk-in ticket never has a booking, and signing out forgets the NIK", "[counter]") {
    ScreenState s = signed_in(called(a2, t0));
    CHECK_FALSE(s.booking);
    on_booking(s, 12, booking_reply(12, budi_nik, "Budi Santoso"));
    CHECK_FALSE(s.booking);

    // Signed in while a booked ticket is active here: read at once.
    ScreenState b;
    b.phase = Phase::signing_in;
    b.counter = 2;
    const json c = called(a12, t0);
    on_event(b, {{"event", "snapshot"}, {"snapshot", snapshot(c)}}, t0);
    const auto f = fetches(on_connection(b, ConnectionState::ready, "", hello_reply(counter_record(2, "open", c)), t0));
    REQUIRE(f.size() == 1);
    on_booking(b, 31, booking_reply(31, budi_nik, "Budi Santoso"));
    CHECK(b.booking->nik == budi_nik);
    back_to_login(b, "", "");
    CHECK_FALSE(b.booking);
}

TEST_CASE("Panggil Nomor marks booked tickets", "[counter]") {
    ScreenState s = signed_in();
    on_event(s, event("ticket_issued", a12, 0), t0);
    on_key(s, Key::f7, t0);
    const auto rows = dialog_rows(s, t0);
    REQUIRE(rows.size() == 5);
    for (const auto& r : rows) CHECK(r.mark == (r.value == "A-012" ? "Daring" : ""));
    s.language = Language::en;
    const auto en = dialog_rows(s, t0);
    CHECK(std::any_of(en.begin(), en.end(), [](const DialogRow& r) { return r.mark == "Online"; }));
}

TEST_CASE("the booked ticket on screen: the Daring mark, the NIK and name", "[counter][gui]") {
    gui::SdlLibrary sdl(0);
    const json sv = serving(a12, t0, t0 + minute);
    ScreenState s = signed_in(sv);
    REQUIRE(s.booking);  // the sign-in asked for it
    on_booking(s, 31, booking_reply(31, budi_nik, "Budi Santoso"));
    const Millis now = t0 + 4 * minute;
    const ScreenState walk_in = signed_in(serving(a2, t0, t0 + minute));

    for (auto [w, h] : {std::pair{1280, 720}, std::pair{1024, 600}}) {
        const std::string suffix = w == 1280 ? "" : "_1024";
        Rendered r(s, w, h, now, "counter_booked" + suffix + ".png");
        const gui::Rect panel = r.layout.ticket_panel;
        CHECK(r.count(panel, booked_mark) > 400);  // the chip beside the number
        const auto* nik = r.drawn(budi_nik);
        REQUIRE(nik);
        CHECK(nik->size / r.layout.unit >= 24);  // large: read against the KTP-el
        CHECK(nik->where.y > panel.y);
        CHECK(nik->where.y + nik->where.h <= r.layout.timer.y);
        CHECK(r.light_pixels(nik->where) > 60);
        CHECK(r.drawn("Budi Santoso"));
        CHECK(r.drawn("Daring"));

        Rendered plain(walk_in, w, h, now);
        CHECK(plain.count(plain.layout.ticket_panel, booked_mark) == 0);
        CHECK_FALSE(plain.drawn("Daring"));
    }
    SECTION("in English") {
        s.language = Language::en;
        Rendered r(s, 1280, 720, now, "counter_booked_en.png");
        CHECK(r.drawn("Online"));
        CHECK(r.drawn(budi_nik));
    }
    SECTION("while loading, and when the read failed: words, never a NIK") {
        ScreenState loading = signed_in(sv);
        Rendered l(loading, 1280, 720, now);
        CHECK(l.drawn(texts(Language::id).booking_loading));
        CHECK(l.count(l.layout.ticket_panel, booked_mark) > 400);
        on_booking(loading, 31, refusal("timeout", "no reply within 10000 ms"));
        Rendered f(loading, 1024, 600, now, "counter_booked_failed_1024.png");
        CHECK(f.drawn(texts(Language::id).booking_failed));
        CHECK_FALSE(f.drawn(budi_nik));
    }
    SECTION("a long name is cut, never shrunk below the smallest text") {
        on_booking(s, 31, booking_reply(31, budi_nik, "Muhammad Rizky Pratama Putra Siregar Wambrauw Kambu Rumbiak"));
        Rendered r(s, 1024, 600, now, "counter_booked_long_name_1024.png");  // the texts are checked inside
        CHECK(r.drawn(budi_nik));
    }
    SECTION("Panggil Nomor's row of a booked ticket carries the mark") {
        ScreenState d = signed_in();
        on_event(d, event("ticket_issued", a12, 0), t0);
        on_key(d, Key::f7, t0);
        Rendered r(d, 1280, 720, now, "counter_call_number_booked.png");
        CHECK(r.count(r.layout.dialog, booked_mark) > 150);
        // The colours met going left from the word "Daring" along its middle, each run once:
        // the chip's own, then what is around it.
        const auto left_of_mark = [](Rendered& shot) {
            std::vector<SDL_Color> runs;
            const auto* mark = shot.drawn("Daring");
            REQUIRE(mark);
            const int y = mark->where.y + mark->where.h / 2;
            for (int x = mark->where.x - 1; x > shot.layout.dialog.x && runs.size() < 3; --x)
                if (const auto c = shot.at(x, y); runs.empty() || !same(runs.back(), c)) runs.push_back(c);
            return runs;
        };
        const auto rows = dialog_rows(d, now);
        const auto booked_row = static_cast<int>(
            std::find_if(rows.begin(), rows.end(), [](const DialogRow& row) { return !row.mark.empty(); }) -
            rows.begin());
        REQUIRE(booked_row < static_cast<int>(rows.size()));
        // Another row chosen: the chip on the row's own fill.
        REQUIRE(d.dialog.selected != booked_row);
        const auto plain = left_of_mark(r);
        REQUIRE(plain.size() >= 2);
        CHECK(same(plain[0], booked_mark));
        CHECK(same(plain[1], theme::panel_light));
        // The booked row chosen, yellow: a dark ring parts the chip from it.
        d.dialog.selected = booked_row;
        Rendered chosen(d, 1280, 720, now, "counter_call_number_booked_chosen.png");
        const auto around = left_of_mark(chosen);
        REQUIRE(around.size() == 3);
        CHECK(same(around[0], booked_mark));
        CHECK(same(around[1], theme::dark_text));
        CHECK(same(around[2], theme::accent));
    }
}

}  // namespace counter_booked_test
