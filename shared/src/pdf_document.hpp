// An A4 PDF written top-down with a cursor, for reports of text and ruled tables:
// text wrapped to its width, a table's header repeated on each page the table runs
// onto, headings kept with what follows them, and "Halaman i dari N" at the foot of
// every page. Cairo's PDF surface and toy text API (DejaVu Sans), kept out of the
// header; antre_skm_pdf's own, not a public header.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace antre::pdf {

/// A4 portrait in PostScript points, with 2 cm margins, and the width between them.
inline constexpr double page_w = 595.28, page_h = 841.89, margin = 56.7;
inline constexpr double text_w = page_w - 2 * margin;

/// A table's column: its width in points; numbers are set flush right.
struct Column {
    double width;
    bool right = false;
};
using Row = std::vector<std::string>;

class Document {
public:
    /// Writes the PDF into `out`, titled `title`. `pages` is the N of each page's
    /// "Halaman i dari N"; 0 prints no page numbers (a first pass that counts them:
    /// the feet sit in the margin, so the layout is the same). Throws
    /// std::runtime_error naming the cairo call that failed.
    Document(std::string& out, int pages, const std::string& title);
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    /// A line or more centred on the page (the report's title).
    void centred(const std::string& text, double size, bool bold);
    /// A section's heading: drawn with the block that follows it, on the same page.
    void heading(const std::string& text);
    /// Text wrapped to the width between the margins.
    void paragraph(const std::string& text, double size = 9);
    /// A ruled table with a shaded header row; a cell's text wraps within its column. A
    /// short table (up to a third of a page) is kept whole on one page.
    void table(const std::vector<Column>& columns, const Row& header, const std::vector<Row>& rows);
    /// Space below the last block.
    void gap(double points);
    /// A closing: the `lead` text across the page, then a signature block in the right
    /// half: the `above` lines, room to sign, a rule for the name written under the
    /// signature, then the `below` lines. All on one page, so that a signature never
    /// stands on a page of its own.
    void signature(const std::string& lead, const std::vector<std::string>& above,
                   const std::vector<std::string>& below);

    /// Ends the last page and the file; the number of pages written.
    int finish();

private:
    struct Cairo;
    struct Pending {
        std::string text;
        double size;
    };

    /// The lines `text` takes in `width` points at `size`; a paragraph break ('\n')
    /// starts a line, a word wider than the width is cut between its characters.
    std::vector<std::string> wrap(const std::string& text, double width, double size, bool bold);
    double advance(const std::string& text, double size, bool bold);
    void show(double x, double baseline, const std::string& text, double size, bool bold);
    /// Starts a page unless `height` more points fit; true when it started one.
    bool need(double height);
    /// Room for the pending headings and `height` more, then the headings drawn.
    void begin_block(double height);
    /// "Halaman i dari N" at the foot of the page being ended.
    void page_foot();
    void next_page();
    double row_height(const std::vector<std::vector<std::string>>& cells) const;
    std::vector<std::vector<std::string>> row_lines(const std::vector<Column>& columns, const Row& row, bool bold);
    void draw_row(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& cells, bool header);

    std::unique_ptr<Cairo> cairo_;
    int pages_;
    int page_ = 1;
    double y_ = margin;
    std::vector<Pending> pending_;
};

}  // namespace antre::pdf
