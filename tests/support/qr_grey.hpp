// Reads QR codes from grey pixels (Y800, one byte each, a camera's luminance) with
// Debian's zbar: what a screen or a browser drew, as a phone's camera would read it.
#pragma once

#include <zbar.h>

#include <cstdint>
#include <string>
#include <vector>

namespace antre::test {

/// RGBA pixels (4 bytes each) as grey (Y800), a camera's luminance.
inline std::vector<std::uint8_t> grey_of_rgba(const std::uint8_t* rgba, std::size_t pixels) {
    std::vector<std::uint8_t> grey(pixels);
    for (std::size_t i = 0; i < pixels; ++i)
        grey[i] = static_cast<std::uint8_t>((rgba[i * 4] * 299 + rgba[i * 4 + 1] * 587 + rgba[i * 4 + 2] * 114) / 1000);
    return grey;
}

/// Every QR code zbar finds in `grey` (`width` x `height`, row by row), as the texts they hold.
inline std::vector<std::string> decode_qr_grey(std::vector<std::uint8_t>& grey, int width, int height) {
    using namespace zbar;  // zbar.h puts its C API in namespace zbar under C++
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
