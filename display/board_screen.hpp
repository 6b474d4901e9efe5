// Puts the board on a screen frame after frame without drawing all of it every
// frame: the board is drawn into a texture only when something on it changes
// (state, blink, minute, size, sound mark); each frame copies that texture and
// draws the moving ticker on top. A small PC without a GPU keeps up this way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "antre/gui/painter.hpp"
#include "board_state.hpp"

namespace antre::display {

class BoardScreen {
public:
    /// Draws with `renderer`; falls back to whole frames when it has no target textures.
    explicit BoardScreen(SDL_Renderer* renderer);

    /// Draws one frame of `state` at `now` on a `width` x `height` output (not presented).
    void render(const BoardState& state, int width, int height, Millis now);
    /// Forgets the board texture (after SDL_RENDER_TARGETS_RESET or a device reset).
    void invalidate();
    /// How often the board itself has been drawn, as opposed to frames shown.
    std::size_t board_draws() const { return board_draws_; }

private:
    // What the board layer depends on; when it is unchanged the layer is reused.
    struct Look {
        std::uint64_t revision = 0;
        bool lit = false;
        bool highlighted = false;
        Millis minute = 0;
        int width = 0, height = 0;
        std::string sound_problem;
        bool operator==(const Look&) const = default;
    };

    SDL_Renderer* renderer_;
    gui::Painter painter_;
    gui::Texture layer_;
    std::optional<Look> drawn_;
    bool layered_ = true;
    std::size_t board_draws_ = 0;
};

}  // namespace antre::display
