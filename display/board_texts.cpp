#include "board_texts.hpp"

#include "antre/gui/dates.hpp"

namespace antre::display {

namespace {

using Kind = EstimateLine::Kind;
constexpr auto board_language = gui::Language::id;  // the board speaks and writes Indonesian

}  // namespace

EstimateLine estimate_line(const ServiceView& s, const std::string& time_zone, bool connected) {
    // A closed service says "Ditutup" in place of its count; a board without its link
    // would show a time that is no longer true.
    if (s.closed || !connected) return {};
    if (s.quota_left && *s.quota_left <= 0) return {Kind::no_tickets, "", "Kuota hari ini habis", ""};
    if (!s.open_now) return {Kind::no_tickets, "", "Di luar jam pelayanan", ""};
    if (s.door) {
        if (s.door->past_closing) return {Kind::late, "", "Mungkin tidak terlayani hari ini", ""};
        if (s.door->call_from && s.door->call_to)
            return {Kind::interval, "Perkiraan dipanggil",
                    gui::call_times(board_language, time_zone, *s.door->call_from, *s.door->call_to),
                    gui::zone_abbreviation(time_zone)};
        return {Kind::wait, "Perkiraan tunggu", gui::wait_text(board_language, s.door->wait_s), ""};
    }
    // No door yet (no counter serving the service has opened): the queue-length figure,
    // which says nothing when nobody waits.
    if (s.waiting <= 0 || !s.estimated_wait_s) return {};
    return {Kind::wait, "Perkiraan tunggu", gui::wait_text(board_language, *s.estimated_wait_s), ""};
}

}  // namespace antre::display
