#include "handler.hpp"

#include <iostream>
#include <set>

#include "antre/errors.hpp"
#include "antre/ids.hpp"
#include "metrics.hpp"
#include "password.hpp"
#include "sqlite.hpp"
#include "ticket_code.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

namespace {

using RoleMask = unsigned;
constexpr RoleMask bit(Role r) { return 1u << static_cast<unsigned>(r); }
constexpr RoleMask anyone = bit(Role::kiosk) | bit(Role::display) | bit(Role::counter) | bit(Role::manager) |
                            bit(Role::admin);
constexpr RoleMask staff = bit(Role::counter) | bit(Role::manager) | bit(Role::admin);
constexpr RoleMask managers = bit(Role::manager) | bit(Role::admin);
constexpr RoleMask counter_only = bit(Role::counter);
constexpr RoleMask admin_only = bit(Role::admin);

// Which roles may run each op. Ops not listed are unknown.
const std::map<std::string, RoleMask>& permissions() {
    static const std::map<std::string, RoleMask> table = {
        {"ping", anyone},           {"snapshot", anyone},
        {"subscribe", anyone},      {"ticket", anyone},
        {"issue", bit(Role::kiosk) | managers},
        {"call_next", counter_only}, {"call", counter_only},
        {"recall", counter_only},   {"start", counter_only},
        {"finish", counter_only},   {"no_show", counter_only},
        {"transfer", counter_only}, {"pause", counter_only},
        {"resume", counter_only},   {"logout", counter_only},
        {"cancel", staff},          {"set_priority", staff},
        {"close_counter", managers}, {"service_close", managers},
        {"service_open", managers}, {"officers", managers},
        {"events", managers},       {"service_set", admin_only},
        {"counter_set", admin_only}, {"officer_add", admin_only},
        {"my_day", counter_only},
        {"printer_status", bit(Role::kiosk)},    {"report", managers},
        {"officer_set", admin_only},
        {"feedback", bit(Role::kiosk)},          {"survey", bit(Role::kiosk)},
        {"ikm", managers},                       {"officer_sheet", managers},
        {"audit", managers},
    };
    return table;
}

// A hash to verify against when the NIP is unknown, so that a wrong NIP and a
// wrong PIN take the same time and give the same answer.
const std::string& decoy_hash() {
    static const std::string h = password::hash_pin("000000");
    return h;
}

// The answer to a failed database call: the disk or the file refusing (full,
// read-only, locked) is storage_unavailable, a state that passes; anything else is
// storage_error. Either way nothing of the request was applied.
std::string storage_refusal(const json& id, const std::exception& err) {
    const auto* db = dynamic_cast<const sql::Error*>(&err);
    if (db && db->unavailable())
        return protocol::encode_error(id, errc::storage_unavailable,
                                      "Penyimpanan sedang tidak dapat ditulis; permintaan tidak dijalankan, "
                                      "coba lagi nanti");
    return protocol::encode_error(id, errc::storage_error, "Penyimpanan gagal; permintaan tidak dijalankan");
}

// An administrator's change keeps what the service or counter became in its
// event's detail, so the audit shows the new targets, hours or services.
Effect with_detail(Effect fx, const std::string& detail) {
    for (auto& e : fx.events)
        if (e.type.ends_with("_created") || e.type.ends_with("_updated")) e.detail = detail;
    return fx;
}

// A token opens only the kind of session it was issued for (docs/protocol.md §3.3).
password::TokenUse token_use(const SessionContext& ctx, Role role) {
    if (ctx.web) return password::TokenUse::dashboard;
    if (role == Role::counter) return password::TokenUse::counter;
    return role == Role::admin ? password::TokenUse::admin : password::TokenUse::manager;
}

bool role_allows(OfficerRole officer, Role session) {
    switch (session) {
        case Role::counter: return true;
        case Role::manager: return officer == OfficerRole::manager || officer == OfficerRole::admin;
        case Role::admin: return officer == OfficerRole::admin;
        default: return false;
    }
}

}  // namespace

Handler::Handler(const OfficeConfig& office, Store& store, const Clock& clock, HandlerOptions options,
                 Offload offload)
    : office_(office), store_(store), clock_(clock), options_(options), offload_(std::move(offload)),
      throttle_(options.login_throttle) {
    for (auto& kept : store_.keyed_answers()) {
        json fields = json::parse(kept.answer, nullptr, false);
        if (!fields.is_discarded()) answers_.put(kept.key, std::move(fields));
    }
    const Millis now = clock_.now();
    if (store_.is_new()) {
        engine_ = std::make_unique<Engine>(office_, now);
        Effect fx = engine_->everything();
        Event e;
        e.type = "office_created";
        e.at = now;
        e.day = engine_->calendar().day_of(now);
        e.detail = office_.office_name;
        fx.events.push_back(e);
        store_.apply(fx);
    } else {
        engine_ = std::make_unique<Engine>(office_, store_.load());
        // Services and counters new in the file join the office; the database
        // keeps what an administrator changed for the ones it already has.
        for (const auto& s : office_.services)
            if (!engine_->find_service(s.code)) stage(engine_->upsert_service(s, "config", now));
        for (const auto& c : office_.counters)
            if (!engine_->find_counter(c.number)) stage(engine_->upsert_counter(c, "config", now));
    }
    stage(engine_->roll_over(now));
    flush();
}

Handler::~Handler() = default;

std::optional<json> Handler::answer_fields(const std::string& reply) {
    json j = json::parse(reply, nullptr, false);
    if (j.is_discarded() || !j.value("ok", false)) return std::nullopt;  // a refusal applied nothing
    j.erase("id");
    j.erase("ok");
    return j;
}

void Handler::forget_token(const std::string& token) {
    try {
        store_.delete_token(password::token_digest(token, password::TokenUse::dashboard));
    } catch (const std::exception& e) {
        std::cerr << "antre-server: deleting a token: " << e.what() << "\n";
    }
}

Millis Handler::next_day_start() const {
    return engine_->calendar().next_day_start(engine_->calendar().day_start(engine_->state().day));
}

// Stages an effect for the next group commit. The event messages are built now,
// from the state right after this command, so that each shows its own moment even
// when later commands of the same batch change the same ticket; only their
// sequence numbers wait for the commit.
void Handler::stage(const Effect& fx) {
    if (fx.empty()) return;
    batch_.effects.push_back(fx);
    for (const auto& e : fx.events) {
        // One rendering per audience, shared by all its sessions (views::Audience).
        batch_.events.push_back({e.type, views::event(*engine_, fx, e, 0, views::Audience::staff),
                                 views::event(*engine_, fx, e, 0, views::Audience::lobby)});
        if (!e.service.empty()) batch_.touched.insert(e.service);
        if (e.ticket)
            if (const Ticket* t = engine_->find_ticket(*e.ticket)) batch_.touched.insert(t->service);
        // A counter opening, pausing or closing changes the wait estimate of its services.
        if (e.counter && !e.ticket)
            if (const Counter* c = engine_->find_counter(e.counter))
                batch_.touched.insert(c->config.services.begin(), c->config.services.end());
    }
    batch_.touched.insert(fx.services.begin(), fx.services.end());
}

void Handler::answer(const json& id, Outcome out, std::function<void(Outcome)> deliver, std::string key) {
    batch_.answers.push_back({id, std::move(out), std::move(deliver), batch_.events.size(), std::move(key)});
    if (!schedule_) return flush();
    if (flush_scheduled_) return;
    flush_scheduled_ = true;
    schedule_([this] { flush(); });
}

void Handler::set_batching(std::function<void(std::function<void()>)> schedule,
                           std::function<void(const EventLines&)> broadcast) {
    schedule_ = std::move(schedule);
    broadcast_ = std::move(broadcast);
}

// Commits every staged effect in one transaction, then sends: each answer goes out
// after the events staged before it, so a session that subscribes gets exactly the
// events after its snapshot. Nothing is answered or broadcast before the commit.
void Handler::flush() {
    flush_scheduled_ = false;
    Batch batch = std::exchange(batch_, {});
    EventLines lines;
    // Keyed ok answers are kept in the batch's own transaction: an effect that is on
    // disk has its answer there too, so a retry after a restart is not applied again.
    std::vector<std::pair<std::string, json>> keyed;
    std::vector<KeyedAnswer> kept;
    for (const auto& a : batch.answers)
        if (!a.key.empty())
            if (auto fields = answer_fields(a.outcome.reply)) {
                kept.push_back({a.key, fields->dump()});
                keyed.emplace_back(a.key, std::move(*fields));
            }
    try {
        const auto seqs = store_.apply(batch.effects, kept);
        for (std::size_t i = 0; i < batch.events.size(); ++i) {
            auto& e = batch.events[i];
            e.fields["seq"] = e.lobby_fields["seq"] = seqs.at(i);
            lines.staff.push_back(protocol::encode_event(e.type, std::move(e.fields)));
            lines.lobby.push_back(protocol::encode_event(e.type, std::move(e.lobby_fields)));
        }
    } catch (const sql::Error& err) {
        // The engine already changed in memory; the database is the truth, so
        // the engine goes back to what was last committed and nobody hears of it.
        // The next batch tries the disk again: writes resume by themselves once it
        // accepts them (docs/reliability.md).
        try {
            engine_ = std::make_unique<Engine>(office_, store_.load());
        } catch (const std::exception& reload) {
            // Serving on from a state that is not on disk would acknowledge what could be lost.
            throw FatalError(std::string("commit failed (") + err.what() + "), and the reload after it too: " +
                             reload.what());
        }
        std::cerr << "antre-server: commit failed: " << err.what() << "\n";
        for (auto& a : batch.answers) a.deliver(Outcome{storage_refusal(a.id, err), false});
        return;
    }
    for (auto& [key, fields] : keyed) answers_.put(key, std::move(fields));
    json services = json::array();
    const Millis now = clock_.now();
    for (const auto& code : batch.touched)
        if (const auto* s = engine_->find_service(code))
            services.push_back(views::service(*engine_, *s, now, options_.always_open));
    std::size_t sent = 0;
    auto send_until = [&](std::size_t end) {
        auto slice = [&](const std::vector<std::string>& v) {
            return std::vector<std::string>(v.begin() + static_cast<std::ptrdiff_t>(sent),
                                            v.begin() + static_cast<std::ptrdiff_t>(end));
        };
        if (end > sent && broadcast_) broadcast_({slice(lines.staff), slice(lines.lobby)});
        sent = std::max(sent, end);
    };
    for (auto& a : batch.answers) {
        send_until(a.events_before);
        a.deliver(std::move(a.outcome));
    }
    // The batch's queue figures travel with its last events, in one write per session.
    if (!services.empty()) {
        lines.staff.push_back(protocol::encode_event("queue_changed", {{"services", services}}));
        lines.lobby.push_back(lines.staff.back());  // queue figures name nobody
    }
    send_until(lines.staff.size());
}

void Handler::roll_over() {
    stage(engine_->roll_over(clock_.now()));
    flush();
}

Outcome Handler::apply(const protocol::Request& req, const std::function<Effect(Engine&, Millis)>& command,
                       const std::function<Reply(const Effect&)>& reply) {
    const Millis now = clock_.now();
    close_day_if_due(now);
    const Effect fx = command(*engine_, now);
    stage(fx);
    return Outcome{protocol::encode_ok(req.id, reply(fx)), false};
}

void Handler::close_day_if_due(Millis now) { stage(engine_->roll_over(now)); }

TicketId Handler::ticket_ref(const json& body) const {
    auto it = body.find("ticket");
    if (it == body.end() || it->is_null()) throw Refusal(errc::bad_request, "field 'ticket' is required");
    if (it->is_number_integer()) return protocol::get_int(body, "ticket");  // range-checked: no wrap to negative
    if (it->is_string()) {
        if (const Ticket* t = engine_->find_ticket(it->get<std::string>())) return t->id;
        throw Refusal(errc::unknown_ticket, "Nomor antrean " + it->get<std::string>() + " tidak ada hari ini");
    }
    throw Refusal(errc::bad_request, "field 'ticket' must be a ticket id or a label like \"A-001\"");
}

int Handler::own_counter(const SessionContext& ctx, const json& body) const {
    if (auto n = protocol::opt_int(body, "counter"); n && *n != ctx.counter)
        throw Refusal(errc::forbidden, "Sesi ini hanya untuk loket " + std::to_string(ctx.counter));
    // A manager may have closed the counter, and another officer opened it since.
    const Counter* c = engine_->find_counter(ctx.counter);
    if (!c || c->officer != ctx.nip)
        throw Refusal(errc::counter_closed, "Sesi di loket " + std::to_string(ctx.counter) +
                                                " sudah berakhir; masuk lagi dengan NIP dan PIN");
    return ctx.counter;
}

void Handler::handle(SessionContext& ctx, const protocol::Request& req, std::function<void(Outcome)> deliver) {
    // Every answer waits for the group commit of what was staged before it (see flush).
    std::function<void(Outcome)> done = [this, id = req.id, deliver](Outcome out) {
        answer(id, std::move(out), deliver);
    };
    auto fail = [&](const std::string& code, const std::string& message) {
        done(Outcome{protocol::encode_error(req.id, code, message), false});
    };
    try {
        // hello and officer_write get a copy of `done`, not the original: when they
        // refuse by throwing, the catch below still needs `done` to answer.
        if (req.op == "hello") return hello(ctx, req, done);
        auto perm = permissions().find(req.op);
        if (perm == permissions().end()) return fail(errc::unknown_op, "unknown op '" + req.op + "'");
        if (!ctx.role) return fail(errc::hello_required, "send hello first");
        if (!(perm->second & bit(*ctx.role)))
            return fail(errc::forbidden, "peran " + std::string(to_string(*ctx.role)) + " tidak boleh menjalankan '" +
                                             req.op + "'");
        // A retried request (same "key" from the same officer or role) gets the
        // first answer again instead of being applied twice.
        std::string key;
        if (auto k = protocol::opt_string(req.body, "key")) {
            if (k->empty() || k->size() > 64) throw Refusal(errc::bad_request, "field 'key' must be 1 to 64 characters");
            // Scoped by who asks and what: a key reused for another op is a new request.
            key = std::string(to_string(*ctx.role)) + "|" + ctx.nip + "|" + std::to_string(ctx.counter) + "|" +
                  req.op + "|" + *k;
            if (auto earlier = answers_.find(key))
                return done(Outcome{protocol::encode_ok(req.id, std::move(*earlier)), false});
            // Remembered with its commit (flush), on disk and in memory.
            done = [this, key, id = req.id, deliver](Outcome out) { answer(id, std::move(out), deliver, key); };
        }
        if (req.op == "officer_add" || req.op == "officer_set")
            return officer_write(ctx, req, req.op == "officer_add", done);
        if (req.op == "report" || req.op == "ikm" || req.op == "officer_sheet") return read_period(req, done);
        Outcome out = dispatch(ctx, req);
        done(std::move(out));
    } catch (const FatalError&) {
        throw;
    } catch (const Refusal& r) {
        fail(r.code(), r.what());
    } catch (const sql::Error& e) {
        std::cerr << "antre-server: " << req.op << ": " << e.what() << "\n";
        done(Outcome{storage_refusal(req.id, e), false});
    } catch (const std::exception& e) {
        std::cerr << "antre-server: " << req.op << ": " << e.what() << "\n";
        fail(errc::internal_error, "internal error");
    }
}

Outcome Handler::dispatch(SessionContext& ctx, const protocol::Request& req) {
    const json& b = req.body;
    const Millis now = clock_.now();
    const views::Audience audience = views::audience_of(ctx.role);
    auto ticket_reply = [this, audience](const Effect& fx) -> Reply {
        if (!fx.ticket) return json::object();
        return {{"ticket", views::ticket(*engine_, *engine_->find_ticket(*fx.ticket), audience)}};
    };
    auto counter_reply = [this, &ctx, audience](const Effect&) -> Reply {
        return {{"counter", views::counter(*engine_, *engine_->find_counter(ctx.counter), audience)}};
    };
    const std::string& op = req.op;

    if (op == "ping") return {protocol::encode_ok(req.id, {{"now", now}}), false};
    if (op == "snapshot" || op == "subscribe") {
        close_day_if_due(now);
        return {protocol::encode_ok(req.id, {{"snapshot", views::snapshot(*engine_, now, options_.always_open, audience)}}),
                op == "subscribe"};
    }
    if (op == "ticket") {
        const Ticket* t = engine_->find_ticket(ticket_ref(b));
        if (!t) throw Refusal(errc::unknown_ticket, "Nomor antrean tidak ditemukan");
        return {protocol::encode_ok(req.id, {{"ticket", views::ticket(*engine_, *t, audience)}}), false};
    }
    if (op == "issue") {
        const std::string service = protocol::get_string(b, "service");
        const std::string pr = protocol::opt_string(b, "priority").value_or("none");
        auto priority = parse_priority(pr);
        if (!priority) throw Refusal(errc::bad_request, "priority must be none, lansia, disabilitas, ibu_hamil or anak");
        // The public link's secret is drawn here, not in the engine, which stays deterministic.
        std::string code = new_ticket_code();
        return apply(req, [&](Engine& e, Millis t) { return e.issue(service, *priority, t, options_.always_open, code); },
                     [&](const Effect& fx) {
                         Reply r = ticket_reply(fx);
                         r["code"] = code;
                         r["link"] = public_base_url_ + "/t/" + code;
                         return r;
                     });
    }
    if (op == "call_next")
        return apply(req, [&](Engine& e, Millis t) { return e.call_next(own_counter(ctx, b), t); }, ticket_reply);
    if (op == "call") {
        const TicketId id = ticket_ref(b);
        return apply(req, [&](Engine& e, Millis t) { return e.call_ticket(own_counter(ctx, b), id, t); }, ticket_reply);
    }
    if (op == "recall")
        return apply(req, [&](Engine& e, Millis t) { return e.recall(own_counter(ctx, b), t); }, ticket_reply);
    if (op == "start")
        return apply(req, [&](Engine& e, Millis t) { return e.start(own_counter(ctx, b), t); }, ticket_reply);
    if (op == "finish")
        return apply(req, [&](Engine& e, Millis t) { return e.finish(own_counter(ctx, b), t); }, ticket_reply);
    if (op == "no_show")
        return apply(req, [&](Engine& e, Millis t) { return e.no_show(own_counter(ctx, b), t); }, ticket_reply);
    if (op == "transfer") {
        const std::string to = protocol::get_string(b, "service");
        return apply(req, [&](Engine& e, Millis t) { return e.transfer(own_counter(ctx, b), to, t); }, ticket_reply);
    }
    if (op == "pause") {
        const std::string reason = protocol::opt_string(b, "reason").value_or("istirahat");
        return apply(req, [&](Engine& e, Millis t) { return e.pause(own_counter(ctx, b), reason, t); }, counter_reply);
    }
    if (op == "resume")
        return apply(req, [&](Engine& e, Millis t) { return e.resume(own_counter(ctx, b), t); }, counter_reply);
    if (op == "logout" || op == "close_counter") {
        const int n = op == "logout" ? own_counter(ctx, b) : static_cast<int>(protocol::get_int(b, "counter"));
        const Counter* before = engine_->find_counter(n);
        const std::string closed_officer = before ? before->officer : "";
        const std::string by = op == "close_counter" ? ctx.nip : "";
        Outcome out = apply(req, [&](Engine& e, Millis t) { return e.logout(n, t, by); },
                            [&](const Effect&) -> Reply { return {{"counter", views::counter(*engine_, *engine_->find_counter(n), audience)}}; });
        // The officer's tokens end with the counter session (a closed counter cannot be
        // reopened by reconnecting); the close itself is committed either way.
        try {
            store_.delete_tokens(closed_officer);
        } catch (const std::exception& e) {
            std::cerr << "antre-server: deleting tokens: " << e.what() << "\n";
        }
        if (op == "logout") ctx.role.reset();  // the session must hello again to work
        return out;
    }
    if (op == "cancel") {
        const TicketId id = ticket_ref(b);
        const std::string reason = protocol::opt_string(b, "reason").value_or("");
        if (*ctx.role == Role::counter) {
            own_counter(ctx, b);  // the session must still hold its counter
            const Ticket* t = engine_->find_ticket(id);
            if (t && t->counter != 0 && t->counter != ctx.counter)
                throw Refusal(errc::forbidden, "Nomor " + t->label + " dipegang loket lain");
        }
        return apply(req, [&](Engine& e, Millis t) { return e.cancel(id, ctx.nip, reason, t); }, ticket_reply);
    }
    if (op == "set_priority") {
        const TicketId id = ticket_ref(b);
        auto priority = parse_priority(protocol::get_string(b, "priority"));
        if (!priority) throw Refusal(errc::bad_request, "priority must be none, lansia, disabilitas, ibu_hamil or anak");
        if (*ctx.role == Role::counter) own_counter(ctx, b);  // the session must still hold its counter
        return apply(req, [&](Engine& e, Millis t) { return e.set_priority(id, *priority, ctx.nip, t); }, ticket_reply);
    }
    if (op == "service_close" || op == "service_open") {
        const std::string code = protocol::get_string(b, "service");
        return apply(req, [&](Engine& e, Millis t) { return e.set_service_closed(code, op == "service_close", ctx.nip, t); },
                     [&](const Effect&) -> Reply {
                         return {{"service", views::service(*engine_, *engine_->find_service(code), now, options_.always_open)}};
                     });
    }
    if (op == "service_set") {
        if (!b.contains("service") || !b["service"].is_object())
            throw Refusal(errc::bad_request, "field 'service' must be an object like a service in the office config");
        Service s;
        try {
            s = service_from_json(b["service"].dump(), "service");
        } catch (const ConfigError& err) {
            throw Refusal(errc::invalid_value, err.what());
        }
        return apply(req, [&](Engine& e, Millis t) { return with_detail(e.upsert_service(s, ctx.nip, t), service_to_json(s)); },
                     [&](const Effect&) -> Reply {
                         return {{"service", views::service(*engine_, *engine_->find_service(s.code), now, options_.always_open)}};
                     });
    }
    if (op == "counter_set") {
        if (!b.contains("counter") || !b["counter"].is_object())
            throw Refusal(errc::bad_request, "field 'counter' must be an object like a counter in the office config");
        CounterConfig c;
        try {
            c = counter_from_json(b["counter"].dump(), "counter");
        } catch (const ConfigError& err) {
            throw Refusal(errc::invalid_value, err.what());
        }
        return apply(req, [&](Engine& e, Millis t) { return with_detail(e.upsert_counter(c, ctx.nip, t), counter_to_json(c)); },
                     [&](const Effect&) -> Reply {
                         return {{"counter", views::counter(*engine_, *engine_->find_counter(c.number), audience)}};
                     });
    }
    if (op == "printer_status") {
        // Printer trouble at a kiosk reaches the server's log, the audit trail and
        // every subscriber (managers see it), while the kiosk shows the number anyway.
        const std::string state = protocol::get_string(b, "state");
        static const std::set<std::string> states = {"ok", "missing", "offline", "no_paper", "failed"};
        if (!states.count(state))
            throw Refusal(errc::bad_request, "state must be ok, missing, offline, no_paper or failed");
        const std::string detail = protocol::opt_string(b, "detail").value_or("");
        const std::string printer = protocol::opt_string(b, "printer").value_or("");
        std::cerr << "antre-server: kiosk " << ctx.peer << ": printer " << printer << ": " << state
                  << (detail.empty() ? "" : ": " + detail) << "\n";
        close_day_if_due(now);
        Effect fx;
        Event e;
        e.type = "printer_status";
        e.at = now;
        e.day = engine_->calendar().day_of(now);
        e.detail = state + (printer.empty() ? "" : " " + printer) + (detail.empty() ? "" : ": " + detail);
        fx.events.push_back(std::move(e));
        stage(fx);
        return {protocol::encode_ok(req.id), false};
    }
    if (op == "feedback") {
        // The kiosk program in feedback mode, bound to one counter, rates the ticket
        // that counter just finished.
        const TicketId id = ticket_ref(b);
        const auto rating = protocol::get_int(b, "rating");
        if (rating < 1 || rating > 4) throw Refusal(errc::invalid_value, "field 'rating' must be 1 to 4");
        const int counter = static_cast<int>(protocol::opt_int(b, "counter").value_or(0));
        return apply(req, [&](Engine& e, Millis t) { return e.rate(id, static_cast<int>(rating), counter, t); },
                     ticket_reply);
    }
    if (op == "survey") {
        auto it = b.find("answers");
        if (it == b.end() || !it->is_array()) throw Refusal(errc::bad_request, "field 'answers' must be an array of 9 numbers 1-4");
        std::vector<int> answers;
        for (const auto& a : *it) {
            if (!a.is_number_integer()) throw Refusal(errc::bad_request, "field 'answers' must be an array of 9 numbers 1-4");
            answers.push_back(static_cast<int>(std::clamp<std::int64_t>(a.get<std::int64_t>(), -1, 99)));
        }
        const std::string service = protocol::opt_string(b, "service").value_or("");
        return apply(req, [&](Engine& e, Millis t) { return e.survey(answers, service, t); },
                     [](const Effect&) -> Reply { return json::object(); });
    }
    if (op == "my_day") return {protocol::encode_ok(req.id, my_day(ctx, now)), false};
    if (op == "audit") return {protocol::encode_ok(req.id, audit(b)), false};
    if (op == "officers") {
        json list = json::array();
        for (const auto& o : store_.officers())
            list.push_back({{"nip", o.nip}, {"name", o.name}, {"role", to_string(o.role)}, {"active", o.active}});
        return {protocol::encode_ok(req.id, {{"officers", list}}), false};
    }
    if (op == "events") {
        const auto after = protocol::opt_int(b, "after").value_or(0);
        const auto limit = std::clamp<std::int64_t>(protocol::opt_int(b, "limit").value_or(100), 1, 1000);
        json list = json::array();
        for (const auto& [seq, e] : store_.events(after, static_cast<int>(limit))) {
            json j = {{"seq", seq}, {"type", e.type}, {"at", e.at}, {"day", e.day}, {"service", e.service},
                      {"counter", e.counter}, {"officer", e.officer}, {"detail", e.detail}};
            j["ticket"] = e.ticket ? json(*e.ticket) : json(nullptr);
            list.push_back(std::move(j));
        }
        return {protocol::encode_ok(req.id, {{"events", list}}), false};
    }
    throw Refusal(errc::unknown_op, "unknown op '" + op + "'");
}

// The officer's own figures for today, shown live on the counter screen. Service
// time and the standard follow docs/metrics definitions: finished tickets only.
json Handler::my_day(const SessionContext& ctx, Millis now) {
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
    return {{"day", day},
            {"officer", ctx.nip},
            {"served", d.served},
            {"no_shows", d.no_shows},
            {"transfers", d.transfers},
            {"median_service_s", median_s(all)},
            {"within_standard", all.empty() ? json(nullptr) : json(static_cast<double>(within) / static_cast<double>(all.size()))},
            {"by_service", services}};
}

void Handler::hello(SessionContext& ctx, const protocol::Request& req, std::function<void(Outcome)> done) {
    if (ctx.role) throw Refusal(errc::already_hello, "this session already said hello as " +
                                                         std::string(to_string(*ctx.role)));
    const json& b = req.body;
    const auto role = parse_role(protocol::get_string(b, "role"));
    if (!role) throw Refusal(errc::bad_request, "role must be kiosk, display, counter, manager or admin");
    if (*role == Role::kiosk || *role == Role::display) {
        ctx.role = role;
        json r = {{"role", to_string(*role)}, {"office", office_.office_name}, {"protocol", 1},
                  {"now", clock_.now()}};
        return done(Outcome{protocol::encode_ok(req.id, r), false});
    }
    int counter = 0;
    if (*role == Role::counter) {
        counter = static_cast<int>(protocol::get_int(b, "counter"));
        if (!engine_->find_counter(counter))
            throw Refusal(errc::unknown_counter, "Loket " + std::to_string(counter) + " tidak dikenal");
    }
    if (auto token = protocol::opt_string(b, "token")) {
        auto rec = store_.find_token(password::token_digest(*token, token_use(ctx, *role)));
        auto officer = rec ? store_.find_officer(rec->nip) : std::nullopt;
        if (!rec || rec->expires_at < clock_.now() || rec->counter != counter || !officer || !officer->active ||
            !role_allows(officer->role, *role))
            return done(Outcome{protocol::encode_error(req.id, errc::bad_credentials,
                                                       "Token tidak berlaku; masuk lagi dengan NIP dan PIN"),
                                false});
        return finish_hello(ctx, req, *officer, *role, counter, false, std::move(done));
    }
    const std::string nip = protocol::get_string(b, "nip");
    const std::string pin = protocol::get_string(b, "pin");
    // Refused before it is looked up, throttled or logged, so that no log line
    // carries more than 18 bytes of it.
    if (!valid_nip(nip)) throw Refusal(errc::invalid_value, nip_rule);
    // "remember": false checks the PIN without leaving a token behind (the kiosk's
    // operator exit): nothing is kept that could log in later.
    const bool remember = protocol::opt_bool(b, "remember").value_or(true);
    // A NIP or an address with too many failures waits; it is refused at once
    // (never held on the I/O thread) and told how long, and its PIN is not checked.
    // The check is reserved before the PIN goes to the worker thread, so guesses sent
    // together count against the NIP and the address while they are being checked.
    const Millis now = clock_.now();
    if (const Millis wait = throttle_.start(nip, ctx.address, now); wait > 0) {
        if (auto held = login_log_.admit(ctx.address, now))
            std::cerr << "antre-server: log-in refused for NIP " << json(nip).dump() << " from " << ctx.address
                      << ": too many failed attempts, retry in " << wait << " ms" << held_back_note(*held) << "\n";
        return done(Outcome{protocol::encode_error(req.id, errc::too_many_attempts,
                                                   "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam " +
                                                       std::to_string((wait + 999) / 1000) + " detik",
                                                   {{"retry_after_ms", wait}}),
                            false});
    }
    auto officer = store_.find_officer(nip);  // the reservation ends in failed() or succeeded() below
    auto verified = std::make_shared<bool>(false);
    const std::string hash = officer && officer->active ? officer->pin_hash : "";
    // argon2id is slow on purpose; it runs off the I/O thread so others keep being served.
    offload_([verified, pin, hash] { *verified = password::verify_pin(pin, hash.empty() ? decoy_hash() : hash); },
             [this, &ctx, req, nip, officer, verified, role = *role, counter, remember, done = std::move(done)]() mutable {
                 // The record as it is now: an administrator may have deactivated the
                 // officer or changed the role while the PIN was being checked.
                 std::optional<OfficerRecord> current;
                 try {
                     if (*verified && officer) current = store_.find_officer(nip);
                 } catch (const std::exception& e) {
                     std::cerr << "antre-server: hello: " << e.what() << "\n";
                     throttle_.succeeded(nip, ctx.address);  // the PIN was right; only the read failed
                     return done(Outcome{storage_refusal(req.id, e), false});
                 }
                 officer = current;
                 if (!*verified || !officer || !officer->active) {
                     const Millis wait = throttle_.failed(nip, ctx.address, clock_.now());
                     if (auto held = login_log_.admit(ctx.address, clock_.now()))
                         std::cerr << "antre-server: log-in failed for NIP " << json(nip).dump() << " from "
                                   << ctx.address << " (" << throttle_.failures(nip) << " failed in a row"
                                   << (wait > 0 ? ", next attempt in " + std::to_string(wait) + " ms" : std::string())
                                   << ")" << held_back_note(*held) << "\n";
                     return done(Outcome{protocol::encode_error(req.id, errc::bad_credentials, "NIP atau PIN salah"),
                                         false});
                 }
                 throttle_.succeeded(nip, ctx.address);
                 if (!role_allows(officer->role, role))
                     return done(Outcome{protocol::encode_error(req.id, errc::forbidden,
                                                                "Petugas ini tidak berperan " + std::string(to_string(role))),
                                         false});
                 try {
                     finish_hello(ctx, req, *officer, role, counter, remember, done);
                 } catch (const FatalError&) {
                     throw;
                 } catch (const Refusal& r) {
                     done(Outcome{protocol::encode_error(req.id, r.code(), r.what()), false});
                 } catch (const std::exception& e) {
                     std::cerr << "antre-server: hello: " << e.what() << "\n";
                     done(Outcome{storage_refusal(req.id, e), false});
                 }
             });
}

void Handler::finish_hello(SessionContext& ctx, const protocol::Request& req, const OfficerRecord& officer,
                           Role role, int counter, bool issue_token, std::function<void(Outcome)> done) {
    Outcome out;
    if (role == Role::counter) {
        out = apply(req, [&](Engine& e, Millis t) { return e.login(counter, officer.nip, t); },
                    [](const Effect&) -> Reply { return json::object(); });
    }
    ctx.role = role;
    ctx.nip = officer.nip;
    ctx.counter = counter;
    json r = {{"role", to_string(role)},
              {"office", office_.office_name},
              {"protocol", 1},
              {"now", clock_.now()},
              {"officer", {{"nip", officer.nip}, {"name", officer.name}, {"role", to_string(officer.role)}}}};
    if (role == Role::counter) r["counter"] = views::counter(*engine_, *engine_->find_counter(counter), views::Audience::staff);
    if (issue_token) {
        const std::string token = password::new_token();
        // A token ends with the office day at the latest: the day's close logs idle
        // counters out, and a reconnect must not quietly reopen them.
        const Millis expires = std::min(clock_.now() + options_.token_lifetime, next_day_start());
        store_.save_token(password::token_digest(token, token_use(ctx, role)), {officer.nip, counter, expires});
        r["token"] = token;
    }
    if (ctx.end) {
        // A connection that logged out and in again holds only its latest log-in.
        std::erase_if(open_sessions_, [&](const OpenSession& s) { return s.end.expired() || s.end.lock() == ctx.end; });
        open_sessions_.push_back({officer.nip, role, ctx.end});
    }
    out.reply = protocol::encode_ok(req.id, r);
    done(std::move(out));
}

void Handler::officer_write(SessionContext& ctx, const protocol::Request& req, bool create,
                            std::function<void(Outcome)> done) {
    const json& b = req.body;
    const std::string nip = protocol::get_string(b, "nip");
    if (!valid_nip(nip)) throw Refusal(errc::invalid_value, nip_rule);
    auto existing = store_.find_officer(nip);
    if (create && existing) throw Refusal(errc::already_exists, "Petugas dengan NIP " + nip + " sudah ada");
    if (!create && !existing) throw Refusal(errc::unknown_officer, "Petugas dengan NIP " + nip + " tidak ada");
    OfficerRecord o = existing.value_or(OfficerRecord{nip, "", OfficerRole::officer, "", true});
    if (auto name = protocol::opt_string(b, "name")) o.name = *name;
    if (create && o.name.empty()) throw Refusal(errc::bad_request, "field 'name' is required");
    if (auto role = protocol::opt_string(b, "role")) {
        auto r = parse_officer_role(*role);
        if (!r) throw Refusal(errc::invalid_value, "role must be officer, manager or admin");
        o.role = *r;
    }
    if (auto active = protocol::opt_bool(b, "active")) o.active = *active;
    auto pin = protocol::opt_string(b, "pin");
    if (create && !pin) throw Refusal(errc::bad_request, "field 'pin' is required");
    if (pin && !password::acceptable_pin(*pin)) throw Refusal(errc::invalid_value, "PIN harus 4 sampai 12 angka");
    auto write = [this, &ctx, req, create, done](OfficerRecord rec) {
        try {
            const Millis now = clock_.now();
            store_.save_officer(rec, create ? "officer_created" : "officer_updated", ctx.nip, now,
                                engine_->calendar().day_of(now));
            if (!rec.active) store_.delete_tokens(rec.nip);
            // A token for a role the officer lost is refused when used (hello checks
            // the role); the sessions open now end at once.
            end_sessions_beyond(rec);
            done(Outcome{protocol::encode_ok(req.id, {{"officer", {{"nip", rec.nip}, {"name", rec.name},
                                                                   {"role", to_string(rec.role)},
                                                                   {"active", rec.active}}}}),
                         false});
        } catch (const std::exception& e) {
            std::cerr << "antre-server: officer write: " << e.what() << "\n";
            done(Outcome{storage_refusal(req.id, e), false});
        }
    };
    if (!pin) return write(o);
    auto hashed = std::make_shared<std::string>();
    offload_(
        [hashed, p = *pin] {
            try {
                *hashed = password::hash_pin(p);
            } catch (const std::exception& e) {
                std::cerr << "antre-server: hashing a PIN: " << e.what() << "\n";  // *hashed stays empty
            }
        },
        [o, hashed, write, req, done]() mutable {
            if (hashed->empty())
                return done(Outcome{protocol::encode_error(req.id, errc::internal_error, "PIN tidak dapat disimpan"),
                                    false});
            o.pin_hash = *hashed;
            write(o);
        });
}

void Handler::end_sessions_beyond(const OfficerRecord& officer) {
    std::vector<std::shared_ptr<const std::function<void()>>> ending;
    std::erase_if(open_sessions_, [&](const OpenSession& s) {
        if (s.nip != officer.nip) return s.end.expired();
        if (officer.active && role_allows(officer.role, s.role)) return false;
        if (auto end = s.end.lock()) ending.push_back(std::move(end));
        return true;
    });
    for (const auto& end : ending) (*end)();  // after the list is settled: a close may come back here
}

}  // namespace antre
