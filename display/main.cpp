// antre-display: the waiting-room board. Connects to the Antre server as a
// display, shows the calls full screen and announces each with a chime and an
// Indonesian voice. No input needed; Esc or q closes a windowed board.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "announcer.hpp"
#include "antre/command_line.hpp"
#include "antre/gui/painter.hpp"
#include "antre/gui/program.hpp"
#include "board_feed.hpp"
#include "board_screen.hpp"
#include "board_view.hpp"
#include "voice_pack.hpp"

namespace {

using namespace antre;
using namespace antre::display;

const char* const default_ticker =
    "Selamat datang. Siapkan dokumen persyaratan Anda sebelum dipanggil. "
    "Perhatikan nomor antrean dan loket yang dipanggil. Layanan administrasi kependudukan tidak dipungut biaya.";

struct Options {
    gui::ServerAddress server;
    BoardFilter filter;
    std::string ticker = default_ticker;
    int width = 1920;
    int height = 1080;
    bool windowed = false;
    bool mute = false;
    int voice_rate = 140;
    std::string voice_pack;
    bool list_voice_clips = false;
    std::string screenshot;
};

// The board's own options, on the line every Antre program reads (gui::run_program).
void declare(CLI::App& app, Options& o) {
    gui::server_options(app, o.server);
    app.add_option("--services", "show only these services, e.g. KTP,KK (calls, counters serving them, waiting)")
        ->delimiter(',')
        ->take_all()
        ->each([&o](const std::string& s) {
            if (!s.empty()) o.filter.services.insert(s);
        });
    app.add_option("--counters", "show only these counters, e.g. 1,2 (one floor)")
        ->delimiter(',')
        ->take_all()
        ->check(command_line::whole(1, 999))
        ->each([&o](const std::string& c) { o.filter.counters.insert(std::stoi(c)); });
    app.add_option("--ticker", o.ticker, "the scrolling line along the bottom (\"\" for none)");
    app.add_option("--width", o.width, "window width, or screenshot width")
        ->check(command_line::whole(320, 7680))
        ->capture_default_str();
    app.add_option("--height", o.height, "window height, or screenshot height")
        ->check(command_line::whole(240, 4320))
        ->capture_default_str();
    app.add_flag("--windowed", o.windowed, "a window instead of full screen");
    app.add_flag("--mute", o.mute, "no sound: calls are shown, not announced");
    app.add_option("--voice-rate", o.voice_rate, "speaking rate, words per minute")
        ->check(command_line::whole(80, 450))
        ->capture_default_str();
    app.add_option("--voice-pack", o.voice_pack,
                   "speak calls with the office's recorded clips in DIR (espeak-ng says any missing)");
    app.add_flag("--list-voice-clips", o.list_voice_clips,
                 "print the voice pack's clips (with --counters: their counter clips too) and exit");
    app.add_option("--screenshot", o.screenshot, "render one frame after the server's snapshot to a PNG and exit");
    app.footer("Exit status: 0 done, 2 usage, 3 server unreachable (--screenshot), 1 any other failure.");
}

Millis wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

BoardState initial_state(const Options& o) {
    BoardState state;
    state.filter = o.filter;
    state.ticker = o.ticker;
    return state;
}

int take_screenshot(const Options& o) {
    gui::SdlLibrary sdl(0);  // an off-screen canvas needs no video driver
    BoardState state = initial_state(o);
    BoardFeed feed(o.server.host, o.server.port);
    feed.start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!state.has_snapshot && std::chrono::steady_clock::now() < deadline) {
        feed.pump(state);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!state.has_snapshot) {
        std::cerr << "antre-display: no snapshot from " << o.server.host << ":" << o.server.port << " within 10 s\n";
        return 3;
    }
    gui::OffscreenCanvas canvas(o.width, o.height);
    gui::Painter painter(canvas.renderer.get());
    draw(state, painter, o.width, o.height, wall_clock_ms() + state.server_clock_offset);
    gui::save_png(canvas.renderer.get(), o.width, o.height, o.screenshot);
    std::cout << o.screenshot << "\n";
    return 0;
}

// Handles the window's events; true when the board should close.
bool quit_requested(BoardScreen& board_screen) {
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        if (e.type == SDL_QUIT) return true;
        if (e.type == SDL_KEYDOWN && (e.key.keysym.sym == SDLK_ESCAPE || e.key.keysym.sym == SDLK_q)) return true;
        if (e.type == SDL_RENDER_TARGETS_RESET) board_screen.invalidate();
        if (e.type == SDL_RENDER_DEVICE_RESET) board_screen.invalidate(true);
        // A window resized, exposed or restored may have lost the frame drawn last.
        if (e.type == SDL_WINDOWEVENT && e.window.event != SDL_WINDOWEVENT_MOVED &&
            e.window.event != SDL_WINDOWEVENT_ENTER && e.window.event != SDL_WINDOWEVENT_LEAVE)
            board_screen.invalidate();
    }
    return false;
}

int run_board(const Options& o) {
    gui::SdlLibrary sdl(SDL_INIT_VIDEO);
    BoardState state = initial_state(o);
    BoardFeed feed(o.server.host, o.server.port);
    feed.start();
    PlayerOptions po;
    po.mute = o.mute;
    po.voice_rate = o.voice_rate;
    po.voice_pack = o.voice_pack;
    AnnouncementPlayer player(po);

    gui::Screen screen("Antre \u2014 Papan Antrean", o.width, o.height, !o.windowed);
    if (!o.windowed) SDL_ShowCursor(SDL_DISABLE);
    BoardScreen board_screen(screen.renderer.get());

    // About 30 frames a second while the ticker moves (smooth enough, light on a
    // small PC), fewer when nothing moves; each frame draws only what changed.
    while (!quit_requested(board_screen)) {
        const auto started = std::chrono::steady_clock::now();
        feed.pump(state);
        const Millis now = wall_clock_ms() + state.server_clock_offset;
        advance_announcements(state, player, now);
        if (!o.mute) state.sound_problem = player.sound_problem();
        screen.refresh_size();
        board_screen.render(state, screen.width, screen.height, now);
        SDL_RenderPresent(screen.renderer.get());
        std::this_thread::sleep_until(started + std::chrono::milliseconds(BoardScreen::next_frame_in(state, now)));
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    return antre::gui::run_program(
        "antre-display", "antre-display: the waiting-room board that shows and announces the calls", argc, argv,
        [&](CLI::App& app) { declare(app, options); },
        [&] {
            if (options.list_voice_clips) {
                write_clip_list(std::cout, voice_clips(options.filter.counters));
                return 0;
            }
            return options.screenshot.empty() ? run_board(options) : take_screenshot(options);
        });
}
