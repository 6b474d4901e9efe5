// The colours every Antre screen shares, so kiosk, board and counter read as one
// system: high contrast for a waiting room seen from across the room. Every text
// drawn with them meets WCAG 2.1 AA against what it is drawn on (4.5:1; 3:1 for large
// text): the screen tests check each text each screen draws (tests/support/text_checks.hpp).
#pragma once

#include <SDL.h>

#include <cstddef>

namespace antre::gui::theme {

inline constexpr SDL_Color background{0x10, 0x1f, 0x3a, 0xff};  // deep navy
inline constexpr SDL_Color panel{0x1b, 0x2f, 0x55, 0xff};
inline constexpr SDL_Color panel_light{0x27, 0x41, 0x72, 0xff};
inline constexpr SDL_Color text{0xff, 0xff, 0xff, 0xff};
inline constexpr SDL_Color muted{0xb8, 0xc4, 0xd9, 0xff};
inline constexpr SDL_Color accent{0xff, 0xc8, 0x2e, 0xff};  // call highlight (yellow)
inline constexpr SDL_Color ok{0x2e, 0xb8, 0x6b, 0xff};  // within the standard (green); ink on dark, or under dark text
inline constexpr SDL_Color go{0x1f, 0x7b, 0x47, 0xff};  // a green button under white text
inline constexpr SDL_Color warning{0xff, 0x9f, 0x1c, 0xff};        // near the standard (amber)
inline constexpr SDL_Color danger{0xc6, 0x28, 0x28, 0xff};         // past the standard (red); under white text
inline constexpr SDL_Color danger_text{0xff, 0x9e, 0x97, 0xff};    // the same red as ink on the dark colours
inline constexpr SDL_Color disabled{0x55, 0x5f, 0x70, 0xff};       // what cannot be used; under white text
inline constexpr SDL_Color disabled_text{0x8d, 0x99, 0xad, 0xff};  // the same as ink on background and panel
inline constexpr SDL_Color dark_text{0x10, 0x1f, 0x3a, 0xff};

/// The services' colours, in order: dark enough for white text (4.5:1 or more).
inline constexpr SDL_Color service_colours[] = {
    {0x15, 0x65, 0xc0, 0xff},  // blue
    {0x2e, 0x7d, 0x32, 0xff},  // green
    {0x8e, 0x24, 0xaa, 0xff},  // purple
    {0x6d, 0x4c, 0x41, 0xff},  // brown
    {0xb3, 0x4d, 0x00, 0xff},  // orange
    {0x00, 0x79, 0x6b, 0xff},  // teal
    {0xc2, 0x18, 0x5b, 0xff},  // pink
    {0x54, 0x6e, 0x7a, 0xff},  // slate
};

/// One distinct colour per service, by its position in the office's list.
inline SDL_Color service_colour(std::size_t index) {
    return service_colours[index % (sizeof service_colours / sizeof service_colours[0])];
}

}  // namespace antre::gui::theme
