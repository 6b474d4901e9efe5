// The line protocol's ops in one table: each op's name, the session roles that may
// run it, what kind of op it is and the function that runs it. Permissions and
// dispatch (Handler::handle) come from here, and a test holds docs/protocol.md §5.0
// to it.
#include <algorithm>

#include "handler.hpp"

namespace antre {

namespace {

constexpr RoleMask kiosks = role_bit(Role::kiosk);
constexpr RoleMask counters = role_bit(Role::counter);
constexpr RoleMask admins = role_bit(Role::admin);
constexpr RoleMask managers = role_bit(Role::manager) | admins;
constexpr RoleMask staff = counters | managers;
constexpr RoleMask anyone = kiosks | role_bit(Role::display) | staff;

}  // namespace

const std::vector<Handler::Op>& Handler::ops() {
    using K = OpKind;
    static const std::vector<Op> table = {
        {"hello", anyone, K::login, &Handler::op_hello},  // the one op before a role: it grants one
        {"ping", anyone, K::read, &Handler::op_ping},
        {"snapshot", anyone, K::read, &Handler::op_snapshot},
        {"subscribe", anyone, K::read, &Handler::op_snapshot},
        {"ticket", anyone, K::read, &Handler::op_ticket},
        {"ticket_status", kiosks, K::read, &Handler::op_ticket_status},
        {"issue", kiosks | managers, K::command, &Handler::op_issue},
        {"booking_checkin", kiosks, K::command, &Handler::op_booking_checkin},
        {"call_next", counters, K::command, &Handler::op_call_next},
        {"call", counters, K::command, &Handler::op_call},
        {"recall", counters, K::command, &Handler::op_recall},
        {"start", counters, K::command, &Handler::op_start},
        {"finish", counters, K::command, &Handler::op_finish},
        {"no_show", counters, K::command, &Handler::op_no_show},
        {"transfer", counters, K::command, &Handler::op_transfer},
        {"pause", counters, K::command, &Handler::op_pause},
        {"resume", counters, K::command, &Handler::op_resume},
        {"logout", counters, K::command, &Handler::op_logout},
        {"my_day", counters, K::read, &Handler::op_my_day},
        {"ticket_booking", staff, K::read, &Handler::op_ticket_booking},
        {"printer_status", kiosks, K::command, &Handler::op_printer_status},
        {"feedback", kiosks, K::command, &Handler::op_feedback},
        {"survey", kiosks, K::command, &Handler::op_survey},
        {"cancel", staff, K::command, &Handler::op_cancel},
        {"set_priority", staff, K::command, &Handler::op_set_priority},
        {"close_counter", managers, K::command, &Handler::op_logout},
        {"service_close", managers, K::command, &Handler::op_service_close},
        {"service_open", managers, K::command, &Handler::op_service_close},
        {"officers", managers, K::read, &Handler::op_officers},
        {"events", managers, K::read, &Handler::op_events},
        {"report", managers, K::offloaded, &Handler::op_read_period},
        {"ikm", managers, K::offloaded, &Handler::op_read_period},
        {"officer_sheet", managers, K::offloaded, &Handler::op_read_period},
        {"audit", managers, K::read, &Handler::op_audit},
        {"survey_notes", managers, K::read, &Handler::op_survey_notes},
        {"survey_reply", managers, K::command, &Handler::op_survey_reply},
        {"bookings", managers, K::command, &Handler::op_bookings},
        {"booking_close", managers, K::command, &Handler::op_booking_close},
        {"booking_report", managers, K::read, &Handler::op_booking_report},
        {"service_set", admins, K::command, &Handler::op_service_set},
        {"counter_set", admins, K::command, &Handler::op_counter_set},
        {"officer_add", admins, K::login, &Handler::op_officer_write},
        {"officer_set", admins, K::login, &Handler::op_officer_write},
    };
    return table;
}

const Handler::Op* Handler::find_op(std::string_view name) {
    const auto& table = ops();
    auto it = std::find_if(table.begin(), table.end(), [&](const Op& op) { return op.name == name; });
    return it == table.end() ? nullptr : &*it;
}

}  // namespace antre
