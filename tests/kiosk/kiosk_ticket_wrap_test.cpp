// How a printed ticket's lines break on 58 mm (32 columns) and 80 mm (48 columns)
// paper, read back from the ESC/POS bytes (escpos_decode.hpp): every line fits, a
// value stays with its unit and a phrase stays whole, and no word is broken unless it
// alone is longer than the line. For walk-in tickets of every priority group, wait and
// queue length, for an online booking's ticket, and for long service names (the
// office's own and longer), in Indonesian and English.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "antre/config.hpp"
#include "antre/gui/dates.hpp"
#include "antre/gui/estimate_text.hpp"
#include "antre/gui/sdl.hpp"
#include "antre/kiosk/checkin_state.hpp"
#include "antre/kiosk/escpos.hpp"
#include "antre/kiosk/texts.hpp"
#include "antre/kiosk/texts_checkin.hpp"
#include "antre/kiosk/ticket_png.hpp"
#include "escpos_decode.hpp"
#include "kiosk_fixtures.hpp"

namespace kiosk_ticket_wrap_test {

using namespace antre;
using namespace antre::kiosk;
using namespace antre::kiosk::test;

namespace {

const std::string zone = "Asia/Jayapura";

// A ticket for a booking checked in at the kiosk, as the check-in's reply gives it.
IssuedTicket booked_ticket() {
    auto t = known_ticket();
    t.label = "A-012";
    t.booking = 3;
    t.booking_code = "K7QM4XRP";
    t.booking_session = "10:00\u201311:00";
    return t;
}

// The documented widths (docs/kiosk.md, --paper), not the code's own paper_columns().
int columns_of(Paper paper) { return paper == Paper::mm58 ? 32 : 48; }

const char* paper_name(Paper paper) { return paper == Paper::mm58 ? "58 mm" : "80 mm"; }

std::vector<std::string> words_of(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

bool is_number(const std::string& w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Every line fits the paper at its size; no number ends a line whose next line starts
// with its unit; no line ends inside a phrase that stays whole; the booking mark's
// separator never ends or starts a line.
void check_lines(const Decoded& d, int columns) {
    // The words that follow a value on a ticket, and the words that stay with the next one
    // ("" for any next word: the value after "+/-", "about", "Sesi" and "Session").
    static const std::set<std::string> units = {"orang", "menit", "jam", "people", "person", "min", "h"};
    static const std::map<std::string, std::string> phrases = {{"Penyandang", "disabilitas"},
                                                               {"Ibu", "hamil"},
                                                               {"Pregnant", "woman"},
                                                               {"a", "disability"},
                                                               {"+/-", ""},
                                                               {"about", ""},
                                                               {"Sesi", ""},
                                                               {"Session", ""},
                                                               {"-", ""}};
    for (std::size_t i = 0; i < d.lines.size(); ++i) {
        const auto& l = d.lines[i];
        INFO("line \"" << l.text << "\"");
        CHECK(static_cast<int>(l.text.size()) * l.width <= columns);
        const auto here = words_of(l.text);
        if (!here.empty()) CHECK(here.front() != "-");
        if (i + 1 == d.lines.size() || here.empty()) continue;
        const auto next = words_of(d.lines[i + 1].text);
        if (next.empty()) continue;
        INFO("next line \"" << d.lines[i + 1].text << "\"");
        CHECK_FALSE((is_number(here.back()) && units.contains(next.front())));
        const auto joined = phrases.find(here.back());
        CHECK_FALSE((joined != phrases.end() && (joined->second.empty() || joined->second == next.front())));
    }
}

// Where a text was printed: the consecutive lines that hold exactly its words in order.
struct Block {
    std::size_t first = 0, last = 0;  ///< line indices
    int pieces = 0;                   ///< pieces of words longer than the line (0: every word whole)
};

// The decoded lines' words, each with its line and whether it ends that line.
struct Token {
    std::string text;
    std::size_t line = 0;
    bool ends_line = false;
};

std::vector<Token> tokens_of(const Decoded& d) {
    std::vector<Token> out;
    for (std::size_t i = 0; i < d.lines.size(); ++i) {
        const auto words = words_of(d.lines[i].text);
        for (std::size_t k = 0; k < words.size(); ++k) out.push_back({words[k], i, k + 1 == words.size()});
    }
    return out;
}

// `text` (UTF-8, as the ticket is given it) found from the start of a line to the end of
// one: each word whole, or, a word longer than `columns`, in pieces that end one line and
// start the next, each as docs/kiosk.md says: up to the word's last '/' or '-' that fits,
// or `columns` characters where none does. Nothing else is a match: a word broken
// anywhere else is not found.
std::optional<Block> find_words(const Decoded& d, const std::string& text, int columns) {
    const auto words = words_of(printable_text(text));
    const auto tokens = tokens_of(d);
    if (words.empty()) return std::nullopt;
    const auto width = static_cast<std::size_t>(columns);
    for (std::size_t start = 0; start < tokens.size(); ++start) {
        if (start > 0 && !tokens[start - 1].ends_line) continue;  // a text starts on a line of its own
        std::size_t k = start;
        Block b{tokens[start].line, tokens[start].line, 0};
        bool ok = true;
        for (const auto& w : words) {
            if (k < tokens.size() && tokens[k].text == w) {
                ++k;
                continue;
            }
            if (w.size() <= width) {
                ok = false;
                break;
            }
            for (std::size_t at = 0; ok && at < w.size();) {
                if (k >= tokens.size()) {
                    ok = false;
                    break;
                }
                const auto& piece = tokens[k].text;
                const bool last = at + piece.size() == w.size();
                const auto window = w.substr(at, width);
                const auto mark = window.find_last_of("/-");
                const std::size_t expected = last                                    ? w.size() - at
                                             : mark != std::string::npos && mark > 0 ? mark + 1
                                                                                     : width;
                ok = w.compare(at, piece.size(), piece) == 0 && piece.size() == expected &&
                     (last || (tokens[k].ends_line && k + 1 < tokens.size() && tokens[k + 1].line > tokens[k].line));
                at += piece.size();
                ++k;
                ++b.pieces;
            }
            if (!ok) break;
        }
        if (!ok || k == start || !tokens[k - 1].ends_line) continue;
        b.last = tokens[k - 1].line;
        return b;
    }
    return std::nullopt;
}

// Finds `text` on the ticket (find_words); a text that fits one line is on one line.
std::optional<Block> check_printed(const Decoded& d, const std::string& text, int columns) {
    INFO("\"" << printable_text(text) << "\" printed whole, each word on one line");
    const auto block = find_words(d, text, columns);
    CHECK(block);
    if (block && static_cast<int>(printable_text(text).size()) <= columns) CHECK(block->first == block->last);
    return block;
}

Decoded print(const IssuedTicket& t, Language language, Paper paper) {
    const auto d = decode(escpos::encode(ticket_document(sorong_office, zone, t, language, paper)));
    REQUIRE(d.errors.empty());
    return d;
}

// The texts every ticket prints under its number, as the kiosk's words compose them.
void check_common_texts(const Decoded& d, const IssuedTicket& t, Language language, int columns) {
    const auto& tx = texts(language);
    check_printed(d, sorong_office, columns);
    check_printed(d, language == Language::id ? t.service_name_id : t.service_name_en, columns);
    check_printed(d, std::string(tx.people_ahead) + ": " + people_ahead(language, t.people_ahead), columns);
    if (t.estimated_wait_s)
        check_printed(d, std::string(tx.estimated_wait) + ": " + wait_text(language, *t.estimated_wait_s), columns);
    check_printed(d, tx.please_wait, columns);
}

}  // namespace

TEST_CASE("58 and 80 mm tickets: the number at 4x, and no value split from its unit", "[kiosk][escpos][wrap]") {
    gui::SdlLibrary sdl(0);
    int tickets = 0;
    for (const Paper paper : {Paper::mm58, Paper::mm80})
        for (const Language language : {Language::id, Language::en})
            for (const Priority priority :
                 {Priority::none, Priority::lansia, Priority::disabilitas, Priority::ibu_hamil})
                for (const int wait : {0, 59, 900, 3600, 4800, 7260, 35940})
                    for (const int ahead : {0, 1, 3, 128}) {
                        auto t = known_ticket();
                        t.priority = priority;
                        t.estimated_wait_s = wait;
                        t.people_ahead = ahead;
                        const auto d = print(t, language, paper);
                        ++tickets;
                        INFO(paper_name(paper) << ", " << (language == Language::id ? "id" : "en") << ", wait " << wait
                                               << " s, " << ahead << " ahead");
                        const auto* number = d.find("A-001");
                        REQUIRE(number);
                        CHECK(number->width == 4);  // GS ! 0x33
                        CHECK(number->height == 4);
                        check_lines(d, columns_of(paper));
                        check_common_texts(d, t, language, columns_of(paper));
                        if (priority != Priority::none)
                            check_printed(
                                d,
                                std::string(texts(language).priority_label) + ": " + priority_name(language, priority),
                                columns_of(paper));
                    }
    CHECK(tickets == 2 * 2 * 4 * 7 * 4);

    // The PNG preview prints the number as large as the printer: four times a normal line.
    auto t = known_ticket();
    t.priority = Priority::disabilitas;
    t.estimated_wait_s = 4800;
    for (const Paper paper : {Paper::mm58, Paper::mm80}) {
        const auto doc = ticket_document(sorong_office, zone, t, Language::id, paper);
        const auto at = static_cast<std::size_t>(
            std::find_if(doc.lines.begin(), doc.lines.end(), [](const PrintLine& l) { return l.text == "A-001"; }) -
            doc.lines.begin());
        REQUIRE(at < doc.lines.size());
        auto canvas = render_ticket(doc);
        const int top = ticket_line_top(doc, at), bottom = ticket_line_top(doc, at + 1);
        int first = -1, last = -1;
        for (int y = top; y < bottom; ++y)
            for (int x = 0; x < canvas.width; x += 2)
                if (gui::read_pixel(canvas.renderer.get(), x, y).r < 80) {
                    if (first < 0) first = y;
                    last = y;
                    break;
                }
        CHECK(last - first >= 4 * 14);  // a normal line's capitals are about 15 dots tall
        save_ticket_png(doc, screenshot_path(paper == Paper::mm58 ? "kiosk_ticket_print_58_long.png"
                                                                  : "kiosk_ticket_print_80_long.png"));
    }
}

TEST_CASE("an online booking's ticket on 58 and 80 mm: the Daring mark, its session and code, each whole",
          "[kiosk][escpos][wrap][checkin]") {
    const Millis call_from = monday_0900 + 98 * 60000, call_to = monday_0900 + 124 * 60000;
    for (const Paper paper : {Paper::mm58, Paper::mm80})
        for (const Language language : {Language::id, Language::en})
            for (const bool interval : {false, true}) {
                auto t = booked_ticket();
                if (interval) {
                    t.estimated_call_from = call_from;
                    t.estimated_call_to = call_to;
                }
                const int columns = columns_of(paper);
                const auto d = print(t, language, paper);
                INFO(paper_name(paper) << ", " << (language == Language::id ? "id" : "en")
                                       << (interval ? ", with the call interval" : ""));
                check_lines(d, columns);
                check_common_texts(d, t, language, columns);
                CHECK(d.find(t.label));
                // "Daring - Sesi 10:00-11:00": the mark, the session's word and its hours on one line.
                const auto mark = check_printed(d, booking_mark_text(language, t), columns);
                const auto session =
                    printable_text(std::string(checkin_texts(language).session) + " " + t.booking_session);
                REQUIRE(mark);
                CHECK(d.lines[mark->last].text.find(session) != std::string::npos);
                // "Kode pemesanan: K7QM-4XRP": the code whole, with its label.
                const auto code = spaced_booking_code(t.booking_code);
                const auto code_block =
                    check_printed(d, std::string(checkin_texts(language).code) + ": " + code, columns);
                REQUIRE(code_block);
                CHECK(d.lines[code_block->last].text.find(code) != std::string::npos);
                CHECK(code_block->first > mark->last);  // under the mark
                // No priority group on a booked ticket.
                const auto priority = printable_text(texts(language).priority_label);
                CHECK(std::none_of(d.lines.begin(), d.lines.end(),
                                   [&](const Decoded::Text& l) { return l.text.find(priority) != std::string::npos; }));
                if (interval) {
                    // "Perkiraan dipanggil" may wrap on 58 mm; its hours and zone never part.
                    const auto when = check_printed(d, call_interval_text(language, zone, call_from, call_to), columns);
                    REQUIRE(when);
                    const auto hours = printable_text(gui::call_times(language, zone, call_from, call_to) + " " +
                                                      std::string(gui::zone_abbreviation(zone)));
                    CHECK(d.lines[when->last].text.find(hours) != std::string::npos);
                } else {
                    CHECK_FALSE(find_words(d, call_interval_text(language, zone, call_from, call_to), columns));
                }
            }
}

TEST_CASE("long service names on 58 and 80 mm: wrapped by words, a word too long for the line in pieces",
          "[kiosk][escpos][wrap]") {
    struct Names {
        std::string id, en;
    };
    std::vector<Names> names;
    // The office's own services, the longest of them among them.
    const auto config = load_config(std::string(ANTRE_SOURCE_DIR) + "/config/sorong.json");
    REQUIRE_FALSE(config.services.empty());
    for (const auto& s : config.services) names.push_back({s.name_id, s.name_en});
    // Longer ones an office may well configure.
    names.push_back({"Perekaman KTP-el dan Pencetakan Ulang Kartu Keluarga",
                     "Electronic ID card recording and Family card (Kartu Keluarga) reprinting"});
    names.push_back(
        {"Penerbitan Akta Kelahiran, Akta Kematian, Akta Perkawinan dan Akta Perceraian bagi "
         "Penduduk Non-Muslim",
         "Birth, death, marriage and divorce certificates for non-Muslim residents"});
    names.push_back({"Kartu Identitas Anak (KIA) dan Kartu Keluarga Orang Tua",
                     "Child\u2019s identity card (KIA) and the parents\u2019 Family card"});
    // Single words longer than a line: broken after a '/' or '-', or cut where none fits.
    names.push_back({"Surat Keterangan Pindah/Datang/Antarkabupaten/Antarprovinsi",
                     "Moving-in/moving-out/inter-regency/inter-province letter"});
    names.push_back({"Pengesahan/Pembatalan/Perubahan/Pencatatan/Kependudukan",
                     "Legalisation of Kependudukanpencatatansipilkotasorongpapuabaratdaya records"});

    std::size_t longest_id = 0, longest_en = 0;
    for (const auto& s : config.services) {
        longest_id = std::max(longest_id, s.name_id.size());
        longest_en = std::max(longest_en, s.name_en.size());
    }
    int split_words = 0;
    gui::SdlLibrary sdl(0);
    for (const auto& n : names)
        for (const Paper paper : {Paper::mm58, Paper::mm80})
            for (const Language language : {Language::id, Language::en})
                for (const bool booked : {false, true}) {
                    auto t = booked ? booked_ticket() : known_ticket();
                    if (!booked) t.priority = Priority::disabilitas;
                    t.service_name_id = n.id;
                    t.service_name_en = n.en;
                    const int columns = columns_of(paper);
                    const auto& name = language == Language::id ? n.id : n.en;
                    INFO(paper_name(paper) << ", \"" << name << "\"" << (booked ? ", booked" : ""));
                    const auto d = print(t, language, paper);
                    check_lines(d, columns);
                    check_common_texts(d, t, language, columns);
                    const auto block = find_words(d, name, columns);
                    REQUIRE(block);
                    // The name's lines are centred and bold, like the number above them.
                    for (auto i = block->first; i <= block->last; ++i) {
                        CHECK(d.lines[i].bold);
                        CHECK(d.lines[i].align == 1);
                    }
                    // Pieces only where a word alone is longer than the line.
                    const auto words = words_of(printable_text(name));
                    const bool too_long = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
                        return static_cast<int>(w.size()) > columns;
                    });
                    CHECK((block->pieces > 0) == too_long);
                    split_words += block->pieces > 0 ? 1 : 0;
                    if (booked) check_printed(d, booking_mark_text(language, t), columns);
                }
    // The office's names fit a 58 mm line whole; the cases above did split words.
    CHECK(static_cast<int>(longest_id) <= columns_of(Paper::mm58));
    CHECK(static_cast<int>(longest_en) <= columns_of(Paper::mm58));
    CHECK(split_words > 0);

    // Previews of the longest booked ticket on both papers.
    auto t = booked_ticket();
    t.service_name_id = names[config.services.size() + 1].id;
    t.estimated_call_from = monday_0900 + 98 * 60000;
    t.estimated_call_to = monday_0900 + 124 * 60000;
    for (const Paper paper : {Paper::mm58, Paper::mm80})
        save_ticket_png(ticket_document(sorong_office, zone, t, Language::id, paper),
                        screenshot_path(paper == Paper::mm58 ? "kiosk_ticket_print_58_booking.png"
                                                             : "kiosk_ticket_print_80_booking.png"));
}

TEST_CASE("printable text is plain ASCII, lines break at spaces, a too-long word after a slash or hyphen",
          "[kiosk][escpos][wrap]") {
    CHECK(printable_text("\u00b1 25 menit \u00b7 Jos\u00e9") == "+/- 25 menit - Jose");
    CHECK(printable_text("a\tb") == "a b");
    CHECK(printable_text("Child\u2019s \u201cKIA\u201d") == "Child's \"KIA\"");
    CHECK(wrap_columns("Silakan menunggu nomor antrean Anda dipanggil", 16) ==
          std::vector<std::string>{"Silakan menunggu", "nomor antrean", "Anda dipanggil"});
    // A word longer than the line, at every width: its pieces put together give the word
    // back, each fits, and each but the last ends at the word's last '/' or '-' that fits,
    // or is as wide as the line where none does. A piece never shares a line with another.
    for (const std::string word :
         {"ABCDEFGHIJ", "Pindah/Datang/Antarkabupaten/Antarprovinsi", "KTP-el/KK/KIA", "//--//", "a/bcdefghijklmnop-q"})
        for (std::size_t width = 1; width <= word.size(); ++width) {
            INFO("\"" << word << "\" at " << width << " columns");
            const auto lines = wrap_columns(word, static_cast<int>(width));
            std::string joined;
            for (std::size_t i = 0; i < lines.size(); ++i) {
                const auto& piece = lines[i];
                CHECK(piece.size() <= width);
                CHECK(piece.find(' ') == std::string::npos);
                if (i + 1 < lines.size()) {
                    const auto window = word.substr(joined.size(), width);
                    const auto mark = window.find_last_of("/-");
                    if (mark != std::string::npos && mark > 0)
                        CHECK(piece == window.substr(0, mark + 1));
                    else
                        CHECK(piece.size() == width);
                }
                joined += piece;
            }
            CHECK(joined == word);
        }
}

}  // namespace kiosk_ticket_wrap_test
