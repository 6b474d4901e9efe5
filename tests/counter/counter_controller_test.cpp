// The counter client against the real server on port 0: log in with the
// keyboard, call, recall, start, finish, no-show, transfer, call a number,
// pause, resume, log out; the server's state and events must match. And the
// promise "pressed once, applied once" when a reply is lost or the link drops; and
// a ticket booked online, called here, with its booker's NIK read from the server.
#include <thread>

#include <catch2/catch.hpp>

#include "antre/counter/controller.hpp"
#include "dashboard_support.hpp"
#include "dropping_proxy.hpp"
#include "test_support.hpp"

namespace counter_controller_test {

using namespace antre;
using namespace antre::counter;
using namespace antre::test;
using json = nlohmann::json;

namespace {

const std::string officer_nip = "199002022015032002";
const std::string officer_pin = "482915";

Millis wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

template <class Pred>
bool pump_until(Controller& c, Pred done, std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        c.pump(wall_ms());
        if (done(c.state())) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

/// Presses `k` and waits until its reply (and the events before it) are in.
void press(Controller& c, Key k) {
    c.key(k, wall_ms());
    REQUIRE(pump_until(c, [](const ScreenState& s) { return !s.pending; }));
    c.pump(wall_ms());
}

ControllerOptions options(unsigned short port) {
    ControllerOptions o;
    o.port = port;
    o.request_timeout = std::chrono::seconds(5);
    o.min_backoff = std::chrono::milliseconds(50);
    o.max_backoff = std::chrono::milliseconds(200);
    return o;
}

ScreenState login_form(int counter) {
    ScreenState s;
    s.login.counter = std::to_string(counter);
    s.login.nip = officer_nip;
    s.login.focus = LoginField::pin;
    return s;
}

void sign_in(Controller& c, const std::string& pin) {
    c.text(pin, wall_ms());
    c.key(Key::enter, wall_ms());
    REQUIRE(pump_until(c, [](const ScreenState& s) { return s.phase != Phase::signing_in; }));
}

/// The types of the events a board saw about counter 2, in order.
std::vector<std::string> counter2_types(RecordingBoard& board) {
    std::vector<std::string> types;
    for (const auto& e : board.events())
        if (e.value("counter", 0) == 2) types.push_back(e.value("event", ""));
    return types;
}

json ticket_of(Client& c, const std::string& label) { return c.call("ticket", {{"ticket", label}}).body["ticket"]; }

}  // namespace

TEST_CASE("an officer works a queue from the keyboard, the server agrees", "[counter][integration]") {
    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin}});
    auto& clock = office.clock();
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    for (const char* service : {"KTP", "KTP", "KTP", "KK"}) REQUIRE(kiosk->call("issue", {{"service", service}}).ok);
    RecordingBoard board(office.port());

    Controller c(options(office.port()), login_form(2));
    sign_in(c, "000000");
    CHECK(c.state().phase == Phase::login);
    CHECK(c.state().login.error == "NIP atau PIN salah");

    sign_in(c, officer_pin);
    REQUIRE(c.state().phase == Phase::working);
    REQUIRE(pump_until(c, [](const ScreenState& s) { return s.my_day.known; }));
    CHECK(c.state().officer_name == "Siti Rahayu");
    CHECK(waiting_here(c.state()) == 4);

    press(c, Key::f1);  // Panggil Berikutnya
    REQUIRE(c.state().active);
    CHECK(c.state().active->label == "A-001");
    CHECK(c.state().active->status == "called");
    press(c, Key::f2);  // Panggil Ulang
    CHECK(c.state().active->recalls == 1);
    press(c, Key::f3);  // Mulai Layanan
    CHECK(c.state().active->status == "serving");
    clock.advance(6 * 60'000);
    press(c, Key::f4);  // Selesai
    CHECK_FALSE(c.state().active);
    REQUIRE(pump_until(c, [](const ScreenState& s) { return s.my_day.served == 1; }));
    CHECK(*c.state().my_day.median_service_s == 360);
    CHECK(*c.state().my_day.within_standard == Approx(1.0));

    press(c, Key::enter);  // Enter calls the next number too
    CHECK(c.state().active->label == "A-002");
    press(c, Key::f5);  // Tidak Hadir: requeued once
    CHECK_FALSE(c.state().active);
    CHECK(c.state().message->text == "A-002 tidak hadir; dikembalikan ke antrean");
    REQUIRE(pump_until(c, [](const ScreenState& s) { return s.my_day.no_shows == 1; }));

    press(c, Key::f1);
    CHECK(c.state().active->label == "A-003");
    c.key(Key::f6, wall_ms());  // Alihkan to KK: its letter, as on the tickets
    c.text("b", wall_ms());
    REQUIRE(pump_until(c, [](const ScreenState& s) { return !s.pending; }));
    CHECK_FALSE(c.state().active);
    REQUIRE(pump_until(c, [](const ScreenState& s) { return s.my_day.transfers == 1; }));

    c.key(Key::f7, wall_ms());  // Panggil Nomor: B-001, typed short
    c.text("b1", wall_ms());
    press(c, Key::enter);
    CHECK(c.state().active->label == "B-001");
    press(c, Key::f4);

    c.key(Key::f8, wall_ms());  // Istirahat: sholat
    c.text("2", wall_ms());
    REQUIRE(pump_until(c, [](const ScreenState& s) { return !s.pending && s.counter_status == "paused"; }));
    CHECK(c.state().pause_reason == "sholat");
    CHECK_FALSE(enabled(c.state(), Action::call_next));
    press(c, Key::f8);  // Lanjut
    CHECK(c.state().counter_status == "open");

    // The server's records agree with the screen.
    CHECK(ticket_of(*kiosk, "A-001")["status"] == "done");
    CHECK(ticket_of(*kiosk, "A-001")["recalls"] == 1);
    CHECK(ticket_of(*kiosk, "A-002")["status"] == "waiting");
    CHECK(ticket_of(*kiosk, "A-002")["no_shows"] == 1);
    CHECK(ticket_of(*kiosk, "A-003")["service"] == "KK");
    CHECK(ticket_of(*kiosk, "A-003")["status"] == "waiting");
    CHECK(ticket_of(*kiosk, "B-001")["status"] == "done");
    REQUIRE(pump_until(c, [](const ScreenState& s) { return s.my_day.served == 2; }));
    CHECK(waiting_here(c.state()) == 2);

    c.key(Key::f10, wall_ms());  // Keluar, confirmed
    c.key(Key::enter, wall_ms());
    REQUIRE(pump_until(c, [](const ScreenState& s) { return s.phase == Phase::login; }));
    CHECK(c.state().login.notice == texts(Language::id).signed_out);
    const auto snap = kiosk->call("snapshot").body["snapshot"];
    CHECK(snap["counters"][1]["state"] == "closed");

    const std::vector<std::string> expected = {
        "counter_opened",  "ticket_called",  "ticket_recalled", "service_started",    "ticket_finished",
        "ticket_called",   "ticket_no_show", "ticket_called",   "ticket_transferred", "ticket_called",
        "ticket_finished", "counter_paused", "counter_resumed", "counter_closed"};
    // The board's events arrive on their own connection: waited for, generously.
    std::vector<std::string> seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while ((seen = counter2_types(board)).size() < expected.size() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(seen == expected);
}

TEST_CASE("a lost reply is retried with its key and applied once", "[counter][integration]") {
    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin}});
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
    REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);
    // The first call_next's reply is lost with its connection, after the server applied it.
    DroppingProxy proxy(office.port(), "call_next");
    Controller c(options(proxy.port()), login_form(2));
    sign_in(c, officer_pin);
    REQUIRE(c.state().phase == Phase::working);

    press(c, Key::f1);
    REQUIRE(c.state().active);
    CHECK(c.state().active->label == "A-001");
    CHECK(proxy.replies_dropped() == 1);
    CHECK(proxy.requests_seen() == 2);
    CHECK(ticket_of(*kiosk, "A-002")["status"] == "waiting");  // not called by the retry
}

TEST_CASE("the link drops: banner, reconnect, the server's state restored", "[counter][integration]") {
    TempDir dir;
    const auto config = write_test_config(dir);
    const auto db = dir.file("antre.db");
    add_officer(db, officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin);
    auto first = std::make_unique<ServerProcess>(config, db);
    const auto port = first->port();
    {
        auto kiosk = connect(port, {{"role", "kiosk"}});
        REQUIRE(kiosk->call("issue", {{"service", "KK"}}).ok);
    }
    Controller c(options(port), login_form(2));
    sign_in(c, officer_pin);
    REQUIRE(c.state().phase == Phase::working);
    press(c, Key::f1);
    REQUIRE(c.state().active);
    CHECK(c.state().active->label == "B-001");

    first->kill_hard();
    first.reset();
    REQUIRE(pump_until(c, [](const ScreenState& s) { return !s.connected; }));
    CHECK(c.state().phase == Phase::working);  // still at work, with the banner
    CHECK_FALSE(enabled(c.state(), Action::finish));
    c.key(Key::f4, wall_ms());
    CHECK(c.state().message->text == "Selesai: Tidak tersambung ke server");

    ServerProcess second(config, db, port);
    REQUIRE(pump_until(
        c, [](const ScreenState& s) { return s.connected; }, std::chrono::seconds(15)));
    REQUIRE(c.state().active);
    CHECK(c.state().active->label == "B-001");  // from the new snapshot
    press(c, Key::f4);
    CHECK_FALSE(c.state().active);
    CHECK(c.state().message->tone == Tone::ok);
}

TEST_CASE("a booked ticket called here: the counter reads its NIK, the walk-in after it has none",
          "[counter][integration][booking]") {
    TestOffice office({{officer_nip, "Siti Rahayu", OfficerRole::officer, officer_pin}});
    // Monday: a citizen books Tuesday's 10:00-11:00 KTP-el session on the public page.
    const std::string nik = "9271011205900001";
    const json booking = {
        {"service", "KTP"}, {"day", "2026-12-01"}, {"session", "10:00"}, {"nik", nik}, {"name", "Budi Santoso"}};
    const HttpReply made = http_request(office.public_port(), "POST", "/api/public/booking", booking.dump(),
                                        {{"Content-Type", "application/json"}});
    INFO(made.body);
    REQUIRE(made.status == 200);
    // Tuesday 10:00: checked in at a kiosk, then a citizen walks in.
    office.clock().set(monday_0900_wit + 25 * 60 * 60'000);
    auto kiosk = connect(office.port(), {{"role", "kiosk"}});
    const Reply in = kiosk->call("booking_checkin", {{"code", made.json()["booking"]["code"]}});
    INFO(in.message);
    REQUIRE(in.ok);
    const std::string booked = in.body["ticket"]["label"];
    REQUIRE(kiosk->call("issue", {{"service", "KTP"}}).ok);

    Controller c(options(office.port()), login_form(1));
    sign_in(c, officer_pin);
    REQUIRE(c.state().phase == Phase::working);
    int marked = 0;
    for (const auto& t : c.state().waiting) marked += t.booking.has_value();
    CHECK(marked == 1);

    press(c, Key::f1);  // the booking counts from its session's start less the standard: first
    REQUIRE(c.state().active);
    CHECK(c.state().active->label == booked);
    REQUIRE(pump_until(
        c, [](const ScreenState& s) { return s.booking && s.booking->status != BookingView::Status::loading; }));
    CHECK(c.state().booking->status == BookingView::Status::loaded);
    CHECK(c.state().booking->nik == nik);
    CHECK(c.state().booking->name == "Budi Santoso");
    CHECK(c.state().booking->session == "10:00\u201311:00");
    press(c, Key::f3);
    CHECK(c.state().booking->nik == nik);  // the same ticket: kept
    press(c, Key::f4);
    CHECK_FALSE(c.state().booking);

    press(c, Key::f1);
    REQUIRE(c.state().active);
    CHECK(c.state().active->label != booked);
    CHECK_FALSE(c.state().active->booking);
    CHECK_FALSE(c.state().booking);
}

}  // namespace counter_controller_test
