// What the kiosk's layout files share: grids, buttons and the footer's language
// button, and the layouts of the feedback and survey screens.
#pragma once

#include <vector>

#include "antre/kiosk/layout.hpp"

namespace antre::kiosk::detail {

/// Splits `area` into a grid of `count` cells, `cols` wide, with `gap` between them.
std::vector<gui::Rect> grid(const gui::Rect& area, int count, int cols, int gap);
/// Adds a pressable area.
void add(Layout& l, TargetKind kind, int index, gui::Rect r);
/// Puts the language button at the footer's right end; returns the rest of the footer.
gui::Rect language_button(Layout& l);
/// The digits 1-9, erase, 0 and OK in a 3x4 block filling `pad`.
void keypad(Layout& l, const gui::Rect& pad, int gap);
/// Columns for `services` service buttons: one (portrait) to four (landscape, many).
int service_columns(const Layout& l, int services);

void feedback_idle_layout(Layout& l);
void rating_layout(Layout& l);
void thanks_layout(Layout& l, const KioskState& s);
void survey_service_layout(Layout& l, const KioskState& s);
void survey_question_layout(Layout& l);
void survey_profile_layout(Layout& l, const KioskState& s);
void survey_note_layout(Layout& l);
void check_entry_layout(Layout& l, const KioskState& s);
void checkin_entry_layout(Layout& l);
void checkin_refused_layout(Layout& l, const KioskState& s);

}  // namespace antre::kiosk::detail
