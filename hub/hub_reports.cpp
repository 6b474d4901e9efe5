#include "hub_reports.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "antre/calendar.hpp"
#include "antre/config.hpp"
#include "antre/config_json.hpp"
#include "hub_months.hpp"
#include "metrics.hpp"

namespace antre::hub {

using nlohmann::json;

/// An office as its last shipped state describes it to the figures.
struct Figures::Office {
    std::string id, name;
    std::shared_ptr<const OfficeCalendar> calendar;
    std::vector<Service> services;
    std::vector<reports::Officer> officers;
    std::string inputs;  ///< what of the state the figures read: time zone and services
};

namespace {

std::string text_field(const json& request, const char* field) {
    if (!request.contains(field) || !request.at(field).is_string())
        throw Refused("bad_request", std::string("field '") + field + "' must be a string");
    return request.at(field).get<std::string>();
}

}  // namespace

Figures::Figures(HubStore& store, std::optional<std::vector<std::string>> scope, Millis now)
    : store_(store), scope_(std::move(scope)), now_(now) {}

std::vector<std::string> Figures::readable() {
    std::vector<std::string> all = store_.offices();
    if (!scope_) return all;
    std::vector<std::string> out;
    for (const auto& id : all)
        if (std::find(scope_->begin(), scope_->end(), id) != scope_->end()) out.push_back(id);
    return out;
}

Figures::Office Figures::load(const std::string& id) {
    const auto text = store_.state(id);
    if (!text) throw Refused("no_state", "office " + id + " has not sent its state yet");
    const json state = json::parse(*text);
    Office o;
    o.id = id;
    o.name = state.at("office").value("name", "");
    o.calendar = std::make_shared<const OfficeCalendar>(state.at("office").at("time_zone").get<std::string>());
    // The definitions as the office keeps them; `closed` is the office's flag beside them.
    for (json s : state.at("services")) {
        s.erase("closed");
        o.services.push_back(service_from_json(s, "services"));
    }
    // A new release or new metric definitions may compute otherwise: they are inputs too;
    // so are the officers' NIPs and names, which the kept officer sheets show.
    json officers = json::array();
    for (const auto& officer : state.value("officers", json::array())) {
        o.officers.push_back({officer.value("nip", ""), officer.value("name", "")});
        officers.push_back({o.officers.back().nip, o.officers.back().name});
    }
    o.inputs = std::string(ANTRE_VERSION) + "\n" + metrics::definitions_version + "\n" +
               state.at("office").at("time_zone").dump() + "\n" + state.at("services").dump() + "\n" + officers.dump();
    return o;
}

std::vector<Figures::Office> Figures::offices_of(const json& request) {
    std::vector<std::string> ids;
    const auto allowed = readable();
    if (!request.contains("offices")) {
        ids = allowed;
    } else {
        const auto& list = request.at("offices");
        if (!list.is_array() || list.empty())
            throw Refused("bad_request", "field 'offices' must be a non-empty array of office ids");
        for (const auto& j : list) {
            if (!j.is_string()) throw Refused("bad_request", "field 'offices' must hold office ids");
            const auto id = j.get<std::string>();
            if (std::find(allowed.begin(), allowed.end(), id) == allowed.end())
                throw Refused("forbidden", "office " + id + " is unknown or not yours to read");
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
    }
    std::vector<Office> out;
    for (const auto& id : ids) out.push_back(load(id));
    return out;
}

json Figures::run(const std::string& op, const json& request) {
    try {
        if (op == "report") return report(request);
        if (op == "ikm") return ikm(request);
        if (op == "officer_sheet") return officer_sheet(request);
        if (op == "ranking") return ranking(request);
    } catch (const reports::BadPeriod& e) {
        throw Refused("invalid_value", e.what());
    }
    throw Refused("unknown_op", "unknown op \"" + op + "\"");
}

namespace {

// What the office's store hands its reports, read from the hub's copy.
reports::EventSource events_of(HubStore& store, const std::string& office, const reports::Period& p) {
    return [&store, office, p](const auto& visit) { store.for_each_event(office, p.from, p.to, visit); };
}

// As the office: counters still open are counted up to now, or to the period's end.
Millis until_of(const OfficeCalendar& calendar, const reports::Period& p, Millis now) {
    return std::min(calendar.next_day_start(p.to_ms), now);
}

}  // namespace

json Figures::compute(const Office& o, const reports::Period& p, const std::string& kind,
                      const reports::EventSource& events) {
    ++replays_;
    const auto colon = kind.find(':');
    const std::string what = kind.substr(0, colon), arg = kind.substr(colon + 1);
    if (what == "report")
        return reports::report(p, *metrics::parse_group_by(arg), *o.calendar, until_of(*o.calendar, p, now_),
                               o.services, events);
    if (what == "officer_sheets")  // every officer of the office's state: a sheet asked of any of them is kept
        return reports::officer_sheets(p, o.officers, *o.calendar, until_of(*o.calendar, p, now_), o.services, events);
    return reports::ikm(p, arg, events);
}

json Figures::figures_of(const Office& o, const reports::Period& p, const std::string& kind) {
    // Kept only once the month is over: a month still running counts open counter
    // sessions up to now, so its figures change by the minute.
    const auto month = months::whole_month(p.from, p.to);
    if (!month || now_ < o.calendar->next_day_start(p.to_ms)) return compute(o, p, kind, events_of(store_, o.id, p));
    // The version is read before the events: an ingest in between makes the kept
    // figures older than the month's version, so they are never reused.
    const auto kept = store_.kept(o.id, *month, kind, o.inputs);
    if (kept.reply) return json::parse(*kept.reply);
    json reply = compute(o, p, kind, events_of(store_, o.id, p));
    store_.keep(o.id, *month, kind, o.inputs, kept.version, reply.dump());
    return reply;
}

const std::vector<std::string>& Figures::ahead_kinds() {
    // The dashboard's cards, tables and chart (by office, by service, the IKM), the
    // ranking (by office and the IKM), and every officer's sheet.
    static const std::vector<std::string> kinds{"report:office", "report:service", "ikm:", "officer_sheets"};
    return kinds;
}

std::size_t Figures::keep_ahead(const std::string& office, const std::function<bool()>& stop) {
    const auto acked = store_.acked_day(office);
    if (!acked) return 0;
    const Office o = load(office);
    std::size_t kept_now = 0;
    // Months before the month of the latest day the ack covers: shipped to their end.
    for (const auto& month : store_.months_behind(office, ahead_kinds(), o.inputs, acked->substr(0, 8) + "01")) {
        if (stop && stop()) break;
        const auto p = reports::period(*o.calendar, month, months::last_day(month));
        if (now_ < o.calendar->next_day_start(p.to_ms)) continue;  // not over at the hub yet
        // Each kind's version read before the events, as at a read.
        std::vector<std::pair<std::string, std::int64_t>> stale;
        for (const auto& kind : ahead_kinds()) {
            const auto k = store_.kept(office, month, kind, o.inputs);
            if (!k.reply) stale.emplace_back(kind, k.version);
        }
        if (stale.empty()) continue;
        // The month read once and held while its kinds are computed: each kind is one
        // pass over it, as a read's replay is, without reading PostgreSQL again.
        std::vector<metrics::LoggedEvent> events;
        store_.for_each_event_of_month(office, month, [&](const metrics::LoggedEvent& e) { events.push_back(e); });
        const reports::EventSource held = [&events](const auto& visit) {
            for (const auto& e : events) visit(e);
        };
        for (const auto& [kind, version] : stale) {
            store_.keep(office, month, kind, o.inputs, version, compute(o, p, kind, held).dump());
            ++kept_now;
        }
    }
    return kept_now;
}

json Figures::report_of(const Office& o, const reports::Period& p, metrics::GroupBy by) {
    return figures_of(o, p, std::string("report:") + metrics::to_string(by));
}

json Figures::ikm_of(const Office& o, const reports::Period& p, const std::string& service) {
    return figures_of(o, p, "ikm:" + service);
}

json Figures::report(const json& request) {
    const std::string by_text = text_field(request, "by");
    const auto by = metrics::parse_group_by(by_text);
    if (!by) throw Refused("invalid_value", "field 'by' must be officer, service, counter, day, hour or office");
    const std::string from = text_field(request, "from"), to = text_field(request, "to");
    const auto offices = offices_of(request);
    json list = json::array(), rows = json::array();
    for (const auto& o : offices) {
        const auto p = reports::period(*o.calendar, from, to);
        json reply = report_of(o, p, *by);
        if (*by != metrics::GroupBy::office) {
            list.push_back({{"office", o.id}, {"name", o.name}, {"reply", std::move(reply)}});
            continue;
        }
        // One row per office, keyed by its id; an office without events has a row of zeros.
        metrics::Row empty;
        json row = reply["rows"].empty() ? metrics::to_json(empty) : reply["rows"][0];
        row["key"] = o.id;
        rows.push_back(std::move(row));
    }
    if (*by == metrics::GroupBy::office)
        return {{"from", from},
                {"to", to},
                {"by", "office"},
                {"rows", rows},
                {"definitions", metrics::definitions_version}};
    return {{"from", from}, {"to", to}, {"by", by_text}, {"offices", list}};
}

json Figures::ikm(const json& request) {
    const std::string from = text_field(request, "from"), to = text_field(request, "to");
    const std::string service = request.contains("service") ? text_field(request, "service") : "";
    const auto offices = offices_of(request);
    if (!service.empty()) {
        const bool known = std::any_of(offices.begin(), offices.end(), [&](const Office& o) {
            return std::any_of(o.services.begin(), o.services.end(),
                               [&](const Service& s) { return s.code == service; });
        });
        if (!known) throw Refused("unknown_service", "Layanan " + service + " tidak ada");
    }
    json list = json::array();
    for (const auto& o : offices) {
        const auto p = reports::period(*o.calendar, from, to);
        list.push_back({{"office", o.id}, {"name", o.name}, {"reply", ikm_of(o, p, service)}});
    }
    return {{"from", from}, {"to", to}, {"offices", list}};
}

json Figures::officer_sheet(const json& request) {
    const std::string id = text_field(request, "office"), nip = text_field(request, "officer");
    const std::string from = text_field(request, "from"), to = text_field(request, "to");
    const auto offices = offices_of(json{{"offices", {id}}});
    const Office& o = offices.front();
    const auto officer = std::find_if(o.officers.begin(), o.officers.end(),
                                      [&](const reports::Officer& known) { return known.nip == nip; });
    if (officer == o.officers.end()) throw Refused("unknown_officer", "NIP " + nip + " tidak terdaftar");
    const auto p = reports::period(*o.calendar, from, to);
    // A closed month: every officer's sheet of it kept in one reply (docs/hub.md
    // "Months kept"); any other period: this officer's replayed.
    const auto month = months::whole_month(p.from, p.to);
    json reply;
    if (month && now_ >= o.calendar->next_day_start(p.to_ms)) {
        reply = figures_of(o, p, "officer_sheets")[nip];
    } else {
        ++replays_;
        reply = reports::officer_sheet(p, nip, officer->name, *o.calendar, until_of(*o.calendar, p, now_), o.services,
                                       events_of(store_, o.id, p));
    }
    return {
        {"from", from}, {"to", to}, {"offices", json::array({{{"office", o.id}, {"name", o.name}, {"reply", reply}}})}};
}

json Figures::ranking(const json& request) {
    const std::string by = text_field(request, "by");
    if (by != "wait_within" && by != "service_within" && by != "ikm")
        throw Refused("invalid_value", "field 'by' must be wait_within, service_within or ikm");
    const std::string from = text_field(request, "from"), to = text_field(request, "to");
    const auto offices = offices_of(request);
    std::vector<json> entries;
    for (const auto& o : offices) {
        const auto p = reports::period(*o.calendar, from, to);
        const json office_row = report_of(o, p, metrics::GroupBy::office);
        const json k = ikm_of(o, p, "")["ikm"];
        const json row = office_row["rows"].empty() ? json::object() : office_row["rows"][0];
        auto field = [&](const char* name) { return row.contains(name) ? row[name] : json(nullptr); };
        auto count = [&](const char* name) { return row.contains(name) ? row[name].value("count", 0) : 0; };
        entries.push_back({{"office", o.id},
                           {"name", o.name},
                           {"wait_within", field("wait_within")},
                           {"waits", count("wait")},
                           {"service_within", field("service_within")},
                           {"services", count("service")},
                           {"ikm", k["ikm"]},
                           {"grade", k["grade"]},
                           {"responses", k["responses"]}});
    }
    // Highest first; offices with nothing measured last; equal values share a rank
    // (1, 2, 2, 4) and are listed by office id.
    std::stable_sort(entries.begin(), entries.end(), [&](const json& a, const json& b) {
        const bool an = a[by].is_null(), bn = b[by].is_null();
        if (an != bn) return bn;
        if (an) return a["office"].get<std::string>() < b["office"].get<std::string>();
        const double av = a[by].get<double>(), bv = b[by].get<double>();
        if (av != bv) return av > bv;
        return a["office"].get<std::string>() < b["office"].get<std::string>();
    });
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const bool same = i > 0 && entries[i][by] == entries[i - 1][by];
        entries[i]["rank"] = entries[i][by].is_null() ? json(nullptr) : same ? entries[i - 1]["rank"] : json(i + 1);
    }
    return {
        {"from", from}, {"to", to}, {"by", by}, {"offices", entries}, {"definitions", metrics::definitions_version}};
}

}  // namespace antre::hub
