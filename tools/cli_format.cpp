#include "cli_format.hpp"

#include <cstdio>
#include <sstream>

#include "antre/domain.hpp"

namespace antre::cli {

using json = nlohmann::json;

namespace {

std::string pad(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

std::string minutes_text(int seconds) { return std::to_string((seconds + 59) / 60) + " menit"; }

}  // namespace

std::string priority_word(const std::string& priority) {
    const auto p = parse_priority(priority);
    return p ? std::string(priority_word_id(*p)) : priority;
}

std::string counter_state_word(const std::string& state) {
    const auto s = parse_counter_state(state);
    return s ? std::string(counter_state_word_id(*s)) : state;
}

std::string officer_role_word(const std::string& role) {
    const auto r = parse_officer_role(role);
    return r ? std::string(officer_role_word_id(*r)) : role;
}

std::string counter_line(const json& counter) {
    return counter.value("name", "") + " " + counter_state_word(counter.value("state", ""));
}

std::string clock_text(std::int64_t millis, const OfficeCalendar& calendar) {
    const auto t = calendar.local(millis);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", t.minute_of_day / 60, t.minute_of_day % 60, t.second_of_minute);
    return buf;
}

std::string ticket_line(const json& t) {
    std::ostringstream out;
    const auto status = parse_ticket_status(t.value("status", "waiting")).value_or(TicketStatus::waiting);
    out << t.value("label", "?") << "  " << t.value("service", "") << "  " << status_word_id(status);
    if (t.value("priority", "none") != "none") out << "  prioritas: " << priority_word(t.value("priority", ""));
    if (t.value("counter", 0) != 0 && (status == TicketStatus::called || status == TicketStatus::serving))
        out << "  loket " << t.value("counter", 0);
    if (t.contains("people_ahead")) out << "  " << t["people_ahead"].get<int>() << " orang di depan";
    if (status == TicketStatus::waiting && t.contains("estimated_wait_s") && t["estimated_wait_s"].is_number())
        out << ", perkiraan tunggu " << minutes_text(t["estimated_wait_s"].get<int>());
    return out.str();
}

std::string status_text(const json& snap) {
    std::ostringstream out;
    const auto& office = snap.value("office", json::object());
    out << office.value("name", "") << " — " << office.value("day", "") << "\n\n";
    out << pad("LAYANAN", 12) << pad("HURUF", 7) << pad("MENUNGGU", 10) << pad("TERAKHIR", 10) << pad("SISA KUOTA", 12)
        << "BUKA\n";
    for (const auto& s : snap.value("services", json::array())) {
        const std::string quota = s["quota_left"].is_null() ? "-" : std::to_string(s["quota_left"].get<int>());
        out << pad(s.value("code", ""), 12) << pad(s.value("prefix", ""), 7)
            << pad(std::to_string(s.value("waiting", 0)), 10) << pad(std::to_string(s.value("last_number", 0)), 10)
            << pad(quota, 12) << (s.value("open_now", false) ? "ya" : "tidak") << "\n";
    }
    out << "\n" << pad("LOKET", 10) << pad("KEADAAN", 10) << pad("PETUGAS", 22) << "NOMOR\n";
    for (const auto& c : snap.value("counters", json::array())) {
        const std::string active = c["active"].is_object() ? c["active"].value("label", "") : "-";
        out << pad(std::to_string(c.value("number", 0)), 10) << pad(counter_state_word(c.value("state", "")), 10)
            << pad(c.value("officer", "").empty() ? "-" : c.value("officer", ""), 22) << active << "\n";
    }
    return out.str();
}

std::string event_line(const json& e, const OfficeCalendar& calendar) {
    std::ostringstream out;
    const std::string type = e.value("event", "");
    if (type == "snapshot")
        return "snapshot: " + std::to_string(e["snapshot"].value("waiting", json::array()).size()) + " menunggu";
    if (type == "queue_changed") {
        out << "queue_changed";
        for (const auto& s : e.value("services", json::array()))
            out << "  " << s.value("code", "") << "=" << s.value("waiting", 0);
        return out.str();
    }
    out << clock_text(e.value("at", std::int64_t{0}), calendar) << "  " << pad(type, 20);
    if (e.contains("ticket") && e["ticket"].is_object()) out << e["ticket"].value("label", "") << "  ";
    if (e.value("counter", 0) != 0) out << "loket " << e.value("counter", 0) << "  ";
    if (!e.value("detail", "").empty()) out << e.value("detail", "");
    return out.str();
}

}  // namespace antre::cli

namespace antre::cli {

std::string audit_text(const json& audit) {
    const OfficeCalendar calendar(audit.value("time_zone", "Asia/Jayapura"));
    std::ostringstream out;
    for (const auto& e : audit["entries"]) {
        out << e.value("day", "") << " " << clock_text(e.value("at", std::int64_t{0}), calendar) << "  "
            << pad(e.value("type", ""), 16) << "  " << pad(e.value("by", ""), 20) << "  ";
        if (!e.value("service", "").empty()) out << e.value("service", "") << "  ";
        if (e.value("counter", 0) != 0) out << "loket " << e.value("counter", 0) << "  ";
        out << e.value("detail", "") << "\n";
    }
    if (audit["entries"].empty()) out << "tidak ada perubahan administratif pada periode ini\n";
    return out.str();
}

}  // namespace antre::cli
