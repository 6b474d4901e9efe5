#include "antre/calendar.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include <date/date.h>
#include <date/tz.h>

namespace antre {
namespace {

using std::chrono::milliseconds;
using SysMillis = date::sys_time<milliseconds>;

const date::time_zone* locate(const std::string& zone_name) {
    try {
        return date::locate_zone(zone_name);
    } catch (const std::exception&) {
        // The library's message varies by version; ours always names the zone.
        throw std::runtime_error("unknown time zone \"" + zone_name + "\"");
    }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int two_digits(const std::string& s, std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

}  // namespace

OfficeCalendar::OfficeCalendar(const std::string& zone_name) : zone_name_(zone_name), zone_(locate(zone_name)) {}

LocalTime OfficeCalendar::local(Millis t) const {
    const auto* zone = static_cast<const date::time_zone*>(zone_);
    const auto local = zone->to_local(SysMillis{milliseconds{t}});
    const auto day = date::floor<date::days>(local);
    const auto since_midnight = date::floor<std::chrono::seconds>(local - day);

    // The day as YYYY-MM-DD without date::format, whose stream and locale made it
    // a noticeable share of every request's CPU (docs/benchmarks.md).
    const date::year_month_day ymd{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    LocalTime out;
    out.day = text;
    out.weekday = static_cast<int>(date::weekday{day}.c_encoding());
    out.minute_of_day = static_cast<int>(since_midnight.count() / 60);
    out.second_of_minute = static_cast<int>(since_midnight.count() % 60);
    return out;
}

Millis OfficeCalendar::next_day_start(Millis t) const {
    const auto* zone = static_cast<const date::time_zone*>(zone_);
    const auto local = zone->to_local(SysMillis{milliseconds{t}});
    const auto next_day = date::floor<date::days>(local) + date::days{1};
    // `earliest` also covers a zone whose clocks skip midnight: the day then
    // starts at the transition.
    const auto start = zone->to_sys(next_day, date::choose::earliest);
    return std::chrono::duration_cast<milliseconds>(start.time_since_epoch()).count();
}

Millis OfficeCalendar::day_start(const std::string& day) const {
    const bool shaped = day.size() == 10 && day[4] == '-' && day[7] == '-' && is_digit(day[0]) && is_digit(day[1]) &&
                        is_digit(day[2]) && is_digit(day[3]) && is_digit(day[5]) && is_digit(day[6]) &&
                        is_digit(day[8]) && is_digit(day[9]);
    if (!shaped) throw std::invalid_argument("day must be YYYY-MM-DD, got \"" + day + "\"");
    const date::year_month_day ymd{date::year{two_digits(day, 0) * 100 + two_digits(day, 2)},
                                   date::month{static_cast<unsigned>(two_digits(day, 5))},
                                   date::day{static_cast<unsigned>(two_digits(day, 8))}};
    if (!ymd.ok()) throw std::invalid_argument("no such day \"" + day + "\"");

    const auto* zone = static_cast<const date::time_zone*>(zone_);
    const auto start = zone->to_sys(date::local_days{ymd}, date::choose::earliest);
    return std::chrono::duration_cast<milliseconds>(start.time_since_epoch()).count();
}

int parse_hhmm(const std::string& s) {
    if (s.size() != 5 || s[2] != ':' || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[3]) || !is_digit(s[4])) {
        return -1;
    }
    const int hours = two_digits(s, 0);
    const int minutes = two_digits(s, 3);
    // 24:00 is allowed so a window can close at the end of the day.
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return -1;
    return hours * 60 + minutes;
}

std::string format_hhmm(int minute_of_day) {
    if (minute_of_day < 0 || minute_of_day > 24 * 60) return {};
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return text;
}

}  // namespace antre
