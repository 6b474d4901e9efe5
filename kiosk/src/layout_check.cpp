// Where "Cek nomor"'s keypad goes: the number's field and the hint on one side,
// a row of the office's service letters over the digits on the other (landscape),
// or all of it stacked (portrait).
#include <algorithm>

#include "layout_parts.hpp"

namespace antre::kiosk::detail {

using gui::Rect;

void check_entry_layout(Layout& l, const KioskState& s) {
    const int gap = l.px(20);
    const int letters = std::max(1, static_cast<int>(s.services.size()));
    const int field_h = l.px(150), back_h = l.px(110);
    int key = l.px(l.portrait ? 170 : 130);
    if (!l.portrait) key = std::min(key, (l.body.h - 4 * gap) / 5);
    const int pad_w = 3 * key + 2 * gap;
    // The letters' row is as wide as the digits, or wider when there are many services.
    const int letters_w = std::max(pad_w, std::min(l.body.w, letters * (key * 3 / 4 + gap) - gap));
    Rect letter_row{}, pad{}, back{};
    if (l.portrait) {
        l.notice = {l.body.x + (l.body.w - pad_w) / 2, l.body.y, pad_w, field_h};
        letter_row = {l.body.x + (l.body.w - letters_w) / 2, l.notice.y + field_h + l.px(60), letters_w, key};
        pad = {l.notice.x, letter_row.y + key + gap * 2, pad_w, 4 * key + 3 * gap};
        back = {pad.x, pad.y + pad.h + gap * 2, pad_w, back_h};
    } else {
        const int right_w = std::max(pad_w, letters_w);
        const int left_w = l.body.w - right_w - l.px(80);
        l.notice = {l.body.x, l.body.y + l.px(20), left_w, field_h};
        letter_row = {l.body.x + l.body.w - letters_w, l.body.y, letters_w, key};
        pad = {l.body.x + l.body.w - pad_w, l.body.y + key + gap, pad_w, 4 * key + 3 * gap};
        back = {l.body.x, pad.y + pad.h - back_h, std::min(left_w, l.px(520)), back_h};
    }
    const auto letter_cells = grid(letter_row, letters, letters, gap);
    for (int i = 0; i < static_cast<int>(s.services.size()); ++i)
        add(l, TargetKind::check_letter, i, letter_cells[static_cast<std::size_t>(i)]);
    keypad(l, pad, gap);
    add(l, TargetKind::back, 0, back);
}

}  // namespace antre::kiosk::detail
