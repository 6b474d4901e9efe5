#include "records.hpp"

#include <algorithm>
#include <iterator>

namespace antre {

namespace {
constexpr std::string_view booking_status_names[] = {"active", "checked_in", "cancelled", "missed"};
}

std::string_view to_string(BookingStatus s) { return booking_status_names[static_cast<int>(s)]; }

std::optional<BookingStatus> parse_booking_status(std::string_view s) {
    for (std::size_t i = 0; i < std::size(booking_status_names); ++i)
        if (booking_status_names[i] == s) return static_cast<BookingStatus>(i);
    return std::nullopt;
}

const Ticket* Effect::find_ticket(TicketId id) const {
    // The latest copy: a merged effect may hold a ticket more than once.
    for (auto it = records.tickets.rbegin(); it != records.tickets.rend(); ++it)
        if (it->id == id) return &*it;
    return nullptr;
}

void Effect::merge(Effect other) {
    for (auto& e : other.events) events.push_back(std::move(e));
    for (auto id : other.tickets) add_unique(tickets, id);
    for (auto n : other.counters) add_unique(counters, n);
    for (auto& s : other.services) add_unique(services, s);
    if (other.ticket) ticket = other.ticket;
    if (!other.note.empty()) note = std::move(other.note);
    // Records keep their order: a later copy of the same record is the newer one.
    auto append = [](auto& to, auto& from) {
        to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    };
    append(records.tickets, other.records.tickets);
    append(records.counters, other.records.counters);
    append(records.services, other.records.services);
    append(records.bookings, other.records.bookings);
    append(records.closures, other.records.closures);
    records.erase_personal_before = std::max(records.erase_personal_before, other.records.erase_personal_before);
    if (!other.records.day.empty()) records.day = std::move(other.records.day);
}

}  // namespace antre
