// The line protocol's ops in one table: each op's name, the session roles that may
// run it, what kind of op it is and the function that runs it. Permissions and
// dispatch (Handler::handle) come from here, and a test holds docs/protocol.md §5.0
// to it.
#include <algorithm>

#include "handler.hpp"

namespace antre {

namespace {

constexpr RoleMask kiosk = role_bit(Role::kiosk);
constexpr RoleMask counter = role_bit(Role::counter);
constexpr RoleMask admin = role_bit(Role::admin);
constexpr RoleMask managers = role_bit(Role::manager) | admin;
constexpr RoleMask staff = counter | managers;
constexpr RoleMask anyone = kiosk | role_bit(Role::display) | staff;

}  // namespace

const std::vector<Handler::Op>& Handler::ops() {
    using K = OpKind;
    static const std::vector<Op> table = {
        {"hello", anyone, K::login, &Handler::op_hello},  // the one op before a role: it grants one
        {"ping", anyone, K::read, &Handler::op_ping},
        {"snapshot", anyone, K::read, &Handler::op_snapshot},
        {"subscribe", anyone, K::read, &Handler::op_snapshot},
        {"ticket", anyone, K::read, &Handler::op_ticket},
        {"ticket_status", kiosk, K::read, &Handler::op_ticket_status},
        {"issue", kiosk | managers, K::command, &Handler::op_issue},
        {"booking_checkin", kiosk, K::command, &Handler::op_booking_checkin},
        {"call_next", counter, K::command, &Handler::op_call_next},
        {"call", counter, K::command, &Handler::op_call},
        {"recall", counter, K::command, &Handler::op_recall},
        {"start", counter, K::command, &Handler::op_start},
        {"finish", counter, K::command, &Handler::op_finish},
        {"no_show", counter, K::command, &Handler::op_no_show},
        {"transfer", counter, K::command, &Handler::op_transfer},
        {"pause", counter, K::command, &Handler::op_pause},
        {"resume", counter, K::command, &Handler::op_resume},
        {"logout", counter, K::command, &Handler::op_logout},
        {"my_day", counter, K::read, &Handler::op_my_day},
        {"ticket_booking", staff, K::read, &Handler::op_ticket_booking},
        {"printer_status", kiosk, K::command, &Handler::op_printer_status},
        {"feedback", kiosk, K::command, &Handler::op_feedback},
        {"survey", kiosk, K::command, &Handler::op_survey},
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
        {"service_set", admin, K::command, &Handler::op_service_set},
        {"counter_set", admin, K::command, &Handler::op_counter_set},
        {"officer_add", admin, K::login, &Handler::op_officer_write},
        {"officer_set", admin, K::login, &Handler::op_officer_write},
    };
    return table;
}

const Handler::Op* Handler::find_op(std::string_view name) {
    const auto& table = ops();
    auto it = std::find_if(table.begin(), table.end(), [&](const Op& op) { return op.name == name; });
    return it == table.end() ? nullptr : &*it;
}

}  // namespace antre
