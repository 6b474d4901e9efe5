#include "booking_rules.hpp"

#include <algorithm>

#include "antre/calendar.hpp"

namespace antre::config_detail {

namespace {

constexpr int max_places = 100000;  // a session's places: far above any office's day
constexpr int max_days_ahead = 90;
constexpr int max_grace = 24 * 60;
constexpr std::size_t max_requirements = 30;
constexpr std::size_t max_requirement_length = 200;

void check_range(int value, int lo, int hi, const std::string& field) {
    if (value < lo || value > hi)
        throw ConfigError(field, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " +
                                     std::to_string(value));
}

}  // namespace

BookingRules parse_booking(const Json& j, const std::string& path) {
    const JsonFields f(j, path,
                       {"sessions", "walk_in_percent", "days_ahead", "opens_at", "grace_minutes", "requirements"});
    const BookingRules defaults;
    BookingRules r;
    const Json& sessions = f.array("sessions");
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const std::string at = index(f.path("sessions"), i);
        const JsonFields s(sessions[i], at, {"start", "end", "places"});
        r.sessions.push_back(
            {as_time(s.at("start"), s.path("start")), as_time(s.at("end"), s.path("end")), s.integer("places")});
    }
    r.walk_in_percent = f.integer_or("walk_in_percent", defaults.walk_in_percent);
    r.days_ahead = f.integer_or("days_ahead", defaults.days_ahead);
    r.opens_minute = f.has("opens_at") ? as_time(f.at("opens_at"), f.path("opens_at")) : defaults.opens_minute;
    r.grace_minutes = f.integer_or("grace_minutes", defaults.grace_minutes);
    if (f.has("requirements")) {
        const Json& list = f.array("requirements");
        for (std::size_t i = 0; i < list.size(); ++i)
            r.requirements.push_back(as_text(list[i], index(f.path("requirements"), i)));
    }
    return r;
}

Json booking_to_json(const BookingRules& r) {
    Json sessions = Json::array();
    for (const auto& s : r.sessions)
        sessions.push_back(
            {{"start", format_hhmm(s.start_minute)}, {"end", format_hhmm(s.end_minute)}, {"places", s.places}});
    Json j;
    j["sessions"] = sessions;
    j["walk_in_percent"] = r.walk_in_percent;
    j["days_ahead"] = r.days_ahead;
    j["opens_at"] = format_hhmm(r.opens_minute);
    j["grace_minutes"] = r.grace_minutes;
    j["requirements"] = r.requirements;
    return j;
}

void validate_booking(const BookingRules& r, int daily_quota, const std::string& path) {
    const std::string sessions = join(path, "sessions");
    long total = 0;
    for (std::size_t i = 0; i < r.sessions.size(); ++i) {
        const auto& s = r.sessions[i];
        const std::string at = index(sessions, i);
        if (s.start_minute < 0 || s.start_minute >= 24 * 60)
            throw ConfigError(join(at, "start"), "must be a time between 00:00 and 23:59");
        if (s.end_minute <= s.start_minute || s.end_minute > 24 * 60)
            throw ConfigError(join(at, "end"), "must be after the session's start, at 24:00 at the latest");
        check_range(s.places, 1, max_places, join(at, "places"));
        if (i > 0 && s.start_minute < r.sessions[i - 1].end_minute)
            throw ConfigError(join(at, "start"),
                              "sessions must be in time order and not overlap: " + format_hhmm(s.start_minute) +
                                  " is before the end of " + index(sessions, i - 1));
        total += s.places;
    }
    check_range(r.walk_in_percent, 0, 100, join(path, "walk_in_percent"));
    check_range(r.days_ahead, 1, max_days_ahead, join(path, "days_ahead"));
    if (r.opens_minute < 0 || r.opens_minute >= 24 * 60)
        throw ConfigError(join(path, "opens_at"), "must be a time between 00:00 and 23:59");
    check_range(r.grace_minutes, 0, max_grace, join(path, "grace_minutes"));
    if (r.requirements.size() > max_requirements)
        throw ConfigError(join(path, "requirements"), "at most " + std::to_string(max_requirements) + " items");
    for (std::size_t i = 0; i < r.requirements.size(); ++i) {
        const auto& item = r.requirements[i];
        if (item.find_first_not_of(" \t\r\n") == std::string::npos || item.size() > max_requirement_length)
            throw ConfigError(index(join(path, "requirements"), i),
                              "must be 1 to " + std::to_string(max_requirement_length) + " characters");
    }
    // The walk-in share is kept out of the bookable places, so that a rush online
    // cannot take the whole day from the citizens who come to the office.
    if (daily_quota > 0) {
        const long bookable = static_cast<long>(daily_quota) * (100 - r.walk_in_percent) / 100;
        if (total > bookable)
            throw ConfigError(sessions, "the sessions' places (" + std::to_string(total) + ") exceed the " +
                                            std::to_string(bookable) + " of the daily quota " +
                                            std::to_string(daily_quota) + " left after the walk-in share of " +
                                            std::to_string(r.walk_in_percent) + "%");
    }
}

std::vector<Holiday> parse_holidays(const Json& j, const std::string& path) {
    if (!j.is_array()) throw ConfigError(path, "must be an array of {\"date\": \"YYYY-MM-DD\", \"name\": \"...\"}");
    std::vector<Holiday> days;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string at = index(path, i);
        const JsonFields f(j[i], at, {"date", "name"});
        Holiday h{f.text("date"), f.text_or("name", "")};
        try {
            // The calendar knows real dates (no 30 February); any zone will do for that.
            [[maybe_unused]] const Millis check = OfficeCalendar("UTC").day_start(h.date);
        } catch (const std::exception&) {
            throw ConfigError(f.path("date"), "must be a date like 2026-12-25, got \"" + h.date + "\"");
        }
        if (std::any_of(days.begin(), days.end(), [&](const Holiday& d) { return d.date == h.date; }))
            throw ConfigError(f.path("date"), h.date + " is listed twice");
        days.push_back(std::move(h));
    }
    std::sort(days.begin(), days.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return days;
}

}  // namespace antre::config_detail
