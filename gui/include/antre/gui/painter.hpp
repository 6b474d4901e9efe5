// Drawing primitives shared by the kiosk, the board and the counter client:
// filled boxes and UTF-8 text in DejaVu Sans, with a font cache per size and a
// bounded cache of the texts drawn lately (a frame mostly repeats the last one's
// texts, and rendering a text with FreeType costs far more than copying it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "antre/gui/sdl.hpp"

namespace antre::gui {

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
    SDL_Rect sdl() const { return SDL_Rect{x, y, w, h}; }
    bool contains(int px, int py) const { return px >= x && px < x + w && py >= y && py < y + h; }
    /// The same box shrunk by `m` pixels on every side.
    Rect inset(int m) const { return Rect{x + m, y + m, w - 2 * m, h - 2 * m}; }
};

enum class Align { left, center, right };

/// One text as the painter drew it: what the contrast and text-size tests check.
struct DrawnText {
    std::string text;
    SDL_Color colour{};
    SDL_Color background{};  ///< the most common colour under the text just before it was drawn
    int size = 0;            ///< the pixel size used, after any shrinking to fit
    bool bold = false;
    Rect where;  ///< the box the text's pixels went to
};

/// The fonts Debian's fonts-dejavu-core installs.
inline constexpr const char* default_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr const char* default_bold_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

class Painter {
public:
    explicit Painter(SDL_Renderer* renderer, std::string regular = default_font, std::string bold = default_bold_font);

    SDL_Renderer* renderer() const { return renderer_; }
    void clear(SDL_Color c);
    void fill(const Rect& r, SDL_Color c);
    void outline(const Rect& r, SDL_Color c, int thickness);
    /// Draws `text` vertically centred in `box`, aligned horizontally; a text wider
    /// than the box is drawn smaller until it fits. Returns the pixel size used.
    int text(const std::string& text, const Rect& box, int size, SDL_Color color, Align align = Align::left,
             bool bold = false);
    /// Width in pixels of `text` at `size`.
    int text_width(const std::string& text, int size, bool bold = false);
    /// Drops the kept text textures (after SDL_RENDER_DEVICE_RESET, when the renderer has lost them).
    void forget_texts();
    /// How many texts are kept, and how many were rendered with FreeType since the start.
    std::size_t kept_texts() const { return texts_.size(); }
    std::size_t rendered_texts() const { return rendered_; }

    /// The kept texts' bound: at most this many, of at most this many pixels together.
    static constexpr std::size_t max_kept_texts = 1024;
    static constexpr std::size_t max_kept_pixels = 4 * 1024 * 1024;
    /// From now on every text() is appended to `*log` (nullptr: no more). Reads the
    /// pixels under each text back, which is slow on a GPU: for tests and screenshots.
    void record_texts(std::vector<DrawnText>* log) { log_ = log; }

private:
    using TextKey = std::tuple<std::string, int, bool, std::uint32_t>;  // text, size, bold, RGBA
    struct KeptText {
        Texture texture;
        int w = 0, h = 0;
        std::uint64_t used = 0;  // when last drawn, on the painter's own count
    };

    TTF_Font* font(int size, bool bold);
    const KeptText& rendered(const std::string& text, int size, bool bold, SDL_Color color);
    void make_room(std::size_t pixels);
    SDL_Color background_under(const SDL_Rect& where) const;

    SDL_Renderer* renderer_;
    std::string regular_path_;
    std::string bold_path_;
    std::map<std::pair<int, bool>, Font> fonts_;
    std::map<TextKey, KeptText> texts_;
    std::map<std::tuple<std::string, int, bool>, int> widths_;
    std::size_t kept_pixels_ = 0;
    std::uint64_t uses_ = 0;
    std::size_t rendered_ = 0;
    std::vector<DrawnText>* log_ = nullptr;
};

}  // namespace antre::gui
