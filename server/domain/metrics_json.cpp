// The metrics' rows and IKM as the JSON of replies and reports (docs/protocol.md).
#include "metrics.hpp"

namespace antre::metrics {
namespace {

nlohmann::json opt(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

nlohmann::json summary_json(const Summary& s) {
    return {{"count", s.count}, {"mean_s", opt(s.mean_s)}, {"median_s", opt(s.median_s)}, {"p90_s", opt(s.p90_s)}};
}

nlohmann::json histogram_json(const Histogram& h) { return {{"edges_min", histogram_edges_min}, {"counts", h.counts}}; }

nlohmann::json breaches_json(const std::vector<Breach>& list) {
    auto out = nlohmann::json::array();
    for (const auto& b : list)
        out.push_back({{"ticket", b.ticket}, {"label", b.label}, {"minutes_over", b.minutes_over}});
    return out;
}

}  // namespace

nlohmann::json to_json(const Row& r) {
    return {{"key", r.key},
            {"arrivals", r.arrivals},
            {"served", r.served},
            {"no_shows", r.no_shows},
            {"no_show_tickets", r.no_show_tickets},
            {"transfers", r.transfers},
            {"cancelled", r.cancelled},
            {"expired", r.expired},
            {"wait", summary_json(r.wait)},
            {"wait_booked", summary_json(r.wait_booked)},
            {"wait_walk_in", summary_json(r.wait_walk_in)},
            {"walk", summary_json(r.walk)},
            {"service", summary_json(r.service)},
            {"total", summary_json(r.total)},
            {"wait_histogram", histogram_json(r.wait_histogram)},
            {"service_histogram", histogram_json(r.service_histogram)},
            {"wait_within", opt(r.wait_within)},
            {"service_within", opt(r.service_within)},
            {"wait_breach_count", r.wait_breach_count},
            {"service_breach_count", r.service_breach_count},
            {"wait_breaches", breaches_json(r.wait_breaches)},
            {"service_breaches", breaches_json(r.service_breaches)},
            {"available_s", opt(r.available_s)},
            {"busy_s", opt(r.busy_s)},
            {"idle_s", opt(r.idle_s)},
            {"utilisation", opt(r.utilisation)},
            {"ratings", r.ratings},
            {"rating_mean", opt(r.rating_mean)},
            {"estimates", r.estimates},
            {"estimate_mae_s", opt(r.estimate_mae_s)},
            {"estimate_bias_s", opt(r.estimate_bias_s)},
            {"estimate_within_5min", opt(r.estimate_within_5min)},
            {"estimate_intervals", r.estimate_intervals},
            {"estimate_coverage", opt(r.estimate_coverage)},
            {"arrivals_per_hour", opt(r.arrivals_per_hour)}};
}

const std::array<const char*, skm_unsur> unsur_names = {
    "Persyaratan",        "Sistem, Mekanisme, dan Prosedur",         "Waktu Penyelesaian",
    "Biaya/Tarif",        "Produk Spesifikasi Jenis Pelayanan",      "Kompetensi Pelaksana",
    "Perilaku Pelaksana", "Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana",
};

nlohmann::json to_json(const Ikm& k) {
    auto unsur = nlohmann::json::array();
    for (int i = 0; i < skm_unsur; ++i)
        unsur.push_back({{"no", i + 1},
                         {"name", unsur_names[i]},
                         {"sum", k.sums[i]},
                         {"nrr", k.responses ? nlohmann::json(k.nrr[i]) : nlohmann::json(nullptr)}});
    nlohmann::json j = {{"responses", k.responses},
                        {"unsur", unsur},
                        {"formula",
                         "NRR = rata-rata jawaban per unsur; SKM = (NRR1 + ... + NRR9) x 1/9; "
                         "IKM = SKM x 25, dibulatkan dua desimal"}};
    if (k.responses == 0) {
        j["skm"] = nullptr;
        j["ikm"] = nullptr;
        j["grade"] = nullptr;
        j["grade_label"] = nullptr;
    } else {
        j["skm"] = k.skm;
        j["ikm"] = double(k.ikm_hundredths) / 100.0;
        j["grade"] = std::string(1, k.grade);
        j["grade_label"] = k.grade_label;
    }
    return j;
}

}  // namespace antre::metrics
