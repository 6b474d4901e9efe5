#include "antre/counter/actions.hpp"

#include <algorithm>
#include <cctype>

namespace antre::counter {

using json = nlohmann::json;

namespace {

struct ActionKey {
    Key key;
    const char* name;
};

// By Action, in button order.
constexpr ActionKey action_keys[action_count] = {
    {Key::f1, "F1"}, {Key::f2, "F2"}, {Key::f3, "F3"}, {Key::f4, "F4"},   {Key::f5, "F5"},
    {Key::f6, "F6"}, {Key::f7, "F7"}, {Key::f8, "F8"}, {Key::f10, "F10"},
};

std::string compact(const std::string& label) {
    std::string out;
    for (char c : label)
        if (c != '-' && c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool other_service_exists(const ScreenState& s) {
    return std::any_of(s.services.begin(), s.services.end(),
                       [&](const ServiceView& v) { return !v.closed && v.code != s.active->service; });
}

std::vector<DialogRow> ticket_rows(const ScreenState& s, Millis local_now) {
    const std::string typed = compact(s.dialog.input);
    const std::string exact = normalize_label(s.dialog.input);
    // This counter's services first, in preference order; then every other.
    auto rank = [&](const TicketView& t) {
        auto it = std::find(s.my_services.begin(), s.my_services.end(), t.service);
        return static_cast<int>(it - s.my_services.begin());
    };
    std::vector<const TicketView*> list;
    for (const auto& t : s.waiting)
        if (typed.empty() || t.label == exact || compact(t.label).rfind(typed, 0) == 0) list.push_back(&t);
    std::stable_sort(list.begin(), list.end(), [&](const TicketView* a, const TicketView* b) {
        if (a->label == exact || b->label == exact) return a->label == exact && b->label != exact;
        const int ra = rank(*a), rb = rank(*b);
        if (ra != rb) return ra < rb;
        const bool pa = a->priority != "none", pb = b->priority != "none";
        if (pa != pb) return pa;
        return a->issued_at < b->issued_at;
    });
    std::vector<DialogRow> rows;
    const Millis now = server_now(s, local_now);
    for (const TicketView* t : list) {
        if (static_cast<int>(rows.size()) == max_dialog_rows) break;
        std::string detail = service_name(s, t->service);
        if (t->priority != "none") detail += " \u00b7 " + priority_name(s.language, t->priority);
        if (local_now > 0)
            detail += " \u00b7 " + std::string(texts(s.language).waiting) + " " +
                      waited_words(s.language, now - t->issued_at);
        rows.push_back({t->label, detail, t->label, "", t->booking ? texts(s.language).booked : ""});
    }
    return rows;
}

}  // namespace

Unavailable unavailable(const ScreenState& s, Action a) {
    if (s.phase != Phase::working || !s.connected || !s.has_snapshot) return Unavailable::offline;
    if (s.pending) return Unavailable::pending;
    const bool paused = s.counter_status == "paused";
    const bool called = s.active && s.active->status == "called";
    switch (a) {
        case Action::call_next:
        case Action::call_ticket:
            if (paused) return Unavailable::paused;
            if (s.active) return Unavailable::has_active;
            if (a == Action::call_next && waiting_here(s) == 0) return Unavailable::queue_empty;
            return Unavailable::no;
        case Action::recall:
        case Action::start:
        case Action::no_show:
            if (paused) return Unavailable::paused;
            if (!s.active) return Unavailable::no_active;
            return called ? Unavailable::no : Unavailable::serving;
        case Action::finish:
        case Action::transfer:
            if (paused) return Unavailable::paused;
            if (!s.active) return Unavailable::no_active;
            if (a == Action::transfer && !other_service_exists(s)) return Unavailable::no_target;
            return Unavailable::no;
        case Action::pause_resume:
            return !paused && s.active ? Unavailable::has_active : Unavailable::no;
        case Action::logout:
            return s.active ? Unavailable::has_active : Unavailable::no;
    }
    return Unavailable::no;
}

Key shortcut(Action a) { return action_keys[static_cast<int>(a)].key; }

const char* shortcut_name(Action a) { return action_keys[static_cast<int>(a)].name; }

std::optional<Action> action_for_key(Key k) {
    if (k == Key::enter) return Action::call_next;
    for (int i = 0; i < action_count; ++i)
        if (action_keys[i].key == k) return static_cast<Action>(i);
    return std::nullopt;
}

std::string action_label(const ScreenState& s, Action a) {
    const Texts& t = texts(s.language);
    switch (a) {
        case Action::call_next:
            return t.call_next;
        case Action::recall:
            return t.recall;
        case Action::start:
            return t.start;
        case Action::finish:
            return t.finish;
        case Action::no_show:
            return t.no_show;
        case Action::transfer:
            return t.transfer;
        case Action::call_ticket:
            return t.call_ticket;
        case Action::pause_resume:
            return s.counter_status == "paused" ? t.resume : t.pause;
        case Action::logout:
            return t.logout;
    }
    return {};
}

std::string why_text(const ScreenState& s, Unavailable why) {
    const Texts& t = texts(s.language);
    switch (why) {
        case Unavailable::no:
            return {};
        case Unavailable::offline:
            return t.why_offline;
        case Unavailable::pending:
            return t.why_pending;
        case Unavailable::paused:
            return t.why_paused;
        case Unavailable::no_active:
            return t.why_no_active;
        case Unavailable::has_active:
            return t.why_has_active;
        case Unavailable::queue_empty:
            return t.why_queue_empty;
        case Unavailable::serving:
            return t.why_serving;
        case Unavailable::no_target:
            return t.why_no_target;
    }
    return {};
}

Commands send(ScreenState& s, Action a, const std::string& op, json fields, Millis now) {
    s.pending = Pending{a, op, now, 1};
    s.message.reset();
    s.dialog = {};
    Command c = command(Command::Kind::request);
    c.action = a;
    c.op = op;
    c.fields = std::move(fields);
    return {c};
}

Commands trigger(ScreenState& s, Action a, Millis now) {
    if (const auto why = unavailable(s, a); why != Unavailable::no) {
        show(s, Tone::info, action_label(s, a) + ": " + why_text(s, why), now);
        return {};
    }
    switch (a) {
        case Action::call_next:
            return send(s, a, "call_next", json::object(), now);
        case Action::recall:
            return send(s, a, "recall", json::object(), now);
        case Action::start:
            return send(s, a, "start", json::object(), now);
        case Action::finish:
            return send(s, a, "finish", json::object(), now);
        case Action::no_show:
            return send(s, a, "no_show", json::object(), now);
        case Action::transfer:
            s.dialog = {Dialog::transfer, "", 0};
            return {};
        case Action::call_ticket:
            s.dialog = {Dialog::call_ticket, "", 0};
            return {};
        case Action::pause_resume:
            if (s.counter_status == "paused") return send(s, a, "resume", json::object(), now);
            s.dialog = {Dialog::pause, "", 0};
            return {};
        case Action::logout:
            s.dialog = {Dialog::logout, "", 0};
            return {};
    }
    return {};
}

std::vector<DialogRow> dialog_rows(const ScreenState& s, Millis local_now) {
    std::vector<DialogRow> rows;
    switch (s.dialog.kind) {
        case Dialog::none:
        case Dialog::logout:
            return rows;
        case Dialog::transfer:
            if (!s.active) return rows;
            // Picked by the letter printed on the service's tickets (B = KK), the same
            // key for every ticket, never by a position that shifts with the ticket.
            for (const auto& v : s.services)
                if (v.code != s.active->service && !v.closed)
                    rows.push_back({service_name(s, v.code),
                                    std::to_string(v.waiting) + " " + texts(s.language).waiting, v.code, v.prefix, ""});
            if (static_cast<int>(rows.size()) > max_dialog_rows) rows.resize(max_dialog_rows);
            return rows;
        case Dialog::call_ticket:
            return ticket_rows(s, local_now);
        case Dialog::pause:
            for (const auto& reason : pause_presets())
                rows.push_back(
                    {pause_reason_name(s.language, reason), "", reason, std::to_string(rows.size() + 1), ""});
            if (!s.dialog.input.empty())
                rows.push_back({s.dialog.input, texts(s.language).other_reason, s.dialog.input, "", ""});
            return rows;
    }
    return rows;
}

std::string normalize_label(const std::string& typed) {
    const std::string c = compact(typed);
    std::size_t letters = 0;
    while (letters < c.size() && std::isalpha(static_cast<unsigned char>(c[letters]))) ++letters;
    const std::string digits = c.substr(letters);
    const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch));
    });
    if (letters == 0 || !all_digits) return c;
    std::string number = digits.substr(std::min(digits.find_first_not_of('0'), digits.size() - 1));
    while (number.size() < 3) number.insert(number.begin(), '0');
    return c.substr(0, letters) + "-" + number;
}

std::string idle_hint(const ScreenState& s) {
    const Texts& t = texts(s.language);
    if (unavailable(s, Action::call_next) == Unavailable::offline) return t.offline_hint;
    if (s.counter_status == "paused") return t.paused_hint;
    return waiting_here(s) > 0 ? t.no_active_hint : "";
}

const std::vector<std::string>& pause_presets() {
    static const std::vector<std::string> presets = {"istirahat", "sholat", "makan siang", "tugas lain"};
    return presets;
}

}  // namespace antre::counter
