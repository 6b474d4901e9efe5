#include "board_view.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>

#include "antre/calendar.hpp"
#include "antre/gui/dates.hpp"
#include "antre/gui/qr.hpp"
#include "antre/gui/shapes.hpp"
#include "antre/gui/text_wrap.hpp"
#include "antre/gui/theme.hpp"
#include "board_texts.hpp"

namespace antre::display {

using gui::Align;
using gui::Rect;
namespace theme = gui::theme;

namespace {

// Everything one frame's drawing needs, and the scaling from the 1920x1080 design.
struct Frame {
    const BoardState& state;
    gui::Painter& painter;
    const BoardLayout& layout;
    Millis now;
    int px(double design_pixels) const {
        return std::max(1, static_cast<int>(std::lround(design_pixels * layout.scale)));
    }
};

// Time zones are looked up once: the tz database is slow to search every frame.
LocalTime local_time(const std::string& zone, Millis t) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const OfficeCalendar>> calendars;
    std::shared_ptr<const OfficeCalendar> calendar;
    {
        std::lock_guard lock(mutex);
        auto& slot = calendars[zone];
        if (!slot) {
            try {
                slot = std::make_shared<OfficeCalendar>(zone);
            } catch (const std::exception&) {
                slot = std::make_shared<OfficeCalendar>("Asia/Jayapura");  // an unknown zone: the office's own
            }
        }
        calendar = slot;
    }
    return calendar->local(t);
}

SDL_Color service_colour(const BoardState& state, const std::string& code) {
    const auto* s = find_service(state, code);
    return s ? theme::service_colour(s->colour) : theme::disabled;
}

std::string service_name(const BoardState& state, const std::string& code) {
    const auto* s = find_service(state, code);
    return s ? s->name : code;
}

void draw_header(Frame& f) {
    const Rect h = f.layout.header;
    auto& p = f.painter;
    p.fill(h, theme::panel);
    p.fill({h.x, h.y + h.h - f.px(6), h.w, f.px(6)}, theme::accent);
    const std::string office = f.state.office_name.empty() ? "Antre" : f.state.office_name;
    p.text(office, {h.x + f.px(40), h.y + f.px(14), f.px(1060), f.px(54)}, f.px(40), theme::text, Align::left, true);
    p.text("Layanan Administrasi Kependudukan", {h.x + f.px(40), h.y + f.px(68), f.px(1060), f.px(38)}, f.px(28),
           theme::muted);

    const auto local = local_time(f.state.time_zone, f.now);
    p.text(gui::clock_text(local, f.state.time_zone), {h.x + h.w - f.px(440), h.y + f.px(6), f.px(400), f.px(74)},
           f.px(62), theme::text, Align::right, true);
    p.text(gui::long_date(local, "id"), {h.x + h.w - f.px(640), h.y + f.px(76), f.px(600), f.px(34)}, f.px(28),
           theme::muted, Align::right);

    // The link or the sound is down: small, but visible to the staff.
    const Rect mark{h.x + f.px(1110), h.y + f.px(32), f.px(330), f.px(54)};
    if (!f.state.connected) {
        gui::fill_rounded(p, mark, f.px(27), theme::danger);
        p.text("\u25CF koneksi terputus", mark.inset(f.px(10)), f.px(28), theme::text, Align::center, true);
    } else if (!f.state.sound_problem.empty()) {
        gui::fill_rounded(p, mark, f.px(27), theme::disabled);
        p.text("tanpa suara", mark.inset(f.px(10)), f.px(28), theme::text, Align::center, true);
    }
}

// The width of the "Daring" mark for text of `size`.
int daring_width(Frame& f, int size) { return f.painter.text_width("Daring", size, true) + f.px(28); }

// A booked ticket's "Daring" mark: dark on white, which reads on every colour under
// it (a service's, the list's rows, the yellow of a call). Returns its width.
int draw_daring(Frame& f, int x, int y, int h, int size) {
    const Rect box{x, y, daring_width(f, size), h};
    gui::fill_rounded(f.painter, box, std::min(box.h / 2, f.px(25)), theme::text);
    f.painter.text("Daring", box, size, theme::dark_text, Align::center, true);
    return box.w;
}

void draw_featured(Frame& f) {
    const Rect r = f.layout.featured;
    auto& p = f.painter;
    const Call* call = featured_call(f.state);
    const bool lit = highlight_lit(f.state, f.now);
    // Blinking: all yellow; while the voice goes on, a yellow frame; then plain.
    if (lit) {
        gui::fill_rounded(p, r, f.px(28), theme::accent);
    } else if (call && f.state.announcing) {
        gui::fill_rounded(p, r, f.px(28), theme::accent);
        gui::fill_rounded(p, r.inset(f.px(8)), f.px(22), theme::panel);
    } else {
        gui::fill_rounded(p, r, f.px(28), theme::panel);
    }
    const SDL_Color ink = lit ? theme::dark_text : theme::text;
    const SDL_Color quiet = lit ? theme::dark_text : theme::muted;

    // Centred; on a panel narrowed for the QR code, left of a recall's tag rather than under it.
    const Rect tag{r.x + r.w - f.px(330), r.y + f.px(20), f.px(300), f.px(48)};
    const std::string title = "NOMOR ANTREAN";
    const int title_w = p.text_width(title, f.px(38), true);
    const bool clear_of_tag = !call || !call->recall || r.x + (r.w + title_w) / 2 + f.px(16) <= tag.x;
    p.text(title, {r.x, r.y + f.px(18), clear_of_tag ? r.w : tag.x - r.x, f.px(50)}, f.px(38), quiet, Align::center,
           true);
    if (!call) {
        const char* why = f.state.has_snapshot ? "Belum ada panggilan" : "Menghubungkan ke server\u2026";
        p.text(why, {r.x, r.y + f.px(170), r.w, f.px(120)}, f.px(60), theme::muted, Align::center, true);
        return;
    }
    if (call->recall) {
        gui::fill_rounded(p, tag, f.px(24), lit ? theme::dark_text : theme::warning);
        p.text("PANGGILAN ULANG", tag.inset(f.px(8)), f.px(26), lit ? theme::accent : theme::dark_text, Align::center,
               true);
    }
    p.text(call->label, {r.x + f.px(30), r.y + f.px(64), r.w - f.px(60), f.px(228)}, f.px(222), ink, Align::center,
           true);

    // The service, on its colour, so that it reads like the kiosk's button; a booked
    // ticket's "Daring" mark beside it.
    const std::string service = service_name(f.state, call->service);
    const int service_size = f.px(34);
    const int mark_w = call->booked ? daring_width(f, service_size) + f.px(16) : 0;
    const int pill_w = std::min(r.w - f.px(60) - mark_w, p.text_width(service, service_size, true) + f.px(48));
    const Rect pill{r.x + (r.w - pill_w - mark_w) / 2, r.y + f.px(292), pill_w, f.px(50)};
    gui::fill_rounded(p, pill, f.px(25), service_colour(f.state, call->service));
    p.text(service, pill.inset(f.px(6)), service_size, theme::text, Align::center, true);
    if (call->booked) draw_daring(f, pill.x + pill.w + f.px(16), pill.y, pill.h, service_size);

    const Rect band{r.x + f.px(30), r.y + f.px(358), r.w - f.px(60), f.px(92)};
    gui::fill_rounded(p, band, f.px(22), lit ? theme::background : theme::accent);
    p.text("LOKET " + std::to_string(call->counter), band.inset(f.px(4)), f.px(78),
           lit ? theme::accent : theme::dark_text, Align::center, true);
}

void draw_recent(Frame& f) {
    const Rect r = f.layout.recent;
    auto& p = f.painter;
    gui::fill_rounded(p, r, f.px(28), theme::panel);
    p.text("Panggilan Terakhir", {r.x + f.px(28), r.y + f.px(16), r.w - f.px(56), f.px(56)}, f.px(38), theme::text,
           Align::left, true);
    p.text("NOMOR", {r.x + f.px(52), r.y + f.px(74), f.px(200), f.px(32)}, f.px(min_text_px), theme::muted, Align::left,
           true);
    p.text("LOKET", {r.x + r.w - f.px(252), r.y + f.px(74), f.px(200), f.px(32)}, f.px(min_text_px), theme::muted,
           Align::right, true);
    const int top = r.y + f.px(110), row_h = f.px(58);
    const auto rows = static_cast<std::size_t>(std::max(0, (r.y + r.h - f.px(12) - top) / row_h));
    if (f.state.recent.empty())
        p.text("Belum ada panggilan", {r.x, top, r.w, row_h}, f.px(32), theme::muted, Align::center);
    for (std::size_t i = 0; i < rows && i < f.state.recent.size(); ++i) {
        const Call& c = f.state.recent[i];
        const Rect row{r.x + f.px(20), top + static_cast<int>(i) * row_h, r.w - f.px(40), row_h - f.px(8)};
        const bool announcing = f.state.announcing && f.state.announcing->ticket == c.ticket;
        gui::fill_rounded(p, row, f.px(14), announcing ? theme::accent : theme::panel_light);
        p.fill({row.x, row.y + f.px(8), f.px(12), row.h - f.px(16)}, service_colour(f.state, c.service));
        const SDL_Color ink = announcing ? theme::dark_text : theme::text;
        const int label_size =
            p.text(c.label, {row.x + f.px(32), row.y, f.px(240), row.h}, f.px(40), ink, Align::left, true);
        // The marks, in a column after the numbers: "Daring" for a booked ticket, "ulang" for a recall.
        int mark_x = std::max(row.x + f.px(200), row.x + f.px(32) + p.text_width(c.label, label_size, true) + f.px(14));
        if (c.booked) mark_x += draw_daring(f, mark_x, row.y + f.px(8), row.h - f.px(16), f.px(min_text_px)) + f.px(12);
        if (c.recall)
            p.text("ulang", {mark_x, row.y, f.px(120), row.h}, f.px(24), announcing ? theme::dark_text : theme::warning,
                   Align::left, true);
        p.text("Loket " + std::to_string(c.counter), {row.x + row.w - f.px(232), row.y, f.px(212), row.h}, f.px(38),
               ink, Align::right, true);
    }
}

struct CounterLook {
    std::string word;
    SDL_Color colour;
    std::string short_word;  ///< when `word` does not fit
};

CounterLook counter_look(const CounterView& c, const HeldTicket* held) {
    if (c.state == CounterState::closed) return {"Tutup", theme::disabled_text, "Tutup"};
    if (c.state == CounterState::paused)
        return {c.pause_reason.empty() || c.pause_reason == "istirahat" ? "Istirahat" : "Istirahat: " + c.pause_reason,
                theme::warning, "Istirahat"};
    if (c.held && !held) return {"Layanan lain", theme::muted, "Layanan lain"};  // a service this board does not show
    if (!held) return {"Buka", theme::muted, "Buka"};
    if (held->status == TicketStatus::serving) return {"Sedang Dilayani", theme::ok, "Sedang Dilayani"};
    return {"Dipanggil", theme::accent, "Dipanggil"};
}

void draw_counters(Frame& f) {
    const Rect r = f.layout.counters;
    auto& p = f.painter;
    const auto shown = shown_counters(f.state);
    if (shown.empty()) return;
    const int n = static_cast<int>(shown.size()), gap = f.px(16);
    const int w = (r.w - gap * (n - 1)) / n;
    const Call* featured = featured_call(f.state);
    for (int i = 0; i < n; ++i) {
        const CounterView& c = *shown[static_cast<std::size_t>(i)];
        const Rect t{r.x + i * (w + gap), r.y, w, r.h};
        const bool called_now = featured && featured->counter == c.number && highlight_active(f.state, f.now);
        if (called_now) {
            gui::fill_rounded(p, t, f.px(22), theme::accent);
            gui::fill_rounded(p, t.inset(f.px(6)), f.px(18), theme::panel);
        } else {
            gui::fill_rounded(p, t, f.px(22), theme::panel);
        }
        const bool closed = c.state == CounterState::closed;
        p.text("LOKET " + std::to_string(c.number), {t.x + f.px(12), t.y + f.px(8), t.w - f.px(24), f.px(42)}, f.px(34),
               closed ? theme::disabled_text : theme::muted, Align::center, true);
        p.fill({t.x + f.px(20), t.y + f.px(52), t.w - f.px(40), f.px(2)}, theme::panel_light);
        const HeldTicket* held = shown_ticket(f.state, c);
        const auto look = counter_look(c, held);
        const std::string ticket = held ? held->label : "\u2014";
        const SDL_Color ink = !held                                  ? theme::disabled_text
                              : held->status == TicketStatus::called ? theme::accent
                                                                     : theme::text;
        p.text(ticket, {t.x + f.px(12), t.y + f.px(54), t.w - f.px(24), f.px(82)}, f.px(70), ink, Align::center, true);
        // A break's reason too long for the tile is left out rather than shrunk out of sight.
        const Rect word_box{t.x + f.px(12), t.y + f.px(134), t.w - f.px(24), f.px(36)};
        const bool fits = p.text_width(look.word, f.px(min_text_px), true) <= word_box.w;
        p.text(fits ? look.word : look.short_word, word_box, f.px(28), look.colour, Align::center, true);
    }
}

// `text` on one line if it fits at `size`, else on two lines split where the
// longer line is shortest (Painter::text then shrinks a line that is still too wide).
std::vector<std::string> at_most_two_lines(gui::Painter& p, const std::string& text, int width, int size) {
    auto lines = gui::wrap_text(p, text, width, size, true);
    if (lines.size() <= 2) return lines;
    std::vector<std::string> words;
    for (const auto& line : lines)
        for (std::size_t start = 0, end = 0; start < line.size(); start = end + 1) {
            end = std::min(line.find(' ', start), line.size());
            words.push_back(line.substr(start, end - start));
        }
    std::vector<std::string> best;
    int best_width = 0;
    for (std::size_t split = 1; split < words.size(); ++split) {
        std::string first, second;
        for (std::size_t k = 0; k < words.size(); ++k)
            (k < split ? first : second) += (k == 0 || k == split ? "" : " ") + words[k];
        const int widest = std::max(p.text_width(first, size, true), p.text_width(second, size, true));
        if (best.empty() || widest < best_width) best = {first, second}, best_width = widest;
    }
    return best;
}

// Under a service's waiting count: what a number taken now would be told.
void draw_estimate(Frame& f, const EstimateLine& line, const Rect& area) {
    auto& p = f.painter;
    if (line.kind == EstimateLine::Kind::none) return;
    if (!line.label.empty()) {  // an interval or a wait: the label small, the figure large
        p.text(line.label, {area.x, area.y, area.w, f.px(28)}, f.px(min_text_px), theme::text);
        // The times as large as the tile allows; the zone after them where it fits.
        const Rect value{area.x, area.y + f.px(26), area.w, area.h - f.px(26)};
        const int size = p.text(line.value, value, f.px(36), theme::text, Align::left, true);
        const int after = p.text_width(line.value, size, true) + f.px(8);
        if (!line.unit.empty() && p.text_width(line.unit, f.px(min_text_px), true) <= value.w - after)
            p.text(line.unit, {value.x + after, value.y + f.px(4), value.w - after, value.h}, f.px(min_text_px),
                   theme::text, Align::left, true);
        return;
    }
    // Past closing: the warning on amber, seen at once among the other services' times.
    const bool late = line.kind == EstimateLine::Kind::late;
    if (late) gui::fill_rounded(p, area, f.px(12), theme::warning);
    const Rect inner = late ? Rect{area.x + f.px(8), area.y + f.px(3), area.w - f.px(16), area.h - f.px(6)} : area;
    const int size = f.px(late ? min_text_px : 26);
    const auto lines = at_most_two_lines(p, line.value, inner.w, size);
    const int line_h = inner.h / 2;
    const int top = inner.y + (lines.size() == 1 ? line_h / 2 : 0);
    for (std::size_t k = 0; k < lines.size(); ++k)
        p.text(lines[k], {inner.x, top + static_cast<int>(k) * line_h, inner.w, line_h}, size,
               late ? theme::dark_text : theme::text, late ? Align::center : Align::left, true);
}

// One tile per service, on its colour: the name, the number waiting, and when a
// number taken now would be called (docs/display.md).
void draw_services(Frame& f) {
    const Rect r = f.layout.services;
    auto& p = f.painter;
    const auto shown = shown_services(f.state);
    if (shown.empty()) return;
    const int n = static_cast<int>(shown.size()), gap = f.px(14);
    const int w = (r.w - gap * (n - 1)) / n;
    for (int i = 0; i < n; ++i) {
        const ServiceView& s = *shown[static_cast<std::size_t>(i)];
        const Rect chip{r.x + i * (w + gap), r.y, w, r.h};
        gui::fill_rounded(p, chip, f.px(20), s.closed ? theme::disabled : theme::service_colour(s.colour));
        // Rows at fixed heights, so that the tiles read as a table: the name on up to
        // two lines, the count, the estimate.
        const Rect inner{chip.x + f.px(16), chip.y + f.px(8), chip.w - f.px(32), chip.h - f.px(16)};
        const int name_size = f.px(28), line_h = f.px(31);
        const auto lines = at_most_two_lines(p, s.name, inner.w, name_size);
        for (std::size_t k = 0; k < lines.size(); ++k)
            p.text(lines[k], {inner.x, inner.y + static_cast<int>(k) * line_h, inner.w, line_h}, name_size, theme::text,
                   Align::left, true);
        const Rect figure{inner.x, inner.y + f.px(62), inner.w, f.px(52)};
        if (s.closed) {
            p.text("Ditutup", figure, f.px(40), theme::text, Align::left, true);
            continue;
        }
        // The count large, "orang menunggu" on two small lines beside it.
        const std::string count = std::to_string(s.waiting);
        const int count_size = p.text(count, figure, f.px(48), theme::text, Align::left, true);
        const int after = p.text_width(count, count_size, true) + f.px(10);
        const int word_h = figure.h / 2;
        p.text("orang", {figure.x + after, figure.y + f.px(2), figure.w - after, word_h}, f.px(min_text_px),
               theme::text);
        p.text("menunggu", {figure.x + after, figure.y + f.px(2) + word_h, figure.w - after, word_h}, f.px(min_text_px),
               theme::text);
        const int top = figure.y + figure.h + f.px(2);
        draw_estimate(f, estimate_line(s, f.state.time_zone, f.state.connected),
                      {inner.x, top, inner.w, inner.y + inner.h - top});
    }
}

// The office page for phones: its QR code on white, and what it is for, in
// Indonesian and English.
void draw_office_qr(Frame& f) {
    const Rect r = f.layout.qr;
    if (r.w <= 0 || f.state.public_url.empty()) return;
    auto& p = f.painter;
    gui::fill_rounded(p, r, f.px(28), theme::panel);
    const Rect code{r.x + f.px(10), r.y + f.px(10), r.w - f.px(20), r.w - f.px(20)};
    const Rect drawn = gui::draw_qr(p, f.state.public_url, code);
    int y = drawn.y + drawn.h + f.px(14);
    const int inner_x = r.x + f.px(14), inner_w = r.w - f.px(28);
    const auto caption = [&](const std::string& text, int size, int line_h, SDL_Color colour, bool bold) {
        for (const auto& line : at_most_two_lines(p, text, inner_w, size)) {
            p.text(line, {inner_x, y, inner_w, line_h}, size, colour, Align::center, bold);
            y += line_h;
        }
    };
    caption("Pantau antrean dari ponsel", f.px(28), f.px(36), theme::text, true);
    y += f.px(8);
    caption("Follow the queue on your phone", f.px(min_text_px), f.px(30), theme::muted, false);
}

void draw_ticker_band(Frame& f) {
    const Rect r = f.layout.ticker;
    auto& p = f.painter;
    p.fill(r, theme::panel);
    p.fill({r.x, r.y, r.w, f.px(4)}, theme::accent);
    if (f.state.ticker.empty()) return;
    const Rect band{r.x, r.y + f.px(4), r.w, r.h - f.px(4)};
    const int size = f.px(34), gap = f.px(160), space = p.text_width(" ", size);
    // In pieces of at most ~1500 px: any length fits in textures, and only the
    // pieces on screen are drawn.
    struct Piece {
        std::string text;
        int x, w;
    };
    std::vector<Piece> pieces;
    int length = 0;
    for (auto& line : gui::wrap_text(p, f.state.ticker, f.px(1500), size)) {
        const int w = p.text_width(line, size);
        pieces.push_back({std::move(line), length, w});
        length += w + space;
    }
    const Millis period = std::max(1, length - space + gap);
    const Millis speed = f.px(120);  // pixels per second
    const int offset = static_cast<int>((f.now * speed / 1000) % period);
    const SDL_Rect clip = band.sdl();
    SDL_RenderSetClipRect(p.renderer(), &clip);
    for (int start = band.x - offset; start < band.x + band.w; start += static_cast<int>(period)) {
        for (const auto& piece : pieces)
            if (start + piece.x < band.x + band.w && start + piece.x + piece.w > band.x)
                p.text(piece.text, {start + piece.x, band.y, piece.w, band.h}, size, theme::text);
        p.text("\u25C6", {start + static_cast<int>(period) - gap, band.y, gap, band.h}, f.px(min_text_px),
               theme::accent, Align::center);
    }
    SDL_RenderSetClipRect(p.renderer(), nullptr);
}

}  // namespace

BoardLayout board_layout(int width, int height, bool with_qr) {
    const double sx = width / 1920.0, sy = height / 1080.0;
    const auto box = [&](int x, int y, int w, int h) {
        const int left = static_cast<int>(std::lround(x * sx)), top = static_cast<int>(std::lround(y * sy));
        return Rect{left, top, static_cast<int>(std::lround((x + w) * sx)) - left,
                    static_cast<int>(std::lround((y + h) * sy)) - top};
    };
    BoardLayout l;
    l.header = box(0, 0, 1920, 120);
    if (with_qr) {
        l.featured = box(40, 140, 860, 470);
        l.recent = box(932, 140, 658, 470);
        l.qr = box(1614, 140, 266, 470);
    } else {
        l.featured = box(40, 140, 1150, 470);
        l.recent = box(1222, 140, 658, 470);
    }
    l.counters = box(40, 626, 1840, 176);
    l.services = box(40, 818, 1840, 194);
    l.ticker = box(0, 1022, 1920, 58);
    l.scale = std::min(sx, sy);
    return l;
}

void draw_board(const BoardState& state, gui::Painter& painter, int width, int height, Millis now) {
    const BoardLayout layout = board_layout(width, height, !state.public_url.empty());
    Frame f{state, painter, layout, now};
    painter.clear(theme::background);
    draw_header(f);
    draw_featured(f);
    draw_recent(f);
    draw_office_qr(f);
    draw_counters(f);
    draw_services(f);
}

void draw_ticker(const BoardState& state, gui::Painter& painter, int width, int height, Millis now) {
    const BoardLayout layout = board_layout(width, height);
    Frame f{state, painter, layout, now};
    draw_ticker_band(f);
}

void draw(const BoardState& state, gui::Painter& painter, int width, int height, Millis now) {
    draw_board(state, painter, width, height, now);
    draw_ticker(state, painter, width, height, now);
}

}  // namespace antre::display
