#include "records.hpp"

#include <algorithm>
#include <iterator>

namespace antre {

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
    if (!other.records.day.empty()) records.day = std::move(other.records.day);
}

}  // namespace antre
