#include "antre/kiosk/controller.hpp"

#include <iostream>
#include <tuple>

#include "antre/errors.hpp"
#include "antre/kiosk/check.hpp"
#include "antre/kiosk/escpos.hpp"
#include "antre/kiosk/layout.hpp"
#include "antre/kiosk/texts.hpp"

namespace antre::kiosk {

using json = nlohmann::json;

Controller::Controller(ControllerOptions options)
    : options_(std::move(options)), inbox_(gui::Inbox<Job>::default_capacity, options_.wake) {
    state_.printer_configured = options_.printer.kind != PrinterTarget::Kind::none;
    if (options_.feedback_counter > 0) enter_feedback_mode(state_, options_.feedback_counter);
    if (options_.language) {
        state_.language_from_office = false;
        state_.language = state_.default_language = *options_.language;
    }
    if (state_.printer_configured)
        printer_ = std::make_unique<PrintQueue>(options_.printer, [this](std::int64_t id, const PrintResult& r) {
            post([this, id, r](Millis) {
                if (!r.ok)
                    std::cerr << "antre-kiosk: printer " << options_.printer.describe() << ": " << r.fault << ": "
                              << r.detail << " (ticket id " << id << ")" << std::endl;
                // The server's log and the managers hear of trouble, and of its end.
                if (!r.ok || !printer_was_ok_)
                    client_->call_async("printer_status",
                                        {{"state", r.ok ? "ok" : r.fault},
                                         {"detail", r.detail},
                                         {"printer", options_.printer.describe()}},
                                        [](Reply) {});
                printer_was_ok_ = r.ok;
                apply_print_result(state_, id, r.ok, r.fault);
            });
        });
    ClientOptions o;
    o.host = options_.host;
    o.port = options_.port;
    o.hello = {{"role", "kiosk"}};
    o.subscribe = true;
    // Two sends of issue_timeout each end before the issuing screen gives up
    // (KioskTimings::issue_guard), so a citizen never sees "try again" and then a number.
    o.keyed_retry.max_attempts = 2;
    client_ = std::make_unique<Client>(o);
    // Events, state changes and replies all go through one queue, so they are
    // applied in the order the server sent them.
    client_->on_event([this](const json& e) { post([this, e](Millis now) { apply_event(state_, e, now); }); });
    client_->on_state([this](ConnectionState s, const std::string& why) {
        post([this, s, why](Millis now) {
            apply_connection(state_, s, why, now);
            if (s == ConnectionState::ready) last_refresh_ = now;
        });
    });
}

Controller::~Controller() {
    client_.reset();
    admin_client_.reset();
    printer_.reset();
}

void Controller::start() { client_->start(); }

void Controller::post(Job job) { inbox_.push(std::move(job)); }

bool Controller::pump(Millis now) {
    auto [jobs, dropped] = inbox_.drain();
    for (auto& job : jobs) job(now);
    // Work was lost while the screen did not drain: the snapshot below puts it right.
    if (dropped > 0) last_refresh_ = now - options_.snapshot_refresh;
    // The PIN check is over (or stuck): the short-lived admin client goes.
    if (admin_client_ && (admin_answered_->load() || now - admin_started_ > options_.admin_timeout.count())) {
        if (!admin_answered_->exchange(true)) apply_admin_result(state_, errc::timeout, now);
        admin_client_.reset();
    }
    const auto before = std::make_tuple(state_.screen, state_.priority, state_.language, state_.screen_since);
    tick(state_, now);
    if (state_.connected && now - last_refresh_ >= options_.snapshot_refresh) {
        last_refresh_ = now;
        client_->call_async("snapshot", json::object(), [this](Reply r) {
            if (!r.ok) return;
            post([this, snap = r.body.value("snapshot", json::object())](Millis at) {
                apply_snapshot(state_, snap, at);
            });
        });
    }
    return !jobs.empty() ||
           before != std::make_tuple(state_.screen, state_.priority, state_.language, state_.screen_since);
}

void Controller::tap(int x, int y, int width, int height, Millis now) {
    const auto layout = compute_layout(state_, width, height);
    press(hit_test(layout, x, y), now);
}

void Controller::press(const Target& target, Millis now) { run(kiosk::tap(state_, target, now), now); }

void Controller::admin_keys(Millis now) { open_admin(state_, now); }

void Controller::scanner_text(const std::string& text, Millis now) { kiosk::scanner_text(state_, text, now); }

void Controller::scanner_enter(Millis now) { run(kiosk::scanner_enter(state_, now), now); }

void Controller::run(const Command& c, Millis now) {
    switch (c.kind) {
        case Command::Kind::none:
            return;
        case Command::Kind::issue:
            send_keyed("issue", {{"service", c.service}, {"priority", std::string(to_string(c.priority))}},
                       [this](const Reply& r, Millis at) { return apply_issue_reply(state_, r, at); });
            return;
        case Command::Kind::rate:
            send_keyed("feedback", {{"ticket", c.ticket}, {"rating", c.rating}, {"counter", c.counter}},
                       [this, ticket = c.ticket](const Reply& r, Millis at) {
                           apply_rating_reply(state_, ticket, r, at);
                           return Command{};
                       });
            return;
        case Command::Kind::submit_survey: {
            json request{{"answers", c.answers}};
            if (!c.service.empty()) request["service"] = c.service;
            for (int i = 0; i < survey_profile_questions; ++i)
                if (const auto& code = c.profile[static_cast<std::size_t>(i)]; !code.empty())
                    request[profile_question(Language::id, i).key] = code;
            if (!c.note.empty()) request["saran"] = c.note;
            send_keyed("survey", std::move(request),
                       [this](const Reply& r, Millis at) { return apply_survey_reply(state_, r, at); });
            return;
        }
        case Command::Kind::check_ticket: {
            // A read: nothing to retry with a key; a lost link answers connection_lost.
            const json request = c.code.empty() ? json{{"label", c.label}} : json{{"code", c.code}};
            client_->call_async(
                "ticket_status", request,
                [this](Reply r) { post([this, r = std::move(r)](Millis at) { apply_check_reply(state_, r, at); }); },
                options_.issue_timeout);
            return;
        }
        case Command::Kind::booking_checkin:
            // Keyed: a check-in lost with the link is resent and answered with its
            // first answer, so the citizen gets the ticket, never "already used".
            send_keyed("booking_checkin", {{"code", c.code}},
                       [this](const Reply& r, Millis at) { return apply_checkin_reply(state_, r, at); });
            return;
        case Command::Kind::print:
            return print_ticket(now);
        case Command::Kind::verify_admin:
            return verify_admin(c.nip, c.pin, now);
    }
}

// A request lost with the link may or may not have been applied: the client library
// sends it again with the same key, and the server answers a repeat with its first
// answer. So the citizen gets the number, never two; a rating counts once.
void Controller::send_keyed(const std::string& op, json request, ReplyStep step) {
    request["key"] = client_->new_key();
    client_->call_async(
        op, std::move(request),
        [this, step = std::move(step)](Reply r) {
            post([this, step, r = std::move(r)](Millis at) { run(step(r, at), at); });
        },
        options_.issue_timeout);
}

void Controller::print_ticket(Millis) {
    if (!printer_ || !state_.ticket) return;
    const auto& t = *state_.ticket;
    try {
        auto job =
            escpos::encode(ticket_document(state_.office_name, state_.time_zone, t, state_.language, options_.paper));
        if (!printer_->submit(t.id, std::move(job))) {
            std::cerr << "antre-kiosk: printer " << options_.printer.describe() << ": queue full (ticket " << t.label
                      << ")" << std::endl;
            apply_print_result(state_, t.id, false, "offline");
        }
    } catch (const std::exception& e) {
        std::cerr << "antre-kiosk: ticket " << t.label << " cannot be printed: " << e.what() << std::endl;
        apply_print_result(state_, t.id, false, "failed");
    }
}

void Controller::verify_admin(const std::string& nip, const std::string& pin, Millis now) {
    // A separate, short-lived session: the kiosk's own stays a kiosk, and the PIN
    // lives only as long as this check.
    ClientOptions o;
    o.host = options_.host;
    o.port = options_.port;
    o.hello = {{"role", "admin"}, {"nip", nip}, {"pin", pin}, {"remember", false}};
    o.reconnect = false;
    admin_client_ = std::make_unique<Client>(o);
    admin_answered_ = std::make_shared<std::atomic<bool>>(false);
    admin_started_ = now;
    admin_client_->on_state([this, answered = admin_answered_](ConnectionState s, const std::string& why) {
        if (s == ConnectionState::connecting) return;
        std::string code;
        if (s == ConnectionState::refused)
            code = why.substr(0, why.find(':'));
        else if (s != ConnectionState::ready)
            code = errc::connection_lost;
        if (answered->exchange(true)) return;
        post([this, code](Millis at) { apply_admin_result(state_, code, at); });
    });
    admin_client_->start();
}

}  // namespace antre::kiosk
