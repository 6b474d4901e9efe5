// Reads QR codes back from what a renderer drew, with Debian's zbar (libzbar): a
// screen test then knows the QR on screen is one a phone's camera can read, and
// what it holds, not merely that some black squares were drawn.
#pragma once

#include <SDL.h>

#include "qr_grey.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace antre::test {

/// Every QR code zbar finds in the `width` x `height` pixels from (x, y) that
/// `renderer` has drawn, as the texts they hold.
inline std::vector<std::string> decode_qr(SDL_Renderer* renderer, int x, int y, int width, int height) {
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    const SDL_Rect area{x, y, width, height};
    if (SDL_RenderReadPixels(renderer, &area, SDL_PIXELFORMAT_RGBA32, rgba.data(), width * 4) != 0)
        throw std::runtime_error(std::string("SDL_RenderReadPixels: ") + SDL_GetError());
    auto grey = grey_of_rgba(rgba.data(), static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    return decode_qr_grey(grey, width, height);
}

}  // namespace antre::test
