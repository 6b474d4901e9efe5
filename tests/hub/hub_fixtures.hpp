// Offices made up at the hub for the figures' tests: a state with one service (KTP,
// waits within 60 minutes unless told), and a Monday of tickets and surveys as the office ships them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hub_store.hpp"
#include "test_support.hpp"

namespace antre::test {

// An office's state as it ships it: one service, KTP, with its waiting standard.
inline std::string hub_state_of(const std::string& name, int max_wait_minutes = 60) {
    const nlohmann::json hours = {{"mon", {"08:00", "15:00"}}};
    return nlohmann::json{{"office", {{"name", name}, {"time_zone", "Asia/Jayapura"}}},
                          {"services",
                           {{{"code", "KTP"},
                             {"prefix", "A"},
                             {"name_id", "KTP-el"},
                             {"name_en", "KTP-el"},
                             {"daily_quota", 0},
                             {"max_wait_minutes", max_wait_minutes},
                             {"max_service_minutes", 15},
                             {"opening_hours", hours},
                             {"closed", false}}}},
                          {"counters", nlohmann::json::array()},
                          {"officers", nlohmann::json::array()}}
        .dump();
}

// Tickets issued on Monday 2026-11-30 and called after `waits` minutes, then
// finished; then surveys all answered `answer` (none when 0).
inline std::vector<hub::ShippedEvent> hub_day_of(const std::vector<int>& waits, int surveys, int answer) {
    constexpr Millis minute = 60'000;
    std::vector<hub::ShippedEvent> out;
    auto add = [&](const std::string& type, Millis at, std::optional<TicketId> ticket, const std::string& detail) {
        hub::ShippedEvent e;
        e.seq = static_cast<std::int64_t>(out.size()) + 1;
        e.event.at = at;
        e.event.day = "2026-11-30";
        e.event.type = type;
        e.event.ticket = ticket;
        e.event.service = "KTP";
        e.event.counter = type == "ticket_issued" || type == "survey_submitted" ? 0 : 1;
        e.event.officer = e.event.counter ? "199002022015032002" : "";
        e.event.detail = detail;
        out.push_back(std::move(e));
    };
    for (std::size_t k = 0; k < waits.size(); ++k) {
        const auto id = static_cast<TicketId>(k + 1);
        const Millis issued = monday_0900_wit + static_cast<Millis>(k) * minute;
        add("ticket_issued", issued, id, "none");
        add("ticket_called", issued + waits[k] * minute, id, "");
        add("ticket_finished", issued + (waits[k] + 5) * minute, id, "");
    }
    std::string detail;
    for (int u = 0; u < 9; ++u) detail += (u ? "," : "") + std::to_string(answer);
    for (int s = 0; s < surveys; ++s) add("survey_submitted", monday_0900_wit + 300 * minute, std::nullopt, detail);
    return out;
}

}  // namespace antre::test
