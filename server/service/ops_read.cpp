// The ops that only read: the live state (ping, snapshot, ticket), an officer's own
// day, and the managers' lists of officers, events and administrative changes.
#include <algorithm>
#include <cctype>
#include <map>

#include "antre/errors.hpp"
#include "handler.hpp"
#include "metrics.hpp"
#include "public_view.hpp"
#include "ticket_code.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

std::optional<Outcome> Handler::op_ping(Call& c) { return Outcome::success(c.req.id, {{"now", c.now}}); }

// snapshot and subscribe: the same answer; subscribe also starts the broadcasts.
std::optional<Outcome> Handler::op_snapshot(Call& c) {
    close_day_if_due(c.now);
    json snapshot = views::snapshot(*engine_, c.now, options_.always_open, c.audience, estimates_.get());
    // The board's QR to the office page, where the office wants one (office.board_qr).
    if (office_.board_qr && !public_base_url_.empty()) snapshot["office"]["public_url"] = public_base_url_ + "/";
    return Outcome::success(c.req.id, {{"snapshot", std::move(snapshot)}}, c.req.op == "subscribe");
}

std::optional<Outcome> Handler::op_ticket(Call& c) {
    const Ticket* t = engine_->find_ticket(ticket_ref(c.body()));
    if (!t) throw Refusal(errc::unknown_ticket, "Nomor antrean tidak ditemukan");
    return Outcome::success(c.req.id, {{"ticket", views::ticket(*engine_, *t, c.audience, estimates_.get())}});
}

namespace {

// A number as a citizen types it ("a13", "A 013", "a-013") in the label's own
// form ("A-013"); empty when it is no letter prefix followed by digits.
std::string typed_label(const std::string& typed) {
    std::string prefix;
    std::string digits;
    for (const char ch : typed) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalpha(c) && digits.empty())
            prefix.push_back(static_cast<char>(std::toupper(c)));
        else if (std::isdigit(c))
            digits.push_back(ch);
        else if (ch != ' ' && ch != '-')
            return {};
    }
    const auto first = digits.find_first_not_of('0');
    if (prefix.empty() || prefix.size() > 4 || digits.empty() || first == std::string::npos ||
        digits.size() - first > 6)
        return {};
    return ticket_label(prefix, std::stoi(digits.substr(first)));
}

}  // namespace

// The kiosk's "Cek nomor" (docs/kiosk.md): one of today's tickets, found by its
// link's code (a scanned QR) or by its number, as the citizen's phone page shows it.
std::optional<Outcome> Handler::op_ticket_status(Call& c) {
    const auto code = protocol::opt_string(c.body(), "code");
    const auto label = protocol::opt_string(c.body(), "label");
    if (code.has_value() == label.has_value())
        throw Refusal(errc::bad_request, "give either 'code' (a ticket link's code) or 'label' (\"A-013\")");
    const Ticket* t = nullptr;
    if (code) {
        if (!is_ticket_code(*code)) throw Refusal(errc::invalid_value, "Kode tiket tidak sah");
        t = public_view::find(*engine_, *code);
    } else {
        const std::string wanted = typed_label(*label);
        if (wanted.empty()) throw Refusal(errc::invalid_value, "Nomor antrean ditulis seperti A-013");
        t = engine_->find_ticket(wanted);
    }
    // Another day's ticket answers as an unknown one, as on the phone page.
    if (!t || !public_view::valid_on(*t, engine_->calendar().day_of(c.now)))
        throw Refusal(errc::unknown_ticket, "Nomor antrean tidak ditemukan hari ini");
    return Outcome::success(c.req.id,
                            {{"status", public_view::ticket(*engine_, office_, *t, c.now, estimates_.get())}});
}

std::optional<Outcome> Handler::op_audit(Call& c) { return Outcome::success(c.req.id, audit(c.body())); }

std::optional<Outcome> Handler::op_officers(Call& c) {
    json list = json::array();
    for (const auto& o : store_.officers())
        list.push_back({{"nip", o.nip}, {"name", o.name}, {"role", to_string(o.role)}, {"active", o.active}});
    return Outcome::success(c.req.id, {{"officers", list}});
}

std::optional<Outcome> Handler::op_events(Call& c) {
    const auto after = protocol::opt_int(c.body(), "after").value_or(0);
    const auto limit = std::clamp<std::int64_t>(protocol::opt_int(c.body(), "limit").value_or(100), 1, 1000);
    json list = json::array();
    for (const auto& [seq, e] : store_.events(after, static_cast<int>(limit))) {
        json j = {{"seq", seq},           {"type", e.type},       {"at", e.at},           {"day", e.day},
                  {"service", e.service}, {"counter", e.counter}, {"officer", e.officer}, {"detail", e.detail}};
        j["ticket"] = e.ticket ? json(*e.ticket) : json(nullptr);
        list.push_back(std::move(j));
    }
    return Outcome::success(c.req.id, {{"events", list}});
}

// The officer's own figures for today, shown live on the counter screen. Service
// time and the standard follow docs/metrics definitions: finished tickets only.
std::optional<Outcome> Handler::op_my_day(Call& c) {
    const SessionContext& ctx = c.ctx;
    const Millis now = c.now;
    const std::string day = engine_->calendar().day_of(now);
    const OfficerDay d = store_.officer_day(ctx.nip, day);
    std::vector<Millis> all;
    int within = 0;
    std::map<std::string, std::vector<Millis>> by_service;
    for (const auto& [service, ms] : d.service_times) {
        all.push_back(ms);
        by_service[service].push_back(ms);
        const ServiceState* s = engine_->find_service(service);
        if (s && ms <= static_cast<Millis>(s->def.max_service_minutes) * 60'000) ++within;
    }
    // The same median as the managers' reports (docs/metrics.md), in whole seconds.
    auto median_s = [](const std::vector<Millis>& v) -> json {
        if (v.empty()) return nullptr;
        return median(v) / 1000;
    };
    json services = json::array();
    for (const auto& [service, list] : by_service)
        services.push_back({{"service", service}, {"served", list.size()}, {"median_service_s", median_s(list)}});
    json r = {{"day", day},
              {"officer", ctx.nip},
              {"served", d.served},
              {"no_shows", d.no_shows},
              {"transfers", d.transfers},
              {"median_service_s", median_s(all)},
              {"within_standard",
               all.empty() ? json(nullptr) : json(static_cast<double>(within) / static_cast<double>(all.size()))},
              {"by_service", services}};
    return Outcome::success(c.req.id, std::move(r));
}

}  // namespace antre
