#include "antre/config.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "antre/calendar.hpp"
#include "antre/config_json.hpp"
#include "booking_rules.hpp"
#include "break_roster.hpp"
#include "json_fields.hpp"
#include "opening_hours.hpp"

namespace antre {

using config_detail::index;
using config_detail::join;
using config_detail::Json;
using config_detail::JsonFields;

ConfigError::ConfigError(std::string field, const std::string& message)
    : std::runtime_error(field.empty() ? message : field + ": " + message), field_(std::move(field)) {}

const Service* OfficeConfig::find_service(std::string_view code) const {
    const auto it = std::find_if(services.begin(), services.end(), [&](const Service& s) { return s.code == code; });
    return it == services.end() ? nullptr : &*it;
}

bool ClosingQuota::covers(std::string_view service) const {
    return enabled && (services.empty() || std::find(services.begin(), services.end(), service) != services.end());
}

const CounterConfig* OfficeConfig::find_counter(int number) const {
    const auto it =
        std::find_if(counters.begin(), counters.end(), [&](const CounterConfig& c) { return c.number == number; });
    return it == counters.end() ? nullptr : &*it;
}

const Holiday* OfficeConfig::find_holiday(std::string_view day) const {
    const auto it = std::find_if(holidays.begin(), holidays.end(), [&](const Holiday& h) { return h.date == day; });
    return it == holidays.end() ? nullptr : &*it;
}

namespace {

constexpr int minutes_per_day = 24 * 60;

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void check_range(int value, int lo, int hi, const std::string& field) {
    if (value < lo || value > hi) {
        throw ConfigError(field, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " +
                                     std::to_string(value));
    }
}

void check_not_blank(const std::string& value, const std::string& field) {
    if (blank(value)) throw ConfigError(field, "must not be empty");
}

// A link's start as a phone opens it: http(s), a host, maybe a port and a path
// (behind a proxy), nothing after: no space, query or fragment to break "/t/{code}".
void check_public_base_url(const std::string& url, const std::string& field) {
    const std::size_t scheme = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
    if (scheme == 0) throw ConfigError(field, "must start with http:// or https://, got \"" + url + "\"");
    const auto host_end = url.find_first_of(":/", scheme);
    if (host_end == scheme || url.size() == scheme) throw ConfigError(field, "has no host name, got \"" + url + "\"");
    for (const char c : url)
        if (static_cast<unsigned char>(c) <= ' ' || c == '?' || c == '#' || c == '\\' || c == 0x7f)
            throw ConfigError(field, "must be a plain address without spaces, '?' or '#', got \"" + url + "\"");
}

bool valid_code(const std::string& code) {
    return !code.empty() && code.size() <= 16 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

// "YYYY-MM-DD" with a month 01-12 and a day 01-31 (the calendar checks real dates).
bool valid_day(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (d[i] < '0' || d[i] > '9') return false;
    const std::string month = d.substr(5, 2), day = d.substr(8, 2);
    return month >= "01" && month <= "12" && day >= "01" && day <= "31";
}

bool valid_prefix(const std::string& prefix) {
    return !prefix.empty() && prefix.size() <= 2 &&
           std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void validate_policy(const CallPolicy& p, const std::string& field) {
    check_range(p.priority_boost_minutes, 0, 24 * 60, join(field, "priority_boost_minutes"));
    check_range(p.preference_step_percent, 0, 1000, join(field, "preference_step_percent"));
    check_range(p.late_limit_percent, 100, 1000, join(field, "late_limit_percent"));
    check_range(p.regular_between_priority, 0, 100, join(field, "regular_between_priority"));
    check_range(p.no_show_requeue_places, 0, 100, join(field, "no_show_requeue_places"));
    check_range(p.no_show_max_requeues, 0, 10, join(field, "no_show_max_requeues"));
}

// What can be said of a counter without knowing the office's services.
void validate_counter_alone(const CounterConfig& c, const std::string& field) {
    check_range(c.number, 1, 999, join(field, "number"));
    check_not_blank(c.name, join(field, "name"));
    const std::string services = join(field, "services");
    if (c.services.empty()) throw ConfigError(services, "a counter must serve at least one service");
    for (std::size_t i = 0; i < c.services.size(); ++i) {
        const auto first = std::find(c.services.begin(), c.services.end(), c.services[i]);
        if (first != c.services.begin() + static_cast<std::ptrdiff_t>(i)) {
            throw ConfigError(index(services, i), "service " + c.services[i] + " is listed twice");
        }
    }
}

CallPolicy parse_policy(const Json& j, const std::string& path) {
    const JsonFields f(j, path,
                       {"rule", "priority_boost_minutes", "preference_step_percent", "late_limit_percent",
                        "regular_between_priority", "no_show_requeue_places", "no_show_max_requeues"});
    const CallPolicy defaults;
    CallPolicy p;
    const std::string rule = f.text_or("rule", std::string(to_string(defaults.rule)));
    const auto parsed = parse_call_rule(rule);
    if (!parsed) throw ConfigError(join(path, "rule"), "expected \"strict\" or \"urgency\", got \"" + rule + "\"");
    p.rule = *parsed;
    p.priority_boost_minutes = f.integer_or("priority_boost_minutes", defaults.priority_boost_minutes);
    p.preference_step_percent = f.integer_or("preference_step_percent", defaults.preference_step_percent);
    p.late_limit_percent = f.integer_or("late_limit_percent", defaults.late_limit_percent);
    p.regular_between_priority = f.integer_or("regular_between_priority", defaults.regular_between_priority);
    p.no_show_requeue_places = f.integer_or("no_show_requeue_places", defaults.no_show_requeue_places);
    p.no_show_max_requeues = f.integer_or("no_show_max_requeues", defaults.no_show_max_requeues);
    validate_policy(p, path);
    return p;
}

ClosingQuota parse_closing_quota(const Json& j, const std::string& path) {
    const JsonFields f(j, path, {"enabled", "grace_minutes", "services"});
    ClosingQuota q;
    q.enabled = true;
    if (f.has("enabled")) {
        if (!f.at("enabled").is_boolean()) throw ConfigError(f.path("enabled"), "must be true or false");
        q.enabled = f.at("enabled").get<bool>();
    }
    q.grace_minutes = f.integer_or("grace_minutes", q.grace_minutes);
    check_range(q.grace_minutes, 0, 600, f.path("grace_minutes"));
    if (f.has("services")) {
        const Json& list = f.array("services");
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_string()) throw ConfigError(index(f.path("services"), i), "must be a service code");
            q.services.push_back(list[i].get<std::string>());
        }
    }
    return q;
}

// `office_hours` stands in for a service without its own; null means it must have them.
Service parse_service(const Json& j, const std::string& path, const std::vector<OpeningWindow>* office_hours) {
    const JsonFields f(j, path,
                       {"code", "prefix", "name_id", "name_en", "daily_quota", "max_wait_minutes",
                        "max_service_minutes", "opening_hours", "standard_from", "earlier_standards", "booking"});
    Service s;
    s.code = f.text("code");
    s.prefix = f.text("prefix");
    s.name_id = f.text("name_id");
    s.name_en = f.text("name_en");
    s.daily_quota = f.integer("daily_quota");
    s.max_wait_minutes = f.integer("max_wait_minutes");
    s.max_service_minutes = f.integer("max_service_minutes");
    s.standard_from = f.text_or("standard_from", "");
    if (f.has("earlier_standards")) {
        const Json& list = f.array("earlier_standards");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const JsonFields p(list[i], index(f.path("earlier_standards"), i),
                               {"from", "max_wait_minutes", "max_service_minutes"});
            s.earlier_standards.push_back(
                {p.text_or("from", ""), p.integer("max_wait_minutes"), p.integer("max_service_minutes")});
        }
    }
    if (f.has("opening_hours") || office_hours == nullptr) {
        s.hours = config_detail::parse_hours(f.at("opening_hours"), f.path("opening_hours"));
    } else {
        s.hours = *office_hours;
    }
    if (f.has("booking")) s.booking = config_detail::parse_booking(f.at("booking"), f.path("booking"));
    validate_service(s, path);
    return s;
}

Json service_json(const Service& s) {
    Json j;
    j["code"] = s.code;
    j["prefix"] = s.prefix;
    j["name_id"] = s.name_id;
    j["name_en"] = s.name_en;
    j["daily_quota"] = s.daily_quota;
    j["max_wait_minutes"] = s.max_wait_minutes;
    j["max_service_minutes"] = s.max_service_minutes;
    j["opening_hours"] = config_detail::hours_to_json(s.hours);
    if (!s.standard_from.empty()) j["standard_from"] = s.standard_from;
    if (!s.earlier_standards.empty()) {
        Json list = Json::array();
        for (const auto& p : s.earlier_standards)
            list.push_back({{"from", p.from},
                            {"max_wait_minutes", p.max_wait_minutes},
                            {"max_service_minutes", p.max_service_minutes}});
        j["earlier_standards"] = list;
    }
    if (!s.booking.sessions.empty()) j["booking"] = config_detail::booking_to_json(s.booking);
    return j;
}

CounterConfig parse_counter(const Json& j, const std::string& path) {
    const JsonFields f(j, path, {"number", "name", "services"});
    CounterConfig c;
    c.number = f.integer("number");
    // Checked before the name defaults to it, so "Loket 0" is never made up.
    check_range(c.number, 1, 999, f.path("number"));
    c.name = f.text_or("name", "Loket " + std::to_string(c.number));
    const Json& services = f.array("services");
    for (std::size_t i = 0; i < services.size(); ++i) {
        c.services.push_back(config_detail::as_text(services[i], index(f.path("services"), i)));
    }
    validate_counter_alone(c, path);
    return c;
}

Json counter_json(const CounterConfig& c) {
    Json j;
    j["number"] = c.number;
    j["name"] = c.name;
    j["services"] = c.services;
    return j;
}

void check_unique_services(const std::vector<Service>& services) {
    for (std::size_t i = 0; i < services.size(); ++i) {
        for (std::size_t k = 0; k < i; ++k) {
            const std::string here = index("services", i);
            if (services[k].code == services[i].code) {
                throw ConfigError(join(here, "code"),
                                  "service code " + services[i].code + " is already used by " + index("services", k));
            }
            if (services[k].prefix == services[i].prefix) {
                throw ConfigError(join(here, "prefix"),
                                  "ticket prefix " + services[i].prefix + " is already used by " + services[k].code);
            }
        }
    }
}

void check_counters(const OfficeConfig& config) {
    const auto& counters = config.counters;
    for (std::size_t i = 0; i < counters.size(); ++i) {
        const std::string here = index("counters", i);
        validate_counter(counters[i], config.services, here);
        for (std::size_t k = 0; k < i; ++k) {
            if (counters[k].number == counters[i].number) {
                throw ConfigError(join(here, "number"), "counter number " + std::to_string(counters[i].number) +
                                                            " is already used by " + index("counters", k));
            }
        }
    }
    // A service no counter serves would hand out tickets that are never called.
    for (std::size_t i = 0; i < config.services.size(); ++i) {
        const auto& code = config.services[i].code;
        const bool served = std::any_of(counters.begin(), counters.end(), [&](const auto& c) {
            return std::find(c.services.begin(), c.services.end(), code) != c.services.end();
        });
        if (!served) {
            throw ConfigError(join(index("services", i), "code"),
                              "no counter serves " + code + "; add it to a counter's services");
        }
    }
}

}  // namespace

void validate_service(const Service& s, const std::string& field) {
    if (!valid_code(s.code)) {
        throw ConfigError(join(field, "code"), "must be 1-16 characters of A-Z, 0-9 or _, got \"" + s.code + "\"");
    }
    if (!valid_prefix(s.prefix)) {
        throw ConfigError(join(field, "prefix"), "must be 1 or 2 uppercase letters A-Z, got \"" + s.prefix + "\"");
    }
    check_not_blank(s.name_id, join(field, "name_id"));
    check_not_blank(s.name_en, join(field, "name_en"));
    if (s.daily_quota < 0) {
        throw ConfigError(join(field, "daily_quota"),
                          "must be 0 (unlimited) or more, got " + std::to_string(s.daily_quota));
    }
    check_range(s.max_wait_minutes, 1, minutes_per_day, join(field, "max_wait_minutes"));
    check_range(s.max_service_minutes, 1, minutes_per_day, join(field, "max_service_minutes"));
    if (!s.standard_from.empty() && !valid_day(s.standard_from))
        throw ConfigError(join(field, "standard_from"),
                          "must be a date like 2026-12-01, got \"" + s.standard_from + "\"");
    // Earlier periods run oldest first and all begin before the current targets.
    std::string previous;
    for (std::size_t i = 0; i < s.earlier_standards.size(); ++i) {
        const auto& p = s.earlier_standards[i];
        const std::string at = index(join(field, "earlier_standards"), i);
        if (!p.from.empty() && !valid_day(p.from))
            throw ConfigError(join(at, "from"), "must be a date like 2026-12-01, got \"" + p.from + "\"");
        if ((i > 0 && p.from <= previous) || (i > 0 && p.from.empty()))
            throw ConfigError(join(at, "from"), "must come after the previous period's date");
        if (s.standard_from.empty() || (!p.from.empty() && p.from >= s.standard_from))
            throw ConfigError(join(at, "from"), "must come before standard_from");
        check_range(p.max_wait_minutes, 1, minutes_per_day, join(at, "max_wait_minutes"));
        check_range(p.max_service_minutes, 1, minutes_per_day, join(at, "max_service_minutes"));
        previous = p.from;
    }
    config_detail::validate_hours(s.hours, join(field, "opening_hours"));
    config_detail::validate_booking(s.booking, s.daily_quota, join(field, "booking"));
}

void validate_counter(const CounterConfig& c, const std::vector<Service>& services, const std::string& field) {
    validate_counter_alone(c, field);
    for (std::size_t i = 0; i < c.services.size(); ++i) {
        const bool known =
            std::any_of(services.begin(), services.end(), [&](const Service& s) { return s.code == c.services[i]; });
        if (!known) {
            throw ConfigError(index(join(field, "services"), i), "unknown service " + c.services[i]);
        }
    }
}

OfficeConfig parse_config(const std::string& json_text) {
    const Json root = config_detail::parse_json(json_text, "");
    const JsonFields top(
        root, "",
        {"office", "call_policy", "closing_quota", "breaks", "opening_hours", "holidays", "services", "counters"});
    OfficeConfig config;

    const JsonFields office(
        top.at("office"), "office",
        {"name", "place", "time_zone", "language", "public_base_url", "nik_retention_days", "board_qr"});
    config.office_name = office.text("name");
    check_not_blank(config.office_name, office.path("name"));
    config.place = office.text_or("place", "");
    if (office.has("place")) check_not_blank(config.place, office.path("place"));
    // Required although it has a default: a wrong zone silently shifts every day boundary.
    config.time_zone = office.text("time_zone");
    try {
        [[maybe_unused]] const OfficeCalendar zone_check(config.time_zone);
    } catch (const std::runtime_error&) {
        throw ConfigError(office.path("time_zone"), "unknown time zone \"" + config.time_zone +
                                                        "\"; use an IANA name such as "
                                                        "Asia/Jayapura");
    }
    config.language = office.text_or("language", config.language);
    if (config.language != "id" && config.language != "en") {
        throw ConfigError(office.path("language"), "must be \"id\" or \"en\", got \"" + config.language + "\"");
    }

    // The start of the citizens' links (the ticket's QR, docs/public-page.md): an
    // absolute http(s) URL without a trailing slash; unset, the server's LAN address.
    config.public_base_url = office.text_or("public_base_url", "");
    while (!config.public_base_url.empty() && config.public_base_url.back() == '/') config.public_base_url.pop_back();
    if (!config.public_base_url.empty()) check_public_base_url(config.public_base_url, office.path("public_base_url"));
    // The board's QR to the office page: by default where the office named its public address.
    config.board_qr = !config.public_base_url.empty();
    if (office.has("board_qr")) {
        if (!office.at("board_qr").is_boolean()) throw ConfigError(office.path("board_qr"), "must be true or false");
        config.board_qr = office.at("board_qr").get<bool>();
    }

    config.nik_retention_days = office.integer_or("nik_retention_days", config.nik_retention_days);
    check_range(config.nik_retention_days, 1, 3650, office.path("nik_retention_days"));
    if (top.has("holidays")) config.holidays = config_detail::parse_holidays(top.at("holidays"), "holidays");

    if (top.has("call_policy")) config.policy = parse_policy(top.at("call_policy"), "call_policy");
    if (top.has("closing_quota")) config.closing_quota = parse_closing_quota(top.at("closing_quota"), "closing_quota");

    std::vector<OpeningWindow> office_hours;
    if (top.has("opening_hours")) {
        office_hours = config_detail::parse_hours(top.at("opening_hours"), "opening_hours");
    }
    const auto* default_hours = top.has("opening_hours") ? &office_hours : nullptr;

    const Json& services = top.array("services");
    if (services.empty()) throw ConfigError("services", "at least one service is required");
    for (std::size_t i = 0; i < services.size(); ++i) {
        config.services.push_back(parse_service(services[i], index("services", i), default_hours));
    }
    check_unique_services(config.services);

    const Json& counters = top.array("counters");
    if (counters.empty()) throw ConfigError("counters", "at least one counter is required");
    for (std::size_t i = 0; i < counters.size(); ++i) {
        config.counters.push_back(parse_counter(counters[i], index("counters", i)));
    }
    check_counters(config);
    for (std::size_t i = 0; i < config.closing_quota.services.size(); ++i)
        if (!config.find_service(config.closing_quota.services[i]))
            throw ConfigError(index("closing_quota.services", i),
                              "unknown service " + config.closing_quota.services[i]);
    if (top.has("breaks")) config.breaks = config_detail::parse_breaks(top.at("breaks"), "breaks", config.counters);
    return config;
}

OfficeConfig load_config(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ConfigError("", "cannot open config file " + path + ": " + std::strerror(errno));
    }
    std::string text;
    try {
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } catch (const std::ios_base::failure&) {
        // libstdc++ reports a read error (such as the path being a directory) this way.
        in.setstate(std::ios::badbit);
    }
    if (in.bad()) throw ConfigError("", "cannot read config file " + path);
    return parse_config(text);
}

std::string service_to_json(const Service& s) { return service_json(s).dump(); }

nlohmann::json service_as_json(const Service& s) { return nlohmann::json(service_json(s)); }

Service service_from_json(const std::string& json_text, const std::string& field) {
    return parse_service(config_detail::parse_json(json_text, field), field, nullptr);
}

// The ordered JSON of the config parser, converted element by element (nlohmann's
// conversion between its two object types), so no text is written and read again.
Service service_from_json(const nlohmann::json& j, const std::string& field) {
    return parse_service(config_detail::Json(j), field, nullptr);
}

std::string counter_to_json(const CounterConfig& c) { return counter_json(c).dump(); }

CounterConfig counter_from_json(const nlohmann::json& j, const std::string& field) {
    return parse_counter(config_detail::Json(j), field);
}

CounterConfig counter_from_json(const std::string& json_text, const std::string& field) {
    return parse_counter(config_detail::parse_json(json_text, field), field);
}

}  // namespace antre
