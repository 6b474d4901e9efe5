#include "antre/counter/sdl_keys.hpp"

namespace antre::counter {

std::optional<Key> key_from_sdl(SDL_Keycode code, Uint16 modifiers) {
    switch (code) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            return Key::enter;
        case SDLK_ESCAPE:
            return Key::escape;
        case SDLK_TAB:
            return (modifiers & KMOD_SHIFT) ? Key::back_tab : Key::tab;
        case SDLK_BACKSPACE:
            return Key::backspace;
        case SDLK_UP:
            return Key::up;
        case SDLK_DOWN:
            return Key::down;
        case SDLK_F1:
            return Key::f1;
        case SDLK_F2:
            return Key::f2;
        case SDLK_F3:
            return Key::f3;
        case SDLK_F4:
            return Key::f4;
        case SDLK_F5:
            return Key::f5;
        case SDLK_F6:
            return Key::f6;
        case SDLK_F7:
            return Key::f7;
        case SDLK_F8:
            return Key::f8;
        case SDLK_F9:
            return Key::f9;
        case SDLK_F10:
            return Key::f10;
        default:
            return std::nullopt;
    }
}

}  // namespace antre::counter
