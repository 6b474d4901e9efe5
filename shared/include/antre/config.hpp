// The office configuration: who the office is, its time zone, its services and
// counters, and the call policy. Loaded from JSON; a bad file is refused with a
// message that names the offending field.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "antre/domain.hpp"

namespace antre {

/// A day the office is closed (hari libur): no bookings are taken for it.
struct Holiday {
    std::string date;  ///< "YYYY-MM-DD"
    std::string name;  ///< e.g. "Hari Natal"; may be empty
    bool operator==(const Holiday&) const = default;
};

/// One line of the office's break roster (istirahat; docs/queue.md "Pause roster"):
/// the counters named stop calling at `start_minute` for `minutes` on the weekdays
/// named, each when done with the citizen in hand. The forward estimate plans with it.
struct BreakRule {
    std::vector<int> counters;  ///< counter numbers; empty = every counter
    std::vector<int> weekdays;  ///< 0 = Sunday (Minggu) .. 6 = Saturday; empty = every day
    int start_minute = 12 * 60;
    int minutes = 30;
    bool applies_on(int weekday) const;
    bool covers(int counter) const;
    bool operator==(const BreakRule&) const = default;
};

/// The automatic daily quota by the forward estimate (docs/queue.md "Honesty at the
/// door"): issuing stops when a ticket taken now is expected to finish later than the
/// service's closing time plus `grace_minutes`. Off unless the config has it.
struct ClosingQuota {
    bool enabled = false;
    int grace_minutes = 30;
    std::vector<std::string> services;  ///< the services it applies to; empty = all
    bool covers(std::string_view service) const;
};

struct OfficeConfig {
    std::string office_name;
    /// Where the office's reports are dated and signed ("Sorong"): office.place, optional;
    /// "" leaves the SKM report's place to be written by hand.
    std::string place;
    std::string time_zone = "Asia/Jayapura";
    std::string language = "id";  ///< default language of user-facing text: "id" or "en"
    /// Where citizens' phones reach the public page ("https://antrean.example.go.id"),
    /// without a trailing slash; empty: the server's LAN address (docs/public-page.md).
    std::string public_base_url;
    /// Days after a booking's date when its NIK, name and phone are deleted (docs/booking.md).
    int nik_retention_days = 30;
    /// The waiting-room board shows a QR code to the office page ("{public_base_url}/"):
    /// office.board_qr, by default on when public_base_url is set.
    bool board_qr = false;
    CallPolicy policy;
    ClosingQuota closing_quota;
    std::vector<BreakRule> breaks;  ///< the break roster, in the file's order
    std::vector<Holiday> holidays;  ///< sorted by date
    std::vector<Service> services;
    std::vector<CounterConfig> counters;

    const Service* find_service(std::string_view code) const;
    const CounterConfig* find_counter(int number) const;
    /// The holiday on `day` ("YYYY-MM-DD"), or null.
    const Holiday* find_holiday(std::string_view day) const;
};

/// Thrown for an invalid configuration; `field()` is a JSON path such as
/// "services[2].daily_quota".
class ConfigError : public std::runtime_error {
public:
    ConfigError(std::string field, const std::string& message);
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

/// Parses and validates a whole office configuration from JSON text.
OfficeConfig parse_config(const std::string& json_text);
/// Reads `path` and parses it; a missing file is a ConfigError on field "".
OfficeConfig load_config(const std::string& path);

/// Validates one service on its own (used by admin changes); `field` prefixes errors.
void validate_service(const Service& s, const std::string& field);
/// Validates one counter against the known services.
void validate_counter(const CounterConfig& c, const std::vector<Service>& services, const std::string& field);

/// JSON text of one service / counter, and back (same format as the config file).
std::string service_to_json(const Service& s);
Service service_from_json(const std::string& json_text, const std::string& field);
std::string counter_to_json(const CounterConfig& c);
CounterConfig counter_from_json(const std::string& json_text, const std::string& field);

}  // namespace antre
