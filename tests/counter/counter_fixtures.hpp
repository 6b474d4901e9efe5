// Wire records as the server writes them, and a counter screen already signed
// in, for the counter client's tests (reducer, input and rendering).
#pragma once

#include <nlohmann/json.hpp>

#include "antre/counter/state.hpp"

namespace antre::counter::fixtures {

using json = nlohmann::json;

/// Monday 2026-11-30 09:00 WIT, as in test_support.hpp.
inline constexpr Millis t0 = 1795996800000;
inline constexpr Millis minute = 60'000;
inline const std::string nip = "199002022015032002";

inline json ticket(std::int64_t id, const std::string& label, const std::string& service, const std::string& status,
                   Millis issued_at, int counter = 0, const std::string& priority = "none") {
    json t = {{"id", id},
              {"label", label},
              {"service", service},
              {"origin_service", service},
              {"status", status},
              {"priority", priority},
              {"issued_at", issued_at},
              {"called_at", nullptr},
              {"service_started_at", nullptr},
              {"finished_at", nullptr},
              {"first_called_at", nullptr},
              {"counter", counter},
              {"officer", counter ? nip : ""},
              {"recalls", 0},
              {"no_shows", 0},
              {"transfers", 0},
              {"day", "2026-11-30"},
              {"number", 1},
              {"estimated_wait_s", 0},
              {"booking", nullptr}};
    return t;
}

/// `t` checked in for the online booking `booking` (the "Daring" mark).
inline json booked(json t, std::int64_t booking = 3) {
    t["booking"] = booking;
    return t;
}

/// ticket_booking's answer for `ticket`, as the server writes it.
inline Reply booking_reply(std::int64_t ticket, const std::string& nik, const std::string& name) {
    Reply r;
    r.ok = true;
    r.body = {{"ok", true},
              {"ticket", ticket},
              {"booking",
               {{"code", "K7QM4XRP"},
                {"day", "2026-11-30"},
                {"service", "KTP"},
                {"session", {{"start", "09:00"}, {"end", "10:00"}}},
                {"nik", nik},
                {"name", name},
                {"phone", "0812"},
                {"status", "checked_in"}}}};
    return r;
}

inline json called(json t, Millis at, int counter = 2) {
    t["status"] = "called";
    t["called_at"] = at;
    t["first_called_at"] = at;
    t["counter"] = counter;
    t["officer"] = nip;
    return t;
}

inline json serving(json t, Millis called_at, Millis started_at, int counter = 2) {
    t = called(std::move(t), called_at, counter);
    t["status"] = "serving";
    t["service_started_at"] = started_at;
    return t;
}

inline json service(const std::string& code, const std::string& prefix, const std::string& name_id,
                    const std::string& name_en, int max_service, int waiting, std::optional<Millis> oldest = {},
                    int priority_waiting = 0) {
    return {{"code", code},
            {"prefix", prefix},
            {"name_id", name_id},
            {"name_en", name_en},
            {"max_service_minutes", max_service},
            {"max_wait_minutes", 60},
            {"waiting", waiting},
            {"priority_waiting", priority_waiting},
            {"oldest_issued_at", oldest ? json(*oldest) : json(nullptr)},
            {"closed", false},
            {"open_now", true}};
}

inline json counter_record(int number, const std::string& state, json active = nullptr,
                           const std::string& officer = nip) {
    return {{"number", number},
            {"name", "Loket " + std::to_string(number)},
            {"services", number == 2 ? json{"KTP", "KK"} : json{"KIA"}},
            {"state", state},
            {"officer", state == "closed" ? "" : officer},
            {"pause_reason", state == "paused" ? "sholat" : ""},
            {"since", t0 - 30 * minute},
            {"active", std::move(active)}};
}

/// Sorong's KTP (15 min) and KK (20 min) plus KIA; A-002..A-004 and B-001 waiting.
inline json snapshot(json my_active = nullptr, Millis now = t0) {
    json waiting = json::array({ticket(12, "A-002", "KTP", "waiting", t0 - 25 * minute),
                                ticket(13, "A-003", "KTP", "waiting", t0 - 20 * minute, 0, "lansia"),
                                ticket(14, "A-004", "KTP", "waiting", t0 - 12 * minute),
                                ticket(21, "B-001", "KK", "waiting", t0 - 8 * minute)});
    return {{"office",
             {{"name", "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong"},
              {"time_zone", "Asia/Jayapura"},
              {"language", "id"},
              {"day", "2026-11-30"},
              {"now", now}}},
            {"services",
             json::array({service("KTP", "A", "KTP-el", "Electronic ID card (KTP-el)", 15, 3, t0 - 25 * minute, 1),
                          service("KK", "B", "Kartu Keluarga", "Family card (Kartu Keluarga)", 20, 1, t0 - 8 * minute),
                          service("KIA", "E", "Kartu Identitas Anak", "Child identity card (KIA)", 10, 0)})},
            {"counters", json::array({counter_record(1, "open", nullptr, "198507142010011002"),
                                      counter_record(2, "open", std::move(my_active))})},
            {"waiting", waiting},
            {"recent_calls", json::array()}};
}

inline Reply hello_reply(json counter = counter_record(2, "open")) {
    Reply r;
    r.ok = true;
    r.body = {{"ok", true},
              {"role", "counter"},
              {"officer", {{"nip", nip}, {"name", "Siti Rahayu"}, {"role", "officer"}}},
              {"counter", std::move(counter)},
              {"token", "t"}};
    return r;
}

/// A counter screen after a sign-in at counter 2: the snapshot, then ready.
inline ScreenState signed_in(json my_active = nullptr, Millis now = t0) {
    ScreenState s;
    s.phase = Phase::signing_in;
    s.counter = 2;
    on_event(s, {{"event", "snapshot"}, {"snapshot", snapshot(my_active, now)}}, now);
    on_connection(s, ConnectionState::ready, "", hello_reply(counter_record(2, "open", my_active)), now);
    return s;
}

inline Reply ok(json body) {
    Reply r;
    r.ok = true;
    r.body = std::move(body);
    r.body["ok"] = true;
    return r;
}

inline Reply refusal(const std::string& code, const std::string& message) {
    Reply r;
    r.code = code;
    r.message = message;
    r.body = {{"ok", false}, {"error", {{"code", code}, {"message", message}}}};
    return r;
}

/// An event line as the server broadcasts it, with this counter's record when `counter` is 2.
inline json event(const std::string& type, json t, int counter = 2, json counter_state = nullptr,
                  const std::string& officer = nip) {
    json e = {{"event", type},
              {"seq", 1},
              {"at", t0},
              {"day", "2026-11-30"},
              {"service", t.is_object() ? t["service"] : json("")},
              {"counter", counter},
              {"officer", officer},
              {"detail", ""}};
    if (!t.is_null()) e["ticket"] = std::move(t);
    if (!counter_state.is_null()) e["counter_state"] = std::move(counter_state);
    return e;
}

}  // namespace antre::counter::fixtures
