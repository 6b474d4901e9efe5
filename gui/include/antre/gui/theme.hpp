// The colours every Antre screen shares, so kiosk, board and counter read as one
// system: high contrast for a waiting room seen from across the room.
#pragma once

#include <SDL.h>

#include <cstddef>

namespace antre::gui::theme {

inline constexpr SDL_Color background{0x10, 0x1f, 0x3a, 0xff};  // deep navy
inline constexpr SDL_Color panel{0x1b, 0x2f, 0x55, 0xff};
inline constexpr SDL_Color panel_light{0x27, 0x41, 0x72, 0xff};
inline constexpr SDL_Color text{0xff, 0xff, 0xff, 0xff};
inline constexpr SDL_Color muted{0xb8, 0xc4, 0xd9, 0xff};
inline constexpr SDL_Color accent{0xff, 0xc8, 0x2e, 0xff};      // call highlight (yellow)
inline constexpr SDL_Color ok{0x2e, 0xb8, 0x6b, 0xff};          // within the standard (green)
inline constexpr SDL_Color warning{0xff, 0x9f, 0x1c, 0xff};     // near the standard (amber)
inline constexpr SDL_Color danger{0xe0, 0x3c, 0x31, 0xff};      // past the standard (red)
inline constexpr SDL_Color disabled{0x55, 0x5f, 0x70, 0xff};
inline constexpr SDL_Color dark_text{0x10, 0x1f, 0x3a, 0xff};

/// One distinct colour per service, by its position in the office's list.
inline SDL_Color service_colour(std::size_t index) {
    constexpr SDL_Color colours[] = {
        {0x1e, 0x88, 0xe5, 0xff},  // blue
        {0x43, 0xa0, 0x47, 0xff},  // green
        {0x8e, 0x24, 0xaa, 0xff},  // purple
        {0x6d, 0x4c, 0x41, 0xff},  // brown
        {0xef, 0x6c, 0x00, 0xff},  // orange
        {0x00, 0x89, 0x7b, 0xff},  // teal
        {0xc2, 0x18, 0x5b, 0xff},  // pink
        {0x54, 0x6e, 0x7a, 0xff},  // slate
    };
    return colours[index % (sizeof colours / sizeof colours[0])];
}

}  // namespace antre::gui::theme
