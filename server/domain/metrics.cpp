#include "metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <numeric>
#include <set>
#include <unordered_map>

namespace antre::metrics {
namespace {

constexpr Millis minute_ms = 60'000;

// One assignment of a ticket to a counter: from its call until it is finished,
// marked no-show, transferred or cancelled.
struct Leg {
    int counter = 0;
    const std::string* officer = nullptr;  // interned (Builder::intern): no copy per call
    std::string service;
    Millis called_at = 0;
    std::optional<Millis> started_at;
};

struct TicketTrack {
    std::string label;                // from the first event that carries it
    std::optional<Millis> issued_at;  // unknown when issued before the period
    std::string issued_day;
    std::string issued_service;
    bool called = false;
    bool booked = false;  // checked in from an online booking ("Daring")
    std::optional<Leg> leg;
};

// A counter's log-in session while it is being walked through.
struct Session {
    std::string officer;
    Millis opened_at = 0;
    std::optional<Millis> paused_at;
    Millis paused_ms = 0;
};

struct Acc {
    Row row;
    std::vector<Millis> wait, walk, service, total;
    std::vector<Millis> wait_booked, wait_walk_in;  // the same waits, split
    int wait_within = 0;
    int service_within = 0;
    Millis available_ms = 0;
    int rating_sum = 0;
    double estimate_error_s = 0;   // sum of absolute errors
    double estimate_signed_s = 0;  // sum of estimate - wait
    int estimate_within = 0;
    int estimate_inside = 0;  // first calls inside the promised interval
};

Summary summarise(std::vector<Millis>& v) {
    Summary s;
    s.count = v.size();
    if (v.empty()) return s;
    // Durations are whole milliseconds, far below 2^53 in sum: the double sum is exact
    // in any order, so it needs no sort.
    const double sum = std::accumulate(v.begin(), v.end(), 0.0, [](double a, Millis b) { return a + double(b); });
    s.mean_s = sum / double(v.size()) / 1000.0;
    // The median and p90 of percentile.hpp, found in place rather than by a full sort.
    s.median_s = double(nearest_rank_in_place(v, 50)) / 1000.0;
    s.p90_s = double(nearest_rank_in_place(v, 90)) / 1000.0;
    return s;
}

std::optional<double> share(int within, std::size_t of) {
    if (of == 0) return std::nullopt;
    return double(within) / double(of);
}

// Breach lists keep the furthest over: while they are built, a heap whose front is
// the least over, so that a year's breaches cost a bounded list.
bool further_over(const Breach& a, const Breach& b) {
    return a.minutes_over != b.minutes_over ? a.minutes_over > b.minutes_over : a.ticket < b.ticket;
}

void add_breach(std::vector<Breach>& list, int& count, TicketId ticket, const std::string& label, Millis over) {
    ++count;
    Breach b{ticket, label, double(over) / double(minute_ms)};
    if (list.size() == breach_list_limit) {
        if (!further_over(b, list.front())) return;
        std::pop_heap(list.begin(), list.end(), further_over);
        list.back() = std::move(b);
    } else {
        list.push_back(std::move(b));
    }
    std::push_heap(list.begin(), list.end(), further_over);
}

// The event types the metrics read, told apart once per event.
enum class Kind {
    other,
    issued,
    called,
    recalled,
    started,
    finished,
    no_show,
    transferred,
    cancelled,
    expired,
    checked_in,
    rated,
    counter_opened,
    counter_paused,
    counter_resumed,
    counter_closed,
    counter_other,  // another counter_* event (an administrator's change)
};

Kind kind_of(const std::string& type) {
    static const std::unordered_map<std::string, Kind> kinds = {{"ticket_issued", Kind::issued},
                                                                {"ticket_called", Kind::called},
                                                                {"ticket_recalled", Kind::recalled},
                                                                {"service_started", Kind::started},
                                                                {"ticket_finished", Kind::finished},
                                                                {"ticket_no_show", Kind::no_show},
                                                                {"ticket_transferred", Kind::transferred},
                                                                {"ticket_cancelled", Kind::cancelled},
                                                                {"ticket_expired", Kind::expired},
                                                                {"booking_checked_in", Kind::checked_in},
                                                                {"ticket_rated", Kind::rated},
                                                                {"counter_opened", Kind::counter_opened},
                                                                {"counter_paused", Kind::counter_paused},
                                                                {"counter_resumed", Kind::counter_resumed},
                                                                {"counter_closed", Kind::counter_closed}};
    const auto it = kinds.find(type);
    if (it != kinds.end()) return it->second;
    return type.rfind("counter_", 0) == 0 ? Kind::counter_other : Kind::other;
}

// The events that happen only at a counter that is open (logged in): one at a
// counter without a session shows that the session began before the period.
bool at_open_counter(Kind k) {
    return k == Kind::called || k == Kind::recalled || k == Kind::started || k == Kind::finished ||
           k == Kind::no_show || k == Kind::transferred || k == Kind::counter_paused || k == Kind::counter_resumed ||
           k == Kind::counter_closed;
}

bool is_counter_event(Kind k) {
    return k == Kind::counter_opened || k == Kind::counter_paused || k == Kind::counter_resumed ||
           k == Kind::counter_closed || k == Kind::counter_other;
}

}  // namespace

// The rows of one report, built event by event (Accumulator's implementation).
class Builder {
public:
    Builder(const std::vector<Service>& services, GroupBy by, const OfficeCalendar& calendar, Millis from,
            Filter filter)
        : by_(by), calendar_(calendar), from_(from), filter_(std::move(filter)) {
        for (const auto& s : services) services_[s.code] = &s;
    }

    // The group of an event; `service`, `officer` and `counter` are those of the
    // leg or ticket it belongs to, `hour_at` is the moment whose hour counts.
    Acc& group(const Event& e, const std::string& service, const std::string& officer, int counter, Millis hour_at) {
        if (!filter_.officer.empty() && officer != filter_.officer) return ignored_;
        switch (by_) {
            case GroupBy::officer:
                return at(officer);
            case GroupBy::service:
                return at(service);
            case GroupBy::day:
                return at(e.day);
            case GroupBy::counter:
                return at(counter > 0 ? std::to_string(counter) : std::string());
            case GroupBy::office:
                return at("");
            case GroupBy::hour:
                break;
        }
        const int h = local_hour(hour_at);
        return at((h < 10 ? "0" : "") + std::to_string(h));
    }

    // Looks the key up before copying it: a month has a few hundred thousand events
    // and a few dozen groups.
    Acc& at(const std::string& key) {
        auto it = groups_.find(key);
        if (it == groups_.end()) {
            it = groups_.emplace(key, Acc{}).first;
            it->second.row.key = key;
        }
        return it->second;
    }

    // Every time zone's offset is a multiple of 15 minutes, so the local hour is
    // the same across each UTC quarter hour: the tz lookup is done once per quarter.
    int local_hour(Millis t) {
        const Millis quarter = t >= 0 ? t / (15 * minute_ms) : (t - 15 * minute_ms + 1) / (15 * minute_ms);
        auto [it, fresh] = hours_.try_emplace(quarter, 0);
        if (fresh) it->second = calendar_.local(t).minute_of_day / 60;
        return it->second;
    }

    void add(const LoggedEvent& le) {
        const Event& e = le.event;
        const Kind kind = kind_of(e.type);
        if (e.counter > 0 && at_open_counter(kind) && !sessions_.contains(e.counter))
            // The counter was open before the period began: its session counts from there.
            sessions_[e.counter] = Session{e.officer, from_, std::nullopt, 0};
        if (is_counter_event(kind)) return counter_event(e, kind);
        if (!e.ticket) return;
        // Other events of a ticket (e.g. survey_submitted) only bring its label.
        if (kind == Kind::other && le.label.empty()) return;
        if (kind == Kind::rated || kind == Kind::expired) return untracked(e, kind);
        auto it = tickets_.try_emplace(*e.ticket).first;
        TicketTrack& t = it->second;
        if (t.label.empty() && !le.label.empty()) t.label = le.label;
        switch (kind) {
            case Kind::issued:
                return issued(e, t);
            case Kind::called:
                if (!t.called && t.issued_at) wait(e, t, le);
                t.called = true;
                t.leg = Leg{e.counter, &intern(e.officer), e.service, e.at, std::nullopt};
                return;
            case Kind::started:
                if (t.leg) t.leg->started_at = e.at;
                return;
            case Kind::finished:
                // A leg called before the period: its times come from the ticket's row.
                if (!t.leg && le.leg_called_at)
                    t.leg = Leg{e.counter, &intern(e.officer), e.service, *le.leg_called_at, le.leg_started_at};
                finished(e, t);
                // A finished ticket is done: nothing after it reads its track.
                tickets_.erase(it);
                return;
            case Kind::cancelled:
                closed_leg(e, t, kind);
                tickets_.erase(it);  // cancelled for good, as a finish
                return;
            default:
                return closed_leg(e, t, kind);
        }
    }

    void issued(const Event& e, TicketTrack& t) {
        t.issued_at = e.at;
        t.issued_day = e.day;
        t.issued_service = e.service;
        ++group(e, e.service, "", 0, e.at).row.arrivals;
        if (arrival_days_.empty() || *arrival_days_.rbegin() != e.day) arrival_days_.insert(e.day);
    }

    // The other ticket events: a leg ends without service, or a ticket's side facts
    // (any other kind, e.g. a recall, changes nothing here).
    void closed_leg(const Event& e, TicketTrack& t, Kind kind) {
        if (kind == Kind::no_show) {
            Acc& g = leg_group(e, t, e.service);
            ++g.row.no_shows;
            if (e.detail == "final") ++g.row.no_show_tickets;
            t.leg.reset();
        } else if (kind == Kind::transferred) {
            // The event names the target service; the leg belonged to the source.
            ++leg_group(e, t, e.detail).row.transfers;
            t.leg.reset();
        } else if (kind == Kind::cancelled) {
            ++leg_group(e, t, e.service).row.cancelled;
            t.leg.reset();
        } else if (kind == Kind::checked_in) {
            t.booked = true;
        }
    }

    // A rating or an expiry: counted for the event's own service (and officer and
    // counter), with no ticket track.
    void untracked(const Event& e, Kind kind) {
        if (kind == Kind::expired) {
            ++group(e, e.service, "", 0, e.at).row.expired;
            return;
        }
        Acc& g = group(e, e.service, e.officer, e.counter, e.at);
        ++g.row.ratings;
        g.rating_sum += std::atoi(e.detail.c_str());
    }

    std::vector<Row> finish(Millis until) {
        for (auto& [counter, s] : sessions_) close_session(counter, s, until, until);
        std::vector<Row> rows;
        for (auto& [key, acc] : groups_) {
            Row r = std::move(acc.row);
            r.wait_histogram = histogram(acc.wait);
            r.service_histogram = histogram(acc.service);
            r.wait = summarise(acc.wait);
            r.wait_booked = summarise(acc.wait_booked);
            r.wait_walk_in = summarise(acc.wait_walk_in);
            r.walk = summarise(acc.walk);
            r.service = summarise(acc.service);
            r.total = summarise(acc.total);
            std::sort(r.wait_breaches.begin(), r.wait_breaches.end(), further_over);
            std::sort(r.service_breaches.begin(), r.service_breaches.end(), further_over);
            r.wait_within = share(acc.wait_within, acc.wait.size());
            r.service_within = share(acc.service_within, acc.service.size());
            if (r.ratings > 0) r.rating_mean = double(acc.rating_sum) / r.ratings;
            if (r.estimates > 0) {
                r.estimate_mae_s = acc.estimate_error_s / r.estimates;
                r.estimate_bias_s = acc.estimate_signed_s / r.estimates;
                r.estimate_within_5min = share(acc.estimate_within, std::size_t(r.estimates));
            }
            if (r.estimate_intervals > 0)
                r.estimate_coverage = share(acc.estimate_inside, std::size_t(r.estimate_intervals));
            if (by_ == GroupBy::hour && !arrival_days_.empty())
                r.arrivals_per_hour = double(r.arrivals) / double(arrival_days_.size());
            if (by_ == GroupBy::officer || by_ == GroupBy::counter) {
                const Millis busy = std::accumulate(acc.service.begin(), acc.service.end(), Millis{0});
                r.available_s = double(acc.available_ms) / 1000.0;
                r.busy_s = double(busy) / 1000.0;
                r.idle_s = double(acc.available_ms - busy) / 1000.0;
                if (acc.available_ms > 0) r.utilisation = double(busy) / double(acc.available_ms);
            }
            rows.push_back(std::move(r));
        }
        if (by_ == GroupBy::counter)  // by number; "" (no counter) first
            std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
                return a.key.empty() || b.key.empty() ? a.key.empty() && !b.key.empty()
                                                      : std::stoi(a.key) < std::stoi(b.key);
            });
        return rows;
    }

private:
    // The one copy of an officer's NIP that legs point to: a call copies no string.
    const std::string& intern(const std::string& officer) { return *officers_.insert(officer).first; }

    // A leg's closing event counts for the leg's officer and counter; without a
    // known leg (called before the period, or cancelled while waiting) for the
    // event's own.
    Acc& leg_group(const Event& e, const TicketTrack& t, const std::string& service) {
        if (t.leg) return group(e, service, *t.leg->officer, t.leg->counter, e.at);
        return group(e, service, e.counter ? e.officer : "", e.counter, e.at);
    }

    // The service's targets in force on `day`: a changed target never rewrites
    // the figures of the days before the change.
    std::optional<StandardPeriod> standard(const std::string& code, const std::string& day) const {
        auto it = services_.find(code);
        if (it == services_.end()) return std::nullopt;
        return it->second->standard_on(day);
    }

    void wait(const Event& e, const TicketTrack& t, const LoggedEvent& le) {
        const Millis w = e.at - *t.issued_at;
        Acc& g = group(e, t.issued_service, e.officer, e.counter, *t.issued_at);
        g.wait.push_back(w);
        const std::optional<int>& estimate_s = le.estimated_wait_s;
        if (le.estimated_call_from && le.estimated_call_to) {
            ++g.row.estimate_intervals;
            if (*le.estimated_call_from <= e.at && e.at <= *le.estimated_call_to) ++g.estimate_inside;
        }
        (t.booked ? g.wait_booked : g.wait_walk_in).push_back(w);
        if (estimate_s) {
            const double error_s = std::abs(double(w) / 1000.0 - double(*estimate_s));
            ++g.row.estimates;
            g.estimate_error_s += error_s;
            g.estimate_signed_s += double(*estimate_s) - double(w) / 1000.0;
            if (error_s <= 300.0) ++g.estimate_within;
        }
        if (const auto s = standard(t.issued_service, t.issued_day)) {
            const Millis limit = Millis{s->max_wait_minutes} * minute_ms;
            if (w <= limit)
                ++g.wait_within;
            else
                add_breach(g.row.wait_breaches, g.row.wait_breach_count, *e.ticket, t.label, w - limit);
        }
    }

    void finished(const Event& e, TicketTrack& t) {
        Acc& g = leg_group(e, t, e.service);
        ++g.row.served;
        if (t.issued_at) g.total.push_back(e.at - *t.issued_at);
        if (!t.leg) return;  // called before the period: its times are unknown here
        // Without a service_started the service starts at the call, as in the engine.
        const Millis start = t.leg->started_at.value_or(t.leg->called_at);
        const Millis s = e.at - start;
        g.walk.push_back(start - t.leg->called_at);
        g.service.push_back(s);
        if (const auto def = standard(t.leg->service, e.day)) {
            const Millis limit = Millis{def->max_service_minutes} * minute_ms;
            if (s <= limit)
                ++g.service_within;
            else
                add_breach(g.row.service_breaches, g.row.service_breach_count, *e.ticket, t.label, s - limit);
        }
        t.leg.reset();
    }

    void counter_event(const Event& e, Kind kind) {
        if (kind == Kind::counter_opened) {
            // The same officer logging in again is a reconnect: the session goes on.
            auto open = sessions_.find(e.counter);
            if (open == sessions_.end() || open->second.officer != e.officer)
                sessions_[e.counter] = Session{e.officer, e.at, std::nullopt, 0};
            return;
        }
        auto it = sessions_.find(e.counter);
        if (it == sessions_.end()) return;
        Session& s = it->second;
        if (kind == Kind::counter_paused && !s.paused_at) s.paused_at = e.at;
        if (kind == Kind::counter_resumed && s.paused_at) {
            s.paused_ms += e.at - *s.paused_at;
            s.paused_at.reset();
        }
        if (kind == Kind::counter_closed) {
            close_session(e.counter, s, e.at, e.at);
            sessions_.erase(it);
        }
    }

    void close_session(int counter, Session& s, Millis end, Millis hour_at) {
        if (by_ != GroupBy::officer && by_ != GroupBy::counter) return;  // utilisation is per officer or counter
        end = std::max(end, s.opened_at);
        if (s.paused_at) s.paused_ms += std::max<Millis>(0, end - *s.paused_at);
        Event at_close;
        at_close.day = calendar_.day_of(end);
        Acc& g = group(at_close, "", s.officer, counter, hour_at);
        g.available_ms += std::max<Millis>(0, end - s.opened_at - s.paused_ms);
    }

    GroupBy by_;
    const OfficeCalendar& calendar_;
    Millis from_;
    Filter filter_;
    Acc ignored_;  // where the work of other officers goes when a filter is set
    std::set<std::string> arrival_days_;
    std::unordered_map<std::string, const Service*> services_;
    std::unordered_map<TicketId, TicketTrack> tickets_;
    std::map<int, Session> sessions_;
    std::map<std::string, Acc, std::less<>> groups_;
    std::unordered_map<Millis, int> hours_;
    std::set<std::string> officers_;  // stable addresses for Leg::officer
};

std::optional<GroupBy> parse_group_by(const std::string& s) {
    for (GroupBy g :
         {GroupBy::officer, GroupBy::service, GroupBy::counter, GroupBy::day, GroupBy::hour, GroupBy::office})
        if (s == to_string(g)) return g;
    return std::nullopt;
}

const char* to_string(GroupBy by) {
    switch (by) {
        case GroupBy::officer:
            return "officer";
        case GroupBy::service:
            return "service";
        case GroupBy::counter:
            return "counter";
        case GroupBy::day:
            return "day";
        case GroupBy::hour:
            return "hour";
        case GroupBy::office:
            return "office";
    }
    return "";
}

Histogram histogram(const std::vector<Millis>& durations) {
    Histogram h;
    for (Millis d : durations) {
        // The last edge not above the duration; a negative one (clock trouble) counts in the first.
        std::size_t i = histogram_buckets - 1;
        while (i > 0 && d < Millis{histogram_edges_min[i]} * minute_ms) --i;
        ++h.counts[i];
    }
    return h;
}

Accumulator::Accumulator(const std::vector<Service>& services, GroupBy by, const OfficeCalendar& calendar, Millis from,
                         const Filter& filter)
    : builder_(std::make_unique<Builder>(services, by, calendar, from, filter)) {}

Accumulator::~Accumulator() = default;

void Accumulator::add(const LoggedEvent& e) { builder_->add(e); }

std::vector<Row> Accumulator::finish(Millis until) { return builder_->finish(until); }

std::vector<Row> compute(const std::vector<LoggedEvent>& events, const std::vector<Service>& services, GroupBy by,
                         const OfficeCalendar& calendar, Millis from, Millis until, const Filter& filter) {
    Accumulator acc(services, by, calendar, from, filter);
    for (const auto& e : events) acc.add(e);
    return acc.finish(until);
}

}  // namespace antre::metrics
