// Shared by the kiosk tests: the Sorong office as a kiosk sees it on Monday
// 30 November 2026 at 09:00 WIT, and where screenshots go.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "antre/kiosk/state.hpp"

namespace antre::kiosk::test {

/// Monday 2026-11-30 09:00 WIT in UTC ms.
inline constexpr Millis monday_0900 = 1795996800000;

/// The office name a printed ticket carries in the printing tests.
inline const std::string sorong_office = "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong";

/// The ticket the printing tests print: A-001 for KTP-el, three ahead, 15 minutes' wait.
inline IssuedTicket known_ticket() {
    IssuedTicket t;
    t.id = 1842;
    t.label = "A-001";
    t.service = "KTP";
    t.service_name_id = "KTP-el";
    t.service_name_en = "Electronic ID card (KTP-el)";
    t.people_ahead = 3;
    t.estimated_wait_s = 900;
    t.issued_at = monday_0900 + 41 * 60000;
    return t;
}

inline nlohmann::json service_json(const std::string& code, const std::string& prefix, const std::string& name_id,
                                   const std::string& name_en, int waiting, int estimate_s,
                                   nlohmann::json quota_left = nullptr, bool open_now = true, bool closed = false) {
    return {{"code", code},
            {"prefix", prefix},
            {"name_id", name_id},
            {"name_en", name_en},
            {"waiting", waiting},
            {"estimated_wait_s", estimate_s},
            {"quota_left", quota_left},
            {"open_now", open_now},
            {"closed", closed}};
}

/// A busy morning: every service open, some people waiting.
inline nlohmann::json sorong_snapshot() {
    using nlohmann::json;
    return {{"office",
             {{"name", "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong"},
              {"time_zone", "Asia/Jayapura"},
              {"language", "id"},
              {"day", "2026-11-30"},
              {"now", monday_0900}}},
            {"services", json::array({
                             service_json("KTP", "A", "KTP-el", "Electronic ID card (KTP-el)", 12, 1575, 129),
                             service_json("KK", "B", "Kartu Keluarga", "Family card (Kartu Keluarga)", 4, 1200, 88),
                             service_json("AKTA_LAHIR", "C", "Akta Kelahiran", "Birth certificate", 0, 0, 60),
                             service_json("AKTA_MATI", "D", "Akta Kematian", "Death certificate", 1, 600, 39),
                             service_json("KIA", "E", "Kartu Identitas Anak", "Child identity card (KIA)", 3, 450, 41),
                             service_json("PINDAH", "F", "Pindah/Datang", "Moving in or out", 7, 2520, 32),
                         })},
            {"counters", json::array()},
            {"waiting", json::array()},
            {"recent_calls", json::array()}};
}

/// A kiosk that is connected and shows the home screen with `snapshot`.
inline KioskState connected_state(const nlohmann::json& snapshot = sorong_snapshot(), Millis now = monday_0900) {
    KioskState s;
    apply_event(s, {{"event", "snapshot"}, {"snapshot", snapshot}}, now);
    apply_connection(s, ConnectionState::ready, "", now);
    return s;
}

/// The server's refusal with `code`.
inline Reply refused(const std::string& code) {
    Reply r;
    r.code = code;
    r.message = "ditolak";
    return r;
}

/// The Sorong snapshot with KTP taking bookings (a 10:00-11:00 session), as the server
/// sends its definition.
inline nlohmann::json booking_snapshot() {
    using nlohmann::json;
    auto snap = sorong_snapshot();
    snap["services"][0]["booking"] = {
        {"sessions", json::array({{{"start", "10:00"}, {"end", "11:00"}, {"places", 20}}})}, {"grace_minutes", 30}};
    return snap;
}

/// The server's answer to booking_checkin for K7QM4XRP: ticket A-012 with the "Daring" mark.
inline Reply checked_in() {
    Reply r;
    r.ok = true;
    r.body = {{"booking",
               {{"code", "K7QM4XRP"},
                {"day", "2026-11-30"},
                {"service", "KTP"},
                {"session", {{"start", "10:00"}, {"end", "11:00"}}}}},
              {"code", "q3ms7x2kd4a5nbe3"},
              {"link", "http://192.168.10.5:7412/t/q3ms7x2kd4a5nbe3"},
              {"ticket",
               {{"booking", 3},
                {"id", 58},
                {"label", "A-012"},
                {"service", "KTP"},
                {"priority", "none"},
                {"people_ahead", 1},
                {"estimated_wait_s", 900},
                {"issued_at", monday_0900},
                {"status", "waiting"}}}};
    return r;
}

/// The desk screen of counter `counter` in feedback mode, connected and idle.
inline KioskState feedback_state(int counter = 2, Millis now = monday_0900) {
    using nlohmann::json;
    auto snapshot = sorong_snapshot();
    snapshot["counters"] = json::array({{{"number", 1}, {"name", "Loket 1"}}, {{"number", 2}, {"name", "Loket 2"}}});
    KioskState s;
    enter_feedback_mode(s, counter);
    apply_event(s, {{"event", "snapshot"}, {"snapshot", snapshot}}, now);
    apply_connection(s, ConnectionState::ready, "", now);
    return s;
}

/// The server's ticket_finished event for ticket `id` (`label`, KTP) at `counter`.
inline nlohmann::json finished_event(std::int64_t id, const std::string& label, int counter,
                                     const std::string& service = "KTP") {
    return {{"event", "ticket_finished"},
            {"counter", counter},
            {"service", service},
            {"officer", "198507142010011002"},
            {"ticket", {{"id", id}, {"label", label}, {"service", service}, {"status", "done"}, {"counter", counter}}}};
}

/// Where screenshots go: $ANTRE_SCREENSHOT_DIR, else screenshots/ in the build
/// folder (beside bin/, which holds this test program); created if need be.
/// (catch_discover_tests splits an ENVIRONMENT list, so ctest may set only the first variable.)
inline std::string screenshot_path(const std::string& name) {
    const char* dir = std::getenv("ANTRE_SCREENSHOT_DIR");
    std::filesystem::path base;
    if (dir && *dir)
        base = dir;
    else
        base = std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path() / "screenshots";
    std::filesystem::create_directories(base);
    return (base / name).string();
}

}  // namespace antre::kiosk::test
