// The group commit: effects and answers are staged as requests are handled, then
// committed together in one transaction, and only then answered and broadcast.
#include <iostream>

#include "antre/errors.hpp"
#include "handler.hpp"
#include "outcome.hpp"
#include "sqlite.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

// Stages an effect for the next group commit. The event messages are built now,
// from the state right after this command, so that each shows its own moment even
// when later commands of the same batch change the same ticket; only their
// sequence numbers wait for the commit.
void Handler::stage(const Effect& fx) {
    if (fx.empty()) return;
    batch_.effects.push_back(fx);
    for (const auto& e : fx.events) {
        // One rendering per audience, shared by all its sessions (views::Audience).
        batch_.events.push_back({views::event(*engine_, fx, e, views::Audience::staff),
                                 views::event(*engine_, fx, e, views::Audience::lobby)});
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

void Handler::answer(Outcome out, std::function<void(Outcome)> deliver, std::string key) {
    batch_.answers.push_back({std::move(out), std::move(deliver), batch_.events.size(), std::move(key)});
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
    // A refusal applied nothing and is not kept: a retry may try again.
    std::vector<KeyedAnswer> kept;
    for (const auto& a : batch.answers)
        if (!a.key.empty() && a.outcome.ok) kept.push_back({a.key, a.outcome.fields_text()});
    try {
        const auto seqs = store_.apply(batch.effects, kept, batch.accounts);
        for (std::size_t i = 0; i < batch.events.size(); ++i) {
            auto& e = batch.events[i];
            lines.staff.push_back(std::move(e.staff).with_seq(seqs.at(i)));
            lines.lobby.push_back(std::move(e.lobby).with_seq(seqs.at(i)));
        }
    } catch (const sql::Error& err) {
        // The engine already changed in memory; the database is the truth, so
        // the engine goes back to what was last committed and nobody hears of it.
        // The next batch tries the disk again: writes resume by themselves once it
        // accepts them (docs/reliability.md).
        try {
            engine_ = std::make_unique<Engine>(office_, store_.load());
            load_bookings();
        } catch (const std::exception& reload) {
            // Serving on from a state that is not on disk would acknowledge what could be lost.
            throw FatalError(std::string("commit failed (") + err.what() +
                             "), and the reload after it too: " + reload.what());
        }
        std::cerr << "antre-server: commit failed: " << err.what() << "\n";
        for (auto& a : batch.answers) {
            const Outcome refused = storage_refusal(a.outcome.id, err);
            a.deliver(refused);
            if (!a.key.empty()) answer_retries(a.key, refused);
        }
        return;
    }
    for (auto& k : kept) answers_.put(k.key, std::move(k.answer));
    json services = json::array();
    const Millis now = clock_.now();
    for (const auto& code : batch.touched)
        if (const auto* s = engine_->find_service(code))
            services.push_back(views::service(*engine_, *s, now, options_.always_open, estimates_.get()));
    // Figures of a refresh still held go first, in the same write as the batch's
    // events (before them: the batch's own queue_changed, after its events, is newer).
    std::size_t held = 0;
    if (!figures_held_.empty() && (!lines.staff.empty() || !services.empty())) {
        const std::string line = std::exchange(figures_held_, {});
        lines.staff.insert(lines.staff.begin(), line);
        lines.lobby.insert(lines.lobby.begin(), line);
        held = 1;
    }
    // The batch's queue figures follow its events.
    if (!services.empty()) {
        lines.staff.push_back(protocol::encode_event("queue_changed", {{"services", services}}));
        lines.lobby.push_back(lines.staff.back());  // queue figures name nobody
    }
    std::size_t sent = 0;
    auto send_until = [&](std::size_t end) {
        auto slice = [&](const std::vector<std::string>& v) {
            return std::vector<std::string>(v.begin() + static_cast<std::ptrdiff_t>(sent),
                                            v.begin() + static_cast<std::ptrdiff_t>(end));
        };
        if (end > sent && broadcast_) broadcast_({slice(lines.staff), slice(lines.lobby)});
        sent = std::max(sent, end);
    };
    // Each answer goes out after everything staged up to the next answer that
    // subscribes its session: one broadcast (one write per board) for the whole batch,
    // its events and queue figures, before its replies, unless a subscription cuts it.
    // A session that subscribes gets exactly the lines after its snapshot: those staged
    // before its answer go out before it is subscribed, the rest after. (Held figures
    // count as staged first: a refresh that ended between the snapshot and this flush
    // reaches that board with the next one.)
    std::vector<std::size_t> until(batch.answers.size(), lines.staff.size());
    for (std::size_t i = batch.answers.size(); i-- > 0;) {
        if (batch.answers[i].outcome.subscribe)
            until[i] = batch.answers[i].events_before + held;
        else if (i + 1 < batch.answers.size())
            until[i] = until[i + 1];
    }
    for (std::size_t i = 0; i < batch.answers.size(); ++i) {
        auto& a = batch.answers[i];
        send_until(until[i]);
        if (a.outcome.committed) std::exchange(a.outcome.committed, {})();
        if (a.key.empty()) {
            a.deliver(std::move(a.outcome));
            continue;
        }
        // Retries that arrived while it was in flight get copies of it, after it.
        if (const auto it = in_flight_.find(a.key); it == in_flight_.end() || it->second.empty()) {
            if (it != in_flight_.end()) in_flight_.erase(it);
            a.deliver(std::move(a.outcome));
            continue;
        }
        const Outcome first = a.outcome;
        a.deliver(std::move(a.outcome));
        answer_retries(a.key, first);
    }
    send_until(lines.staff.size());
    // A change that can move the queue: the estimates follow, without holding the answers.
    if (!batch.touched.empty()) refresh_estimates();
}

void Handler::roll_over() {
    sweep_bookings(clock_.now());
    flush();
}

Effect Handler::run(const std::function<Effect(Engine&, Millis)>& command) {
    const Millis now = clock_.now();
    close_day_if_due(now);
    Effect fx = command(*engine_, now);
    stage(fx);
    return fx;
}

Outcome Handler::apply(const protocol::Request& req, const std::function<Effect(Engine&, Millis)>& command,
                       const std::function<Reply(const Effect&)>& reply) {
    return Outcome::success(req.id, reply(run(command)));
}

void Handler::close_day_if_due(Millis now) { stage(engine_->roll_over(now)); }

void Handler::stage_office_event(std::string type, Millis now, std::string detail, std::string officer) {
    close_day_if_due(now);
    Effect fx;
    Event e;
    e.type = std::move(type);
    e.at = now;
    e.day = engine_->calendar().day_of(now);
    e.officer = std::move(officer);
    e.detail = std::move(detail);
    fx.events.push_back(std::move(e));
    stage(fx);
}

// A retry that arrived while its original was in flight gets the original's answer
// (the same ticket, or the same refusal) under its own id, and is never applied.
void Handler::answer_retries(const std::string& key, const Outcome& answer) {
    auto it = in_flight_.find(key);
    if (it == in_flight_.end()) return;
    auto retries = std::move(it->second);
    in_flight_.erase(it);
    for (auto& r : retries) {
        Outcome again = answer;
        again.id = r.id;
        again.committed = {};
        r.deliver(std::move(again));
    }
}

}  // namespace antre
