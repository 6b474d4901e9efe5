#include "board_screen.hpp"

#include "board_view.hpp"

namespace antre::display {

BoardScreen::BoardScreen(SDL_Renderer* renderer) : renderer_(renderer), painter_(renderer) {}

void BoardScreen::invalidate() {
    layer_.reset();
    drawn_.reset();
}

void BoardScreen::render(const BoardState& state, int width, int height, Millis now) {
    const Look look{state.revision,       highlight_lit(state, now), highlight_active(state, now), now / 60000, width,
                    height,               state.sound_problem};
    if (layered_ && (!layer_ || !drawn_ || drawn_->width != width || drawn_->height != height)) {
        layer_.reset(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA8888, SDL_TEXTUREACCESS_TARGET, width, height));
        drawn_.reset();
        if (!layer_) layered_ = false;  // no target textures here: draw whole frames
    }
    if (!layered_) {
        draw(state, painter_, width, height, now);
        ++board_draws_;
        return;
    }
    if (drawn_ != look) {
        SDL_SetRenderTarget(renderer_, layer_.get());
        draw_board(state, painter_, width, height, now);
        SDL_SetRenderTarget(renderer_, nullptr);
        drawn_ = look;
        ++board_draws_;
    }
    SDL_RenderCopy(renderer_, layer_.get(), nullptr, nullptr);
    draw_ticker(state, painter_, width, height, now);
}

}  // namespace antre::display
