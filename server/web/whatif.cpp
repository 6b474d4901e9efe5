#include "whatif.hpp"

#include <algorithm>
#include <memory>
#include <regex>
#include <set>
#include <stdexcept>

#include <boost/asio/post.hpp>

#include "antre/calendar.hpp"
#include "antre/date_words.hpp"
#include "antre/errors.hpp"
#include "history.hpp"
#include "run.hpp"
#include "web_response.hpp"

namespace antre {

namespace {

using json = nlohmann::json;

// The what-if's own refusals (docs/protocol.md §7), over HTTP only.
constexpr const char* no_history = "no_history";                    // the month or weekday has no history
constexpr const char* simulation_busy = "simulation_busy";          // another what-if runs (429)
constexpr const char* simulation_too_long = "simulation_too_long";  // past the time limit (503)

// The run went past WhatIfOptions::time_limit, or the server is stopping.
struct Stopped : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// An answer the worker could not give: a code, its HTTP status and the message.
struct Refused : std::runtime_error {
    Refused(unsigned http_status, std::string error_code, const std::string& message)
        : std::runtime_error(message), status(http_status), code(std::move(error_code)) {}
    unsigned status;
    std::string code;
};

bool whole(const json& v, long long low, long long high) {
    return v.is_number_integer() && v.get<long long>() >= low && v.get<long long>() <= high;
}

// What a request asks, checked against the office and the bounds.
struct Ask {
    std::string month;
    sim::AddCounter added;
    int runs = 20;
    std::uint64_t seed = 1;
};

Ask read_ask(const json& body, const OfficeConfig& office, const WhatIfOptions& options) {
    Ask a;
    static const std::regex month_form(R"(\d{4}-(0[1-9]|1[0-2]))");
    if (!body.contains("month") || !body["month"].is_string() ||
        !std::regex_match(body["month"].get<std::string>(), month_form))
        throw Refused(400, errc::bad_request, "Bulan riwayat harus berbentuk YYYY-MM, misalnya 2026-11");
    a.month = body["month"];
    if (!body.contains("weekday") || !whole(body["weekday"], 0, 6))
        throw Refused(400, errc::bad_request, "Hari harus angka 0 (Minggu) sampai 6 (Sabtu)");
    const int weekday = body["weekday"];
    const json& services = body.value("services", json());
    if (!services.is_array() || services.empty() || services.size() > options.max_services)
        throw Refused(400, errc::bad_request,
                      "Pilih 1 sampai " + std::to_string(options.max_services) + " layanan untuk loket tambahan");
    std::string list;
    std::set<std::string> seen;
    for (const json& s : services) {
        if (!s.is_string() || !office.find_service(s.get<std::string>()))
            throw Refused(400, errc::unknown_service, "Layanan tidak dikenal: " + s.dump());
        if (!seen.insert(s.get<std::string>()).second)
            throw Refused(400, errc::bad_request, "Layanan disebut dua kali: " + s.get<std::string>());
        list += (list.empty() ? "" : ",") + s.get<std::string>();
    }
    // The same parser as antre-sim's --add-counter, so the change reads as the CLI's.
    a.added = sim::parse_add_counter(list + "@" + sim::weekday_code(weekday), office);
    if (body.contains("runs") && !body["runs"].is_null()) {
        if (!whole(body["runs"], 1, options.max_runs))
            throw Refused(400, errc::invalid_value,
                          "Jumlah hari simulasi harus 1 sampai " + std::to_string(options.max_runs));
        a.runs = body["runs"];
    }
    if (body.contains("seed") && !body["seed"].is_null()) {
        if (!whole(body["seed"], 0, 2'147'483'647))
            throw Refused(400, errc::invalid_value, "seed harus bilangan bulat 0 sampai 2147483647");
        a.seed = body["seed"].get<std::uint64_t>();
    }
    return a;
}

}  // namespace

WhatIfRunner::WhatIfRunner(boost::asio::io_context& io, const OfficeConfig& office, std::string db_path,
                           const Clock& clock, WhatIfOptions options)
    : io_(io), office_(office), db_path_(std::move(db_path)), clock_(clock), options_(options) {}

WhatIfRunner::~WhatIfRunner() {
    stopping_ = true;
    worker_.join();
}

void WhatIfRunner::run(const json& body, std::function<void(http::Response)> respond) {
    Ask ask;
    try {
        ask = read_ask(body, office_, options_);
    } catch (const Refused& r) {
        return respond(web::dashboard_responses.error(r.status, r.code, r.what()));
    }
    if (busy_) {
        auto r = web::dashboard_responses.error(429, simulation_busy,
                                                "Simulasi lain sedang berjalan di server ini; coba lagi sebentar lagi");
        r.set(boost::beast::http::field::retry_after, "5");
        return respond(std::move(r));
    }
    busy_ = true;
    const OfficeCalendar calendar(office_.time_zone);
    // The day simulated: the first of that weekday from today on (its opening hours and standards).
    const std::string day = sim::next_weekday(calendar.day_of(clock_.now()), ask.added.weekday, office_.time_zone);
    auto answer = std::make_shared<http::Response>();
    boost::asio::post(worker_, [this, ask, day, answer, respond = std::move(respond)]() mutable {
        const auto deadline = std::chrono::steady_clock::now() + options_.time_limit;
        try {
            const sim::History history = sim::read_history(db_path_, ask.month, office_);
            if (history.tickets == 0)
                throw Refused(400, no_history, "Tidak ada riwayat antrean pada bulan " + month_text(ask.month));
            sim::DayModel model;
            try {
                model = history.model_for(office_, ask.added.weekday);
            } catch (const std::runtime_error&) {
                throw Refused(400, no_history,
                              "Riwayat bulan " + month_text(ask.month) + " tidak memuat hari " +
                                  weekday_name(ask.added.weekday) + " dengan antrean");
            }
            const sim::WhatIf w = sim::what_if(office_, model, {ask.added}, day, ask.seed, ask.runs, [&] {
                if (stopping_) throw Stopped("the server is stopping");
                if (std::chrono::steady_clock::now() >= deadline)
                    throw Refused(503, simulation_too_long,
                                  "Simulasi melewati batas waktu " +
                                      std::to_string(options_.time_limit.count() / 1000) +
                                      " detik; kurangi jumlah hari simulasi");
            });
            json reply = sim::compare_json(w.before, w.after, w.change);
            reply["ok"] = true;
            reply["month"] = ask.month;
            reply["weekday"] = ask.added.weekday;
            reply["services"] = ask.added.services;
            reply["seed"] = ask.seed;
            *answer = web::dashboard_responses.json(200, reply);
        } catch (const Refused& r) {
            *answer = web::dashboard_responses.error(r.status, r.code, r.what());
        } catch (const Stopped& e) {
            *answer = web::dashboard_responses.error(503, errc::internal_error, e.what());
        } catch (const std::exception& e) {
            *answer =
                web::dashboard_responses.error(500, errc::internal_error, std::string("Simulasi gagal: ") + e.what());
        }
        boost::asio::post(io_, [this, answer, respond = std::move(respond)] {
            busy_ = false;
            respond(std::move(*answer));
        });
    });
}

}  // namespace antre
