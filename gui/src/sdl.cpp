#include "antre/gui/sdl.hpp"

#include <algorithm>

#include <SDL_image.h>

namespace antre::gui {

SdlError::SdlError(const std::string& function) : std::runtime_error(function + ": " + SDL_GetError()) {}

SdlLibrary::SdlLibrary(Uint32 flags) {
    if (SDL_Init(flags) != 0) throw SdlError("SDL_Init");
    if (TTF_Init() != 0) {
        SDL_Quit();
        throw SdlError("TTF_Init");
    }
}

SdlLibrary::~SdlLibrary() {
    TTF_Quit();
    SDL_Quit();
}

namespace {

// The software renderer draws into the window's surface. By default SDL shows
// that surface through a texture of a 3D renderer; on a PC without a GPU that is
// Mesa's llvmpipe, which costs more CPU per frame than drawing the frame did
// (the board at 1920x1080: from about 58% of a core to 11%, docs/benchmarks.md).
// Where the video driver has a framebuffer of its own, the surface goes to it
// directly. SDL_FRAMEBUFFER_ACCELERATION in the environment still decides.
void prefer_plain_framebuffer() {
    const char* driver = SDL_GetCurrentVideoDriver();
    if (!driver) return;
    const std::string name = driver;
    if (name == "x11" || name == "offscreen" || name == "dummy") SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
}

}  // namespace

Screen::Screen(const std::string& title, int w, int h, bool fullscreen, bool software) {
    prefer_plain_framebuffer();
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window.reset(SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags));
    if (!window) throw SdlError("SDL_CreateWindow");
    const Uint32 rflags = software ? SDL_RENDERER_SOFTWARE : (SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    renderer.reset(SDL_CreateRenderer(window.get(), -1, rflags));
    if (!renderer && !software) renderer.reset(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!renderer) throw SdlError("SDL_CreateRenderer");
    SDL_SetRenderDrawBlendMode(renderer.get(), SDL_BLENDMODE_BLEND);
    refresh_size();
}

void Screen::refresh_size() {
    if (SDL_GetRendererOutputSize(renderer.get(), &width, &height) != 0) throw SdlError("SDL_GetRendererOutputSize");
}

OffscreenCanvas::OffscreenCanvas(int w, int h) : width(w), height(h) {
    surface.reset(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32));
    if (!surface) throw SdlError("SDL_CreateRGBSurfaceWithFormat");
    renderer.reset(SDL_CreateSoftwareRenderer(surface.get()));
    if (!renderer) throw SdlError("SDL_CreateSoftwareRenderer");
    SDL_SetRenderDrawBlendMode(renderer.get(), SDL_BLENDMODE_BLEND);
}

namespace {

bool driver_waits_for_input() {
    const char* driver = SDL_GetCurrentVideoDriver();
    if (!driver) return false;
    const std::string name = driver;
    return name == "x11" || name == "wayland" || name == "windows" || name == "cocoa";
}

}  // namespace

bool wait_event(SDL_Event& e, int timeout_ms) {
    if (driver_waits_for_input()) return SDL_WaitEventTimeout(&e, timeout_ms) == 1;
    const Uint64 until = SDL_GetTicks64() + static_cast<Uint64>(std::max(0, timeout_ms));
    for (;;) {
        if (SDL_PollEvent(&e)) return true;
        const Uint64 now = SDL_GetTicks64();
        if (now >= until) return false;
        SDL_Delay(static_cast<Uint32>(std::min<Uint64>(until - now, input_poll_ms)));
    }
}

void wake_event_loop() {
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    // A failure (SDL's queue full, SDL not started) only delays the work: the frame
    // loop drains its inbox at its next poll anyway.
    if (SDL_PushEvent(&e) < 0) SDL_ClearError();
}

void save_png(SDL_Renderer* renderer, int width, int height, const std::string& path) {
    Surface shot(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32));
    if (!shot) throw SdlError("SDL_CreateRGBSurfaceWithFormat");
    if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, shot->pixels, shot->pitch) != 0)
        throw SdlError("SDL_RenderReadPixels");
    if (IMG_SavePNG(shot.get(), path.c_str()) != 0) throw SdlError("IMG_SavePNG");
}

SDL_Color read_pixel(SDL_Renderer* renderer, int x, int y) {
    Uint8 rgba[4] = {0, 0, 0, 0};
    SDL_Rect r{x, y, 1, 1};
    if (SDL_RenderReadPixels(renderer, &r, SDL_PIXELFORMAT_RGBA32, rgba, 4) != 0)
        throw SdlError("SDL_RenderReadPixels");
    return SDL_Color{rgba[0], rgba[1], rgba[2], rgba[3]};
}

}  // namespace antre::gui
