// Human-readable rendering of replies and events for the `antre` command line.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "antre/calendar.hpp"

namespace antre::cli {

/// "A-001 KTP menunggu, 2 orang di depan, perkiraan 12 menit"
std::string ticket_line(const nlohmann::json& ticket);
/// Services and counters of a snapshot as two small tables.
std::string status_text(const nlohmann::json& snapshot);
/// One event as a line: time (office-local), type, ticket, counter, detail.
std::string event_line(const nlohmann::json& event, const OfficeCalendar& calendar);
/// The `audit` reply as lines: office-local date and time, change, who, what.
std::string audit_text(const nlohmann::json& audit);
/// The Indonesian words for the codes the server sends (shared/domain.cpp's tables);
/// a code they do not know is shown as it is.
std::string priority_word(const std::string& priority);
std::string counter_state_word(const std::string& state);
std::string officer_role_word(const std::string& role);
/// "Loket 1 Istirahat": a counter's name and state.
std::string counter_line(const nlohmann::json& counter);
/// "HH:MM:SS" office-local time of a UTC millisecond time.
std::string clock_text(std::int64_t millis, const OfficeCalendar& calendar);

}  // namespace antre::cli
