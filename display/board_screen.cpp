#include "board_screen.hpp"

#include <algorithm>
#include <cstring>

#include "board_view.hpp"

namespace antre::display {

namespace {

BoardScreen::Mode choose(SDL_Renderer* renderer, BoardScreen::Mode wanted) {
    if (wanted != BoardScreen::Mode::automatic) return wanted;
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(renderer, &info) == 0 && info.name && std::strcmp(info.name, "software") == 0)
        return BoardScreen::Mode::retained;  // it draws into a surface that keeps its pixels
    return BoardScreen::Mode::layered;
}

// The layer in the format of what it is copied onto, so that blending into it
// rounds as blending onto the screen does: the window's format, or for an
// off-screen renderer the RGBA32 of gui::OffscreenCanvas.
Uint32 layer_format(SDL_Renderer* renderer) {
    SDL_Window* window = SDL_RenderGetWindow(renderer);
    const Uint32 format = window ? SDL_GetWindowPixelFormat(window) : Uint32{SDL_PIXELFORMAT_RGBA32};
    return format == SDL_PIXELFORMAT_UNKNOWN ? Uint32{SDL_PIXELFORMAT_RGBA8888} : format;
}

}  // namespace

BoardScreen::BoardScreen(SDL_Renderer* renderer, Mode mode)
    : renderer_(renderer), painter_(renderer), mode_(choose(renderer, mode)) {}

void BoardScreen::invalidate(bool textures_lost) {
    layer_.reset();
    drawn_.reset();
    if (textures_lost) painter_.forget_texts();
}

Millis BoardScreen::next_frame_in(const BoardState& state, Millis now) {
    if (!state.ticker.empty() || highlight_active(state, now)) return moving_frame_ms;
    const Millis to_minute = 60000 - ((now % 60000) + 60000) % 60000;
    return std::clamp<Millis>(to_minute, 1, idle_frame_ms);
}

void BoardScreen::render(const BoardState& state, int width, int height, Millis now) {
    const Look look{state.revision, highlight_lit(state, now), highlight_active(state, now), now / 60000, width,
                    height,         state.sound_problem};
    if (mode_ == Mode::layered && (!layer_ || !drawn_ || drawn_->width != width || drawn_->height != height)) {
        layer_.reset(SDL_CreateTexture(renderer_, layer_format(renderer_), SDL_TEXTUREACCESS_TARGET, width, height));
        drawn_.reset();
        if (!layer_) mode_ = Mode::whole;  // no target textures here: draw whole frames
        // The board is opaque: a plain copy gives the same pixels as blending, for less.
        else
            SDL_SetTextureBlendMode(layer_.get(), SDL_BLENDMODE_NONE);
    }
    switch (mode_) {
        case Mode::automatic:
        case Mode::whole:
            draw(state, painter_, width, height, now);
            ++board_draws_;
            return;
        case Mode::retained:
            if (drawn_ == look) {
                draw_ticker(state, painter_, width, height, now);  // the rest of the last frame is still there
            } else {
                draw(state, painter_, width, height, now);
                drawn_ = look;
                ++board_draws_;
            }
            return;
        case Mode::layered:
            if (drawn_ != look) {
                SDL_SetRenderTarget(renderer_, layer_.get());
                draw_board(state, painter_, width, height, now);
                SDL_SetRenderTarget(renderer_, nullptr);
                drawn_ = look;
                ++board_draws_;
            }
            SDL_RenderCopy(renderer_, layer_.get(), nullptr, nullptr);
            draw_ticker(state, painter_, width, height, now);
            return;
    }
}

}  // namespace antre::display
