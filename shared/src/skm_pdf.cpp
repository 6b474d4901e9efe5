#include "antre/skm_pdf.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>

namespace antre {

using nlohmann::json;

namespace {

// A4 in PostScript points, with 2 cm margins.
constexpr double page_w = 595.28, page_h = 841.89, margin = 56.7;

// A number as Indonesian print writes it: a decimal comma ("84,72").
std::string decimal(const json& v, int places) {
    if (!v.is_number()) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", places, v.get<double>());
    std::string s = buf;
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

std::string percent(int count, int total) {
    if (total == 0) return "-";
    return decimal(100.0 * count / total, 1) + "%";
}

// The report drawn top-down with a cursor; a block that does not fit starts a page.
class Page {
public:
    explicit Page(std::string& out)
        : surface_(cairo_pdf_surface_create_for_stream(append, &out, page_w, page_h), cairo_surface_destroy) {
        check(cairo_surface_status(surface_.get()), "cairo_pdf_surface_create_for_stream");
        cr_.reset(cairo_create(surface_.get()));
        cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, "Laporan Survei Kepuasan Masyarakat");
        cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "Antre");
    }
    ~Page() = default;

    void finish() {
        cairo_show_page(cr_.get());
        cr_.reset();
        cairo_surface_finish(surface_.get());
        check(cairo_surface_status(surface_.get()), "cairo_surface_finish");
    }

    /// Starts a new page unless `height` points still fit.
    void need(double height) {
        if (y_ + height <= page_h - margin) return;
        cairo_show_page(cr_.get());
        y_ = margin;
    }

    void text(double x, const std::string& s, double size = 10, bool bold = false, bool centred = false) {
        cairo_t* cr = cr_.get();
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, size);
        cairo_text_extents_t ext;
        cairo_text_extents(cr, s.c_str(), &ext);
        cairo_move_to(cr, centred ? (page_w - ext.x_advance) / 2 : x, y_);
        cairo_show_text(cr, s.c_str());
    }
    /// A line whose top is at the cursor; a heading (bold) keeps two table rows with it.
    void line(const std::string& s, double size = 10, bool bold = false) {
        need(size * 1.45 + (bold ? 40 : 0));
        y_ += size;
        text(margin, s, size, bold);
        y_ += size * 0.45 + 2;
    }
    void centred(const std::string& s, double size, bool bold) {
        need(size * 1.45);
        y_ += size;
        text(0, s, size, bold, true);
        y_ += size * 0.45;
    }
    void gap(double h = 8) { y_ += h; }

    /// A table with a header row and ruled cells; `widths` in points from the left margin.
    void table(const std::vector<double>& widths, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows) {
        const double row_h = 16;
        need(row_h * 2);
        draw_row(widths, header, true, row_h);
        for (const auto& r : rows) {
            need(row_h);
            draw_row(widths, r, false, row_h);
        }
        gap(6);
    }

private:
    static cairo_status_t append(void* out, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    }
    static void check(cairo_status_t status, const std::string& what) {
        if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(what + ": " + cairo_status_to_string(status));
    }
    void draw_row(const std::vector<double>& widths, const std::vector<std::string>& cells, bool header, double row_h) {
        cairo_t* cr = cr_.get();
        double x = margin;
        const double top = y_;
        for (std::size_t i = 0; i < widths.size(); ++i) {
            if (header) {
                cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
                cairo_rectangle(cr, x, top, widths[i], row_h);
                cairo_fill(cr);
            }
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_set_line_width(cr, 0.6);
            cairo_rectangle(cr, x, top, widths[i], row_h);
            cairo_stroke(cr);
            y_ = top + row_h - 4.5;  // the cell's baseline
            if (i < cells.size()) text(x + 4, cells[i], 9, header);
            x += widths[i];
        }
        y_ = top + row_h;
    }

    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface_;
    struct CrDeleter {
        void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    };
    std::unique_ptr<cairo_t, CrDeleter> cr_;
    double y_ = margin;
};

}  // namespace

std::string skm_pdf(const json& reply, const std::string& office) {
    const json& k = reply.at("ikm");
    std::string out;
    Page p(out);
    p.centred("LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM)", 14, true);
    p.centred(office, 11, false);
    p.centred("Periode " + k.value("from", "") + " s.d. " + k.value("to", "") + "; layanan: " +
                  (k["service"].is_string() ? k["service"].get<std::string>() : std::string("semua layanan")),
              10, false);
    p.centred("Menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017", 9, false);
    p.gap(10);

    const int responses = k.value("responses", 0);
    p.line("I. Jumlah Responden", 11, true);
    p.table({300, 181.88}, {"Uraian", "Jumlah"},
            {{"Masyarakat yang dilayani (populasi)", std::to_string(k.value("served", 0L))},
             {"Sampel minimal (tabel Krejcie dan Morgan)", std::to_string(k.value("sample_needed", 0))},
             {"Responden", std::to_string(responses)},
             {"Keterangan", k.value("sample_note", std::string("-"))}});

    p.line("II. Profil Responden", 11, true);
    for (const auto& q : k.value("profile", json::array())) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& r : q["rows"])
            rows.push_back(
                {r.value("label", ""), std::to_string(r.value("count", 0)), percent(r.value("count", 0), responses)});
        rows.push_back({"Tidak mengisi", std::to_string(q.value("blank", 0)), percent(q.value("blank", 0), responses)});
        p.table({240, 120, 121.88}, {q.value("title", ""), "Jumlah", "Persentase"}, rows);
    }

    p.line("III. Nilai Rata-rata per Unsur Pelayanan", 11, true);
    std::vector<std::vector<std::string>> unsur;
    for (const auto& u : k["unsur"])
        unsur.push_back({"U" + std::to_string(u.value("no", 0)), u.value("name", ""), decimal(u["nrr"], 2),
                         decimal(u["nrr_weighted"], 3)});
    unsur.push_back({"", "Jumlah NRR tertimbang (SKM)", "", decimal(k["skm"], 3)});
    p.table({40, 261.88, 80, 100}, {"No", "Unsur Pelayanan", "NRR", "NRR tertimbang"}, unsur);

    p.line("IV. Indeks Kepuasan Masyarakat", 11, true);
    p.table({300, 181.88}, {"Uraian", "Nilai"},
            {{"IKM = jumlah NRR tertimbang x 25", decimal(k["ikm"], 2)},
             {"Mutu pelayanan", k["mutu"].is_string() ? k["mutu"].get<std::string>() : "-"},
             {"Kinerja unit pelayanan", k["kinerja"].is_string() ? k["kinerja"].get<std::string>() : "-"}});
    p.table({90, 110, 110, 70, 101.88},
            {"Nilai Persepsi", "Nilai Interval", "Interval Konversi", "Mutu", "Kinerja Unit"},
            {{"1", "1,00 - 2,5996", "25,00 - 64,99", "D", "Tidak Baik"},
             {"2", "2,60 - 3,064", "65,00 - 76,60", "C", "Kurang Baik"},
             {"3", "3,0644 - 3,532", "76,61 - 88,30", "B", "Baik"},
             {"4", "3,5324 - 4,00", "88,31 - 100,00", "A", "Sangat Baik"}});
    p.line("NRR per unsur = jumlah nilai unsur / jumlah responden; bobot tiap unsur tepat 1/9.", 8);
    p.line("IKM dibulatkan dua desimal; mutu dibaca dari nilai yang dibulatkan.", 8);
    p.finish();
    return out;
}

void write_skm_pdf(const json& reply, const std::string& office, const std::string& path) {
    const std::string pdf = skm_pdf(reply, office);
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
    file.close();
    if (!file) throw std::runtime_error("cannot write " + path);
}

std::string skm_pdf_name(const nlohmann::json& reply) {
    const nlohmann::json& k = reply["ikm"];
    const std::string service = k["service"].is_string() ? "-" + k["service"].get<std::string>() : "";
    return "skm" + service + "-" + k.value("from", std::string()) + "-" + k.value("to", std::string()) + ".pdf";
}

}  // namespace antre
