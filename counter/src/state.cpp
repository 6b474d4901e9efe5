#include "antre/counter/state.hpp"

#include <algorithm>

#include "antre/errors.hpp"

namespace antre::counter {

using json = nlohmann::json;

namespace {

std::optional<Millis> opt_millis(const json& j, const char* field) {
    auto it = j.find(field);
    if (it == j.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<Millis>();
}

std::string str(const json& j, const char* field) {
    auto it = j.find(field);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int integer(const json& j, const char* field, int fallback = 0) {
    auto it = j.find(field);
    return it != j.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

TicketView ticket_from(const json& j) {
    TicketView t;
    t.id = j.value("id", std::int64_t{0});
    t.label = str(j, "label");
    t.service = str(j, "service");
    t.origin_service = str(j, "origin_service");
    t.priority = str(j, "priority");
    if (t.priority.empty()) t.priority = "none";
    t.status = str(j, "status");
    t.issued_at = opt_millis(j, "issued_at").value_or(0);
    t.called_at = opt_millis(j, "called_at");
    t.service_started_at = opt_millis(j, "service_started_at");
    t.recalls = integer(j, "recalls");
    t.no_shows = integer(j, "no_shows");
    t.transfers = integer(j, "transfers");
    if (auto it = j.find("booking"); it != j.end() && it->is_number_integer()) t.booking = it->get<std::int64_t>();
    return t;
}

ServiceView service_from(const json& j) {
    ServiceView s;
    s.code = str(j, "code");
    s.prefix = str(j, "prefix");
    s.name_id = str(j, "name_id");
    s.name_en = str(j, "name_en");
    s.max_service_minutes = integer(j, "max_service_minutes", 15);
    s.max_wait_minutes = integer(j, "max_wait_minutes", 60);
    s.waiting = integer(j, "waiting");
    s.priority_waiting = integer(j, "priority_waiting");
    s.oldest_issued_at = opt_millis(j, "oldest_issued_at");
    s.closed = j.value("closed", false);
    return s;
}

void upsert_service(ScreenState& s, ServiceView v) {
    for (auto& existing : s.services)
        if (existing.code == v.code) {
            existing = std::move(v);
            return;
        }
    s.services.push_back(std::move(v));
}

// The waiting list follows every ticket record that passes by: a waiting ticket
// is (re)placed, any other status takes it off.
void track_waiting(ScreenState& s, const TicketView& t) {
    auto& w = s.waiting;
    w.erase(std::remove_if(w.begin(), w.end(), [&](const TicketView& x) { return x.id == t.id; }), w.end());
    if (t.status == "waiting") w.push_back(t);
}

bool forced_out(const ScreenState& s, const std::string& status, const std::string& officer) {
    if (s.phase != Phase::working) return false;
    if (s.pending && s.pending->op == "logout") return false;  // our own Keluar: its reply says so
    return status == "closed" || (!officer.empty() && officer != s.officer_nip);
}

// Applies this counter's record; true when the session has ended under us.
bool apply_counter(ScreenState& s, const json& c) {
    if (!c.is_object() || integer(c, "number") != s.counter) return false;
    s.counter_name = str(c, "name");
    s.counter_status = str(c, "state");
    s.pause_reason = str(c, "pause_reason");
    s.counter_since = opt_millis(c, "since").value_or(0);
    if (auto it = c.find("services"); it != c.end() && it->is_array()) {
        s.my_services.clear();
        for (const auto& code : *it)
            if (code.is_string()) s.my_services.push_back(code.get<std::string>());
    }
    auto active = c.find("active");
    if (active != c.end() && active->is_object())
        s.active = ticket_from(*active);
    else
        s.active.reset();
    return forced_out(s, s.counter_status, str(c, "officer"));
}

std::string label_of(const Reply& r) {
    if (auto it = r.body.find("ticket"); it != r.body.end() && it->is_object()) return str(*it, "label");
    return {};
}

std::string done_text(const ScreenState& s, const std::string& op, const Reply& r) {
    const Texts& t = texts(s.language);
    const std::string label = label_of(r);
    if (op == "call_next" || op == "call") return label + " " + t.done_called;
    if (op == "recall") return label + " " + t.recalled;
    if (op == "start") return label + " " + t.done_started;
    if (op == "finish") return label + " " + t.done_finished;
    if (op == "no_show") {
        const auto& ticket = r.body.value("ticket", json::object());
        return label + " " + (str(ticket, "status") == "waiting" ? t.done_requeued : t.done_no_show);
    }
    if (op == "transfer") {
        const auto& ticket = r.body.value("ticket", json::object());
        return label + " " + t.done_transferred + " " + service_name(s, str(ticket, "service"));
    }
    if (op == "pause") {
        const auto& counter = r.body.value("counter", json::object());
        return std::string(t.done_paused) + ": " + pause_reason_name(s.language, str(counter, "pause_reason"));
    }
    if (op == "resume") return t.done_resumed;
    return {};
}

// A reply carries the records after the change; its events follow at once, but
// the screen need not wait for them.
void apply_reply_records(ScreenState& s, const json& body) {
    if (auto c = body.find("counter"); c != body.end()) apply_counter(s, *c);
    auto it = body.find("ticket");
    if (it == body.end() || !it->is_object()) return;
    TicketView t = ticket_from(*it);
    track_waiting(s, t);
    if ((t.status == "called" || t.status == "serving") && integer(*it, "counter") == s.counter)
        s.active = t;
    else if (s.active && s.active->id == t.id)
        s.active.reset();
}

bool ends_a_ticket_of_mine(const ScreenState& s, const json& e) {
    const std::string type = str(e, "event");
    return (type == "ticket_finished" || type == "ticket_no_show" || type == "ticket_transferred") &&
           str(e, "officer") == s.officer_nip;
}

}  // namespace

Millis server_now(const ScreenState& s, Millis local_now) { return local_now + s.clock_offset; }

const ServiceView* find_service(const ScreenState& s, const std::string& code) {
    for (const auto& v : s.services)
        if (v.code == code) return &v;
    return nullptr;
}

std::string service_name(const ScreenState& s, const std::string& code) {
    const ServiceView* v = find_service(s, code);
    if (!v) return code;
    const std::string& name = s.language == Language::en ? v->name_en : v->name_id;
    return name.empty() ? code : name;
}

int waiting_here(const ScreenState& s) {
    int n = 0;
    for (const auto& code : s.my_services)
        if (const ServiceView* v = find_service(s, code)) n += v->waiting;
    return n;
}

TimerTone tone_against(Millis elapsed, int limit_minutes) {
    const Millis limit = static_cast<Millis>(std::max(1, limit_minutes)) * 60'000;
    if (elapsed > limit) return TimerTone::danger;
    if (elapsed * 4 >= limit * 3) return TimerTone::warning;
    return TimerTone::ok;
}

Millis active_elapsed(const ScreenState& s, Millis local_now) {
    if (!s.active) return 0;
    const Millis now = server_now(s, local_now);
    const auto& t = *s.active;
    const auto from = t.status == "serving" ? t.service_started_at : t.called_at;
    return from ? std::max<Millis>(0, now - *from) : 0;
}

TimerTone active_tone(const ScreenState& s, Millis local_now) {
    if (!s.active || s.active->status != "serving") return TimerTone::neutral;
    const ServiceView* v = find_service(s, s.active->service);
    return tone_against(active_elapsed(s, local_now), v ? v->max_service_minutes : 15);
}

void show(ScreenState& s, Tone tone, std::string text, Millis now) { s.message = Message{tone, std::move(text), now}; }

Commands back_to_login(ScreenState& s, const std::string& error, const std::string& notice) {
    s.phase = Phase::login;
    s.login.error = error;
    s.login.notice = error.empty() ? notice : "";
    s.login.pin.clear();
    s.login.link_reason.clear();
    s.login.focus = s.login.nip.empty() ? LoginField::nip : LoginField::pin;
    s.connected = false;
    s.has_snapshot = false;
    s.pending.reset();
    s.message.reset();
    s.dialog = {};
    s.active.reset();
    s.booking.reset();
    s.waiting.clear();
    s.my_day = {};
    return {command(Command::Kind::end_session)};
}

namespace {

Commands snapshot_core(ScreenState& s, const json& snap, Millis now) {
    if (!snap.is_object() || s.phase == Phase::login) return {};
    const json office = snap.value("office", json::object());
    s.office_name = str(office, "name");
    if (auto zone = str(office, "time_zone"); !zone.empty()) s.time_zone = zone;
    s.day = str(office, "day");
    if (auto server = opt_millis(office, "now")) s.clock_offset = *server - now;
    s.services.clear();
    for (const auto& j : snap.value("services", json::array())) s.services.push_back(service_from(j));
    s.waiting.clear();
    for (const auto& j : snap.value("waiting", json::array())) s.waiting.push_back(ticket_from(j));
    s.has_snapshot = true;
    for (const auto& c : snap.value("counters", json::array()))
        if (apply_counter(s, c)) return back_to_login(s, "", texts(s.language).counter_closed);
    return {};
}

Commands event_core(ScreenState& s, const json& e, Millis now) {
    if (s.phase == Phase::login || !e.is_object()) return {};
    const std::string type = str(e, "event");
    if (type == "snapshot") return snapshot_core(s, e.value("snapshot", json::object()), now);
    Commands out;
    if (type == "queue_changed") {
        for (const auto& j : e.value("services", json::array())) upsert_service(s, service_from(j));
        return out;
    }
    if (auto t = e.find("ticket"); t != e.end() && t->is_object()) track_waiting(s, ticket_from(*t));
    if (auto c = e.find("counter_state"); c != e.end())
        if (apply_counter(s, *c)) return back_to_login(s, "", texts(s.language).counter_closed);
    if (type == "day_started") {
        s.day = str(e, "detail");
        s.waiting.clear();  // yesterday's waiting tickets have expired
    }
    if (s.phase == Phase::working && (type == "day_started" || ends_a_ticket_of_mine(s, e)))
        out.push_back(command(Command::Kind::fetch_my_day));
    return out;
}

Commands connection_core(ScreenState& s, ConnectionState state, const std::string& reason, const Reply& hello,
                         Millis now) {
    (void)now;
    if (s.phase == Phase::login || state == ConnectionState::stopped) return {};
    if (state == ConnectionState::refused) {
        // A refused hello is final for the library: a new sign-in needs the PIN again.
        const std::string why = hello.message.empty() ? reason : hello.message;
        return back_to_login(s, why, "");
    }
    if (state == ConnectionState::connecting) {
        s.connected = false;
        if (s.phase == Phase::signing_in)
            s.login.link_reason = reason;
        else
            s.link_problem = reason;
        return {};
    }
    // ready: the hello was accepted and the snapshot is in.
    s.connected = true;
    s.link_problem.clear();
    if (s.phase == Phase::signing_in) {
        s.phase = Phase::working;
        s.login.pin.clear();
        s.login.error.clear();
        s.login.notice.clear();
        s.login.link_reason.clear();
        s.message.reset();
        s.dialog = {};
        const json officer = hello.body.value("officer", json::object());
        s.officer_nip = str(officer, "nip");
        s.officer_name = str(officer, "name");
        if (auto c = hello.body.find("counter"); c != hello.body.end()) apply_counter(s, *c);
    }
    return {command(Command::Kind::fetch_my_day)};
}

Commands reply_core(ScreenState& s, const std::string& op, const Reply& reply, Millis now) {
    if (s.phase != Phase::working) return {};
    const bool retried = s.pending && s.pending->attempt > 1;
    s.pending.reset();
    Commands out;
    // After a retry the reply may be the first answer, replayed: the snapshot says what is true now.
    if (retried) out.push_back(command(Command::Kind::fetch_snapshot));
    if (reply.ok) {
        if (op == "logout") return back_to_login(s, "", texts(s.language).signed_out);
        apply_reply_records(s, reply.body);
        show(s, Tone::ok, done_text(s, op, reply), now);
        return out;
    }
    if (reply.code == errc::counter_closed || reply.code == errc::hello_required)
        return back_to_login(s, reply.message.empty() ? texts(s.language).counter_closed : reply.message, "");
    if (reply.code == errc::connection_lost || reply.code == errc::timeout) {
        show(s, Tone::refusal, texts(s.language).no_answer, now);
        out.push_back(command(Command::Kind::fetch_snapshot));
        return out;
    }
    show(s, Tone::refusal, std::string(texts(s.language).refused) + ": " + reply.message, now);
    return out;
}

// The booking shown follows the active ticket: read once when a booked ticket becomes
// active here, dropped with it, so no other ticket's NIK is ever on the screen.
Commands follow_booking(ScreenState& s, Commands out) {
    if (s.phase != Phase::working || !s.active || !s.active->booking) {
        s.booking.reset();
        return out;
    }
    if (s.booking && s.booking->ticket == s.active->id) return out;
    s.booking = BookingView{};
    s.booking->ticket = s.active->id;
    Command c = command(Command::Kind::fetch_booking);
    c.ticket = s.active->id;
    out.push_back(std::move(c));
    return out;
}

}  // namespace

Commands on_snapshot(ScreenState& s, const json& snapshot, Millis now) {
    return follow_booking(s, snapshot_core(s, snapshot, now));
}

Commands on_event(ScreenState& s, const json& event, Millis now) {
    return follow_booking(s, event_core(s, event, now));
}

Commands on_connection(ScreenState& s, ConnectionState state, const std::string& reason, const Reply& hello,
                       Millis now) {
    // Back on line: a read that failed (most often with the link) is tried again.
    if (state == ConnectionState::ready && s.booking && s.booking->status == BookingView::Status::failed)
        s.booking.reset();
    return follow_booking(s, connection_core(s, state, reason, hello, now));
}

Commands on_reply(ScreenState& s, const std::string& op, const Reply& reply, Millis now) {
    return follow_booking(s, reply_core(s, op, reply, now));
}

void on_booking(ScreenState& s, std::int64_t ticket, const Reply& r) {
    if (!s.booking || s.booking->ticket != ticket || !s.active || s.active->id != ticket) return;
    BookingView& b = *s.booking;
    if (!r.ok) {
        b.status = BookingView::Status::failed;
        b.error = r.message.empty() ? r.code : r.message;
        return;
    }
    const json booking = r.body.value("booking", json::object());
    const json session = booking.value("session", json::object());
    b.status = BookingView::Status::loaded;
    b.nik = str(booking, "nik");
    b.name = str(booking, "name");
    const std::string start = str(session, "start"), end = str(session, "end");
    b.session = start.empty() ? std::string() : start + "\u2013" + end;
}

void on_retry(ScreenState& s, int attempt) {
    if (s.pending) s.pending->attempt = attempt;
}

void on_my_day(ScreenState& s, const Reply& r) {
    if (!r.ok || s.phase != Phase::working) return;
    const json& b = r.body;
    MyDay d;
    d.known = true;
    d.served = integer(b, "served");
    d.no_shows = integer(b, "no_shows");
    d.transfers = integer(b, "transfers");
    if (auto it = b.find("median_service_s"); it != b.end() && it->is_number()) d.median_service_s = it->get<int>();
    if (auto it = b.find("within_standard"); it != b.end() && it->is_number()) d.within_standard = it->get<double>();
    s.my_day = d;
}

void tick(ScreenState& s, Millis now) {
    if (!s.message) return;
    const Millis keep = s.message->tone == Tone::refusal ? refusal_ms : message_ms;
    if (now - s.message->shown_at >= keep) s.message.reset();
}

}  // namespace antre::counter
