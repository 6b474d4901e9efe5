#include "antre/gui/estimate_text.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "antre/calendar.hpp"
#include "antre/gui/dates.hpp"

namespace antre::gui {

namespace {

// "10.40" (KBBI) / "10:40", office-local.
std::string clock(Language l, const std::string& time_zone, Millis at) {
    LocalTime local;
    try {
        local = OfficeCalendar(time_zone).local(at);
    } catch (const std::exception&) {
        local = OfficeCalendar("Asia/Jayapura").local(at);
    }
    char text[8];
    std::snprintf(text, sizeof text, is_indonesian(l) ? "%02d.%02d" : "%02d:%02d", local.minute_of_day / 60 % 24,
                  local.minute_of_day % 60);
    return text;
}

}  // namespace

std::optional<DoorEstimate> door_from_json(const nlohmann::json& d) {
    if (!d.is_object()) return std::nullopt;
    DoorEstimate e;
    const auto wait = d.find("wait_s");
    if (wait != d.end() && wait->is_number_integer()) e.wait_s = wait->get<int>();
    const auto from = d.find("call_from"), to = d.find("call_to");
    if (from != d.end() && from->is_number_integer() && to != d.end() && to->is_number_integer()) {
        e.call_from = from->get<Millis>();
        e.call_to = to->get<Millis>();
    }
    const auto late = d.find("past_closing");
    e.past_closing = late != d.end() && late->is_boolean() && late->get<bool>();
    return e;
}

std::string wait_text(Language l, int seconds) {
    if (seconds <= 0) return is_indonesian(l) ? "Segera dipanggil" : "Called soon";
    const int minutes = (seconds + 59) / 60;
    const char* about = is_indonesian(l) ? "\u00b1\u00a0" : "about\u00a0";
    if (minutes < 60) return about + std::to_string(minutes) + (is_indonesian(l) ? "\u00a0menit" : "\u00a0min");
    const int hours = minutes / 60, rest = minutes % 60;
    std::string out = about + std::to_string(hours) + (is_indonesian(l) ? "\u00a0jam" : "\u00a0h");
    if (rest > 0) out += " " + std::to_string(rest) + (is_indonesian(l) ? "\u00a0menit" : "\u00a0min");
    return out;
}

std::string call_times(Language l, const std::string& time_zone, Millis from, Millis to) {
    constexpr Millis step = 5 * 60'000;
    const Millis low = from - from % step, high = to % step ? to + step - to % step : to;
    return clock(l, time_zone, low) + "\u2013" + clock(l, time_zone, high);
}

std::string call_interval_text(Language l, const std::string& time_zone, Millis from, Millis to) {
    const std::string zone = zone_abbreviation(time_zone);
    return (is_indonesian(l) ? "Perkiraan dipanggil " : "Expected call ") + call_times(l, time_zone, from, to) +
           (zone.empty() ? "" : "\u00a0" + zone);
}

}  // namespace antre::gui
