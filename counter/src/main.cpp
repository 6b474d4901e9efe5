// antre-counter: the officer's workstation. Log in at a counter with NIP and
// PIN, then work the queue with the keyboard (F1..F10), the mouse or touch.
// Closing the window does not close the counter: Keluar (F10) does.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "antre/command_line.hpp"
#include "antre/counter/controller.hpp"
#include "antre/counter/render.hpp"
#include "antre/counter/sdl_keys.hpp"
#include "antre/gui/painter.hpp"
#include "antre/gui/program.hpp"

namespace {

using namespace antre;
using namespace antre::counter;
namespace fs = std::filesystem;

struct Options {
    gui::ServerAddress server{"127.0.0.1", protocol::default_port};
    std::string counter;
    std::string nip;
    Language language = Language::id;
    int width = 1280;
    int height = 720;
    bool fullscreen = false;
    std::string screenshot;
};

using gui::UsageError;

int number(const std::string& flag, const std::string& text, int lo, int hi) {
    return gui::flag_number(flag, text, lo, hi);
}

Language language(const std::string& flag, const std::string& text) {
    if (text == "id") return Language::id;
    if (text == "en") return Language::en;
    throw UsageError(flag + ": expected id or en, got \"" + text + "\"");
}

fs::path workstation_file() {
    if (const char* d = std::getenv("ANTRE_HOME")) return fs::path(d) / "counter.json";
    if (const char* x = std::getenv("XDG_CONFIG_HOME")) return fs::path(x) / "antre" / "counter.json";
    if (const char* h = std::getenv("HOME")) return fs::path(h) / ".config" / "antre" / "counter.json";
    return {};
}

void read_workstation(Options& o) {
    const fs::path file = workstation_file();
    if (file.empty() || !fs::exists(file)) return;
    std::ifstream in(file);
    const auto j = nlohmann::json::parse(in, nullptr, false);
    const std::string where = file.string();
    if (!j.is_object()) throw UsageError(where + ": not a JSON object");
    if (auto c = j.find("counter"); c != j.end())
        o.counter = std::to_string(number(where + " counter", c->dump(), 1, 999));
    if (auto h = j.find("host"); h != j.end() && h->is_string()) o.server.host = h->get<std::string>();
    if (auto p = j.find("port"); p != j.end())
        o.server.port = static_cast<unsigned short>(number(where + " port", p->dump(), 1, 65535));
    if (auto l = j.find("lang"); l != j.end() && l->is_string())
        o.language = language(where + " lang", l->get<std::string>());
}

// The counter's own options, on the line every Antre program reads (gui::run_program),
// over the workstation file's defaults.
void declare(CLI::App& app, Options& o) {
    read_workstation(o);
    gui::server_options(app, o.server);
    app.add_option("--counter", "this workstation's counter number, 1-999 (prefilled on the log-in screen)")
        ->check(command_line::whole(1, 999))
        ->each([&o](const std::string& v) { o.counter = std::to_string(std::stoi(v)); });
    app.add_option("--nip", o.nip, "prefill the NIP");
    app.add_option("--lang", "language of the screen: id or en (default id; F9 switches)")
        ->check(CLI::IsMember({"id", "en"}))
        ->each([&o](const std::string& v) { o.language = language("--lang", v); });
    app.add_option("--width", o.width, "window width (at least 1024)")
        ->check(command_line::whole(1024, 7680))
        ->capture_default_str();
    app.add_option("--height", o.height, "window height (at least 600)")
        ->check(command_line::whole(600, 4320))
        ->capture_default_str();
    app.add_flag("--fullscreen", o.fullscreen, "full screen at the desktop's resolution");
    app.add_option("--screenshot", o.screenshot,
                   "render one frame to a PNG and exit: the log-in screen, or with ANTRE_PIN set (and --counter, "
                   "--nip) the main screen after log-in");
    app.footer(
        "With ANTRE_PIN set (and --counter, --nip) the window logs in at start, as if the PIN had\n"
        "been typed (for tests and benchmarks; the environment is visible to the user's processes).\n"
        "A workstation file ~/.config/antre/counter.json ({\"counter\":2,\"host\":\"...\",\"port\":7410,\n"
        "\"lang\":\"id\"}) gives defaults; ANTRE_HOST and ANTRE_PORT win over it, and flags over both.\n"
        "Exit status: 0 done, 2 usage, 3 server unreachable or log-in refused (--screenshot), 1 any other failure.");
}

Millis wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Controller make_controller(const Options& o, const std::string& pin = "") {
    ScreenState s;
    s.language = o.language;
    s.login.counter = o.counter;
    s.login.nip = o.nip;
    s.login.pin = pin;
    s.login.focus = o.counter.empty() ? LoginField::counter : o.nip.empty() ? LoginField::nip : LoginField::pin;
    return Controller(ControllerOptions{.host = o.server.host, .port = o.server.port, .wake = gui::wake_event_loop},
                      std::move(s));
}

int take_screenshot(const Options& o) {
    gui::SdlLibrary sdl(0);  // an off-screen canvas needs no video driver
    const char* pin = std::getenv("ANTRE_PIN");
    Controller ctl = make_controller(o, pin ? pin : "");
    if (pin) {
        ctl.key(Key::enter, wall_clock_ms());
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            ctl.pump(wall_clock_ms());
            const auto& s = ctl.state();
            if (s.phase == Phase::login) break;
            if (s.phase == Phase::working && s.my_day.known) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (ctl.state().phase != Phase::working) {
            const auto& login = ctl.state().login;
            std::cerr << "antre-counter: no log-in at " << o.server.host << ":" << o.server.port << ": "
                      << (login.error.empty() ? "no answer within 10 s" : login.error) << "\n";
            return 3;
        }
    }
    gui::OffscreenCanvas canvas(o.width, o.height);
    gui::Painter painter(canvas.renderer.get());
    draw(ctl.state(), painter, o.width, o.height, wall_clock_ms());
    gui::save_png(canvas.renderer.get(), o.width, o.height, o.screenshot);
    std::cout << o.screenshot << "\n";
    return 0;
}

int run_counter(const Options& o) {
    gui::SdlLibrary sdl(SDL_INIT_VIDEO);
    gui::Screen screen("Antre \u2014 Loket Petugas", o.width, o.height, o.fullscreen);
    SDL_SetWindowMinimumSize(screen.window.get(), 1024, 600);
    SDL_StartTextInput();
    gui::Painter painter(screen.renderer.get());
    const char* pin = std::getenv("ANTRE_PIN");
    Controller ctl = make_controller(o, pin ? pin : "");
    if (pin) ctl.key(Key::enter, wall_clock_ms());

    // Redraw on every change, and when the second of the server's clock turns
    // (the timers show seconds); between those it sleeps. A network reply is
    // looked for at least every 50 ms.
    Millis drawn_second = -1;
    for (;;) {
        bool dirty = false;
        SDL_Event e;
        const Millis to_second = 1000 - server_now(ctl.state(), wall_clock_ms()) % 1000;
        if (gui::wait_event(e, static_cast<int>(std::min<Millis>(50, to_second)))) {
            do {
                const Millis now = wall_clock_ms();
                dirty = true;
                if (e.type == SDL_QUIT) return 0;
                if (e.type == SDL_RENDER_DEVICE_RESET) painter.forget_texts();  // the renderer lost its textures
                if (e.type == SDL_KEYDOWN && e.key.repeat == 0) {               // a held key is one press
                    if (auto k = key_from_sdl(e.key.keysym.sym, e.key.keysym.mod)) ctl.key(*k, now);
                } else if (e.type == SDL_TEXTINPUT) {
                    ctl.text(e.text.text, now);
                } else if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT) {
                    // Window points to renderer pixels (they differ on high-DPI screens).
                    int ww = 1, wh = 1;
                    SDL_GetWindowSize(screen.window.get(), &ww, &wh);
                    screen.refresh_size();
                    ctl.tap(e.button.x * screen.width / std::max(1, ww), e.button.y * screen.height / std::max(1, wh),
                            screen.width, screen.height, now);
                }
            } while (SDL_PollEvent(&e));
        }
        const Millis now = wall_clock_ms();
        dirty = ctl.pump(now) || dirty;
        const Millis second = server_now(ctl.state(), now) / 1000;
        if (dirty || second != drawn_second) {
            screen.refresh_size();
            draw(ctl.state(), painter, screen.width, screen.height, now);
            SDL_RenderPresent(screen.renderer.get());
            drawn_second = second;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    return antre::gui::run_program(
        "antre-counter", "antre-counter: the officer's workstation at a counter (loket)", argc, argv,
        [&](CLI::App& app) { declare(app, options); },
        [&] { return options.screenshot.empty() ? run_counter(options) : take_screenshot(options); });
}
