// The kiosk's own colours beside the shared theme (gui/theme.hpp): the white cards
// (Cek nomor, notices), the dark buttons, a QR's modules, the quieter inks of the
// home screen, and the rating tiles and faces of feedback mode. Apart from the
// renderers so that a test can check every pair the kiosk draws against WCAG 2.1 AA
// (tests/kiosk/kiosk_palette_test.cpp).
#pragma once

#include <SDL.h>

namespace antre::kiosk::palette {

inline constexpr SDL_Color paper{0xff, 0xff, 0xff, 0xff};        ///< the white cards
inline constexpr SDL_Color paper_muted{0x4a, 0x55, 0x68, 0xff};  ///< labels on `paper`
inline constexpr SDL_Color paper_rule{0xd5, 0xdb, 0xe5, 0xff};   ///< thin lines on `paper` (no text)
inline constexpr SDL_Color button_dark{0x27, 0x41, 0x72, 0xff};  ///< back/cancel buttons, white text
inline constexpr SDL_Color qr_dark{0x00, 0x00, 0x00, 0xff};      ///< a QR's dark modules, on `paper`
inline constexpr SDL_Color soft_white{0xee, 0xf2, 0xf8, 0xff};   ///< the second line on a service tile
inline constexpr SDL_Color dark_muted{0x3a, 0x33, 0x10, 0xff};   ///< the second line on the accent banner

/// The rating tiles on a desk's screen, Sangat Puas (4) first, Tidak Puas (1) last: white
/// words on them (4.5:1 or more), and the white features of the small faces on the idle screen.
inline constexpr SDL_Color rating_fills[] = {
    {0x1b, 0x5e, 0x20, 0xff},  // deep green
    {0x2e, 0x7d, 0x32, 0xff},  // green
    {0xb3, 0x4d, 0x00, 0xff},  // orange
    {0xc6, 0x28, 0x28, 0xff},  // red
};
inline constexpr SDL_Color face_skin{0xff, 0xf3, 0xc4, 0xff};  ///< a rating tile's face, dark features on it

}  // namespace antre::kiosk::palette
