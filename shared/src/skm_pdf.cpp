#include "antre/skm_pdf.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "antre/date_words.hpp"
#include "pdf_document.hpp"

namespace antre {

using nlohmann::json;

namespace {

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

// A whole number with a point between thousands ("1.250").
std::string whole(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

std::string share(int count, int total) {
    if (total == 0) return "-";
    return decimal(100.0 * count / total, 1) + "%";
}

std::string text_of(const json& k, const char* field, const std::string& otherwise) {
    const auto it = k.find(field);
    return it != k.end() && it->is_string() ? it->get<std::string>() : otherwise;
}

// "30 November 2026 s.d. 31 Desember 2026", or the one day.
std::string period_words(const std::string& from, const std::string& to) {
    return from == to ? day_text(from) : day_text(from) + " s.d. " + day_text(to);
}

// The semester or year a period is exactly, as the reports name them; "" for any other.
std::string period_name(const std::string& from, const std::string& to) {
    if (from.size() != 10 || to.size() != 10 || from.substr(0, 4) != to.substr(0, 4)) return "";
    const std::string year = from.substr(0, 4), a = from.substr(5), b = to.substr(5);
    if (a == "01-01" && b == "06-30") return "Semester I Tahun " + year;
    if (a == "07-01" && b == "12-31") return "Semester II Tahun " + year;
    if (a == "01-01" && b == "12-31") return "Tahun " + year;
    return "";
}

void survey_section(pdf::Document& d, const json& k, const std::string& office, const std::string& period) {
    d.heading("I. Pelaksanaan Survei");
    d.table({{190}, {291.88}}, {"Uraian", "Keterangan"},
            {{"Unit pelayanan", office.empty() ? "-" : office},
             {"Periode survei", period},
             {"Jenis layanan", text_of(k, "service", "Semua layanan")},
             {"Masyarakat yang dilayani (populasi)", whole(k.value("served", 0LL))},
             {"Sampel minimal (Krejcie dan Morgan)", whole(k.value("sample_needed", 0))},
             {"Jumlah responden", whole(k.value("responses", 0))},
             {"Kecukupan sampel", text_of(k, "sample_note", "-")}});
}

void profile_section(pdf::Document& d, const json& k) {
    const int responses = k.value("responses", 0);
    d.gap(4);
    d.heading("II. Profil Responden");
    for (const auto& q : k.value("profile", json::array())) {
        std::vector<pdf::Row> rows;
        for (const auto& r : q.value("rows", json::array()))
            rows.push_back({r.value("label", ""), whole(r.value("count", 0)), share(r.value("count", 0), responses)});
        rows.push_back({"Tidak mengisi", whole(q.value("blank", 0)), share(q.value("blank", 0), responses)});
        d.table({{240}, {120, true}, {121.88, true}}, {q.value("title", ""), "Jumlah", "Persentase"}, rows);
    }
}

void unsur_section(pdf::Document& d, const json& k) {
    d.gap(4);
    d.heading("III. Nilai per Unsur Pelayanan");
    std::vector<pdf::Row> rows;
    long long total = 0;
    for (const auto& u : k.value("unsur", json::array())) {
        const auto sum = u.find("sum");
        const bool summed = sum != u.end() && sum->is_number_integer();
        if (summed) total += sum->get<long long>();
        rows.push_back({"U" + std::to_string(u.value("no", 0)), u.value("name", ""),
                        summed ? whole(sum->get<long long>()) : "-", decimal(u.value("nrr", json()), 2),
                        decimal(u.value("nrr_weighted", json()), 3)});
    }
    rows.push_back({"", "Jumlah", whole(total), "", decimal(k.value("skm", json()), 3)});
    d.table({{26}, {235.88}, {75, true}, {60, true}, {85, true}},
            {"No", "Unsur Pelayanan", "Jumlah Nilai", "NRR", "NRR Tertimbang"}, rows);
    d.paragraph(
        "Jumlah nilai = jumlah jawaban responden (1-4) atas unsur itu; NRR = jumlah nilai / jumlah responden; "
        "NRR tertimbang = NRR x 1/9 (bobot tiap unsur tepat 1/9). Jumlah NRR tertimbang adalah nilai IKM.",
        8);
}

void ikm_section(pdf::Document& d, const json& k) {
    d.gap(4);
    d.heading("IV. Indeks Kepuasan Masyarakat");
    d.table({{300}, {181.88, true}}, {"Uraian", "Nilai"},
            {{"Nilai IKM (jumlah NRR tertimbang)", decimal(k.value("skm", json()), 3)},
             {"Nilai IKM konversi (nilai IKM x 25)", decimal(k.value("ikm", json()), 2)},
             {"Mutu pelayanan", text_of(k, "mutu", "-")},
             {"Kinerja unit pelayanan", text_of(k, "kinerja", "-")}});
    d.table({{90}, {110}, {110}, {70}, {101.88}},
            {"Nilai Persepsi", "Nilai Interval", "Interval Konversi", "Mutu", "Kinerja Unit"},
            {{"1", "1,00 - 2,5996", "25,00 - 64,99", "D", "Tidak Baik"},
             {"2", "2,60 - 3,064", "65,00 - 76,60", "C", "Kurang Baik"},
             {"3", "3,0644 - 3,532", "76,61 - 88,30", "B", "Baik"},
             {"4", "3,5324 - 4,00", "88,31 - 100,00", "A", "Sangat Baik"}});
    d.paragraph("Nilai IKM konversi dibulatkan dua desimal; mutu dan kinerja dibaca dari nilai yang dibulatkan.", 8);
}

void notes_section(pdf::Document& d, const json& k) {
    d.gap(4);
    d.heading("V. Saran dan Pengaduan serta Tindak Lanjut");
    const auto notes = k.find("notes");
    if (notes == k.end() || !notes->is_array()) {
        // The hub's figures: the notes stay at the office (docs/decisions.md).
        d.paragraph(
            "Saran dan pengaduan disimpan di kantor pelayanan dan tidak dikirim ke pusat; lihat laporan SKM "
            "yang dicetak di kantor.");
        return;
    }
    const int total = k.value("notes_total", static_cast<int>(notes->size()));
    if (total == 0) {
        d.paragraph("Tidak ada saran atau pengaduan yang diterima dalam periode ini.");
        return;
    }
    d.paragraph("Diterima " + whole(total) + " saran/pengaduan dalam periode ini; " +
                whole(k.value("notes_answered", 0)) + " di antaranya sudah ditindaklanjuti.");
    std::vector<pdf::Row> rows;
    int no = 0;
    for (const auto& n : *notes) {
        const auto reply = n.find("reply");
        std::string answer = "Belum ditindaklanjuti";
        if (reply != n.end() && reply->is_string()) {
            answer = reply->get<std::string>();
            if (n.contains("replied_day") && n["replied_day"].is_string())
                answer += "\n(" + day_text(n["replied_day"].get<std::string>()) + ")";
        }
        const std::string service = n.value("service", "");
        rows.push_back({std::to_string(++no), day_text(n.value("day", "")), service.empty() ? "-" : service,
                        n.value("text", ""), answer});
    }
    d.table({{26, true}, {96}, {52}, {154}, {153.88}}, {"No", "Tanggal", "Layanan", "Saran/Pengaduan", "Tindak Lanjut"},
            rows);
    if (no < total)
        d.paragraph("Tercantum " + whole(no) + " pertama dari " + whole(total) +
                        "; selengkapnya di dasbor, Saran dan pengaduan.",
                    8);
}

// Place and date, and the head of the unit to sign over a blank name.
void closing(pdf::Document& d, const json& k, const std::string& office) {
    const std::string place = text_of(k, "place", "");
    const std::string day = text_of(k, "as_of", "");
    d.gap(10);
    d.signature(
        "Demikian laporan ini dibuat untuk dipergunakan sebagaimana mestinya.",
        {(place.empty() ? std::string(24, '.') : place) + ", " + (day.empty() ? std::string(32, '.') : day_text(day)),
         "Kepala " + (office.empty() ? std::string("Unit Pelayanan") : office) + ","},
        {"NIP."});
}

void draw(pdf::Document& d, const json& k, const std::string& office) {
    const std::string from = k.value("from", ""), to = k.value("to", "");
    const std::string period = period_words(from, to);
    const std::string named = period_name(from, to);
    d.centred("LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM)", 14, true);
    if (!office.empty()) d.centred(office, 11, false);
    if (!named.empty()) d.centred(named, 10, true);
    d.centred("Periode " + period + "; layanan: " + text_of(k, "service", "semua layanan"), 10, false);
    d.centred("Menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017", 9, false);
    d.gap(10);
    survey_section(d, k, office, named.empty() ? period : period + " (" + named + ")");
    profile_section(d, k);
    unsur_section(d, k);
    ikm_section(d, k);
    notes_section(d, k);
    closing(d, k, office);
}

}  // namespace

std::string skm_pdf(const json& reply, const std::string& office) {
    const json& k = reply.at("ikm");
    const char* title = "Laporan Survei Kepuasan Masyarakat";
    // Twice: first to count the pages, then with "Halaman i dari N" at each foot.
    std::string scratch;
    pdf::Document counting(scratch, 0, title);
    draw(counting, k, office);
    const int pages = counting.finish();
    std::string out;
    pdf::Document d(out, pages, title);
    draw(d, k, office);
    d.finish();
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
