// Reads QR codes back from what a renderer drew, with Debian's zbar (libzbar): a
// screen test then knows the QR on screen is one a phone's camera can read, and
// what it holds, not merely that some black squares were drawn.
#pragma once

#include <SDL.h>
#include <zbar.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace antre::test {

/// Every QR code zbar finds in the `width` x `height` pixels from (x, y) that
/// `renderer` has drawn, as the texts they hold.
inline std::vector<std::string> decode_qr(SDL_Renderer* renderer, int x, int y, int width, int height) {
    using namespace zbar;  // zbar.h puts its C API in namespace zbar under C++
    std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    const SDL_Rect area{x, y, width, height};
    if (SDL_RenderReadPixels(renderer, &area, SDL_PIXELFORMAT_RGBA32, rgba.data(), width * 4) != 0)
        throw std::runtime_error(std::string("SDL_RenderReadPixels: ") + SDL_GetError());
    // Grey (Y800), as a camera's luminance.
    std::vector<std::uint8_t> grey(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (std::size_t i = 0; i < grey.size(); ++i)
        grey[i] = static_cast<std::uint8_t>((rgba[i * 4] * 299 + rgba[i * 4 + 1] * 587 + rgba[i * 4 + 2] * 114) / 1000);
    zbar_image_scanner_t* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t* image = zbar_image_create();
    zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image, static_cast<unsigned>(width), static_cast<unsigned>(height));
    zbar_image_set_data(image, grey.data(), grey.size(), nullptr);
    std::vector<std::string> found;
    if (zbar_scan_image(scanner, image) > 0)
        for (const zbar_symbol_t* s = zbar_image_first_symbol(image); s; s = zbar_symbol_next(s))
            found.emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
    zbar_image_destroy(image);
    zbar_image_scanner_destroy(scanner);
    return found;
}

}  // namespace antre::test
