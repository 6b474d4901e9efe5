#include "bookings.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "antre/errors.hpp"
#include "antre/nik.hpp"
#include "booking_time.hpp"

namespace antre {

namespace {

constexpr Millis day_ms = 24LL * 3600 * 1000;

// Throws bad_request unless `day` is a real date written YYYY-MM-DD.
void check_date(const OfficeCalendar& calendar, const std::string& day) {
    try {
        (void)calendar.day_start(day);
    } catch (const std::invalid_argument&) {
        throw Refusal(errc::bad_request, "field 'day' must be a date like 2026-12-10");
    }
}

std::string session_text(int start, int end) { return format_hhmm(start) + "-" + format_hhmm(end); }

bool printable(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f; });
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

Bookings::Bookings(const OfficeConfig& office, std::vector<Booking> bookings, std::vector<BookingClosure> closures,
                   BookingId next_id)
    : office_(office), calendar_(office.time_zone), closures_(std::move(closures)), next_id_(next_id) {
    for (auto& b : bookings) {
        next_id_ = std::max(next_id_, b.id + 1);
        put(std::move(b));
    }
}

Booking& Bookings::put(Booking b) {
    by_code_[b.code] = b.id;
    if (holds_place(b.status)) {
        ++held_[{b.service, b.day, b.session_start}];
        person_[{b.nik, b.service, b.day}] = b.id;
    }
    auto& slot = bookings_[b.id];
    slot = std::move(b);
    return slot;
}

std::string Bookings::add_days(const std::string& day, int days) const {
    // Noon keeps a day away from midnight, whatever the zone's offset does.
    return calendar_.day_of(calendar_.day_start(day) + days * day_ms + day_ms / 2);
}

std::vector<BookingSession> Bookings::sessions_on(const Service& service, const std::string& day) const {
    // Offered on the days the service opens, within its windows of that weekday.
    const int weekday = calendar_.local(calendar_.day_start(day) + day_ms / 2).weekday;
    std::vector<BookingSession> out;
    for (const auto& s : service.booking.sessions)
        for (const auto& w : service.hours)
            if (w.weekday == weekday && w.open_minute <= s.start_minute && s.end_minute <= w.close_minute) {
                out.push_back(s);
                break;
            }
    return out;
}

const BookingClosure* Bookings::closure(const std::string& service, const std::string& day, int session_start) const {
    for (const auto& c : closures_)
        if (c.day == day && (c.service.empty() || c.service == service) &&
            (c.session_start == -1 || c.session_start == session_start))
            return &c;
    return nullptr;
}

std::string Bookings::day_closed(const ServiceState& service, const std::string& day) const {
    if (service.def.booking.sessions.empty()) return "Layanan ini tidak menerima antrean daring";
    if (service.closed) return "Layanan ini sedang ditutup";
    if (const Holiday* h = office_.find_holiday(day))
        return "Hari libur" + (h->name.empty() ? std::string() : ": " + h->name);
    if (sessions_on(service.def, day).empty()) return "Kantor tidak melayani " + service.def.name_id + " hari itu";
    if (const BookingClosure* c = closure(service.def.code, day, -1); c && c->session_start == -1)
        return "Ditutup: " + c->reason;
    return {};
}

void Bookings::check_day(const ServiceState& service, const std::string& day, Millis now) const {
    check_date(calendar_, day);
    const LocalTime here = calendar_.local(now);
    const auto& rules = service.def.booking;
    // From tomorrow to `days_ahead` days on; the last day opens at `opens_minute`, so
    // the rush comes at a known hour.
    const int last = rules.days_ahead - (here.minute_of_day < rules.opens_minute ? 1 : 0);
    if (day <= here.day || day > add_days(here.day, last))
        throw Refusal(errc::not_bookable, "Tanggal " + day + " belum atau tidak lagi bisa dipesan: pemesanan untuk " +
                                              std::to_string(rules.days_ahead) + " hari ke depan, dibuka pukul " +
                                              format_hhmm(rules.opens_minute));
    if (auto why = day_closed(service, day); !why.empty()) throw Refusal(errc::not_bookable, why);
}

std::vector<std::string> Bookings::open_days(const ServiceState& service, Millis now) const {
    std::vector<std::string> days;
    const std::string today = calendar_.day_of(now);
    for (int i = 1; i <= service.def.booking.days_ahead; ++i) {
        const std::string day = add_days(today, i);
        try {
            check_day(service, day, now);
            days.push_back(day);
        } catch (const Refusal&) {}
    }
    return days;
}

std::vector<SessionPlaces> Bookings::sessions(const ServiceState& service, const std::string& day) const {
    check_date(calendar_, day);
    std::vector<SessionPlaces> out;
    const std::string whole_day = day_closed(service, day);
    for (const auto& s : sessions_on(service.def, day)) {
        // A manager's closure shows its own reason; otherwise why the day takes none.
        const BookingClosure* c = closure(service.def.code, day, s.start_minute);
        SessionPlaces p{s, 0, 0, c ? c->reason : whole_day};
        if (auto it = held_.find({service.def.code, day, s.start_minute}); it != held_.end()) p.booked = it->second;
        p.remaining = std::max(0, s.places - p.booked);
        out.push_back(p);
    }
    return out;
}

const Booking* Bookings::find(std::string_view nik, std::string_view code) const {
    const auto it = by_code_.find(normalize_booking_code(code));
    if (it == by_code_.end()) return nullptr;
    const Booking& b = bookings_.at(it->second);
    return b.nik == nik && !nik.empty() ? &b : nullptr;
}

bool Bookings::code_taken(std::string_view code) const { return by_code_.find(code) != by_code_.end(); }

std::vector<const Booking*> Bookings::of_day(const std::string& service, const std::string& day) const {
    std::vector<const Booking*> out;
    for (const auto& [id, b] : bookings_)
        if (b.day == day && (service.empty() || b.service == service)) out.push_back(&b);
    std::stable_sort(out.begin(), out.end(),
                     [](const Booking* a, const Booking* b) { return a->session_start < b->session_start; });
    return out;
}

std::vector<SessionCounts> Bookings::counts(const ServiceState& service, const std::string& day) const {
    check_date(calendar_, day);
    std::vector<SessionCounts> out;
    for (const auto& s : service.def.booking.sessions) out.push_back({s});
    for (const Booking* b : of_day(service.def.code, day))
        for (auto& c : out)
            if (c.session.start_minute == b->session_start) {
                int* n[] = {&c.active, &c.checked_in, &c.cancelled, &c.missed};
                ++*n[static_cast<int>(b->status)];
            }
    return out;
}

Event Bookings::event(std::string type, Millis now, const Booking& b) const {
    Event e;
    e.type = std::move(type);
    e.at = now;
    e.day = calendar_.day_of(now);
    e.service = b.service;
    // Never the NIK, name, phone or code: the log is shipped and kept for years.
    e.detail = "#" + std::to_string(b.id) + " " + b.day + " " + session_text(b.session_start, b.session_end);
    return e;
}

Effect Bookings::book(const ServiceState& service, BookingRequest r, const std::string& code, Millis now) {
    if (auto bad = check_nik(r.nik)) throw Refusal(errc::invalid_nik, bad->id + " / " + bad->en);
    r.name = trimmed(r.name);
    r.phone = trimmed(r.phone);
    if (r.name.empty() || r.name.size() > max_name || !printable(r.name))
        throw Refusal(errc::bad_request, "Nama wajib diisi, paling banyak " + std::to_string(max_name) + " karakter");
    if (r.phone.size() > max_phone || !std::all_of(r.phone.begin(), r.phone.end(), [](char c) {
            return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-';
        }))
        throw Refusal(errc::bad_request, "Nomor telepon hanya boleh angka, spasi, + dan -, paling banyak " +
                                             std::to_string(max_phone) + " karakter");
    if (normalize_booking_code(code) != code || code_taken(code))
        throw Refusal(errc::internal_error, "booking code unusable");
    check_day(service, r.day, now);
    const auto offered = sessions_on(service.def, r.day);
    const auto s = std::find_if(offered.begin(), offered.end(),
                                [&](const BookingSession& x) { return x.start_minute == r.session_start; });
    if (s == offered.end())
        throw Refusal(errc::not_bookable, "Tidak ada sesi pukul " + format_hhmm(r.session_start) + " pada " + r.day);
    if (const BookingClosure* c = closure(service.def.code, r.day, s->start_minute))
        throw Refusal(errc::not_bookable, "Sesi ditutup: " + c->reason);
    if (person_.count({r.nik, service.def.code, r.day}))
        throw Refusal(errc::already_booked, "NIK ini sudah memesan " + service.def.name_id + " pada " + r.day +
                                                "; batalkan dulu untuk memilih sesi lain");
    const auto held = held_.find({service.def.code, r.day, s->start_minute});
    if (held != held_.end() && held->second >= s->places)
        throw Refusal(errc::booking_full, "Sesi " + session_text(s->start_minute, s->end_minute) + " pada " + r.day +
                                              " sudah penuh; pilih sesi atau hari lain");
    Booking b;
    b.id = next_id_++;
    b.code = code;
    b.service = service.def.code;
    b.day = r.day;
    b.session_start = s->start_minute;
    b.session_end = s->end_minute;
    b.nik = std::move(r.nik);
    b.name = std::move(r.name);
    b.phone = std::move(r.phone);
    b.booked_at = b.changed_at = now;
    Effect fx;
    fx.events.push_back(event("booking_made", now, b));
    fx.records.bookings.push_back(put(std::move(b)));
    return fx;
}

void Bookings::set_status(Booking& b, BookingStatus status, const std::string& reason, Millis now, Effect& fx,
                          const std::string& event_type, const std::string& officer) {
    if (holds_place(b.status) && !holds_place(status)) {
        --held_[{b.service, b.day, b.session_start}];
        person_.erase({b.nik, b.service, b.day});
    }
    b.status = status;
    b.reason = reason;
    b.changed_at = now;
    Event e = event(event_type, now, b);
    e.officer = officer;
    if (!reason.empty()) e.detail += " " + reason;
    fx.events.push_back(std::move(e));
    fx.records.bookings.push_back(b);
}

Effect Bookings::cancel(std::string_view nik, std::string_view code, Millis now) {
    const Booking* found = find(nik, code);
    if (!found) throw Refusal(errc::unknown_booking, "Tidak ada pemesanan dengan NIK dan kode itu");
    Booking& b = bookings_.at(found->id);
    if (b.status != BookingStatus::active)
        throw Refusal(errc::invalid_state,
                      "Pemesanan ini sudah " + std::string(to_string(b.status)) + " dan tidak bisa dibatalkan");
    Effect fx;
    set_status(b, BookingStatus::cancelled, "", now, fx, "booking_cancelled", "");
    return fx;
}

Effect Bookings::close(const std::string& service, const std::string& day, int session_start, const std::string& reason,
                       const std::string& by, Millis now) {
    try {
        (void)calendar_.day_start(day);
    } catch (const std::invalid_argument&) {
        throw Refusal(errc::bad_request, "field 'day' must be a date like 2026-12-10");
    }
    if (day < calendar_.day_of(now)) throw Refusal(errc::invalid_value, "Hari " + day + " sudah lewat");
    const std::string why = trimmed(reason);
    if (why.empty() || why.size() > 200 || !printable(why))
        throw Refusal(errc::bad_request, "Alasan penutupan wajib diisi (paling banyak 200 karakter)");
    if (closure(service, day, session_start)) throw Refusal(errc::already_exists, "Hari atau sesi itu sudah ditutup");
    Effect fx;
    BookingClosure c{service, day, session_start, why, by, now};
    Event e;
    e.type = "booking_day_closed";
    e.at = now;
    e.day = calendar_.day_of(now);
    e.service = service;
    e.officer = by;
    e.detail = day + (session_start < 0 ? std::string() : " " + format_hhmm(session_start)) + " " + why;
    fx.events.push_back(std::move(e));
    closures_.push_back(c);
    fx.records.closures.push_back(std::move(c));
    for (auto& [id, b] : bookings_)
        if (b.day == day && (service.empty() || b.service == service) &&
            (session_start < 0 || b.session_start == session_start) && b.status == BookingStatus::active)
            set_status(b, BookingStatus::cancelled, why, now, fx, "booking_cancelled", by);
    return fx;
}

Effect Bookings::sweep(const std::vector<ServiceState>& services, Millis now) {
    Effect fx;
    const LocalTime here = calendar_.local(now);
    for (auto it = bookings_.begin(); it != bookings_.end();) {
        Booking& b = it->second;
        int grace = 0;
        for (const auto& s : services)
            if (s.def.code == b.service) grace = s.def.booking.grace_minutes;
        if (b.status == BookingStatus::active && booking_session_over(b, grace, here))
            set_status(b, BookingStatus::missed, "", now, fx, "booking_missed", "");
        if (b.day < here.day) {
            if (auto c = by_code_.find(b.code); c != by_code_.end() && c->second == b.id) by_code_.erase(c);
            held_.erase({b.service, b.day, b.session_start});
            it = bookings_.erase(it);
        } else {
            ++it;
        }
    }
    std::erase_if(closures_, [&](const BookingClosure& c) { return c.day < here.day; });
    // Personal data of bookings more than the retention ago: once per day is enough.
    const std::string erase_before = add_days(here.day, -office_.nik_retention_days);
    if (erase_before > erased_before_) {
        erased_before_ = erase_before;
        fx.records.erase_personal_before = erase_before;
    }
    return fx;
}

}  // namespace antre
