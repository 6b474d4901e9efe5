// Where the check-in's screens go: the code's field and the scanning hint beside
// (landscape) or above (portrait) a keyboard of the code's 30 characters with erase
// and OK; back and the language button in the footer. The refusal: its notice and
// one or two buttons under it.
#include <algorithm>

#include "antre/booking_code.hpp"
#include "antre/kiosk/texts_checkin.hpp"
#include "layout_parts.hpp"

namespace antre::kiosk::detail {

using gui::Rect;

void checkin_entry_layout(Layout& l) {
    const int gap = l.px(16);
    const int keys = static_cast<int>(booking_code_alphabet.size());
    const int cols = l.portrait ? 6 : 10;
    const int rows = (keys + cols - 1) / cols + 1;  // the characters, then erase and OK
    Rect board{};
    if (l.portrait) {
        l.notice = {l.body.x, l.body.y, l.body.w, l.px(150)};
        // Room for "Kurang 3 karakter" and the scanning hint's three lines.
        l.prompt = {l.body.x, l.notice.y + l.notice.h + l.px(16), l.body.w, l.px(200)};
        const int top = l.prompt.y + l.prompt.h + l.px(24);
        const int key_h = std::min(l.px(150), (l.body.y + l.body.h - top - (rows - 1) * gap) / rows);
        board = {l.body.x, top, l.body.w, rows * key_h + (rows - 1) * gap};
    } else {
        const int key_h = (l.body.h - (rows - 1) * gap) / rows;
        const int board_w = std::min(l.body.w * 62 / 100, cols * (key_h * 6 / 5 + gap) - gap);
        board = {l.body.x + l.body.w - board_w, l.body.y, board_w, l.body.h};
        const int left_w = l.body.w - board_w - l.px(56);
        l.notice = {l.body.x, l.body.y + l.px(10), left_w, l.px(150)};
        l.prompt = {l.body.x, l.notice.y + l.notice.h + l.px(40), left_w,
                    l.body.y + l.body.h - (l.notice.y + l.notice.h + l.px(40))};
    }
    const int key_h = (board.h - (rows - 1) * gap) / rows;
    const Rect chars{board.x, board.y, board.w, board.h - key_h - gap};
    const auto cells = grid(chars, keys, cols, gap);
    for (int i = 0; i < keys; ++i) add(l, TargetKind::code_key, i, cells[static_cast<std::size_t>(i)]);
    const Rect last{board.x, board.y + board.h - key_h, board.w, key_h};
    const int half = (last.w - gap) / 2;
    add(l, TargetKind::key_erase, 0, {last.x, last.y, half, last.h});
    add(l, TargetKind::key_ok, 0, {last.x + half + gap, last.y, last.w - half - gap, last.h});
    add(l, TargetKind::back, 0, language_button(l));
}

void checkin_refused_layout(Layout& l, const KioskState& s) {
    const int gap = l.px(32), button_h = l.px(l.portrait ? 190 : 150);
    // A touch anywhere else goes home, as the notice says; the buttons lie on top.
    add(l, TargetKind::dismiss, 0, {0, 0, l.width, l.height});
    // The notice no taller than its few lines need, the buttons right under it.
    const int notice_h = std::min(l.body.h - button_h - gap, l.px(620));
    l.notice = {l.body.x, l.body.y, l.body.w, notice_h};
    const Rect buttons{l.body.x, l.notice.y + notice_h + gap, l.body.w, button_h};
    const bool retry = refusal_offers_retry(s.checkin.refusal_code);
    const int w = retry ? (buttons.w - gap) / 2 : buttons.w;
    if (retry) add(l, TargetKind::checkin_retry, 0, {buttons.x, buttons.y, w, buttons.h});
    add(l, TargetKind::walk_in, 0, {buttons.x + buttons.w - w, buttons.y, w, buttons.h});
}

}  // namespace antre::kiosk::detail
