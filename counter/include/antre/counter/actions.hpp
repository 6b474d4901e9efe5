// The action model: which of the nine actions make sense now, why not, which
// key runs each, and what pressing one does (send a request or open a dialog).
// The server stays the judge: an enabled action can still be refused.
#pragma once

#include <string>
#include <vector>

#include "antre/counter/state.hpp"

namespace antre::counter {

/// Keys the client reacts to, independent of SDL (main.cpp maps SDL's keycodes).
enum class Key { enter, escape, tab, back_tab, backspace, up, down, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10 };

/// Why an action cannot run now.
enum class Unavailable { no, offline, pending, paused, no_active, has_active, queue_empty, serving, no_target };

/// The first reason `a` cannot run now, or Unavailable::no when it can.
Unavailable unavailable(const ScreenState& s, Action a);
inline bool enabled(const ScreenState& s, Action a) { return unavailable(s, a) == Unavailable::no; }

/// The shortcut of `a` (F1 .. F8, F10).
Key shortcut(Action a);
/// The shortcut's name as printed on the button: "F1".
const char* shortcut_name(Action a);
/// The action that `k` runs on the main screen, if any (Enter also calls the next number).
std::optional<Action> action_for_key(Key k);
/// The button's words in the screen's language (Istirahat or Lanjut by the counter's state).
std::string action_label(const ScreenState& s, Action a);
/// The sentence explaining `why`.
std::string why_text(const ScreenState& s, Unavailable why);

/// Presses `a`: sends its request, opens its dialog, or says why it cannot run.
Commands trigger(ScreenState& s, Action a, Millis now);
/// Sends the request of `a` with `fields` and marks it pending.
Commands send(ScreenState& s, Action a, const std::string& op, nlohmann::json fields, Millis now);

/// One choice in a dialog.
struct DialogRow {
    std::string text;    ///< the main words: a service's name, a ticket's label, a reason
    std::string detail;  ///< smaller words beside it
    std::string value;   ///< what is sent: a service code, a label, a reason
    std::string key;     ///< what is typed to pick it: a service's letter (Alihkan), a digit (Istirahat); or ""
    std::string mark;    ///< a chip after the main words: "Daring" on a booked ticket (Panggil Nomor); or ""
};

/// The rows of the open dialog, in order (empty for Keluar).
std::vector<DialogRow> dialog_rows(const ScreenState& s, Millis local_now);
/// Most rows a dialog lists.
inline constexpr int max_dialog_rows = 7;
/// "a7", "A-7", "A007" -> "A-007": what an officer types, as the label the server knows.
std::string normalize_label(const std::string& typed);
/// The hint on the idle ticket panel: what the keys do now (nothing while offline).
std::string idle_hint(const ScreenState& s);
/// The pause reasons offered, as sent to the server (Indonesian, shown on the board).
const std::vector<std::string>& pause_presets();

}  // namespace antre::counter
