// The ops that move tickets: issuing at the kiosk, the counter's work, and the
// kiosk's reports (printer, rating, survey). Each is one engine command; its
// effect is committed in the batch before the answer goes out.
#include <algorithm>
#include <iostream>
#include <set>

#include "antre/errors.hpp"
#include "handler.hpp"
#include "skm.hpp"
#include "ticket_code.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

namespace {

const char* const priority_rule = "priority must be none, lansia, disabilitas, ibu_hamil or anak";

}  // namespace

Outcome Handler::apply_to_ticket(const Call& c, const std::function<Effect(Engine&, Millis)>& command) {
    const Effect fx = run(command);
    if (!fx.ticket) return Outcome::success(c.req.id);
    // Written as text, as the events are: these are the replies a busy office sends most.
    return Outcome::written(c.req.id, json_text([&](JsonText& o) {
                                o.object("ticket", [&](JsonText& t) {
                                    views::ticket_fields(t, *engine_, *engine_->find_ticket(*fx.ticket), c.audience);
                                });
                            }));
}

std::optional<Outcome> Handler::op_issue(Call& c) {
    const std::string service = protocol::get_string(c.body(), "service");
    auto priority = parse_priority(protocol::opt_string(c.body(), "priority").value_or("none"));
    if (!priority) throw Refusal(errc::bad_request, priority_rule);
    // The public link's secret is drawn here, not in the engine, which stays deterministic.
    const std::string code = new_ticket_code();
    const Millis now = clock_.now();
    close_day_if_due(now);
    // The ticket's call is estimated first (one forward run that stops at it, with the
    // ticket joined at the end of its line), to check the closing quota before the
    // office's queue changes.
    const estimates::Door door =
        estimates::door(*engine_, service, *priority, now, options_.always_open, forward_options(now));
    if (auto why = estimates::closing_quota_refusal(office_, *engine_->find_service(service), door); !why.empty())
        throw Refusal(errc::quota_reached, why);
    // The ticket issued is the one estimated: the next id, at the end of its line.
    Effect fx = engine_->issue(service, *priority, now, options_.always_open, code);
    const CallEstimate& e = door.call;
    const int wait_s = static_cast<int>(estimates::wait_s(e, now));
    // Not reached today: the ticket is promised nothing (the kiosk prints no time).
    // Nobody serving the service yet: it keeps the queue-length figure, and no interval.
    if (door.known())
        fx.merge(e.reached ? engine_->promise(*fx.ticket, wait_s, e.p10, e.p90)
                           : engine_->promise(*fx.ticket, std::nullopt, std::nullopt, std::nullopt));
    stage(fx);
    return Outcome::written(c.req.id, json_text([&](JsonText& o) {
                                o.field("code", code);
                                estimates::write_door(o, "estimate", door, now);
                                o.field("link", public_base_url_ + "/t/" + code);
                                o.object("ticket", [&](JsonText& t) {
                                    views::ticket_fields(t, *engine_, *engine_->find_ticket(*fx.ticket), c.audience);
                                });
                            }));
}

std::optional<Outcome> Handler::op_call_next(Call& c) {
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.call_next(own_counter(c.ctx, c.body()), t); });
}

std::optional<Outcome> Handler::op_call(Call& c) {
    const TicketId id = ticket_ref(c.body());
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.call_ticket(own_counter(c.ctx, c.body()), id, t); });
}

std::optional<Outcome> Handler::op_recall(Call& c) {
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.recall(own_counter(c.ctx, c.body()), t); });
}

std::optional<Outcome> Handler::op_start(Call& c) {
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.start(own_counter(c.ctx, c.body()), t); });
}

std::optional<Outcome> Handler::op_finish(Call& c) {
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.finish(own_counter(c.ctx, c.body()), t); });
}

std::optional<Outcome> Handler::op_no_show(Call& c) {
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.no_show(own_counter(c.ctx, c.body()), t); });
}

std::optional<Outcome> Handler::op_transfer(Call& c) {
    const std::string to = protocol::get_string(c.body(), "service");
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.transfer(own_counter(c.ctx, c.body()), to, t); });
}

std::optional<Outcome> Handler::op_pause(Call& c) {
    const std::string reason = protocol::opt_string(c.body(), "reason").value_or("istirahat");
    return apply(
        c.req, [&](Engine& e, Millis t) { return e.pause(own_counter(c.ctx, c.body()), reason, t); },
        [&](const Effect&) -> Reply {
            return {{"counter", views::counter(*engine_, *engine_->find_counter(c.ctx.counter), c.audience)}};
        });
}

std::optional<Outcome> Handler::op_resume(Call& c) {
    return apply(
        c.req, [&](Engine& e, Millis t) { return e.resume(own_counter(c.ctx, c.body()), t); },
        [&](const Effect&) -> Reply {
            return {{"counter", views::counter(*engine_, *engine_->find_counter(c.ctx.counter), c.audience)}};
        });
}

// logout (the officer at the counter) and close_counter (a manager, any counter).
std::optional<Outcome> Handler::op_logout(Call& c) {
    const bool by_manager = c.req.op == "close_counter";
    const int n = by_manager ? static_cast<int>(protocol::get_int(c.body(), "counter")) : own_counter(c.ctx, c.body());
    const Counter* before = engine_->find_counter(n);
    const std::string closed_officer = before ? before->officer : "";
    const std::string by = by_manager ? c.ctx.nip : "";
    Outcome out = apply(
        c.req, [&](Engine& e, Millis t) { return e.logout(n, t, by); },
        [&](const Effect&) -> Reply {
            return {{"counter", views::counter(*engine_, *engine_->find_counter(n), c.audience)}};
        });
    // The officer's tokens end with the counter session, in the same commit (a closed
    // counter cannot be reopened by reconnecting).
    if (!closed_officer.empty())
        batch_.accounts.push_back({.kind = AccountWrite::Kind::delete_tokens, .nip = closed_officer});
    if (!by_manager) out.committed = [&ctx = c.ctx] { ctx.role.reset(); };  // the session must hello again to work
    return out;
}

std::optional<Outcome> Handler::op_cancel(Call& c) {
    const TicketId id = ticket_ref(c.body());
    const std::string reason = protocol::opt_string(c.body(), "reason").value_or("");
    if (*c.ctx.role == Role::counter) {
        own_counter(c.ctx, c.body());  // the session must still hold its counter
        const Ticket* t = engine_->find_ticket(id);
        if (t && t->counter != 0 && t->counter != c.ctx.counter)
            throw Refusal(errc::forbidden, "Nomor " + t->label + " dipegang loket lain");
    }
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.cancel(id, c.ctx.nip, reason, t); });
}

std::optional<Outcome> Handler::op_set_priority(Call& c) {
    const TicketId id = ticket_ref(c.body());
    auto priority = parse_priority(protocol::get_string(c.body(), "priority"));
    if (!priority) throw Refusal(errc::bad_request, priority_rule);
    if (*c.ctx.role == Role::counter) own_counter(c.ctx, c.body());  // the session must still hold its counter
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.set_priority(id, *priority, c.ctx.nip, t); });
}

// Printer trouble at a kiosk reaches the server's log, the audit trail and every
// subscriber (managers see it), while the kiosk shows the number anyway.
std::optional<Outcome> Handler::op_printer_status(Call& c) {
    const json& b = c.body();
    const std::string state = protocol::get_string(b, "state");
    static const std::set<std::string> states = {"ok", "missing", "offline", "no_paper", "failed"};
    if (!states.count(state))
        throw Refusal(errc::bad_request, "state must be ok, missing, offline, no_paper or failed");
    const std::string detail = protocol::opt_string(b, "detail").value_or("");
    const std::string printer = protocol::opt_string(b, "printer").value_or("");
    std::cerr << "antre-server: kiosk " << c.ctx.peer << ": printer " << printer << ": " << state
              << (detail.empty() ? "" : ": " + detail) << "\n";
    stage_office_event("printer_status", c.now,
                       state + (printer.empty() ? "" : " " + printer) + (detail.empty() ? "" : ": " + detail));
    return Outcome::success(c.req.id);
}

// The kiosk program in feedback mode, bound to one counter, rates the ticket that
// counter just finished.
std::optional<Outcome> Handler::op_feedback(Call& c) {
    const TicketId id = ticket_ref(c.body());
    const auto rating = protocol::get_int(c.body(), "rating");
    if (rating < 1 || rating > 4) throw Refusal(errc::invalid_value, "field 'rating' must be 1 to 4");
    const int counter = static_cast<int>(protocol::opt_int(c.body(), "counter").value_or(0));
    return apply_to_ticket(c, [&](Engine& e, Millis t) { return e.rate(id, static_cast<int>(rating), counter, t); });
}

std::optional<Outcome> Handler::op_survey(Call& c) {
    const json& b = c.body();
    auto it = b.find("answers");
    const char* const rule = "field 'answers' must be an array of 9 numbers 1-4";
    if (it == b.end() || !it->is_array()) throw Refusal(errc::bad_request, rule);
    std::vector<int> answers;
    for (const auto& a : *it) {
        if (!a.is_number_integer()) throw Refusal(errc::bad_request, rule);
        answers.push_back(static_cast<int>(std::clamp<std::int64_t>(a.get<std::int64_t>(), -1, 99)));
    }
    const std::string service = protocol::opt_string(b, "service").value_or("");
    SurveyProfile profile;
    for (std::size_t i = 0; i < profile.size(); ++i)
        profile[i] = protocol::opt_string(b, skm::profile_questions()[i].key).value_or("");
    const std::string note = protocol::opt_string(b, "saran").value_or("");
    return apply(
        c.req, [&](Engine& e, Millis t) { return e.survey(answers, profile, note, service, t); },
        [](const Effect&) -> Reply { return json::object(); });
}

}  // namespace antre
