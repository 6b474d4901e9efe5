#include "antre/gui/painter.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace antre::gui {

Painter::Painter(SDL_Renderer* renderer, std::string regular, std::string bold)
    : renderer_(renderer), regular_path_(std::move(regular)), bold_path_(std::move(bold)) {}

TTF_Font* Painter::font(int size, bool bold) {
    size = std::clamp(size, 6, 600);
    auto key = std::make_pair(size, bold);
    auto it = fonts_.find(key);
    if (it != fonts_.end()) return it->second.get();
    Font f(TTF_OpenFont((bold ? bold_path_ : regular_path_).c_str(), size));
    if (!f) throw SdlError("TTF_OpenFont");
    return fonts_.emplace(key, std::move(f)).first->second.get();
}

void Painter::clear(SDL_Color c) {
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
    SDL_RenderClear(renderer_);
}

void Painter::fill(const Rect& r, SDL_Color c) {
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
    const SDL_Rect s = r.sdl();
    SDL_RenderFillRect(renderer_, &s);
}

void Painter::outline(const Rect& r, SDL_Color c, int thickness) {
    fill({r.x, r.y, r.w, thickness}, c);
    fill({r.x, r.y + r.h - thickness, r.w, thickness}, c);
    fill({r.x, r.y, thickness, r.h}, c);
    fill({r.x + r.w - thickness, r.y, thickness, r.h}, c);
}

int Painter::text_width(const std::string& text, int size, bool bold) {
    if (text.empty()) return 0;
    auto key = std::make_tuple(text, size, bold);
    if (auto it = widths_.find(key); it != widths_.end()) return it->second;
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font(size, bold), text.c_str(), &w, &h) != 0) throw SdlError("TTF_SizeUTF8");
    if (widths_.size() >= 4 * max_kept_texts) widths_.clear();  // a few bytes each: start again rather than age them
    widths_.emplace(std::move(key), w);
    return w;
}

void Painter::forget_texts() {
    texts_.clear();
    kept_pixels_ = 0;
}

// Evicts the least recently drawn texts until `pixels` more fit in the bound.
void Painter::make_room(std::size_t pixels) {
    while (!texts_.empty() && (texts_.size() >= max_kept_texts || kept_pixels_ + pixels > max_kept_pixels)) {
        auto oldest = texts_.begin();
        for (auto it = texts_.begin(); it != texts_.end(); ++it)
            if (it->second.used < oldest->second.used) oldest = it;
        kept_pixels_ -= static_cast<std::size_t>(oldest->second.w) * static_cast<std::size_t>(oldest->second.h);
        texts_.erase(oldest);
    }
}

const Painter::KeptText& Painter::rendered(const std::string& text, int size, bool bold, SDL_Color color) {
    const std::uint32_t rgba = static_cast<std::uint32_t>(color.r) << 24 | static_cast<std::uint32_t>(color.g) << 16 |
                               static_cast<std::uint32_t>(color.b) << 8 | color.a;
    TextKey key{text, size, bold, rgba};
    if (auto it = texts_.find(key); it != texts_.end()) {
        it->second.used = ++uses_;
        return it->second;
    }
    Surface s(TTF_RenderUTF8_Blended(font(size, bold), text.c_str(), color));
    if (!s) throw SdlError("TTF_RenderUTF8_Blended");
    Texture t(SDL_CreateTextureFromSurface(renderer_, s.get()));
    if (!t) throw SdlError("SDL_CreateTextureFromSurface");
    ++rendered_;
    const std::size_t pixels = static_cast<std::size_t>(s->w) * static_cast<std::size_t>(s->h);
    make_room(pixels);
    kept_pixels_ += pixels;
    auto& kept = texts_[std::move(key)];
    kept = KeptText{std::move(t), s->w, s->h, ++uses_};
    return kept;
}

int Painter::text(const std::string& text, const Rect& box, int size, SDL_Color color, Align align, bool bold) {
    if (text.empty() || box.w <= 0 || box.h <= 0) return size;
    int w = text_width(text, size, bold);
    while (w > box.w && size > 6) {
        size = std::max(6, size * box.w / w - 1);
        w = text_width(text, size, bold);
    }
    const KeptText& t = rendered(text, size, bold, color);
    int x = box.x;
    if (align == Align::center) x = box.x + (box.w - t.w) / 2;
    if (align == Align::right) x = box.x + box.w - t.w;
    const SDL_Rect dst{x, box.y + (box.h - t.h) / 2, t.w, t.h};
    if (log_) log_->push_back({text, color, background_under(dst), size, bold, {dst.x, dst.y, dst.w, dst.h}});
    SDL_RenderCopy(renderer_, t.texture.get(), nullptr, &dst);
    return size;
}

SDL_Color Painter::background_under(const SDL_Rect& where) const {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer_, &w, &h) != 0) throw SdlError("SDL_GetRendererOutputSize");
    SDL_Rect visible{0, 0, w, h};
    if (SDL_RenderIsClipEnabled(renderer_)) SDL_RenderGetClipRect(renderer_, &visible);
    SDL_Rect area{};
    if (!SDL_IntersectRect(&where, &visible, &area)) return SDL_Color{0, 0, 0, 0};
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(area.w) * static_cast<std::size_t>(area.h));
    if (SDL_RenderReadPixels(renderer_, &area, SDL_PIXELFORMAT_RGBA32, pixels.data(), area.w * 4) != 0)
        throw SdlError("SDL_RenderReadPixels");
    std::map<std::uint32_t, int> counts;
    for (const auto p : pixels) ++counts[p];
    const auto most = std::max_element(counts.begin(), counts.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    Uint8 rgba[4];
    std::memcpy(rgba, &most->first, 4);
    return SDL_Color{rgba[0], rgba[1], rgba[2], 0xff};
}

}  // namespace antre::gui
