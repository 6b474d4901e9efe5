// SDL2 objects as move-only RAII types. Every failing SDL call throws SdlError
// naming the function, so a missing display or font is reported, not ignored.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include <SDL.h>
#include <SDL_ttf.h>

namespace antre::gui {

class SdlError : public std::runtime_error {
public:
    /// Message: "<function>: <SDL_GetError()>".
    explicit SdlError(const std::string& function);
};

/// SDL_Init + TTF_Init for the program's lifetime.
class SdlLibrary {
public:
    explicit SdlLibrary(Uint32 flags = SDL_INIT_VIDEO);
    ~SdlLibrary();
    SdlLibrary(const SdlLibrary&) = delete;
    SdlLibrary& operator=(const SdlLibrary&) = delete;
};

struct WindowDeleter {
    void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
struct RendererDeleter {
    void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};
struct TextureDeleter {
    void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }
};
struct SurfaceDeleter {
    void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
struct FontDeleter {
    void operator()(TTF_Font* f) const { TTF_CloseFont(f); }
};

using Window = std::unique_ptr<SDL_Window, WindowDeleter>;
using Renderer = std::unique_ptr<SDL_Renderer, RendererDeleter>;
using Texture = std::unique_ptr<SDL_Texture, TextureDeleter>;
using Surface = std::unique_ptr<SDL_Surface, SurfaceDeleter>;
using Font = std::unique_ptr<TTF_Font, FontDeleter>;

/// A window and its renderer. `fullscreen` uses the desktop resolution.
struct Screen {
    Window window;
    Renderer renderer;
    int width = 0;
    int height = 0;

    Screen(const std::string& title, int width, int height, bool fullscreen, bool software = false);
    /// Updates width/height from the renderer's current output size.
    void refresh_size();
};

/// A renderer drawing into an off-screen surface, for tests and previews without a window.
struct OffscreenCanvas {
    Surface surface;
    Renderer renderer;
    int width = 0;
    int height = 0;
    OffscreenCanvas(int width, int height);
};

/// How often wait_event() looks for input where the video driver cannot wait for it.
inline constexpr int input_poll_ms = 20;

/// Waits up to `timeout_ms` for an SDL event; true with one in `e`. Where the
/// video driver can sleep until input comes (x11, wayland, windows, cocoa) this
/// is SDL_WaitEventTimeout. Elsewhere (offscreen, dummy, kmsdrm) SDL would wake
/// every millisecond to look; this looks every input_poll_ms and sleeps between.
bool wait_event(SDL_Event& e, int timeout_ms);

/// Makes a waiting wait_event() return now, with an SDL_USEREVENT: for work that
/// another thread put in the frame loop's gui::Inbox. Callable from any thread.
void wake_event_loop();

/// Reads back the renderer's pixels and writes them as a PNG file.
void save_png(SDL_Renderer* renderer, int width, int height, const std::string& path);
/// The colour at (x, y) of what the renderer has drawn.
SDL_Color read_pixel(SDL_Renderer* renderer, int x, int y);

}  // namespace antre::gui
