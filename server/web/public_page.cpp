#include "public_page.hpp"

#include <algorithm>
#include <iostream>
#include <optional>
#include <utility>

#include <sodium.h>
#include <boost/asio/post.hpp>

#include "antre/errors.hpp"
#include "handler.hpp"
#include "public_http.hpp"
#include "public_view.hpp"
#include "ticket_code.hpp"
#include "web_assets.hpp"
#include "web_request.hpp"
#include "web_response.hpp"

namespace antre {

namespace bhttp = boost::beast::http;
using protocol::json;

namespace public_http {

// The headers of every answer: nothing kept by a proxy or the browser's cache (a
// ticket's state is one citizen's, and changes), no framing, no sniffing, and no
// Referer that would carry a ticket's link to anyone.
const web::Responses responses{web::CachePolicy::no_store_private};

}  // namespace public_http

using public_http::responses;

namespace {

constexpr std::string_view ticket_prefix = "/t/";
constexpr std::string_view api_ticket = "/api/public/ticket/";
constexpr std::string_view api_office = "/api/public/office";
constexpr std::string_view events_suffix = "/events";

const web::Asset* asset(std::string_view name) {
    const auto& all = web::public_assets();
    auto it = std::find_if(all.begin(), all.end(), [&](const web::Asset& a) { return a.name == name; });
    return it == all.end() ? nullptr : &*it;
}

std::string sha256_base64(std::string_view text) {
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char out[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(out, sizeof out, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
    return out;
}

void replace(std::string& text, std::string_view from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::logic_error("public page: no " + std::string(from));
    text.replace(at, from.size(), to);
}

// One whole page in one answer: the style and the script inlined, allowed by their
// hashes alone, so that a slow link pays one round trip for the page.
struct Page {
    std::string html;
    std::string csp;
};

Page build_page(std::string_view html_name, std::string_view js_name = "public.js") {
    const web::Asset* html = asset(html_name);
    const web::Asset* css = asset("public.css");
    const web::Asset* js = asset(js_name);
    if (!html || !css || !js) throw std::logic_error("public page: missing " + std::string(html_name));
    Page p;
    p.html = std::string(html->bytes);
    replace(p.html, "<link rel=\"stylesheet\" href=\"public.css\">", "<style>" + std::string(css->bytes) + "</style>");
    replace(p.html, "<script src=\"" + std::string(js_name) + "\"></script>",
            "<script>" + std::string(js->bytes) + "</script>");
    p.csp = "default-src 'none'; script-src 'sha256-" + sha256_base64(js->bytes) + "'; style-src 'sha256-" +
            sha256_base64(css->bytes) +
            "'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";
    return p;
}

http::Response page_response(const Page& p) {
    auto r = responses.make(bhttp::status::ok, "text/html; charset=utf-8", p.html);
    r.set("Content-Security-Policy", p.csp);
    return r;
}

std::shared_ptr<const std::string> event_bytes(const std::string& state) {
    return std::make_shared<const std::string>("data: " + state + "\n\n");
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

}  // namespace

struct PublicPage::Pages {
    Page office = build_page("office.html");
    Page ticket = build_page("ticket.html");
    Page booking = build_page("booking.html", "booking.js");  // docs/booking.md
};

// What a code names: nothing well-formed, nothing valid today, or a ticket.
struct PublicPage::Lookup {
    enum class Kind { malformed, not_valid, found } kind;
    const Ticket* ticket = nullptr;
};

LoginThrottle::Policy PublicPage::guess_policy() {
    LoginThrottle::Policy p;
    p.free_officer_failures = p.free_address_failures = 10;
    p.first_delay = 1000;
    p.max_delay = 5 * 60'000;
    return p;
}

PublicPage::PublicPage(boost::asio::io_context& io, Handler& handler, const OfficeConfig& office, const Clock& clock,
                       bool always_open)
    : io_(io),
      handler_(handler),
      booking_(handler, office, clock),
      office_(office),
      clock_(clock),
      always_open_(always_open),
      calendar_(office.time_zone),
      guesses_(guess_policy()),
      update_timer_(io),
      heartbeat_timer_(io),
      pages_(std::make_unique<Pages>()) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium: sodium_init failed");
    arm_heartbeat();
}

PublicPage::~PublicPage() { *alive_ = false; }

PublicPage::Lookup PublicPage::look_up(std::string_view code, Millis now) const {
    if (!is_ticket_code(code)) return {Lookup::Kind::malformed};
    const Engine& engine = handler_.engine();
    const Ticket* t = public_view::find(engine, code);
    if (!t || !public_view::valid_on(*t, calendar_.day_of(now))) return {Lookup::Kind::not_valid};
    return {Lookup::Kind::found, t};
}

void PublicPage::handle(const http::Request& request, const std::string& peer,
                        std::function<void(http::Response)> respond) {
    const auto target = web::parse_target({request.target().data(), request.target().size()});
    if (!target) return respond(responses.error(400, errc::bad_request, "Alamat permintaan tidak sah"));
    if (booking_.handle(request, peer, respond)) return;
    if (request.method() != bhttp::verb::get) {
        auto r = responses.error(405, errc::bad_request, "Metode tidak diizinkan; gunakan GET");
        r.set(bhttp::field::allow, "GET");
        return respond(std::move(r));
    }
    const std::string& path = target->path;
    const Millis now = clock_.now();
    if (path == "/") return respond(page_response(pages_->office));
    if (path.rfind(ticket_prefix, 0) == 0) return respond(page_response(pages_->ticket));
    if (path == "/booking") return respond(page_response(pages_->booking));
    if (path == api_office || path == std::string(api_office) + std::string(events_suffix))
        return respond(responses.json(
            200, public_view::office(handler_.engine(), office_, now, always_open_, handler_.estimates())));
    if (path.rfind(api_ticket, 0) == 0) {
        std::string_view code = std::string_view(path).substr(api_ticket.size());
        if (ends_with(code, events_suffix)) code.remove_suffix(events_suffix.size());
        const std::string address = web::address_of(peer);
        // While an address is throttled every code is refused, known ones too:
        // otherwise the answer would still tell a guess that hit.
        if (const Millis wait = guesses_.retry_after(address, address, now); wait > 0) {
            return respond(responses.throttled(wait));
        }
        const Lookup found = look_up(code, now);
        if (found.kind != Lookup::Kind::found) {
            guesses_.failed(address, address, now);
            if (found.kind == Lookup::Kind::malformed)
                return respond(responses.error(400, "bad_code", "Kode tiket tidak sah"));
            return respond(responses.error(404, "not_valid", "Tiket ini sudah tidak berlaku"));
        }
        json body = public_view::ticket(handler_.engine(), office_, *found.ticket, now, handler_.estimates());
        body["ok"] = true;
        return respond(responses.json(200, body));
    }
    respond(responses.error(404, "not_found", "Halaman tidak ditemukan"));
}

bool PublicPage::stream(const http::Request& request, const std::string& peer,
                        const std::shared_ptr<http::EventStream>& s) {
    if (request.method() != bhttp::verb::get) return false;
    const auto target = web::parse_target({request.target().data(), request.target().size()});
    if (!target || !ends_with(target->path, events_suffix)) return false;
    const std::string& path = target->path;
    const Millis now = clock_.now();
    Watch w;
    w.stream = s;
    if (path == std::string(api_office) + std::string(events_suffix)) {
        w.last = public_view::office(handler_.engine(), office_, now, always_open_, handler_.estimates()).dump();
    } else if (path.rfind(api_ticket, 0) == 0) {
        const auto code =
            std::string_view(path).substr(api_ticket.size(), path.size() - api_ticket.size() - events_suffix.size());
        const std::string address = web::address_of(peer);
        if (guesses_.retry_after(address, address, now) > 0) return false;  // handle() says so
        const Lookup found = look_up(code, now);
        if (found.kind != Lookup::Kind::found) return false;  // handle() refuses it and counts it
        w.code = std::string(code);
        w.ticket = found.ticket->id;
        public_view::Moment moment(handler_.engine(), office_, now, handler_.estimates());
        w.last = public_view::ticket_text(moment, *found.ticket);
    } else {
        return false;
    }
    // The browser reconnects after 2 s if the stream breaks; the state comes at once.
    s->send(std::make_shared<const std::string>("retry: 2000\n\n"));
    s->send(event_bytes(w.last));
    watches_.push_back(std::move(w));
    return true;
}

// One pass over the open pages, done in slices: what all pages share at this moment
// (worked out once, and again only if the queue moved between two slices).
struct PublicPage::Pass {
    std::unique_ptr<public_view::Moment> moment;
    const Engine* engine = nullptr;
    const estimates::Set* estimates = nullptr;
    std::uint64_t change = 0;  // PublicPage::changes_ when the moment was made
    std::string today;
    std::optional<std::string> office_state;
    std::size_t next = 0;  // the first page of the next slice
};

void PublicPage::changed() {
    ++changes_;
    schedule();
}

void PublicPage::schedule() {
    if (update_posted_ || watches_.empty()) return;
    update_posted_ = true;
    // After the rest of this turn's broadcasts (one computation for a whole group
    // commit), and no sooner than update_interval after the last one.
    update_timer_.expires_at(std::max(std::chrono::steady_clock::now(), last_update_ + update_interval));
    update_timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](boost::system::error_code ec) {
        if (ec || alive.expired()) return;
        update_posted_ = false;
        if (pass_) {  // the pass under way ends first; then one more covers this change
            again_ = true;
            return;
        }
        last_update_ = std::chrono::steady_clock::now();
        pass_ = std::make_unique<Pass>();
        ++passes_;
        send_slice();
    });
}

void PublicPage::send_slice() {
    Pass& pass = *pass_;
    const Engine& engine = handler_.engine();
    // The moment of the first slice, or a new one when the queue moved since (the
    // moment's figures would no longer be the engine's).
    if (!pass.moment || pass.engine != &engine || pass.estimates != handler_.estimates() || pass.change != changes_) {
        const Millis now = clock_.now();
        pass.engine = &engine;
        pass.estimates = handler_.estimates();
        pass.change = changes_;
        pass.moment = std::make_unique<public_view::Moment>(engine, office_, now, pass.estimates);
        pass.today = calendar_.day_of(now);
        pass.office_state.reset();
    }
    const std::size_t end = std::min(watches_.size(), pass.next + pages_per_slice);
    for (; pass.next < end; ++pass.next)
        if (!update(watches_[pass.next], pass)) watches_[pass.next].stream.reset();  // dropped at the pass's end
    if (pass.next < watches_.size()) {
        // The next slice after what the I/O thread has waiting (requests, replies).
        boost::asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_)] {
            const auto running = alive.lock();
            if (running && *running) send_slice();  // not after stop() or the destructor
        });
        return;
    }
    std::erase_if(watches_, [](const Watch& w) { return w.stream.expired(); });
    pass_.reset();
    if (std::exchange(again_, false)) schedule();
}

bool PublicPage::update(Watch& w, Pass& pass) {
    auto s = w.stream.lock();
    if (!s) return false;
    const Engine& engine = *pass.engine;
    std::string state;
    bool last_one = false;
    if (w.code.empty()) {
        if (!pass.office_state)
            pass.office_state =
                public_view::office(engine, office_, pass.moment->now(), always_open_, pass.estimates).dump();
        state = *pass.office_state;
    } else {
        // By id: the code named this ticket when the stream opened, and still does.
        const Ticket* t = engine.find_ticket(w.ticket);
        if (t && t->code == w.code && public_view::valid_on(*t, pass.today)) {
            state = public_view::ticket_text(*pass.moment, *t);
        } else {  // the day ended: the page says so, and the stream ends
            state =
                json{{"ok", false}, {"error", {{"code", "not_valid"}, {"message", "Tiket ini sudah tidak berlaku"}}}}
                    .dump();
            last_one = true;
        }
    }
    // A page whose state is the one it has gets nothing.
    if (state != w.last) {
        w.last = std::move(state);
        s->send(event_bytes(w.last));
        ++updates_sent_;
    }
    if (last_one) s->end();
    return !last_one;
}

void PublicPage::arm_heartbeat() {
    heartbeat_timer_.expires_after(heartbeat);
    heartbeat_timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](boost::system::error_code ec) {
        if (ec || alive.expired()) return;
        const auto beat = std::make_shared<const std::string>(": \n\n");
        for (const Watch& w : watches_)
            if (auto s = w.stream.lock()) s->send(beat);
        // Gone phones are dropped here unless a pass is under way (it drops them at its end).
        if (!pass_) std::erase_if(watches_, [](const Watch& w) { return w.stream.expired(); });
        arm_heartbeat();
    });
}

void PublicPage::stop() {
    *alive_ = false;
    update_timer_.cancel();
    heartbeat_timer_.cancel();
}

}  // namespace antre
