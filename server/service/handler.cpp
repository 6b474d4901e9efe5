// The handler's entry: opening the office, and each request from its op in the op
// table (op_table.cpp) to its answer. The ops live in ops_*.cpp, login.cpp and
// handler_report.cpp; the group commit in batch.cpp.
#include "handler.hpp"

#include <iostream>

#include "antre/errors.hpp"
#include "outcome.hpp"
#include "password.hpp"
#include "sqlite.hpp"

namespace antre {

using protocol::json;

Handler::Handler(const OfficeConfig& office, Store& store, const Clock& clock, HandlerOptions options, Offload offload)
    : office_(office),
      store_(store),
      clock_(clock),
      options_(options),
      offload_(std::move(offload)),
      throttle_(options.login_throttle) {
    for (auto& kept : store_.keyed_answers()) answers_.put(kept.key, std::move(kept.answer));
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
    load_bookings();
    sweep_bookings(now);
    flush();
    // The holding times of the office's history, and the first estimates, before any
    // request: a kiosk's first snapshot and the first ticket's promise use them.
    learn_here(now);
    estimates_ =
        std::make_shared<const estimates::Set>(estimates::compute(*engine_, clock_.now(), forward_options(now)));
}

Handler::~Handler() = default;

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
    std::function<void(Outcome)> done = [this, deliver](Outcome out) { answer(std::move(out), deliver); };
    auto fail = [&](const std::string& code, const std::string& message) {
        done(Outcome::refusal(req.id, code, message));
    };
    try {
        const Op* op = find_op(req.op);
        if (!op) return fail(errc::unknown_op, "unknown op '" + req.op + "'");
        // hello is the one op a session runs before it has a role: it asks for one.
        const bool before_role = op->run == &Handler::op_hello;
        if (!before_role && !ctx.role) return fail(errc::hello_required, "send hello first");
        if (!before_role && !(op->roles & role_bit(*ctx.role)))
            return fail(errc::forbidden,
                        "peran " + std::string(to_string(*ctx.role)) + " tidak boleh menjalankan '" + req.op + "'");
        // A retried request (same "key" from the same officer or role) gets the
        // first answer again instead of being applied twice.
        if (!before_role)
            if (auto k = protocol::opt_string(req.body, "key")) {
                if (k->empty() || k->size() > 64)
                    throw Refusal(errc::bad_request, "field 'key' must be 1 to 64 characters");
                // Scoped by who asks and what: a key reused for another op is a new request.
                std::string key = std::string(to_string(*ctx.role)) + "|" + ctx.nip + "|" +
                                  std::to_string(ctx.counter) + "|" + req.op + "|" + *k;
                if (auto earlier = answers_.find(key)) return done(Outcome::success(req.id, std::move(*earlier)));
                // The same request still in flight: its answer is this one's too, once committed.
                if (auto it = in_flight_.find(key); it != in_flight_.end())
                    return it->second.push_back({req.id, deliver});
                in_flight_.emplace(key, std::vector<Retry>{});
                // Remembered with its commit (flush), on disk and in memory.
                done = [this, key, deliver](Outcome out) { answer(std::move(out), deliver, key); };
            }
        // The op gets a copy of `done`, not the original: when it refuses by throwing
        // after handing its copy on, the catch below still needs `done` to answer.
        Call call{ctx, req, clock_.now(), views::audience_of(ctx.role), done};
        if (auto out = (this->*(op->run))(call)) done(std::move(*out));
    } catch (const FatalError&) {
        throw;
    } catch (const Refusal& r) {
        fail(r.code(), r.what());
    } catch (const sql::Error& e) {
        std::cerr << "antre-server: " << req.op << ": " << e.what() << "\n";
        done(storage_refusal(req.id, e));
    } catch (const std::exception& e) {
        std::cerr << "antre-server: " << req.op << ": " << e.what() << "\n";
        fail(errc::internal_error, "internal error");
    }
}

}  // namespace antre
