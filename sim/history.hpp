// Learns a DayModel from an office's own event log (docs/queue.md "Simulator",
// what-if staffing): arrivals per weekday and hour, the service mix, lognormal
// service times per service, the shares of priority tickets, no-shows and transfers.
// Reads the database read-only; the office server may keep running.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "model.hpp"

namespace antre::sim {

/// What a month of the event log says, before it is turned into one weekday's model.
struct History {
    std::string from_day, to_day;
    /// Office days with at least one ticket issued, per weekday (0 = Sunday).
    std::map<int, int> days;
    /// Tickets issued per service, weekday and office-local hour.
    std::map<std::string, std::map<int, std::array<int, 24>>> issued;
    /// ln(service seconds) of every finished leg, per service.
    std::map<std::string, std::vector<double>> log_service_s;
    int tickets = 0, priority = 0, no_show_tickets = 0, transfers = 0;

    /// The model of an average `weekday`: mean arrivals per hour over that weekday's
    /// office days, service times fitted per service (the synthetic ones where the log
    /// has fewer than two), and `office`'s synthetic breaks. Throws std::runtime_error
    /// when the log holds no office day on that weekday.
    DayModel model_for(const OfficeConfig& office, int weekday) const;
};

/// Reads the events of the office days of `month` ("YYYY-MM") from the database at
/// `db_path`, opened read-only. Throws std::runtime_error (a clear message) when
/// the month is malformed or the file cannot be read.
History read_history(const std::string& db_path, const std::string& month, const OfficeConfig& office);

}  // namespace antre::sim
