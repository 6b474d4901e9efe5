// What the kiosk's screen renderers share: the frame being drawn, its colours,
// and the header, buttons and paragraphs every screen uses.
#pragma once

#include <string>

#include "antre/gui/painter.hpp"
#include "antre/gui/theme.hpp"
#include "antre/kiosk/layout.hpp"
#include "antre/kiosk/palette.hpp"
#include "antre/kiosk/texts.hpp"

namespace antre::kiosk::detail {

using palette::button_dark;
using palette::dark_muted;
using palette::paper;
using palette::paper_muted;
using palette::paper_rule;
using palette::qr_dark;
using palette::soft_white;

/// One frame: the state, its layout, the painter and the time to show.
struct Frame {
    const KioskState& state;
    const Layout& layout;
    gui::Painter& painter;
    const Texts& texts;
    const FeedbackTexts& feedback;
    Millis shown_time;  ///< server time, for the clock and dates

    int px(double design) const { return layout.px(design); }
    Language language() const { return state.language; }
};

/// Office name, date and clock across the top, with a thin accent rule.
void draw_header(Frame& f);
/// A rounded button with one centred label.
void draw_label_button(Frame& f, const gui::Rect& r, SDL_Color fill, SDL_Color text, const std::string& label,
                       int size);
/// The language button, where the layout has one.
void draw_language_button(Frame& f);
/// A paragraph wrapped into `box` from its top, centred or not; returns the height used.
int draw_paragraph(Frame& f, const std::string& text, const gui::Rect& box, int size, SDL_Color colour,
                   gui::Align align, bool bold = false);
/// A paragraph centred in `box` at the largest size up to `size` whose lines fit it,
/// never under the kiosk's smallest text (min_text_px): it wraps rather than shrinks.
void draw_fitted_paragraph(Frame& f, const std::string& text, const gui::Rect& box, int size, SDL_Color colour,
                           bool bold);
/// The screen's heading and a hint under it in the title band, leaving `reserve` pixels on the right.
void draw_title(Frame& f, const std::string& title, const std::string& hint, int reserve = 0);
/// "Sentuh layar untuk kembali (7)": the seconds left of a screen shown for `shown_for`.
std::string touch_to_return_text(const Frame& f, Millis shown_for);
/// A centred panel with an amber edge: a title and why (refusals, what was not saved).
void draw_notice_panel(Frame& f, const std::string& title, const std::string& message);
/// A line of text in the middle of the screen while the server is asked, and a second one.
void draw_waiting(Frame& f, const std::string& text, const std::string& detail);
/// The colour of rating `rating` (4 Sangat Puas green .. 1 Tidak Puas red).
SDL_Color rating_colour(int rating);
/// A face for rating `rating` (4 a broad smile .. 1 a frown), radius `r` around (cx, cy).
void draw_face(Frame& f, int cx, int cy, int r, int rating, SDL_Color skin, SDL_Color features);

/// The ticket screen of an unprinted ticket with a link: number, QR and what to do.
void draw_ticket_qr(Frame& f);

void draw_home(Frame& f);
void draw_priority(Frame& f);
void draw_late(Frame& f);
void draw_ticket(Frame& f);
void draw_refused(Frame& f);
void draw_issuing(Frame& f);
void draw_offline(Frame& f);
void draw_admin(Frame& f);
void draw_feedback_idle(Frame& f);
void draw_rating(Frame& f);
void draw_thanks(Frame& f);
void draw_not_saved(Frame& f);
void draw_survey_service(Frame& f);
void draw_survey_question(Frame& f);
void draw_survey_sending(Frame& f);
void draw_survey_profile(Frame& f);
void draw_survey_note(Frame& f);
void draw_check_entry(Frame& f);
void draw_check_waiting(Frame& f);
void draw_check_result(Frame& f);
/// The home screen's "Sudah pesan online? Check-in" button.
void draw_checkin_button(Frame& f, const gui::Rect& r);
void draw_checkin_entry(Frame& f);
void draw_checkin_waiting(Frame& f);
void draw_checkin_refused(Frame& f);

}  // namespace antre::kiosk::detail
