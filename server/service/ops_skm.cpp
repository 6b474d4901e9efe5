// The managers' side of the SKM's saran/pengaduan: reading them and answering
// them. The citizen's text lives in the store's survey_notes table, never in the
// event log; an answer is a survey_replied event (who, when, what) that the store
// also writes beside the note.
#include <algorithm>

#include "antre/errors.hpp"
#include "handler.hpp"
#include "skm.hpp"

namespace antre {

using protocol::json;

namespace {

constexpr std::int64_t notes_page_max = 200;
// The most notes the printed SKM report lists; it counts the rest (docs/metrics.md).
constexpr int report_notes_max = 500;

}  // namespace

json Handler::report_notes(const std::string& from, const std::string& to, const std::string& service) {
    const OfficeCalendar& calendar = engine_->calendar();
    json list = json::array();
    for (const auto& n : store_.period_notes(from, to, service, report_notes_max))
        list.push_back({{"note", n.seq},
                        {"day", n.day},
                        {"service", n.service},
                        {"text", n.text},
                        {"reply", n.reply ? json(*n.reply) : json(nullptr)},
                        {"replied_day", n.replied_at ? json(calendar.day_of(*n.replied_at)) : json(nullptr)}});
    const auto counts = store_.count_period_notes(from, to, service);
    return {{"notes", list}, {"notes_total", counts.total}, {"notes_answered", counts.answered}};
}

std::optional<Outcome> Handler::op_survey_notes(Call& c) {
    const json& b = c.body();
    const OfficeCalendar& calendar = engine_->calendar();
    const std::string from = protocol::opt_string(b, "from").value_or("0000-00-00");
    const std::string to = protocol::opt_string(b, "to").value_or(calendar.day_of(c.now));
    for (const auto* field : {"from", "to"}) {
        const auto day = protocol::opt_string(b, field);
        if (!day) continue;
        try {
            if (day->size() != 10) throw std::invalid_argument(*day);
            calendar.day_start(*day);
        } catch (const std::invalid_argument&) {
            throw Refusal(errc::invalid_value, std::string("field '") + field + "' must be a date like 2026-11-30");
        }
    }
    const bool open_only = protocol::opt_bool(b, "open_only").value_or(false);
    const auto before = protocol::opt_int(b, "before").value_or(0);
    const auto limit = std::clamp<std::int64_t>(protocol::opt_int(b, "limit").value_or(50), 1, notes_page_max);
    const auto notes = store_.survey_notes(from, to, open_only, before, static_cast<int>(limit));
    json list = json::array();
    for (const auto& n : notes) {
        json by = nullptr;
        if (!n.replied_by.empty()) {
            const auto officer = store_.find_officer(n.replied_by);
            by = {{"nip", n.replied_by}, {"name", officer ? officer->name : ""}};
        }
        list.push_back({{"note", n.seq},
                        {"day", n.day},
                        {"at", n.at},
                        {"service", n.service},
                        {"text", n.text},
                        {"reply", n.reply ? json(*n.reply) : json(nullptr)},
                        {"replied_by", by},
                        {"replied_at", n.replied_at ? json(*n.replied_at) : json(nullptr)}});
    }
    const bool more = static_cast<std::int64_t>(notes.size()) == limit;
    json reply = {{"from", from}, {"to", to}, {"notes", list}, {"next", more ? json(notes.back().seq) : json(nullptr)}};
    return Outcome::success(c.req.id, reply);
}

// A later answer replaces the one shown; each stays in the audit trail as its event.
std::optional<Outcome> Handler::op_survey_reply(Call& c) {
    const json& b = c.body();
    const std::int64_t seq = protocol::get_int(b, "note");
    const std::string text = protocol::get_string(b, "reply");
    if (text.find_first_not_of(" \t\n") == std::string::npos)
        throw Refusal(errc::invalid_value, "Tanggapan tidak boleh kosong");
    skm::check_note(text);
    auto note = store_.find_survey_note(seq);
    if (!note) throw Refusal(errc::unknown_note, "Saran/pengaduan nomor " + std::to_string(seq) + " tidak ada");
    stage_office_event("survey_replied", c.now, std::to_string(seq) + ":" + text, c.ctx.nip);
    note->reply = text;
    note->replied_by = c.ctx.nip;
    note->replied_at = c.now;
    return Outcome::success(
        c.req.id, {{"note", {{"note", note->seq}, {"reply", text}, {"replied_by", c.ctx.nip}, {"replied_at", c.now}}}});
}

}  // namespace antre
