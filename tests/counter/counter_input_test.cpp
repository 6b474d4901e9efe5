// The counter's action model and input: which actions are enabled in each
// state, what each key does, the dialogs and the log-in form.
#include <catch2/catch.hpp>

#include "antre/counter/input.hpp"
#include "antre/counter/sdl_keys.hpp"
#include "counter_fixtures.hpp"

namespace counter_input_test {

using namespace antre;
using namespace antre::counter;
using namespace antre::counter::fixtures;

namespace {

std::vector<Action> enabled_actions(const ScreenState& s) {
    std::vector<Action> out;
    for (int i = 0; i < action_count; ++i)
        if (enabled(s, static_cast<Action>(i))) out.push_back(static_cast<Action>(i));
    return out;
}

Command only(const Commands& cs) {
    REQUIRE(cs.size() == 1);
    return cs.front();
}

const json a2 = ticket(12, "A-002", "KTP", "waiting", t0 - 25 * minute);

}  // namespace

TEST_CASE("actions are enabled only when they make sense", "[counter]") {
    using A = Action;
    SECTION("idle, with people waiting") {
        ScreenState s = signed_in();
        CHECK(enabled_actions(s) == std::vector<A>{A::call_next, A::call_ticket, A::pause_resume, A::logout});
        CHECK(unavailable(s, A::finish) == Unavailable::no_active);
        CHECK(action_label(s, A::pause_resume) == "Istirahat");
    }
    SECTION("idle, nobody waiting: Panggil Nomor stays (a transferred or other service's ticket)") {
        ScreenState s = signed_in();
        for (auto& v : s.services) v.waiting = 0;
        CHECK(unavailable(s, A::call_next) == Unavailable::queue_empty);
        CHECK(enabled(s, A::call_ticket));
    }
    SECTION("a called ticket") {
        ScreenState s = signed_in(called(a2, t0));
        CHECK(enabled_actions(s) == std::vector<A>{A::recall, A::start, A::finish, A::no_show, A::transfer});
        CHECK(unavailable(s, A::call_next) == Unavailable::has_active);
        CHECK(unavailable(s, A::logout) == Unavailable::has_active);
    }
    SECTION("a ticket being served") {
        ScreenState s = signed_in(serving(a2, t0, t0 + minute));
        CHECK(enabled_actions(s) == std::vector<A>{A::finish, A::transfer});
        CHECK(unavailable(s, A::no_show) == Unavailable::serving);
    }
    SECTION("on a break: only Lanjut and Keluar") {
        ScreenState s = signed_in();
        on_event(s, event("counter_paused", nullptr, 2, counter_record(2, "paused")), t0);
        CHECK(enabled_actions(s) == std::vector<A>{A::pause_resume, A::logout});
        CHECK(action_label(s, A::pause_resume) == "Lanjut");
        CHECK(unavailable(s, A::call_next) == Unavailable::paused);
    }
    SECTION("the link down, or an action in flight: nothing") {
        ScreenState s = signed_in();
        s.connected = false;
        CHECK(enabled_actions(s).empty());
        s = signed_in();
        s.pending = Pending{A::call_next, "call_next", t0, 1};
        CHECK(enabled_actions(s).empty());
        CHECK(unavailable(s, A::logout) == Unavailable::pending);
    }
}

TEST_CASE("the shortcuts run the actions, a disabled one says why", "[counter]") {
    ScreenState s = signed_in();
    SECTION("F1 and Enter call the next number, once") {
        const auto c = only(on_key(s, Key::f1, t0));
        CHECK(c.kind == Command::Kind::request);
        CHECK(c.op == "call_next");
        REQUIRE(s.pending);
        CHECK(s.pending->action == Action::call_next);
        CHECK(on_key(s, Key::enter, t0).empty());  // pressed again before the reply: not sent twice
        CHECK(s.message->text == "Panggil Berikutnya: Masih menunggu jawaban server atas tindakan sebelumnya");
    }
    SECTION("F4 without an active ticket explains itself") {
        CHECK(on_key(s, Key::f4, t0).empty());
        CHECK(s.message->tone == Tone::info);
        CHECK(s.message->text == "Selesai: Belum ada nomor aktif");
    }
    SECTION("F2 F3 F4 F5 on a called ticket") {
        s = signed_in(called(a2, t0));
        CHECK(only(on_key(s, Key::f2, t0)).op == "recall");
        s.pending.reset();
        CHECK(only(on_key(s, Key::f3, t0)).op == "start");
        s.pending.reset();
        CHECK(only(on_key(s, Key::f5, t0)).op == "no_show");
        s.pending.reset();
        CHECK(only(on_key(s, Key::f4, t0)).op == "finish");
    }
    SECTION("F9 switches the language; Escape clears the message") {
        on_key(s, Key::f9, t0);
        CHECK(s.language == Language::en);
        CHECK(action_label(s, Action::call_next) == "Call Next");
        on_key(s, Key::f4, t0);
        CHECK(s.message);
        on_key(s, Key::escape, t0);
        CHECK_FALSE(s.message);
    }
}

TEST_CASE("Alihkan: choose the target service", "[counter]") {
    ScreenState s = signed_in(called(a2, t0));
    CHECK(on_key(s, Key::f6, t0).empty());
    CHECK(s.dialog.kind == Dialog::transfer);
    const auto rows = dialog_rows(s, t0);
    REQUIRE(rows.size() == 2);  // every open service but the ticket's own
    CHECK(rows[0].value == "KK");
    CHECK(rows[1].value == "KIA");
    SECTION("by the service's letter, as printed on tickets, the same for every ticket") {
        CHECK(rows[0].key == "B");
        CHECK(rows[1].key == "E");
        const auto c = only(on_text(s, "e", t0));
        CHECK(c.op == "transfer");
        CHECK(c.fields["service"] == "KIA");
        CHECK(s.dialog.kind == Dialog::none);
    }
    SECTION("a number or a letter with no row in the list sends nothing") {
        CHECK(on_text(s, "2", t0).empty());
        CHECK(on_text(s, "A", t0).empty());  // the ticket's own service
        CHECK(on_text(s, "Z", t0).empty());
        CHECK(s.dialog.kind == Dialog::transfer);
        CHECK_FALSE(s.pending);
        CHECK(only(on_text(s, "B", t0)).fields["service"] == "KK");
    }
    SECTION("by arrows and Enter") {
        on_key(s, Key::down, t0);
        on_key(s, Key::down, t0);  // stays on the last row
        on_key(s, Key::up, t0);
        CHECK(only(on_key(s, Key::enter, t0)).fields["service"] == "KK");
    }
    SECTION("by a tap on a row") { CHECK(only(on_tap(s, {TargetKind::dialog_row, 1}, t0)).fields["service"] == "KIA"); }
    SECTION("Escape closes it without sending") {
        CHECK(on_key(s, Key::escape, t0).empty());
        CHECK(s.dialog.kind == Dialog::none);
        CHECK_FALSE(s.pending);
    }
}

TEST_CASE("Panggil Nomor: type or pick a waiting ticket", "[counter]") {
    ScreenState s = signed_in();
    on_key(s, Key::f7, t0);
    REQUIRE(s.dialog.kind == Dialog::call_ticket);
    auto rows = dialog_rows(s, t0);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].text == "A-003");  // priority first within a service, then by arrival
    CHECK(rows[0].detail == "KTP-el \u00b7 Lansia \u00b7 menunggu 20 mnt");
    SECTION("typing narrows the list; Enter calls the match") {
        on_text(s, "a4", t0);
        CHECK(s.dialog.input == "A4");
        rows = dialog_rows(s, t0);
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].value == "A-004");
        const auto c = only(on_key(s, Key::enter, t0));
        CHECK(c.op == "call");
        CHECK(c.fields["ticket"] == "A-004");
    }
    SECTION("a number not in the list is still sent, as the server knows labels") {
        on_text(s, "c-12", t0);
        CHECK(dialog_rows(s, t0).empty());
        CHECK(only(on_key(s, Key::enter, t0)).fields["ticket"] == "C-012");
    }
    SECTION("Backspace edits the typed number") {
        on_text(s, "B9", t0);
        on_key(s, Key::backspace, t0);
        CHECK(s.dialog.input == "B");
        CHECK(dialog_rows(s, t0).size() == 1);
    }
}

TEST_CASE("Istirahat asks for a reason, Lanjut resumes at once", "[counter]") {
    ScreenState s = signed_in();
    on_key(s, Key::f8, t0);
    REQUIRE(s.dialog.kind == Dialog::pause);
    CHECK(dialog_rows(s, t0).size() == 4);
    SECTION("a preset by its number") { CHECK(only(on_text(s, "2", t0)).fields["reason"] == "sholat"); }
    SECTION("a reason typed") {
        on_text(s, "rapat dinas", t0);
        CHECK(dialog_rows(s, t0).size() == 5);
        const auto c = only(on_key(s, Key::enter, t0));
        CHECK(c.op == "pause");
        CHECK(c.fields["reason"] == "rapat dinas");
    }
    SECTION("when paused, F8 sends resume") {
        ScreenState p = signed_in();
        on_event(p, event("counter_paused", nullptr, 2, counter_record(2, "paused")), t0);
        CHECK(only(on_key(p, Key::f8, t0)).op == "resume");
    }
}

TEST_CASE("Keluar asks first", "[counter]") {
    ScreenState s = signed_in();
    CHECK(on_key(s, Key::f10, t0).empty());
    CHECK(s.dialog.kind == Dialog::logout);
    on_key(s, Key::escape, t0);
    CHECK(s.dialog.kind == Dialog::none);
    on_key(s, Key::f10, t0);
    CHECK(only(on_key(s, Key::enter, t0)).op == "logout");
    CHECK(s.pending->action == Action::logout);
}

TEST_CASE("the log-in form", "[counter]") {
    ScreenState s;
    s.login.focus = LoginField::counter;
    on_text(s, "2", t0);
    on_key(s, Key::tab, t0);
    on_text(s, nip, t0);
    on_text(s, "x-", t0);  // not digits: ignored
    on_key(s, Key::tab, t0);
    CHECK(s.login.counter == "2");
    CHECK(s.login.nip == nip);
    CHECK(s.login.focus == LoginField::pin);
    SECTION("an incomplete form is refused here, without saying which part") {
        on_text(s, "12", t0);
        CHECK(on_key(s, Key::enter, t0).empty());
        CHECK(s.login.error == texts(Language::id).login_missing);
        CHECK(s.phase == Phase::login);
    }
    SECTION("a complete form signs in, and the PIN leaves the screen state") {
        for (int d : {4, 8, 2, 9, 1, 5}) on_tap(s, {TargetKind::key_digit, d}, t0);
        CHECK(s.login.pin == "482915");
        const auto c = only(on_key(s, Key::enter, t0));
        CHECK(c.kind == Command::Kind::sign_in);
        CHECK(c.counter == 2);
        CHECK(c.nip == nip);
        CHECK(c.pin == "482915");
        CHECK(s.phase == Phase::signing_in);
        CHECK(s.login.pin.empty());
        SECTION("Escape gives up waiting for the server") {
            CHECK(only(on_key(s, Key::escape, t0)).kind == Command::Kind::cancel_sign_in);
            CHECK(s.phase == Phase::login);
        }
    }
    SECTION("the fields have limits; Backspace and Shift-Tab work") {
        on_text(s, "12345678901234", t0);
        CHECK(s.login.pin.size() == max_pin_digits);
        on_key(s, Key::backspace, t0);
        CHECK(s.login.pin.size() == max_pin_digits - 1);
        on_key(s, Key::back_tab, t0);
        CHECK(s.login.focus == LoginField::nip);
        on_tap(s, {TargetKind::login_field, 0}, t0);
        CHECK(s.login.focus == LoginField::counter);
        on_text(s, "9999", t0);
        CHECK(s.login.counter == "299");
    }
}

TEST_CASE("typed labels become the server's labels", "[counter]") {
    CHECK(normalize_label("a7") == "A-007");
    CHECK(normalize_label("A-7") == "A-007");
    CHECK(normalize_label("A007") == "A-007");
    CHECK(normalize_label("b-0012") == "B-012");
    CHECK(normalize_label("AB1234") == "AB-1234");
    CHECK(normalize_label("A") == "A");
    CHECK(normalize_label("") == "");
}

TEST_CASE("SDL's keys map to the counter's keys", "[counter]") {
    CHECK(key_from_sdl(SDLK_F1, KMOD_NONE) == Key::f1);
    CHECK(key_from_sdl(SDLK_F10, KMOD_NONE) == Key::f10);
    CHECK(key_from_sdl(SDLK_KP_ENTER, KMOD_NONE) == Key::enter);
    CHECK(key_from_sdl(SDLK_TAB, KMOD_LSHIFT) == Key::back_tab);
    CHECK(key_from_sdl(SDLK_TAB, KMOD_NONE) == Key::tab);
    CHECK_FALSE(key_from_sdl(SDLK_a, KMOD_NONE));  // letters arrive as text
    CHECK_FALSE(key_from_sdl(SDLK_F11, KMOD_NONE));
}

TEST_CASE("Alihkan: a letter means the same service whatever the ticket's own service", "[counter]") {
    // B-001 (KK) at the counter: KTP is listed first now, and "B" is not offered.
    ScreenState s = signed_in(called(fixtures::ticket(21, "B-001", "KK", "waiting", t0 - 8 * minute), t0));
    on_key(s, Key::f6, t0);
    const auto rows = dialog_rows(s, t0);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].key == "A");
    CHECK(rows[1].key == "E");
    CHECK(only(on_text(s, "E", t0)).fields["service"] == "KIA");
}

TEST_CASE("the idle panel's hint says what the keys do now", "[counter]") {
    ScreenState s = signed_in();
    REQUIRE(waiting_here(s) > 0);
    CHECK(idle_hint(s) == texts(Language::id).no_active_hint);
    on_connection(s, ConnectionState::connecting, "server closed the connection", Reply{}, t0);
    // Every key is disabled while offline: no "press F1", but why and what happens.
    CHECK(idle_hint(s) == texts(Language::id).offline_hint);
    CHECK(std::string(texts(Language::id).offline_hint).find("F1") == std::string::npos);
    CHECK(std::string(texts(Language::en).offline_hint).find("F1") == std::string::npos);
    s.counter_status = "paused";
    CHECK(idle_hint(s) == texts(Language::id).offline_hint);
    on_event(s, {{"event", "snapshot"}, {"snapshot", fixtures::snapshot(nullptr, t0 + minute)}}, t0 + minute);
    on_connection(s, ConnectionState::ready, "", fixtures::hello_reply(), t0 + minute);
    CHECK(idle_hint(s) == texts(Language::id).no_active_hint);
}

}  // namespace counter_input_test
