// antre-kiosk: the citizen's touch screen at the office entrance. Takes a ticket
// from the server for the service touched, shows it large and prints it. With
// --feedback N it is the small screen on counter N's desk that asks for a rating.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "antre/clock.hpp"
#include "antre/command_line.hpp"
#include "antre/gui/painter.hpp"
#include "antre/gui/program.hpp"
#include "antre/kiosk/controller.hpp"
#include "antre/kiosk/render.hpp"

namespace {

using namespace antre;
using namespace antre::kiosk;

// The signal that stops the kiosk (SIGTERM, SIGINT), 0 while none has: the kiosk then
// exits with 128 + its number, so that only the operator's exit has status 0 and ends the
// kiosk's session (packaging/clients/antre-session starts it again after anything else).
std::atomic<int> stop_signal{0};
bool window_closed = false;

struct Options {
    ControllerOptions controller;
    bool portrait = false;
    bool windowed = false;
    std::string screenshot;
};

// The kiosk's own options, on the line every Antre program reads (gui::run_program).
void declare(CLI::App& app, Options& o, gui::ServerAddress& server) {
    gui::server_options(app, server);
    app.add_option("--printer",
                   "the ticket printer: a device node, a FILE (appended to), tcp:HOST[:PORT] (port 9100 by default) "
                   "or none (default none)")
        ->check(CLI::Validator(
            [&o](std::string& spec) -> std::string {
                try {
                    o.controller.printer = parse_printer_target(spec);
                    return "";
                } catch (const std::invalid_argument& e) {
                    return e.what();
                }
            },
            "PATH|tcp:HOST:PORT|none", "printer"));
    app.add_option("--paper", "the paper's width in mm: 58 or 80 (default 80)")
        ->check(CLI::IsMember({"58", "80"}))
        ->each([&o](const std::string& v) { o.controller.paper = v == "58" ? Paper::mm58 : Paper::mm80; });
    app.add_option("--lang", "the default language: id or en (default: the office config's)")
        ->check(CLI::IsMember({"id", "en"}))
        ->each([&o](const std::string& v) { o.controller.language = v == "en" ? Language::en : Language::id; });
    app.add_flag("--portrait", o.portrait,
                 "a portrait window (with --windowed) or screenshot; full screen follows the display");
    app.add_flag("--windowed", o.windowed, "a normal window that can be closed; without it: kiosk mode");
    app.add_option("--screenshot", o.screenshot,
                   "connect, draw the current screen to a PNG (1920x1080, or 1080x1920 with --portrait) and exit");
    app.add_option("--feedback", "the rating screen on counter N's desk instead of the kiosk (1-999)")
        ->check(command_line::whole(1, 999))
        ->each([&o](const std::string& v) { o.controller.feedback_counter = std::stoi(v); });
    app.footer(
        "ANTRE_HOST and ANTRE_PORT set the server too; flags win.\n"
        "Exit status: 0 done, 2 usage, 1 any other failure.");
}

// Headless: connect, wait for the home screen (or give up and show the notice), save it.
int screenshot(Options& o) {
    gui::SdlLibrary sdl(0);
    const int w = o.portrait ? 1080 : 1920, h = o.portrait ? 1920 : 1080;
    gui::OffscreenCanvas canvas(w, h);
    gui::Painter painter(canvas.renderer.get());
    SystemClock clock;
    Controller c(o.controller);
    c.start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (c.state().screen == Screen::offline && std::chrono::steady_clock::now() < deadline) {
        c.pump(clock.now());
        SDL_Delay(20);
    }
    draw(c.state(), painter, w, h, clock.now());
    gui::save_png(canvas.renderer.get(), w, h, o.screenshot);
    return 0;
}

bool admin_combo(const SDL_KeyboardEvent& k) {
    return k.keysym.sym == SDLK_q && (k.keysym.mod & KMOD_CTRL) && (k.keysym.mod & KMOD_ALT);
}

// The operator's keyboard works on the keypad screen only.
void keypad_key(Controller& c, const SDL_KeyboardEvent& k, Millis now) {
    if (c.state().screen != Screen::admin) return;
    const auto sym = k.keysym.sym;
    if (sym >= SDLK_0 && sym <= SDLK_9)
        c.press({TargetKind::key_digit, sym - SDLK_0}, now);
    else if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
        c.press({TargetKind::key_digit, sym - SDLK_KP_1 + 1}, now);
    else if (sym == SDLK_KP_0)
        c.press({TargetKind::key_digit, 0}, now);
    else if (sym == SDLK_BACKSPACE)
        c.press({TargetKind::key_erase, 0}, now);
    else if (sym == SDLK_RETURN || sym == SDLK_KP_ENTER)
        c.press({TargetKind::key_ok, 0}, now);
    else if (sym == SDLK_ESCAPE)
        c.press({TargetKind::key_cancel, 0}, now);
}

int run(Options& o) {
    // SIGTERM/SIGINT from the system still stop the kiosk; the window's close
    // button and Alt+F4 do not (see the SDL_QUIT case below).
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    std::signal(SIGTERM, [](int number) { stop_signal = number; });
    std::signal(SIGINT, [](int number) { stop_signal = number; });
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (!o.windowed) SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    gui::SdlLibrary sdl(SDL_INIT_VIDEO);
    const int w = o.portrait ? 540 : 960, h = o.portrait ? 960 : 540;
    gui::Screen screen("Antre", w, h, !o.windowed);
    if (!o.windowed) {
        SDL_SetWindowGrab(screen.window.get(), SDL_TRUE);
        SDL_ShowCursor(SDL_DISABLE);
    }
    gui::Painter painter(screen.renderer.get());
    SDL_StartTextInput();  // the barcode scanner types like a keyboard
    SystemClock clock;
    o.controller.wake = gui::wake_event_loop;
    Controller c(o.controller);
    c.start();
    // Drawn when something changed, and when the second of the kiosk's clock
    // turns; between those it sleeps. A network reply is looked for at least
    // every 100 ms.
    Millis drawn_second = -1;
    while (stop_signal == 0 && !window_closed && !c.exit_requested()) {
        SDL_Event e;
        bool dirty = false;
        const Millis to_second = 1000 - (clock.now() + c.state().clock_offset) % 1000;
        if (gui::wait_event(e, static_cast<int>(std::min<Millis>(100, to_second)))) {
            do {
                const Millis now = clock.now();
                switch (e.type) {
                    case SDL_QUIT:
                        if (o.windowed) window_closed = true;  // kiosk mode: only the operator's PIN ends it
                        break;
                    case SDL_MOUSEBUTTONDOWN:
                        // Touches arrive as mouse presses too (SDL's touch-mouse events).
                        if (e.button.button == SDL_BUTTON_LEFT)
                            c.tap(e.button.x, e.button.y, screen.width, screen.height, now);
                        dirty = true;
                        break;
                    case SDL_KEYDOWN:
                        if (admin_combo(e.key))
                            c.admin_keys(now);
                        else if (c.state().screen == Screen::admin)
                            keypad_key(c, e.key, now);
                        else if (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER)
                            c.scanner_enter(now);  // a barcode scanner ends its code with Enter
                        else if (e.key.keysym.sym == SDLK_BACKSPACE &&
                                 (c.state().screen == Screen::check_entry || c.state().screen == Screen::checkin_entry))
                            c.press({TargetKind::key_erase, 0}, now);  // a keyboard typing a number or a code
                        dirty = true;
                        break;
                    case SDL_TEXTINPUT:
                        c.scanner_text(e.text.text, now);
                        dirty = true;
                        break;
                    case SDL_WINDOWEVENT:
                        dirty = true;
                        break;
                    case SDL_RENDER_DEVICE_RESET:  // the renderer lost its textures
                        painter.forget_texts();
                        dirty = true;
                        break;
                    default:
                        break;
                }
            } while (SDL_PollEvent(&e));
        }
        const Millis now = clock.now();
        dirty = c.pump(now) || dirty;
        const Millis second = (now + c.state().clock_offset) / 1000;
        if (dirty || second != drawn_second) {
            screen.refresh_size();
            draw(c.state(), painter, screen.width, screen.height, now);
            SDL_RenderPresent(screen.renderer.get());
            drawn_second = second;
        }
    }
    return stop_signal != 0 ? 128 + stop_signal : 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    o.controller.printer = antre::kiosk::parse_printer_target("none");
    antre::gui::ServerAddress server{o.controller.host, o.controller.port};
    return antre::gui::run_program(
        "antre-kiosk", "antre-kiosk: the citizens' touch screen that issues and prints tickets", argc, argv,
        [&](CLI::App& app) { declare(app, o, server); },
        [&] {
            o.controller.host = server.host;
            o.controller.port = server.port;
            return o.screenshot.empty() ? run(o) : screenshot(o);
        });
}
