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

#include <nlohmann/json.hpp>

#include "antre/counter/controller.hpp"
#include "antre/counter/render.hpp"
#include "antre/counter/sdl_keys.hpp"
#include "antre/gui/painter.hpp"
#include "antre/gui/program.hpp"

namespace {

using namespace antre;
using namespace antre::counter;
namespace fs = std::filesystem;

const char* const usage = R"(usage: antre-counter [options]
  --host H            server address (default 127.0.0.1, or ANTRE_HOST)
  --port N            server port (default 7410, or ANTRE_PORT)
  --counter N         this workstation's counter number (prefilled on the log-in screen)
  --nip NIP           prefill the NIP
  --lang id|en        language of the screen (default id; F9 switches)
  --width W           window width (default 1280; at least 1024)
  --height H          window height (default 720; at least 600)
  --fullscreen        full screen at the desktop's resolution
  --screenshot FILE   render one frame to a PNG and exit: the log-in screen, or with
                      ANTRE_PIN set (and --counter, --nip) the main screen after log-in
  --help              this text
With ANTRE_PIN set (and --counter, --nip) the window logs in at start, as if the PIN had
been typed (for tests and benchmarks; the environment is visible to the user's processes).
A workstation file ~/.config/antre/counter.json ({"counter":2,"host":"...","port":7410,
"lang":"id"}) gives defaults; flags win.
exit status: 0 done, 2 usage, 3 server unreachable or log-in refused (--screenshot), 1 any other failure)";

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

Options parse(int argc, char** argv) {
    Options o;
    read_workstation(o);
    gui::read_flags(argc, argv, o.server, [&](gui::Flag& f) {
        const std::string& flag = f.name();
        if (flag == "--counter")
            o.counter = std::to_string(f.number(1, 999));
        else if (flag == "--nip")
            o.nip = f.value();
        else if (flag == "--lang")
            o.language = language(flag, f.value());
        else if (flag == "--width")
            o.width = f.number(1024, 7680);
        else if (flag == "--height")
            o.height = f.number(600, 4320);
        else if (flag == "--fullscreen")
            o.fullscreen = true;
        else if (flag == "--screenshot")
            o.screenshot = f.value();
        else
            return false;
        return true;
    });
    return o;
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
    return antre::gui::run_program("antre-counter", usage, [&] {
        const Options options = parse(argc, argv);
        return options.screenshot.empty() ? run_counter(options) : take_screenshot(options);
    });
}
