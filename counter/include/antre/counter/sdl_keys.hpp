// SDL's key codes as the counter's keys: the only place the client's input
// logic meets SDL, so the reducer stays testable without it.
#pragma once

#include <optional>

#include <SDL.h>

#include "antre/counter/actions.hpp"

namespace antre::counter {

/// The Key for an SDL key press (Shift+Tab is back_tab), or none for keys the client ignores.
std::optional<Key> key_from_sdl(SDL_Keycode code, Uint16 modifiers);

}  // namespace antre::counter
