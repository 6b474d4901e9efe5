// The printed ticket as a list of lines: built once from an acknowledged ticket,
// then encoded as ESC/POS for the printer or drawn as a PNG for previews and
// tests, so both show the same thing.
#pragma once

#include <string>
#include <vector>

#include "antre/kiosk/qr.hpp"
#include "antre/kiosk/state.hpp"

namespace antre::kiosk {

/// Thermal paper widths: 58 mm (384 dots) and 80 mm (576 dots) at 203 dpi.
enum class Paper { mm58, mm80 };

/// Printable width in dots.
int paper_dots(Paper p);
/// Characters per line in the printer's font A (12 x 24 dots) at normal size.
int paper_columns(Paper p);

enum class LineAlign { left, center, right };

struct PrintLine {
    enum class Kind { text, rule, image, feed } kind = Kind::text;
    std::string text;  ///< printable ASCII only (see printable_text)
    LineAlign align = LineAlign::left;
    bool bold = false;
    int scale = 1;            ///< 1 = normal, 2 = double width and height
    BitMatrix image;          ///< for images: the modules...
    int dots_per_module = 1;  ///< ...and how many dots each one takes
    int lines = 1;            ///< for feeds
};

struct TicketDocument {
    Paper paper = Paper::mm80;
    std::vector<PrintLine> lines;
};

/// The ticket's number is printed this many times font A's width and height (GS !).
inline constexpr int ticket_number_scale = 4;

/// The ticket as printed: office, number (4x, ticket_number_scale), service, priority (or a
/// checked-in booking's "Daring" mark, session and code), date and time, people ahead, estimated wait, a QR code of the
/// ticket's link (ticket_qr_text), the request to wait; texts in `language`, dates in `time_zone`.
TicketDocument ticket_document(const std::string& office_name, const std::string& time_zone, const IssuedTicket& ticket,
                               Language language, Paper paper);

/// UTF-8 to what every ESC/POS printer prints in its default code page: ASCII,
/// with "±" as "+/-", dashes, dots and curly quotes spelled out, other letters
/// without accents, a no-break space as a space.
std::string printable_text(const std::string& utf8);

/// `text` (UTF-8) broken at spaces into printable lines of at most `columns`
/// characters; never at a no-break space (U+00A0), which joins a value to its unit,
/// unless the phrase it joins is longer than the line. Never inside a word, unless
/// the word alone is longer than the line: then after its last '/' or '-' that fits,
/// or at the line's width where none does.
std::vector<std::string> wrap_columns(const std::string& text, int columns);

}  // namespace antre::kiosk
