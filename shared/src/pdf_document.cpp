#include "pdf_document.hpp"

#include <algorithm>
#include <stdexcept>

#include <cairo-pdf.h>
#include <cairo.h>

namespace antre::pdf {

namespace {

// A table's text: 9 points on lines 11.25 apart; a row of one line is 16 points high.
constexpr double cell_size = 9, cell_line = 11.25, cell_pad = 16 - cell_line, cell_baseline = 11.5, cell_inset = 4;
constexpr double heading_size = 11;
constexpr double signature_size = 10, signature_line = 13, signature_room = 60, signature_gap = 14;
// A table up to this high moves to the next page whole rather than split.
constexpr double keep_whole_max = (page_h - 2 * margin) / 3;

void check(cairo_status_t status, const char* what) {
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string(what) + ": " + cairo_status_to_string(status));
}

cairo_status_t append(void* out, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// The byte after the UTF-8 character that starts at `i`.
std::size_t next_char(const std::string& s, std::size_t i) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    return i;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

struct Document::Cairo {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface{nullptr, cairo_surface_destroy};
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr{nullptr, cairo_destroy};
};

Document::Document(std::string& out, int pages, const std::string& title)
    : cairo_(std::make_unique<Cairo>()), pages_(pages) {
    cairo_->surface.reset(cairo_pdf_surface_create_for_stream(append, &out, page_w, page_h));
    check(cairo_surface_status(cairo_->surface.get()), "cairo_pdf_surface_create_for_stream");
    cairo_->cr.reset(cairo_create(cairo_->surface.get()));
    check(cairo_status(cairo_->cr.get()), "cairo_create");
    cairo_pdf_surface_set_metadata(cairo_->surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(cairo_->surface.get(), CAIRO_PDF_METADATA_CREATOR, "Antre");
}

Document::~Document() = default;

double Document::advance(const std::string& text, double size, bool bold) {
    cairo_t* cr = cairo_->cr.get();
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text.c_str(), &ext);
    return ext.x_advance;
}

void Document::show(double x, double baseline, const std::string& text, double size, bool bold) {
    cairo_t* cr = cairo_->cr.get();
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, x, baseline);
    cairo_show_text(cr, text.c_str());
}

std::vector<std::string> Document::wrap(const std::string& text, double width, double size, bool bold) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string line;
        for (std::size_t at = start; at < end;) {
            while (at < end && is_space(text[at])) ++at;
            if (at == end) break;
            std::size_t stop = at;
            while (stop < end && !is_space(text[stop])) ++stop;
            std::string word = text.substr(at, stop - at);
            at = stop;
            std::string joined = line.empty() ? word : line + " " + word;
            if (advance(joined, size, bold) <= width) {
                line = std::move(joined);
                continue;
            }
            if (!line.empty()) lines.push_back(std::move(line));
            // A word wider than the column (a long number, a link) is cut where it must be.
            while (advance(word, size, bold) > width) {
                std::size_t cut = next_char(word, 0);
                while (cut < word.size()) {
                    const std::size_t n = next_char(word, cut);
                    if (advance(word.substr(0, n), size, bold) > width) break;
                    cut = n;
                }
                lines.push_back(word.substr(0, cut));
                word.erase(0, cut);
            }
            line = std::move(word);
        }
        lines.push_back(std::move(line));
        if (end == text.size()) break;
        start = end + 1;
    }
    return lines;
}

bool Document::need(double height) {
    if (y_ + height <= page_h - margin) return false;
    next_page();
    return true;
}

void Document::page_foot() {
    if (pages_ <= 0) return;
    const std::string foot = "Halaman " + std::to_string(page_) + " dari " + std::to_string(pages_);
    show((page_w - advance(foot, 8, false)) / 2, page_h - margin / 2, foot, 8, false);
}

void Document::next_page() {
    page_foot();
    cairo_show_page(cairo_->cr.get());
    ++page_;
    y_ = margin;
}

void Document::begin_block(double height) {
    double headings = 0;
    for (const auto& h : pending_) headings += h.size * 1.3 + 3;
    need(headings + height);
    for (const auto& h : pending_) {
        show(margin, y_ + h.size, h.text, h.size, true);
        y_ += h.size * 1.3 + 3;
    }
    pending_.clear();
}

void Document::centred(const std::string& text, double size, bool bold) {
    const double line = size * 1.45;
    for (const auto& s : wrap(text, text_w, size, bold)) {
        need(line);
        show((page_w - advance(s, size, bold)) / 2, y_ + size, s, size, bold);
        y_ += line;
    }
}

void Document::heading(const std::string& text) { pending_.push_back({text, heading_size}); }

void Document::paragraph(const std::string& text, double size) {
    const double line = size * 1.35;
    begin_block(line);
    for (const auto& s : wrap(text, text_w, size, false)) {
        need(line);
        show(margin, y_ + size, s, size, false);
        y_ += line;
    }
    y_ += 3;
}

void Document::gap(double points) { y_ += points; }

std::vector<std::vector<std::string>> Document::row_lines(const std::vector<Column>& columns, const Row& row,
                                                          bool bold) {
    std::vector<std::vector<std::string>> cells;
    for (std::size_t i = 0; i < columns.size(); ++i)
        cells.push_back(
            wrap(i < row.size() ? row[i] : std::string(), columns[i].width - 2 * cell_inset, cell_size, bold));
    return cells;
}

double Document::row_height(const std::vector<std::vector<std::string>>& cells) const {
    std::size_t lines = 1;
    for (const auto& c : cells) lines = std::max(lines, c.size());
    return static_cast<double>(lines) * cell_line + cell_pad;
}

void Document::draw_row(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& cells,
                        bool header) {
    cairo_t* cr = cairo_->cr.get();
    const double top = y_, height = row_height(cells);
    double x = margin;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const double w = columns[i].width;
        if (header) {
            cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
            cairo_rectangle(cr, x, top, w, height);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.6);
        cairo_rectangle(cr, x, top, w, height);
        cairo_stroke(cr);
        double baseline = top + cell_baseline;
        for (const auto& line : cells[i]) {
            const double left =
                columns[i].right ? x + w - cell_inset - advance(line, cell_size, header) : x + cell_inset;
            show(left, baseline, line, cell_size, header);
            baseline += cell_line;
        }
        x += w;
    }
    y_ = top + height;
}

void Document::table(const std::vector<Column>& columns, const Row& header, const std::vector<Row>& rows) {
    const auto head = row_lines(columns, header, true);
    const double head_height = row_height(head);
    std::vector<std::vector<std::vector<std::string>>> body;
    body.reserve(rows.size());
    for (const auto& r : rows) body.push_back(row_lines(columns, r, false));
    // The header never ends a page alone: it goes with the first row, or with them all
    // when the table is short.
    double whole = head_height;
    for (const auto& cells : body) whole += row_height(cells);
    begin_block(whole <= keep_whole_max || body.empty() ? whole : head_height + row_height(body.front()));
    draw_row(columns, head, true);
    for (const auto& cells : body) {
        if (need(row_height(cells))) draw_row(columns, head, true);  // the header again on the new page
        draw_row(columns, cells, false);
    }
    y_ += 6;
}

void Document::signature(const std::string& lead, const std::vector<std::string>& above,
                         const std::vector<std::string>& below) {
    const double x = margin + text_w / 2, width = text_w / 2;
    const auto opening = wrap(lead, text_w, signature_size, false);
    std::vector<std::string> top, foot;
    for (const auto& s : above)
        for (auto& l : wrap(s, width, signature_size, false)) top.push_back(std::move(l));
    for (const auto& s : below)
        for (auto& l : wrap(s, width, signature_size, false)) foot.push_back(std::move(l));
    const double height = static_cast<double>(opening.size() + top.size() + foot.size()) * signature_line +
                          signature_gap + signature_room + 4;
    begin_block(height);
    for (const auto& l : opening) {
        show(margin, y_ + signature_size, l, signature_size, false);
        y_ += signature_line;
    }
    y_ += signature_gap;
    for (const auto& l : top) {
        show(x, y_ + signature_size, l, signature_size, false);
        y_ += signature_line;
    }
    y_ += signature_room;
    // The rule the name is written over, by hand, when the report is signed.
    cairo_t* cr = cairo_->cr.get();
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, x, y_);
    cairo_line_to(cr, x + width - 20, y_);
    cairo_stroke(cr);
    y_ += 4;
    for (const auto& l : foot) {
        show(x, y_ + signature_size, l, signature_size, false);
        y_ += signature_line;
    }
}

int Document::finish() {
    if (!pending_.empty()) begin_block(0);
    const int pages = page_;
    page_foot();
    cairo_show_page(cairo_->cr.get());
    check(cairo_status(cairo_->cr.get()), "cairo drawing");
    cairo_->cr.reset();
    cairo_surface_finish(cairo_->surface.get());
    check(cairo_surface_status(cairo_->surface.get()), "cairo_surface_finish");
    return pages;
}

}  // namespace antre::pdf
