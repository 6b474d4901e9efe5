// Log-in: hello (PIN or token), the tokens it issues, and the administrators'
// officer writes (officer_add, officer_set), with the open sessions an officer's
// new record no longer allows. PINs are checked and hashed away from the I/O thread.
#include <iostream>

#include "antre/errors.hpp"
#include "antre/ids.hpp"
#include "handler.hpp"
#include "outcome.hpp"
#include "password.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

namespace {

// A hash to verify against when the NIP is unknown, so that a wrong NIP and a
// wrong PIN take the same time and give the same answer.
const std::string& decoy_hash() {
    static const std::string h = password::hash_pin("000000");
    return h;
}

// A token opens only the kind of session it was issued for (docs/protocol.md §3.3).
password::TokenUse token_use(const SessionContext& ctx, Role role) {
    if (ctx.web) return password::TokenUse::dashboard;
    if (role == Role::counter) return password::TokenUse::counter;
    return role == Role::admin ? password::TokenUse::admin : password::TokenUse::manager;
}

bool role_allows(OfficerRole officer, Role session) {
    switch (session) {
        case Role::counter:
            return true;
        case Role::manager:
            return officer == OfficerRole::manager || officer == OfficerRole::admin;
        case Role::admin:
            return officer == OfficerRole::admin;
        default:
            return false;
    }
}

}  // namespace

std::optional<Outcome> Handler::op_hello(Call& c) {
    SessionContext& ctx = c.ctx;
    const protocol::Request& req = c.req;
    if (ctx.role)
        throw Refusal(errc::already_hello, "this session already said hello as " + std::string(to_string(*ctx.role)));
    const json& b = req.body;
    const auto role = parse_role(protocol::get_string(b, "role"));
    if (!role) throw Refusal(errc::bad_request, "role must be kiosk, display, counter, manager or admin");
    if (*role == Role::kiosk || *role == Role::display) {
        json r = {{"role", to_string(*role)}, {"office", office_.office_name}, {"protocol", 1}, {"now", clock_.now()}};
        Outcome out = Outcome::success(req.id, std::move(r));
        out.committed = [&ctx, role] { ctx.role = role; };
        return out;
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
            return Outcome::refusal(req.id, errc::bad_credentials,
                                    "Token tidak berlaku; masuk lagi dengan NIP dan PIN");
        finish_hello(ctx, req, *officer, *role, counter, false, c.done);
        return std::nullopt;
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
        return Outcome::refusal(req.id, errc::too_many_attempts,
                                "Terlalu banyak percobaan masuk yang gagal; coba lagi dalam " +
                                    std::to_string((wait + 999) / 1000) + " detik",
                                {{"retry_after_ms", wait}});
    }
    auto officer = store_.find_officer(nip);  // the reservation ends in failed() or succeeded() below
    auto verified = std::make_shared<bool>(false);
    const std::string hash = officer && officer->active ? officer->pin_hash : "";
    // argon2id is slow on purpose; it runs off the I/O thread so others keep being served.
    offload_([verified, pin, hash] { *verified = password::verify_pin(pin, hash.empty() ? decoy_hash() : hash); },
             [this, &ctx, req, nip, officer, verified, role = *role, counter, remember, done = c.done]() mutable {
                 // The record as it is now: an administrator may have deactivated the
                 // officer or changed the role while the PIN was being checked.
                 std::optional<OfficerRecord> current;
                 try {
                     if (*verified && officer) current = officer_record(nip);
                 } catch (const std::exception& e) {
                     std::cerr << "antre-server: hello: " << e.what() << "\n";
                     throttle_.succeeded(nip, ctx.address);  // the PIN was right; only the read failed
                     return done(storage_refusal(req.id, e));
                 }
                 officer = current;
                 if (!*verified || !officer || !officer->active) {
                     const Millis wait = throttle_.failed(nip, ctx.address, clock_.now());
                     if (auto held = login_log_.admit(ctx.address, clock_.now()))
                         std::cerr << "antre-server: log-in failed for NIP " << json(nip).dump() << " from "
                                   << ctx.address << " (" << throttle_.failures(nip) << " failed in a row"
                                   << (wait > 0 ? ", next attempt in " + std::to_string(wait) + " ms" : std::string())
                                   << ")" << held_back_note(*held) << "\n";
                     return done(Outcome::refusal(req.id, errc::bad_credentials, "NIP atau PIN salah"));
                 }
                 throttle_.succeeded(nip, ctx.address);
                 if (!role_allows(officer->role, role))
                     return done(Outcome::refusal(req.id, errc::forbidden,
                                                  "Petugas ini tidak berperan " + std::string(to_string(role))));
                 try {
                     finish_hello(ctx, req, *officer, role, counter, remember, done);
                 } catch (const FatalError&) {
                     throw;
                 } catch (const Refusal& r) {
                     done(Outcome::refusal(req.id, r.code(), r.what()));
                 } catch (const std::exception& e) {
                     std::cerr << "antre-server: hello: " << e.what() << "\n";
                     done(storage_refusal(req.id, e));
                 }
             });
    return std::nullopt;
}

void Handler::finish_hello(SessionContext& ctx, const protocol::Request& req, const OfficerRecord& officer, Role role,
                           int counter, bool issue_token, std::function<void(Outcome)> done) {
    Outcome out;
    if (role == Role::counter) {
        out = apply(
            req, [&](Engine& e, Millis t) { return e.login(counter, officer.nip, t); },
            [](const Effect&) -> Reply { return json::object(); });
    }
    json r = {{"role", to_string(role)},
              {"office", office_.office_name},
              {"protocol", 1},
              {"now", clock_.now()},
              {"officer", {{"nip", officer.nip}, {"name", officer.name}, {"role", to_string(officer.role)}}}};
    if (role == Role::counter)
        r["counter"] = views::counter(*engine_, *engine_->find_counter(counter), views::Audience::staff);
    if (issue_token) {
        const std::string token = password::new_token();
        // A token ends with the office day at the latest: the day's close logs idle
        // counters out, and a reconnect must not quietly reopen them. The day is the
        // clock's, which a manager's log-in just after midnight reaches before the
        // engine's close has run (a token ending at the engine's midnight would be
        // dead on arrival).
        const Millis now = clock_.now();
        const Millis expires = std::min(now + options_.token_lifetime, engine_->calendar().next_day_start(now));
        AccountWrite saved{.kind = AccountWrite::Kind::save_token};
        saved.token_hash = password::token_digest(token, token_use(ctx, role));
        saved.token = {officer.nip, counter, expires};
        batch_.accounts.push_back(std::move(saved));  // committed with the log-in, or not at all
        r["token"] = token;
    }
    out = Outcome::success(req.id, std::move(r));
    // The session is logged in once the log-in is on disk; a refused commit leaves it
    // as it was, so the same connection may say hello again.
    out.committed = [this, &ctx, role, nip = officer.nip, counter] {
        ctx.role = role;
        ctx.nip = nip;
        ctx.counter = counter;
        if (ctx.end) {
            // A connection that logged out and in again holds only its latest log-in.
            std::erase_if(open_sessions_,
                          [&](const OpenSession& s) { return s.end.expired() || s.end.lock() == ctx.end; });
            open_sessions_.push_back({nip, role, ctx.end});
        }
    };
    done(std::move(out));
}

// officer_add (create) and officer_set.
std::optional<Outcome> Handler::op_officer_write(Call& c) {
    SessionContext& ctx = c.ctx;
    const protocol::Request& req = c.req;
    const bool create = req.op == "officer_add";
    auto done = c.done;
    const json& b = req.body;
    const std::string nip = protocol::get_string(b, "nip");
    if (!valid_nip(nip)) throw Refusal(errc::invalid_value, nip_rule);
    auto existing = officer_record(nip);
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
    // Staged in the batch, so the officer, its tokens and the keyed answer are committed together.
    auto write = [this, &ctx, req, create, done](OfficerRecord rec) {
        // Another officer_add of the same NIP may have been staged while this PIN was hashed.
        if (create && officer_record(rec.nip))
            return done(Outcome::refusal(req.id, errc::already_exists, "Petugas dengan NIP " + rec.nip + " sudah ada"));
        const Millis now = clock_.now();
        AccountWrite saved{.kind = AccountWrite::Kind::save_officer};
        saved.officer = rec;
        saved.event_type = create ? "officer_created" : "officer_updated";
        saved.actor = ctx.nip;
        saved.at = now;
        saved.day = engine_->calendar().day_of(now);
        batch_.accounts.push_back(std::move(saved));
        if (!rec.active) batch_.accounts.push_back({.kind = AccountWrite::Kind::delete_tokens, .nip = rec.nip});
        Outcome out = Outcome::success(
            req.id, {{"officer",
                      {{"nip", rec.nip}, {"name", rec.name}, {"role", to_string(rec.role)}, {"active", rec.active}}}});
        // A token for a role the officer lost is refused when used (hello checks the
        // role); the sessions open now end once the change is committed.
        out.committed = [this, rec] { end_sessions_beyond(rec); };
        done(std::move(out));
    };
    if (!pin) {
        write(o);
        return std::nullopt;
    }
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
                return done(Outcome::refusal(req.id, errc::internal_error, "PIN tidak dapat disimpan"));
            o.pin_hash = *hashed;
            write(o);
        });
    return std::nullopt;
}

std::optional<OfficerRecord> Handler::officer_record(const std::string& nip) {
    for (auto it = batch_.accounts.rbegin(); it != batch_.accounts.rend(); ++it)
        if (it->kind == AccountWrite::Kind::save_officer && it->officer.nip == nip) return it->officer;
    return store_.find_officer(nip);
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
