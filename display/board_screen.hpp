// Puts the board on a screen frame after frame without drawing all of it every
// frame: the board is drawn only when something on it changes (state, blink,
// minute, size, sound mark); the other frames draw only the moving ticker. With
// the software renderer the last frame stays in the window's surface, so only
// the ticker band is drawn again (retained); other renderers lose the frame at
// each present, so the board is kept in a texture that each frame copies
// (layered). A small PC without a GPU keeps up this way.
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
    enum class Mode {
        automatic,  ///< retained for the software renderer, else layered
        retained,   ///< the target keeps its pixels between frames: redraw only the ticker band
        layered,    ///< the board in a texture, copied under the ticker every frame
        whole,      ///< every frame drawn whole (also the fallback without target textures)
    };

    /// Draws with `renderer`.
    explicit BoardScreen(SDL_Renderer* renderer, Mode mode = Mode::automatic);

    /// Draws one frame of `state` at `now` on a `width` x `height` output (not presented).
    void render(const BoardState& state, int width, int height, Millis now);
    /// Forgets what was drawn (after a window event or SDL_RENDER_TARGETS_RESET); with
    /// `textures_lost` (SDL_RENDER_DEVICE_RESET) also the painter's kept texts.
    void invalidate(bool textures_lost = false);
    /// How often the board itself has been drawn, as opposed to frames shown.
    std::size_t board_draws() const { return board_draws_; }
    /// The mode in use.
    Mode mode() const { return mode_; }
    /// Milliseconds from `now` to the next frame worth drawing: about 30 frames a
    /// second while the ticker moves or the call blinks; else the clock's next
    /// minute, but at most `idle_frame_ms` (new calls are looked for each frame).
    static Millis next_frame_in(const BoardState& state, Millis now);

    static constexpr Millis moving_frame_ms = 33;
    static constexpr Millis idle_frame_ms = 100;

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
    Mode mode_;
    gui::Texture layer_;
    std::optional<Look> drawn_;
    std::size_t board_draws_ = 0;
};

}  // namespace antre::display
