// Online booking through the handler (docs/booking.md): the citizens' requests from
// the public page, and the managers' ops `bookings` and `booking_close`. Each change
// is staged with the batch and answered after its group commit, like a ticket.
#include <algorithm>

#include "antre/errors.hpp"
#include "antre/nik.hpp"
#include "booking_code.hpp"
#include "booking_time.hpp"
#include "handler.hpp"
#include "ticket_code.hpp"
#include "views.hpp"

namespace antre {

using protocol::json;

namespace {

std::string hhmm(int minute) { return format_hhmm(minute); }

int session_of(const json& body) {
    const std::string text = protocol::get_string(body, "session");
    const int minute = parse_hhmm(text);
    if (minute < 0) throw Refusal(errc::bad_request, "field 'session' must be its start written HH:MM, like \"08:00\"");
    return minute;
}

// From tomorrow to the day after the window's last, the days the service has sessions
// (weekends left out): open; closed, with the reason all its sessions share; or, a day
// whose sessions are open but lies beyond the window, the day it opens (`days_ahead`
// days before, at `opens_at`).
json booking_calendar(const Bookings& bookings, const ServiceState& s, const std::vector<std::string>& open,
                      const std::string& today) {
    json out = json::array();
    for (int i = 1; i <= s.def.booking.days_ahead + 1; ++i) {
        const std::string day = bookings.add_days(today, i);
        const auto places = bookings.sessions(s, day);
        if (places.empty()) continue;
        const bool is_open = std::find(open.begin(), open.end(), day) != open.end();
        json d = {{"day", day}, {"open", is_open}, {"closed", ""}};
        const bool all_closed =
            std::all_of(places.begin(), places.end(), [](const SessionPlaces& p) { return !p.closed.empty(); });
        if (!is_open && !all_closed)
            d["opens_on"] = bookings.add_days(day, -s.def.booking.days_ahead);
        else if (!is_open && bookings.closure(s.def.code, day, -1))
            d["closed"] = "Ditutup: " + bookings.closure(s.def.code, day, -1)->reason;
        else if (!is_open)
            d["closed"] = places.front().closed;  // a holiday, the service closed
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace

void Handler::load_bookings() {
    BookingState s = store_.load_bookings(engine_->state().day);
    bookings_ = std::make_unique<Bookings>(office_, std::move(s.bookings), std::move(s.closures), s.next_id);
}

void Handler::sweep_bookings(Millis now) {
    close_day_if_due(now);
    stage(bookings_->sweep(engine_->state().services, now));
}

const ServiceState& Handler::booking_service(const std::string& code) const {
    const ServiceState* s = engine_->find_service(code);
    if (!s) throw Refusal(errc::unknown_service, "Layanan " + code + " tidak ada");
    return *s;
}

json Handler::public_booking(const Booking& b) const {
    const ServiceState* s = engine_->find_service(b.service);
    json j = {{"code", b.code},
              {"service", b.service},
              {"service_name", s ? s->def.name_id : b.service},
              {"service_name_en", s ? s->def.name_en : b.service},
              {"day", b.day},
              {"session", {{"start", hhmm(b.session_start)}, {"end", hhmm(b.session_end)}}},
              {"status", to_string(b.status)},
              {"nik", masked_nik(b.nik)},  // the owner sees the last four digits, nobody more
              {"requirements", s ? s->def.booking.requirements : std::vector<std::string>{}},
              {"grace_minutes", s ? s->def.booking.grace_minutes : 0}};
    if (!b.reason.empty()) j["reason"] = b.reason;
    return j;
}

json Handler::booking_services(Millis now) const {
    json list = json::array();
    for (const auto& s : engine_->state().services) {
        if (s.def.booking.sessions.empty()) continue;
        const auto days = bookings_->open_days(s, now);
        list.push_back({{"code", s.def.code},
                        {"name", s.def.name_id},
                        {"name_en", s.def.name_en},
                        {"days", days},
                        {"calendar", booking_calendar(*bookings_, s, days, engine_->calendar().day_of(now))},
                        {"days_ahead", s.def.booking.days_ahead},
                        {"opens_at", hhmm(s.def.booking.opens_minute)},
                        {"requirements", s.def.booking.requirements}});
    }
    return {{"services", list}, {"today", engine_->calendar().day_of(now)}};
}

json Handler::booking_sessions(const std::string& service, const std::string& day, Millis now) const {
    const ServiceState& s = booking_service(service);
    const auto days = bookings_->open_days(s, now);
    const bool open = std::find(days.begin(), days.end(), day) != days.end();
    json list = json::array();
    for (const auto& p : bookings_->sessions(s, day))
        list.push_back({{"start", hhmm(p.session.start_minute)},
                        {"end", hhmm(p.session.end_minute)},
                        {"places", p.session.places},
                        {"remaining", open && p.closed.empty() ? p.remaining : 0},
                        {"closed", p.closed}});
    return {{"service", service}, {"day", day}, {"bookable", open}, {"sessions", list}};
}

json Handler::find_booking(const std::string& nik, const std::string& code) const {
    const Booking* b = bookings_->find(nik, code);
    if (!b) throw Refusal(errc::unknown_booking, "Tidak ada pemesanan dengan NIK dan kode itu");
    // A read stages nothing: a booking the next sweep will mark missed is shown so already.
    Booking shown = *b;
    const ServiceState* s = engine_->find_service(b->service);
    const LocalTime here = engine_->calendar().local(clock_.now());
    const int grace = s ? s->def.booking.grace_minutes : 0;
    if (shown.status == BookingStatus::active && booking_session_over(shown, grace, here))
        shown.status = BookingStatus::missed;
    return public_booking(shown);
}

// A citizen's change: refusals too are answered through the batch, after what was
// staged before them (a sweep) is committed.
void Handler::citizen_change(const std::function<Effect(Millis)>& change, std::function<void(Outcome)> done) {
    try {
        const Effect fx = change(clock_.now());
        stage(fx);
        answer(Outcome::success(nullptr, {{"booking", public_booking(fx.records.bookings.at(0))}}), std::move(done));
    } catch (const Refusal& r) {
        answer(Outcome::refusal(nullptr, r.code(), r.what()), std::move(done));
    }
}

void Handler::book_online(const json& body, std::function<void(Outcome)> done) {
    citizen_change([&](Millis now) { return book(body, now); }, std::move(done));
}

void Handler::cancel_online(const json& body, std::function<void(Outcome)> done) {
    citizen_change(
        [&](Millis now) {
            sweep_bookings(now);
            return bookings_->cancel(protocol::get_string(body, "nik"), protocol::get_string(body, "code"), now);
        },
        std::move(done));
}

Effect Handler::book(const json& body, Millis now) {
    sweep_bookings(now);
    BookingRequest r;
    r.service = protocol::get_string(body, "service");
    r.day = protocol::get_string(body, "day");
    r.session_start = session_of(body);
    r.nik = protocol::get_string(body, "nik");
    r.name = protocol::get_string(body, "name");
    r.phone = protocol::opt_string(body, "phone").value_or("");
    std::string code;
    do code = new_booking_code();
    while (bookings_->code_taken(code));
    const ServiceState& service = booking_service(r.service);  // before r is moved from
    return bookings_->book(service, std::move(r), code, now);
}

// The day's bookings per service and session, with the NIK: managers serve with it.
std::optional<Outcome> Handler::op_bookings(Call& c) {
    sweep_bookings(c.now);
    const std::string day = protocol::opt_string(c.body(), "day").value_or(engine_->calendar().day_of(c.now));
    const std::string only = protocol::opt_string(c.body(), "service").value_or("");
    if (!only.empty()) booking_service(only);
    json services = json::array();
    for (const auto& s : engine_->state().services) {
        if (s.def.booking.sessions.empty() || (!only.empty() && s.def.code != only)) continue;
        json sessions = json::array();
        for (const auto& n : bookings_->counts(s, day)) {
            const BookingClosure* closed = bookings_->closure(s.def.code, day, n.session.start_minute);
            sessions.push_back({{"start", hhmm(n.session.start_minute)},
                                {"end", hhmm(n.session.end_minute)},
                                {"places", n.session.places},
                                {"active", n.active},
                                {"checked_in", n.checked_in},
                                {"cancelled", n.cancelled},
                                {"missed", n.missed},
                                {"closed", closed ? closed->reason : ""}});
        }
        json list = json::array();
        for (const Booking* b : bookings_->of_day(s.def.code, day))
            list.push_back({{"id", b->id},
                            {"session", hhmm(b->session_start)},
                            {"status", to_string(b->status)},
                            {"nik", b->nik},
                            {"name", b->name},
                            {"phone", b->phone},
                            {"booked_at", b->booked_at},
                            {"reason", b->reason}});
        services.push_back({{"service", s.def.code}, {"sessions", sessions}, {"bookings", list}});
    }
    return Outcome::success(c.req.id, {{"day", day}, {"services", services}});
}

std::optional<Outcome> Handler::op_booking_close(Call& c) {
    sweep_bookings(c.now);
    const json& b = c.body();
    const std::string service = protocol::opt_string(b, "service").value_or("");
    if (!service.empty()) booking_service(service);
    const int session = b.contains("session") && !b["session"].is_null() ? session_of(b) : -1;
    const Effect fx = bookings_->close(service, protocol::get_string(b, "day"), session,
                                       protocol::get_string(b, "reason"), c.ctx.nip, c.now);
    stage(fx);
    return Outcome::success(c.req.id, {{"cancelled", fx.records.bookings.size()}});
}

// Check-in at the kiosk: the booking's ticket, with the "Daring" mark, and the booking
// marked checked in, staged together and answered after their one commit.
std::optional<Outcome> Handler::op_booking_checkin(Call& c) {
    sweep_bookings(c.now);
    const Booking& b = bookings_->checkable(protocol::get_string(c.body(), "code"), engine_->state().services, c.now);
    const BookingId booking = b.id;
    const Millis session_start = engine_->calendar().day_start(b.day) + Millis{b.session_start} * 60'000;
    const json shown = {{"code", b.code},
                        {"service", b.service},
                        {"day", b.day},
                        {"session", {{"start", hhmm(b.session_start)}, {"end", hhmm(b.session_end)}}}};
    const std::string code = new_ticket_code();
    Effect fx = engine_->check_in(b.service, booking, session_start, c.now, code);
    fx.merge(bookings_->check_in(booking, *fx.ticket, c.now));
    stage(fx);
    return Outcome::success(c.req.id,
                            {{"ticket", views::ticket(*engine_, *engine_->find_ticket(*fx.ticket), c.audience)},
                             {"code", code},
                             {"link", public_base_url_ + "/t/" + code},
                             {"booking", shown}});
}

// The booking behind a "Daring" ticket, with the NIK the officer serves with: staff only.
std::optional<Outcome> Handler::op_ticket_booking(Call& c) {
    const Ticket* t = engine_->find_ticket(ticket_ref(c.body()));
    if (!t) throw Refusal(errc::unknown_ticket, "Nomor antrean itu tidak ada hari ini");
    const Booking* b = t->booking ? bookings_->by_id(*t->booking) : nullptr;
    if (!b) throw Refusal(errc::unknown_booking, "Nomor " + t->label + " bukan dari pemesanan daring");
    return Outcome::success(c.req.id,
                            {{"ticket", t->id},
                             {"booking",
                              {{"code", b->code},
                               {"service", b->service},
                               {"day", b->day},
                               {"session", {{"start", hhmm(b->session_start)}, {"end", hhmm(b->session_end)}}},
                               {"status", to_string(b->status)},
                               {"nik", b->nik},
                               {"name", b->name},
                               {"phone", b->phone}}}});
}

}  // namespace antre
