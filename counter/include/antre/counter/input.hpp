// The officer's input as reducer steps: keys, typed text and taps (found by the
// layout's hit test) move the state and may ask the controller to act.
#pragma once

#include <string_view>

#include "antre/counter/actions.hpp"
#include "antre/counter/state.hpp"

namespace antre::counter {

/// What a tap or click lands on.
enum class TargetKind {
    none,
    action,      ///< index: the Action
    dialog_row,  ///< index: the row
    dialog_ok,
    dialog_cancel,
    login_field,  ///< index: the LoginField
    key_digit,    ///< index: the digit
    key_erase,
    key_submit,
    language,
};

struct Target {
    TargetKind kind = TargetKind::none;
    int index = 0;
    bool operator==(const Target&) const = default;
};

/// A key press.
Commands on_key(ScreenState& s, Key k, Millis now);
/// Typed text (UTF-8, as SDL's text input gives it).
Commands on_text(ScreenState& s, std::string_view text, Millis now);
/// A tap or click on `t`.
Commands on_tap(ScreenState& s, const Target& t, Millis now);

/// Submits the log-in form: checks it is complete, then asks for a sign-in.
Commands submit_login(ScreenState& s, Millis now);
/// Switches between Bahasa Indonesia and English.
void toggle_language(ScreenState& s);

/// Longest entries the fields accept.
inline constexpr std::size_t max_counter_digits = 3;
inline constexpr std::size_t max_nip_chars = 32;
inline constexpr std::size_t max_pin_digits = 12;
inline constexpr std::size_t max_label_chars = 8;
inline constexpr std::size_t max_reason_chars = 40;

}  // namespace antre::counter
