// Server records and events as the protocol sends them (docs/protocol.md §4, §6),
// built by hand for the board's tests, and a busy Sorong morning.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "antre/domain.hpp"

namespace antre::display::test {

using json = nlohmann::json;

/// Monday 2026-11-30 09:41 WIT.
inline constexpr Millis monday_0941_wit = 1795999260000;

inline json ticket(TicketId id, const std::string& label, const std::string& service, int counter,
                   const std::string& status, Millis called_at, int recalls = 0) {
    return {{"id", id},
            {"label", label},
            {"service", service},
            {"origin_service", service},
            {"counter", counter},
            {"status", status},
            {"recalls", recalls},
            {"priority", "none"},
            {"called_at", called_at ? json(called_at) : json(nullptr)},
            {"day", "2026-11-30"},
            {"number", std::stoi(label.substr(label.find('-') + 1))}};
}

inline json service(const std::string& code, const std::string& prefix, const std::string& name, int waiting,
                    int priority_waiting = 0, bool closed = false) {
    return {{"code", code},
            {"prefix", prefix},
            {"name_id", name},
            {"waiting", waiting},
            {"priority_waiting", priority_waiting},
            {"closed", closed}};
}

inline json counter(int number, const std::vector<std::string>& services, const std::string& state,
                    json active = nullptr, const std::string& pause_reason = "") {
    return {{"number", number},
            {"name", "Loket " + std::to_string(number)},
            {"services", services},
            {"state", state},
            {"active", std::move(active)},
            {"pause_reason", pause_reason},
            {"officer", state == "closed" ? "" : "199002022015032002"}};
}

/// The client library's pseudo-event after every (re)subscription.
inline json snapshot(json services, json counters, json recent_calls, Millis now = monday_0941_wit) {
    return {{"event", "snapshot"},
            {"snapshot",
             {{"office",
               {{"name", "Dinas Kependudukan dan Pencatatan Sipil Kota Sorong"},
                {"time_zone", "Asia/Jayapura"},
                {"language", "id"},
                {"day", "2026-11-30"},
                {"now", now}}},
              {"services", std::move(services)},
              {"counters", std::move(counters)},
              {"waiting", json::array()},
              {"recent_calls", std::move(recent_calls)}}}};
}

/// The shipped office's six services, with some waiting.
inline json sorong_services() {
    return json::array({service("KTP", "A", "KTP-el", 12, 2), service("KK", "B", "Kartu Keluarga", 7),
                        service("AKTA_LAHIR", "C", "Akta Kelahiran", 4), service("AKTA_MATI", "D", "Akta Kematian", 0),
                        service("KIA", "E", "Kartu Identitas Anak", 3), service("PINDAH", "F", "Pindah/Datang", 2)});
}

/// A door estimate (docs/protocol.md §4.3 `estimate.regular`): a ticket taken at
/// `now` is likely called between `from` and `to`.
inline json door(Millis now, Millis from, Millis to, bool past_closing = false) {
    return {{"wait_s", (from + to) / 2000 - now / 1000},
            {"call_from", from},
            {"call_at", (from + to) / 2},
            {"call_to", to},
            {"reached", true},
            {"past_closing", past_closing},
            {"closing", monday_0941_wit + 319 * 60000}};  // 15:00 WIT
}

/// `service` with its door for a regular ticket (null: not known), as the snapshot and
/// queue_changed send it; the priority door is left out (the board does not show it).
inline json with_door(json service, json regular) {
    if (regular.is_object()) service["estimated_wait_s"] = regular["wait_s"];
    service["estimate"] = {{"regular", std::move(regular)}, {"priority", nullptr}, {"as_of", monday_0941_wit}};
    return service;
}

/// The shipped services at 09:41 with a door each: the intervals a number taken now
/// would be told, from 10:42-11:01 (shown 10.40-11.05) for KTP to 09:50-10:05 for PINDAH.
inline json sorong_services_with_doors(Millis now = monday_0941_wit) {
    constexpr Millis minute = 60000;
    json services = sorong_services();
    const Millis from[] = {61, 42, 33, 5, 20, 9}, to[] = {80, 71, 50, 15, 38, 24};
    for (std::size_t i = 0; i < services.size(); ++i)
        services[i] = with_door(services[i], door(now, now + from[i] * minute, now + to[i] * minute));
    return services;
}

/// What counter `number` of the shipped office serves (counters 7 and up: KTP).
inline std::vector<std::string> sorong_counter_services(int number) {
    static const std::vector<std::vector<std::string>> lists = {{"KTP", "KIA"},
                                                                {"KTP", "KK"},
                                                                {"KK", "PINDAH", "KTP"},
                                                                {"AKTA_LAHIR", "AKTA_MATI", "KIA"},
                                                                {"KIA", "AKTA_LAHIR", "AKTA_MATI"},
                                                                {"PINDAH", "KK", "AKTA_MATI"}};
    return number >= 1 && number <= 6 ? lists[static_cast<std::size_t>(number - 1)] : std::vector<std::string>{"KTP"};
}

/// Counters 1..n of the shipped office, open and idle.
inline json sorong_counters(int n = 6) {
    json out = json::array();
    for (int i = 1; i <= n; ++i) out.push_back(counter(i, sorong_counter_services(i), "open"));
    return out;
}

/// A ticket event with the counter record after the change, as the server sends it.
inline json ticket_event(const std::string& type, const json& t, const json& counter_state, Millis at,
                         const std::string& detail = "") {
    return {{"event", type},
            {"seq", 1},
            {"at", at},
            {"day", "2026-11-30"},
            {"service", t["service"]},
            {"counter", counter_state.is_null() ? json(0) : counter_state["number"]},
            {"officer", "199002022015032002"},
            {"detail", detail},
            {"ticket", t},
            {"counter_state", counter_state}};
}

/// `counter` calls `label` at `at`: the ticket_called event.
inline json called(TicketId id, const std::string& label, const std::string& service, int counter_number, Millis at) {
    const json t = ticket(id, label, service, counter_number, "called", at);
    return ticket_event("ticket_called", t, counter(counter_number, sorong_counter_services(counter_number), "open", t),
                        at);
}

/// The same counter calls the ticket again.
inline json recalled(TicketId id, const std::string& label, const std::string& service, int counter_number,
                     Millis called_at, Millis at, int recalls = 1) {
    const json t = ticket(id, label, service, counter_number, "called", called_at, recalls);
    return ticket_event("ticket_recalled", t,
                        counter(counter_number, sorong_counter_services(counter_number), "open", t), at,
                        std::to_string(recalls));
}

}  // namespace antre::display::test
