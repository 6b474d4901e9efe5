#include "antre/report_text.hpp"

#include <cstdio>
#include <ctime>
#include <map>

#include "antre/bookings_csv.hpp"

namespace antre::report_text {

using json = nlohmann::json;

namespace {

// One column: its CSV header and how its value is read from a row.
struct Column {
    const char* header;
    const char* field;  // top-level field, or the summary's name when `sub` is set
    const char* sub;    // mean_s | median_s | p90_s, or nullptr
    int decimals;
};

const Column columns[] = {
    {"arrivals", "arrivals", nullptr, 0},
    {"served", "served", nullptr, 0},
    {"no_shows", "no_shows", nullptr, 0},
    {"no_show_tickets", "no_show_tickets", nullptr, 0},
    {"transfers", "transfers", nullptr, 0},
    {"cancelled", "cancelled", nullptr, 0},
    {"expired", "expired", nullptr, 0},
    {"wait_mean_s", "wait", "mean_s", 1},
    {"wait_median_s", "wait", "median_s", 1},
    {"wait_p90_s", "wait", "p90_s", 1},
    {"walk_mean_s", "walk", "mean_s", 1},
    {"walk_median_s", "walk", "median_s", 1},
    {"walk_p90_s", "walk", "p90_s", 1},
    {"service_mean_s", "service", "mean_s", 1},
    {"service_median_s", "service", "median_s", 1},
    {"service_p90_s", "service", "p90_s", 1},
    {"total_mean_s", "total", "mean_s", 1},
    {"total_median_s", "total", "median_s", 1},
    {"total_p90_s", "total", "p90_s", 1},
    {"wait_within", "wait_within", nullptr, 3},
    {"service_within", "service_within", nullptr, 3},
    {"wait_breaches", "wait_breach_count", nullptr, 0},
    {"service_breaches", "service_breach_count", nullptr, 0},
    {"available_s", "available_s", nullptr, 0},
    {"busy_s", "busy_s", nullptr, 0},
    {"idle_s", "idle_s", nullptr, 0},
    {"utilisation", "utilisation", nullptr, 3},
    {"ratings", "ratings", nullptr, 0},
    {"rating_mean", "rating_mean", nullptr, 2},
    {"estimates", "estimates", nullptr, 0},
    {"estimate_mae_s", "estimate_mae_s", nullptr, 1},
    {"estimate_bias_s", "estimate_bias_s", nullptr, 1},
    {"estimate_within_5min", "estimate_within_5min", nullptr, 3},
    {"estimate_intervals", "estimate_intervals", nullptr, 0},
    {"estimate_coverage", "estimate_coverage", nullptr, 3},
    {"arrivals_per_hour", "arrivals_per_hour", nullptr, 2},
};

const json& value(const json& row, const Column& c) {
    static const json null_value;
    if (!row.contains(c.field)) return null_value;
    const json& v = row[c.field];
    if (!c.sub) return v;
    return v.is_object() && v.contains(c.sub) ? v[c.sub] : null_value;
}

// snprintf with "%.*f" in the "C" locale the CLI runs in: '.' decimals always.
std::string number(const json& v, int decimals) {
    if (!v.is_number()) return "";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v.get<double>());
    return buf;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// Events with no officer or counter (kiosk, expiry) have the key "".
std::string key_of(const json& report, const json& row) {
    const std::string k = row.value("key", "");
    if (!k.empty()) return k;
    return report.value("by", "") == "counter" ? "(tanpa loket)" : "-";
}

}  // namespace

std::string report_csv(const json& report) {
    std::string out = csv_field(report.value("by", "key"));
    for (const auto& c : columns) out += std::string(",") + c.header;
    out += "\n";
    for (const auto& row : report["rows"]) {
        out += csv_field(key_of(report, row));
        for (const auto& c : columns) out += "," + number(value(row, c), c.decimals);
        out += "\n";
    }
    return out;
}

std::string report_table(const json& report) {
    // People read minutes; the CSV keeps seconds for spreadsheets.
    auto minutes = [](const json& v) { return v.is_number() ? number(v.get<double>() / 60.0, 1) : std::string("-"); };
    auto percent = [](const json& v) {
        return v.is_number() ? number(v.get<double>() * 100.0, 0) + "%" : std::string("-");
    };
    char line[256];
    std::snprintf(line, sizeof line, "%-20s %7s %7s %7s %7s %7s %7s %8s %8s %8s %8s %6s %6s %6s %7s %7s %7s\n",
                  report.value("by", "").c_str(), "datang", "selesai", "tdk_hdr", "alih", "batal", "kdlwrs", "tunggu50",
                  "tunggu90", "layan50", "layan90", "tgu_ok", "lyn_ok", "util", "prk_mae", "prk_bias", "prk_in");
    std::string out = line;
    for (const auto& r : report["rows"]) {
        std::snprintf(line, sizeof line, "%-20s %7d %7d %7d %7d %7d %7d %8s %8s %8s %8s %6s %6s %6s %7s %7s %7s\n",
                      key_of(report, r).c_str(), r.value("arrivals", 0), r.value("served", 0), r.value("no_shows", 0),
                      r.value("transfers", 0), r.value("cancelled", 0), r.value("expired", 0),
                      minutes(r["wait"]["median_s"]).c_str(), minutes(r["wait"]["p90_s"]).c_str(),
                      minutes(r["service"]["median_s"]).c_str(), minutes(r["service"]["p90_s"]).c_str(),
                      percent(r["wait_within"]).c_str(), percent(r["service_within"]).c_str(),
                      percent(r["utilisation"]).c_str(), minutes(r["estimate_mae_s"]).c_str(),
                      minutes(r["estimate_bias_s"]).c_str(), percent(r["estimate_coverage"]).c_str());
        out += line;
    }
    out +=
        "(waktu dalam menit; median dan p90 nearest-rank; prk_: perkiraan panggilan, galat rata-rata, bias dan "
        "bagian yang dipanggil dalam rentang yang dijanjikan; " +
        report.value("definitions", std::string()) + ")";
    return out;
}

namespace {

// A field a citizen typed: one that starts like a formula (=, +, -, @) gets a leading
// apostrophe, so that a spreadsheet shows it and never runs it.
std::string typed_field(const std::string& s) {
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) return csv_field("'" + s);
    return csv_field(s);
}

std::string utc_text(const json& ms) {
    if (!ms.is_number_integer()) return "";
    const std::time_t secs = static_cast<std::time_t>(ms.get<std::int64_t>() / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

std::string bookings_csv(const json& reply) {
    std::string out = "day,service,session_start,session_end,status,nik,name,phone,booked_at_utc,reason\n";
    const std::string day = reply.value("day", "");
    for (const auto& s : reply.value("services", json::array())) {
        std::map<std::string, std::string> ends;
        for (const auto& n : s.value("sessions", json::array())) ends[n.value("start", "")] = n.value("end", "");
        for (const auto& b : s.value("bookings", json::array())) {
            const std::string start = b.value("session", "");
            out += day + "," + csv_field(s.value("service", "")) + "," + start + "," + ends[start] + "," +
                   b.value("status", "") + "," + csv_field(b.value("nik", "")) + "," +
                   typed_field(b.value("name", "")) + "," + typed_field(b.value("phone", "")) + "," +
                   utc_text(b.value("booked_at", json())) + "," + typed_field(b.value("reason", "")) + "\n";
        }
    }
    return out;
}

namespace {

// The counts of a booking_report row, in the reply's order.
const char* const booking_counts[] = {"booked",    "active", "checked_in", "missed",
                                      "cancelled", "closed", "on_time",    "called_in_session"};

}  // namespace

std::string booking_report_csv(const json& reply) {
    std::string out = csv_field(reply.value("by", "key"));
    for (const char* c : booking_counts) out += std::string(",") + c;
    out += ",attendance,called_in_session_share\n";
    auto line = [&](const std::string& key, const json& row) {
        out += csv_field(key);
        for (const char* c : booking_counts) out += "," + std::to_string(row.value(c, 0));
        out += "," + number(row.value("attendance", json()), 3) + "," +
               number(row.value("called_in_session_share", json()), 3) + "\n";
    };
    for (const auto& r : reply.value("rows", json::array())) line(r.value("key", ""), r);
    line("total", reply.value("total", json::object()));
    return out;
}

std::string booking_report_table(const json& reply) {
    auto percent = [](const json& v) {
        return v.is_number() ? number(v.get<double>() * 100.0, 0) + "%" : std::string("-");
    };
    char text[256];
    std::snprintf(text, sizeof text, "%-12s %7s %7s %7s %7s %7s %7s %7s %7s %8s %8s\n", reply.value("by", "").c_str(),
                  "pesan", "aktif", "hadir", "tdk_dtg", "batal", "ditutup", "tepat", "dlm_sesi", "kehadiran",
                  "dlm_sesi%");
    std::string out = text;
    auto line = [&](const std::string& key, const json& r) {
        std::snprintf(text, sizeof text, "%-12s %7d %7d %7d %7d %7d %7d %7d %7d %8s %8s\n", key.c_str(),
                      r.value("booked", 0), r.value("active", 0), r.value("checked_in", 0), r.value("missed", 0),
                      r.value("cancelled", 0), r.value("closed", 0), r.value("on_time", 0),
                      r.value("called_in_session", 0), percent(r.value("attendance", json())).c_str(),
                      percent(r.value("called_in_session_share", json())).c_str());
        out += text;
    };
    for (const auto& r : reply.value("rows", json::array())) line(r.value("key", ""), r);
    line("jumlah", reply.value("total", json::object()));
    out +=
        "(kehadiran: hadir / (hadir + tidak datang); dlm_sesi: yang check-in sebelum sesinya berakhir (tepat) dan "
        "dipanggil sebelum sesinya berakhir)";
    return out;
}

std::string ikm_csv(const json& reply) {
    const json& k = reply["ikm"];
    std::string out = "unsur,nama,nrr\n";
    for (const auto& u : k["unsur"])
        out +=
            std::to_string(u.value("no", 0)) + "," + csv_field(u.value("name", "")) + "," + number(u["nrr"], 3) + "\n";
    out += "skm,," + number(k["skm"], 3) + "\n";
    out += "ikm,," + number(k["ikm"], 2) + "\n";
    out += "mutu,," + (k["grade"].is_string() ? k["grade"].get<std::string>() : std::string()) + "\n";
    out += "responden,," + std::to_string(k.value("responses", 0)) + "\n";
    return out;
}

std::string ikm_table(const json& reply) {
    const json& k = reply["ikm"];
    std::string out = "Indeks Kepuasan Masyarakat " + k.value("from", "") + " s.d. " + k.value("to", "") +
                      (k["service"].is_string() ? " (layanan " + k["service"].get<std::string>() + ")" : "") + "\n";
    char line[160];
    for (const auto& u : k["unsur"]) {
        std::snprintf(line, sizeof line, "U%-2d %-42s NRR %s\n", u.value("no", 0), u.value("name", "").c_str(),
                      u["nrr"].is_number() ? number(u["nrr"], 3).c_str() : "-");
        out += line;
    }
    out += "responden " + std::to_string(k.value("responses", 0));
    if (k["ikm"].is_number())
        out += "; SKM " + number(k["skm"], 3) + "; IKM " + number(k["ikm"], 2) + "; mutu " +
               k["grade"].get<std::string>() + " (" + k["grade_label"].get<std::string>() + ")";
    if (k.contains("sample_needed"))
        out += "\ndilayani " + std::to_string(k.value("served", 0L)) + "; sampel minimal (Krejcie-Morgan) " +
               std::to_string(k.value("sample_needed", 0)) + ": " + k.value("sample_note", std::string("-"));
    return out + "\n" + k.value("formula", "");
}

std::string sheet_table(const json& reply) {
    const json& s = reply["sheet"];
    const json& t = s["total"];
    auto percent = [](const json& v) {
        return v.is_number() ? number(v.get<double>() * 100.0, 0) + "%" : std::string("-");
    };
    auto minutes = [](const json& v) {
        return v.is_number() ? number(v.get<double>() / 60.0, 1) + " mnt" : std::string("-");
    };
    std::string out = "Lembar kinerja " + s["officer"].value("name", "") + " (NIP " + s["officer"].value("nip", "") +
                      "), " + s.value("from", "") + " s.d. " + s.value("to", "") + "\n";
    out += "dilayani " + std::to_string(t.value("served", 0)) + "; dalam standar waktu " +
           percent(t["service_within"]) + "; median layanan " + minutes(t["service"]["median_s"]) + "; tidak hadir " +
           percent(t["no_show_rate"]) + "; utilisasi " + percent(t["utilisation"]) + "; nilai warga " +
           (t["rating_mean"].is_number()
                ? number(t["rating_mean"], 2) + " dari 4 (" + std::to_string(t.value("ratings", 0)) + " penilaian)"
                : std::string("-")) +
           "\n";
    char line[200];
    for (const auto& r : s["by_service"]) {
        std::string targets;
        for (const auto& st : s["standards"])
            if (st["service"] == r["key"])
                for (const auto& p : st["periods"])
                    targets += (targets.empty() ? "" : ", ") + std::to_string(p.value("max_service_minutes", 0)) +
                               " mnt" + (p["from"].is_string() ? " sejak " + p["from"].get<std::string>() : "");
        std::snprintf(line, sizeof line, "  %-8s dilayani %4d  dalam standar %5s  median %9s  target %s\n",
                      r.value("key", "").c_str(), r.value("served", 0), percent(r["service_within"]).c_str(),
                      minutes(r["service"]["median_s"]).c_str(), targets.c_str());
        out += line;
    }
    return out + s.value("note", "");
}

}  // namespace antre::report_text
