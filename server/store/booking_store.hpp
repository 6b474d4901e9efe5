// The bookings' part of the store (docs/booking.md): their rows and the closed days,
// written from the records an Effect carries inside Store::apply's transaction, and
// read back at start. Internal to antre_store; Store is the way in.
#pragma once

#include <string>
#include <vector>

#include "booking_report.hpp"
#include "records.hpp"

namespace antre {

namespace sql {
class Database;
}

/// The bookings an office keeps in memory: from `from_day` on, with the closures.
struct BookingState {
    std::vector<Booking> bookings;
    std::vector<BookingClosure> closures;
    BookingId next_id = 1;  ///< one past the highest id ever stored
};

namespace booking_store {

/// The SQL of the schema step that adds bookings (one entry of Store's migrations).
extern const char* const migration;

/// Writes the bookings and closures the effects carry (the latest copy of each
/// booking) and erases personal data as they ask; inside the caller's transaction.
void write(sql::Database& db, const std::vector<Effect>& effects);

BookingState load(sql::Database& db, const std::string& from_day);

/// Every booking of the office days from `from_day` to `to_day`, with the ticket its
/// check-in issued (whatever personal data was erased: none is read).
std::vector<booking_report::Fact> facts(sql::Database& db, const std::string& from_day, const std::string& to_day);

/// Counts of bookings per status of `day` ("" = every day), whatever was erased.
int count(sql::Database& db, const std::string& day, BookingStatus status);

}  // namespace booking_store
}  // namespace antre
