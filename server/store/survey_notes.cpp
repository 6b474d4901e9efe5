// The SKM's saran/pengaduan: written with their survey in the batch's transaction,
// answered by a survey_replied event, read by managers (docs/protocol.md
// survey_notes).
#include <algorithm>
#include <charconv>

#include "sqlite.hpp"
#include "store.hpp"

namespace antre {

namespace {

constexpr const char* note_columns = "seq, day, at, service, text, reply, replied_by, replied_at";

SurveyNote note_from(const sql::Statement& q) {
    SurveyNote n;
    n.seq = q.int64(0);
    n.day = q.text(1);
    n.at = q.int64(2);
    n.service = q.text(3);
    n.text = q.text(4);
    if (!q.is_null(5)) n.reply = q.text(5);
    if (!q.is_null(6)) n.replied_by = q.text(6);
    n.replied_at = q.opt_int64(7);
    return n;
}

}  // namespace

// A survey_replied event's detail is "<note seq>:<answer>"; the handler checked the
// note exists before it staged the event.
void Store::write_survey_note(const Effect& fx, const Event& e, std::int64_t seq) {
    if (e.type == "survey_submitted" && !fx.note.empty()) {
        sql::Statement q(*db_, "INSERT INTO survey_notes (seq, day, at, service, text) VALUES (?1, ?2, ?3, ?4, ?5)");
        q.bind(1, seq).bind(2, e.day).bind(3, e.at).bind(4, e.service).bind(5, fx.note);
        q.run();
    } else if (e.type == "survey_replied") {
        const auto colon = e.detail.find(':');
        std::int64_t note = 0;
        std::from_chars(e.detail.data(), e.detail.data() + std::min(colon, e.detail.size()), note);
        sql::Statement q(*db_, "UPDATE survey_notes SET reply = ?1, replied_by = ?2, replied_at = ?3 WHERE seq = ?4");
        q.bind(1, colon == std::string::npos ? std::string() : e.detail.substr(colon + 1));
        q.bind(2, e.officer).bind(3, e.at).bind(4, note);
        q.run();
    }
}

std::vector<SurveyNote> Store::survey_notes(const std::string& from_day, const std::string& to_day, bool open_only,
                                            std::int64_t before_seq, int limit) {
    sql::Statement q(*db_, std::string("SELECT ") + note_columns +
                               " FROM survey_notes WHERE day >= ?1 AND day <= ?2 AND (?3 = 0 OR reply IS NULL) "
                               "AND (?4 = 0 OR seq < ?4) ORDER BY seq DESC LIMIT ?5");
    q.bind(1, from_day).bind(2, to_day).bind(3, open_only ? 1 : 0).bind(4, before_seq).bind(5, limit);
    std::vector<SurveyNote> out;
    while (q.step()) out.push_back(note_from(q));
    return out;
}

std::vector<SurveyNote> Store::period_notes(const std::string& from_day, const std::string& to_day,
                                            const std::string& service, int limit) {
    sql::Statement q(*db_, std::string("SELECT ") + note_columns +
                               " FROM survey_notes WHERE day >= ?1 AND day <= ?2 AND (?3 = '' OR service = ?3) "
                               "ORDER BY seq LIMIT ?4");
    q.bind(1, from_day).bind(2, to_day).bind(3, service).bind(4, limit);
    std::vector<SurveyNote> out;
    while (q.step()) out.push_back(note_from(q));
    return out;
}

SurveyNoteCounts Store::count_period_notes(const std::string& from_day, const std::string& to_day,
                                           const std::string& service) {
    sql::Statement q(*db_,
                     "SELECT count(*), count(reply) FROM survey_notes "
                     "WHERE day >= ?1 AND day <= ?2 AND (?3 = '' OR service = ?3)");
    q.bind(1, from_day).bind(2, to_day).bind(3, service);
    SurveyNoteCounts counts;
    if (q.step()) counts = {q.integer(0), q.integer(1)};
    return counts;
}

std::optional<SurveyNote> Store::find_survey_note(std::int64_t seq) {
    sql::Statement q(*db_, std::string("SELECT ") + note_columns + " FROM survey_notes WHERE seq = ?1");
    q.bind(1, seq);
    if (!q.step()) return std::nullopt;
    return note_from(q);
}

}  // namespace antre
