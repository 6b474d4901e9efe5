#include "antre/kiosk/ticket_print.hpp"

#include <algorithm>
#include <sstream>
#include <utility>

#include "antre/calendar.hpp"
#include "antre/gui/dates.hpp"
#include "antre/kiosk/texts.hpp"
#include "antre/kiosk/texts_checkin.hpp"

namespace antre::kiosk {

namespace {

PrintLine text_line(std::string text, LineAlign align, bool bold = false, int scale = 1) {
    PrintLine l;
    l.text = std::move(text);
    l.align = align;
    l.bold = bold;
    l.scale = scale;
    return l;
}

void add_wrapped(TicketDocument& d, const std::string& text, LineAlign align, bool bold = false, int scale = 1) {
    for (auto& line : wrap_columns(text, paper_columns(d.paper) / scale))
        d.lines.push_back(text_line(std::move(line), align, bold, scale));
}

void add_rule(TicketDocument& d) {
    PrintLine l;
    l.kind = PrintLine::Kind::rule;
    l.text = std::string(static_cast<std::size_t>(paper_columns(d.paper)), '-');
    d.lines.push_back(std::move(l));
}

void add_feed(TicketDocument& d, int lines) {
    PrintLine l;
    l.kind = PrintLine::Kind::feed;
    l.lines = lines;
    d.lines.push_back(std::move(l));
}

// A word longer than the line, in pieces: each ends after the word's last '/' or '-'
// that fits ("Pindah/Datang/" then "Antarkabupaten/..."), or is cut at the line's width
// where none does. Each piece but the last is the longest that fits, so two pieces
// never share a line and no space is ever put inside the word.
void add_word_pieces(const std::string& word, std::size_t width, std::vector<std::string>& out) {
    std::size_t at = 0;
    while (word.size() - at > width) {
        const auto mark = word.find_last_of("/-", at + width - 1);
        const std::size_t end = mark != std::string::npos && mark > at ? mark + 1 : at + width;
        out.push_back(word.substr(at, end - at));
        at = end;
    }
    out.push_back(word.substr(at));
}

}  // namespace

int paper_dots(Paper p) { return p == Paper::mm58 ? 384 : 576; }

int paper_columns(Paper p) { return paper_dots(p) / 12; }

// Stands for U+00A0 between printable_ascii() and the wrapping: a control
// character, so no input can hold it (they all become spaces).
constexpr char no_break = '\x1f';

std::string printable_ascii(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out.push_back(c >= 0x20 && c != 0x7f ? static_cast<char>(c) : ' ');
            ++i;
            continue;
        }
        const std::size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        const std::string seq = utf8.substr(i, n);
        i += n;
        if (seq == "\u00a0")
            out += no_break;
        else if (seq == "\u00b1")
            out += "+/-";
        else if (seq == "\u00b7" || seq == "\u2013" || seq == "\u2014")
            out += "-";
        else if (seq == "\u2026")
            out += "...";
        else if (seq == "\u2018" || seq == "\u2019")  // curly quotes, as an English name may have
            out += "'";
        else if (seq == "\u201c" || seq == "\u201d")
            out += "\"";
        else if (seq == "\u00e9" || seq == "\u00e8")
            out += "e";
        else if (seq == "\u00e1" || seq == "\u00e0")
            out += "a";
        else
            out += "?";
    }
    return out;
}

std::string printable_text(const std::string& utf8) {
    auto out = printable_ascii(utf8);
    std::replace(out.begin(), out.end(), no_break, ' ');
    return out;
}

std::vector<std::string> wrap_columns(const std::string& text, int columns) {
    const auto width = static_cast<std::size_t>(columns > 0 ? columns : 1);
    // Phrases: words joined by no-break spaces. A phrase longer than the paper is
    // broken at its joins after all, and a word longer than the paper in pieces.
    std::vector<std::string> phrases;
    std::istringstream in(printable_ascii(text));
    for (std::string phrase; in >> phrase;) {
        if (phrase.size() <= width) {
            phrases.push_back(std::move(phrase));
            continue;
        }
        std::istringstream words(phrase);
        for (std::string word; std::getline(words, word, no_break);)
            if (!word.empty()) add_word_pieces(word, width, phrases);
    }
    std::vector<std::string> lines;
    std::string line;
    for (auto& phrase : phrases) {
        std::replace(phrase.begin(), phrase.end(), no_break, ' ');
        if (line.empty())
            line = phrase;
        else if (line.size() + 1 + phrase.size() <= width)
            line += " " + phrase;
        else
            lines.push_back(std::exchange(line, phrase));
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

TicketDocument ticket_document(const std::string& office_name, const std::string& time_zone, const IssuedTicket& t,
                               Language language, Paper paper) {
    const auto& tx = texts(language);
    TicketDocument d;
    d.paper = paper;
    add_wrapped(d, office_name, LineAlign::center, true);
    add_rule(d);
    add_wrapped(d, tx.queue_number, LineAlign::center);
    // Large enough to read at arm's length: four times font A (about 12 mm tall),
    // smaller only for a label that would not fit the paper's width.
    const auto label = printable_text(t.label);
    const int fit = paper_columns(paper) / std::max<int>(1, static_cast<int>(label.size()));
    d.lines.push_back(text_line(label, LineAlign::center, true, std::clamp(fit, 2, ticket_number_scale)));
    add_wrapped(d, language == Language::id ? t.service_name_id : t.service_name_en, LineAlign::center, true);
    if (t.priority != Priority::none)
        add_wrapped(d, std::string(tx.priority_label) + ": " + priority_name(language, t.priority), LineAlign::center,
                    true);
    // A checked-in online booking: the "Daring" mark with its session, and its code.
    if (t.booking) {
        add_wrapped(d, booking_mark_text(language, t), LineAlign::center, true);
        if (!t.booking_code.empty())
            add_wrapped(d, std::string(checkin_texts(language).code) + ": " + spaced_booking_code(t.booking_code),
                        LineAlign::center);
    }
    add_rule(d);
    LocalTime local;
    try {
        local = OfficeCalendar(time_zone).local(t.issued_at);
    } catch (const std::exception&) {
        local = OfficeCalendar("Asia/Jayapura").local(t.issued_at);
    }
    const auto date = gui::long_date(local, tx.language_code), clock = gui::clock_text(local, time_zone);
    const auto both = printable_text(date + "  " + clock);
    if (static_cast<int>(both.size()) <= paper_columns(paper)) {
        d.lines.push_back(text_line(both, LineAlign::left));
    } else {  // 58 mm: the date, then the time, each whole
        add_wrapped(d, date, LineAlign::left);
        add_wrapped(d, clock, LineAlign::left);
    }
    add_wrapped(d, std::string(tx.people_ahead) + ": " + people_ahead(language, t.people_ahead), LineAlign::left);
    // The promised wait and interval; nothing when the server could promise none
    // (the ticket is unlikely to be called today).
    if (t.estimated_wait_s)
        add_wrapped(d, std::string(tx.estimated_wait) + ": " + wait_text(language, *t.estimated_wait_s),
                    LineAlign::left);
    if (t.estimated_call_from && t.estimated_call_to)
        add_wrapped(d, call_interval_text(language, time_zone, *t.estimated_call_from, *t.estimated_call_to),
                    LineAlign::left, true);
    add_rule(d);
    PrintLine qr;
    qr.kind = PrintLine::Kind::image;
    qr.align = LineAlign::center;
    qr.image = qr_code(ticket_qr_text(t.id, t.link));
    // About 2/5 of the paper's width: big enough for any phone or scanner.
    qr.dots_per_module = std::max(3, paper_dots(paper) * 2 / 5 / (qr.image.width + 8));
    d.lines.push_back(std::move(qr));
    add_wrapped(d, tx.please_wait, LineAlign::center, true);
    add_feed(d, 3);
    return d;
}

}  // namespace antre::kiosk
