// A service as the kiosk shows it, from a snapshot's or a queue_changed's record.
#include "antre/gui/estimate_text.hpp"
#include "state_parts.hpp"

namespace antre::kiosk::detail {

using json = nlohmann::json;

ServiceView service_from_json(const json& j) {
    ServiceView v;
    v.code = j.value("code", "");
    v.prefix = j.value("prefix", "");
    v.name_id = j.value("name_id", v.code);
    v.name_en = j.value("name_en", v.name_id);
    v.open_now = j.value("open_now", false);
    v.closed = j.value("closed", false);
    if (j.contains("quota_left") && j["quota_left"].is_number_integer()) v.quota_left = j["quota_left"].get<int>();
    v.waiting = j.value("waiting", 0);
    v.estimated_wait_s = j.value("estimated_wait_s", 0);
    if (j.contains("priority_estimated_wait_s") && j["priority_estimated_wait_s"].is_number_integer())
        v.priority_estimated_wait_s = j["priority_estimated_wait_s"].get<int>();
    if (j.contains("estimate") && j["estimate"].is_object()) {
        const auto& e = j["estimate"];
        if (e.contains("regular")) v.door_regular = gui::door_from_json(e["regular"]);
        if (e.contains("priority")) v.door_priority = gui::door_from_json(e["priority"]);
    }
    if (j.contains("booking") && j["booking"].is_object()) {
        const auto& b = j["booking"];
        v.takes_bookings = b.contains("sessions") && b["sessions"].is_array() && !b["sessions"].empty();
    }
    return v;
}

void read_booking(IssuedTicket& t, const json& ticket, const json& reply) {
    if (ticket.contains("booking") && ticket["booking"].is_number_integer())
        t.booking = ticket["booking"].get<std::int64_t>();
    if (!t.booking || !reply.contains("booking") || !reply["booking"].is_object()) return;
    const auto& b = reply["booking"];
    auto text = [](const json& j, const char* field) {
        return j.is_object() && j.contains(field) && j[field].is_string() ? j[field].get<std::string>() : "";
    };
    t.booking_code = text(b, "code");
    if (b.contains("session")) {
        const auto start = text(b["session"], "start"), end = text(b["session"], "end");
        if (!start.empty() && !end.empty()) t.booking_session = start + "\u2013" + end;
    }
}

}  // namespace antre::kiosk::detail
