#include "announcement_player.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include <SDL.h>

#include "speech.hpp"

namespace antre::display {

namespace {
constexpr int fallback_rate = 22050;  // espeak-ng's rate; used for the chime when there is no voice
}

struct AnnouncementPlayer::Impl {
    PlayerOptions options;
    std::atomic<bool> busy{false};
    std::atomic<bool> stopping{false};  // set under `mutex`, which `wake` waits with; read anywhere
    std::mutex mutex;                   // guards job, problem; and the setting of stopping
    std::condition_variable wake;
    std::optional<std::vector<Phrase>> job;
    std::string problem;

    // Owned by the worker thread.
    std::optional<SpeechSynthesizer> voice;
    std::optional<VoicePack> pack;
    int rate = fallback_rate;
    Pcm chime;
    bool audio_subsystem = false;
    SDL_AudioDeviceID device = 0;
    std::chrono::steady_clock::time_point next_open_attempt{};

    // Shared with SDL's audio thread, under SDL_LockAudioDevice.
    Pcm playing;
    std::size_t position = 0;

    std::thread worker;

    explicit Impl(PlayerOptions o) : options(std::move(o)) {
        if (!options.mute) {
            // On the calling (main) thread, like the rest of SDL's initialisation.
            audio_subsystem = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
            if (!audio_subsystem) set_problem(std::string("SDL audio: ") + SDL_GetError());
        }
        worker = std::thread([this] { run(); });
    }

    ~Impl() {
        {
            // Under the mutex: set between the worker's check and its wait, the
            // notify would be lost and the join below would wait for ever.
            std::lock_guard lock(mutex);
            stopping = true;
        }
        wake.notify_all();
        worker.join();
        if (device != 0) SDL_CloseAudioDevice(device);
        if (audio_subsystem) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }

    void set_problem(std::string why) {
        std::lock_guard lock(mutex);
        problem = std::move(why);
    }

    static void SDLCALL feed(void* self, Uint8* stream, int length) {
        auto* impl = static_cast<Impl*>(self);
        auto* out = reinterpret_cast<std::int16_t*>(stream);
        const auto wanted = static_cast<std::size_t>(length) / sizeof(std::int16_t);
        std::size_t n = 0;
        for (; n < wanted && impl->position < impl->playing.size(); ++n) out[n] = impl->playing[impl->position++];
        for (; n < wanted; ++n) out[n] = 0;
    }

    void prepare() {
        if (options.mute) return;
        try {
            voice.emplace(options.voice, options.voice_rate);
            rate = voice->sample_rate();
        } catch (const std::exception& e) {
            set_problem(std::string("suara: ") + e.what());
        }
        chime = make_chime(rate);
        if (!options.voice_pack.empty()) load_pack();
        open_device();  // early, so that a missing device is reported at start
    }

    // Problems go to the log, not the board's "tanpa suara" mark: the board still speaks.
    void load_pack() {
        pack = VoicePack::load(options.voice_pack, rate);
        for (const auto& line : pack->problems()) std::clog << "antre-display: voice pack: " << line << "\n";
        std::clog << "antre-display: voice pack " << options.voice_pack << ": " << pack->size() << " clips"
                  << (pack->size() == 0 ? ", none usable: espeak-ng speaks every call" : "") << "\n";
        if (pack->size() == 0) pack.reset();
    }

    Pcm synthesize(const std::string& text) {
        if (!voice) return {};
        try {
            return voice->synthesize(text);
        } catch (const std::exception& e) {
            set_problem(std::string("suara: ") + e.what());
            return {};
        }
    }

    bool open_device() {
        if (device != 0) return true;
        if (!audio_subsystem || std::chrono::steady_clock::now() < next_open_attempt) return false;
        SDL_AudioSpec want{};
        want.freq = rate;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 1024;
        want.callback = &Impl::feed;
        want.userdata = this;
        // No allowed changes: SDL converts to whatever the device needs.
        device = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
        if (device == 0) {
            set_problem(std::string("SDL_OpenAudioDevice: ") + SDL_GetError());
            next_open_attempt = std::chrono::steady_clock::now() + options.reopen_interval;
            return false;
        }
        SDL_PauseAudioDevice(device, 0);
        if (voice) set_problem("");
        return true;
    }

    // Waits `d`, or less when the player stops.
    void hold(std::chrono::milliseconds d) {
        std::unique_lock lock(mutex);
        wake.wait_for(lock, d, [this] { return stopping.load(); });
    }

    void announce(const std::vector<Phrase>& phrases) {
        if (options.mute) {
            hold(options.silent_hold);
            return;
        }
        // Without a pack, espeak-ng says the whole sentence at once: its own
        // prosody joins the words better than pieces would.
        const Pcm speech =
            pack ? pack->speak(
                       phrases, [this](const std::string& text) { return synthesize(text); }, options.pauses)
                 : synthesize(sentence_of(phrases));
        Pcm clip = announcement_clip(chime, speech, rate, options.timing);
        const auto length = std::chrono::milliseconds(duration_ms(clip.size(), rate));
        if (!open_device()) {
            hold(std::max(length, options.silent_hold));
            return;
        }
        SDL_LockAudioDevice(device);
        playing = std::move(clip);
        position = 0;
        SDL_UnlockAudioDevice(device);
        // SDL's thread drains the clip; poll rather than signal from its callback.
        while (!stopping) {
            SDL_LockAudioDevice(device);
            const bool done = position >= playing.size();
            SDL_UnlockAudioDevice(device);
            if (done) break;
            hold(std::chrono::milliseconds(10));
        }
    }

    void run() {
        prepare();
        while (true) {
            std::vector<Phrase> phrases;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return stopping || job.has_value(); });
                if (stopping) return;
                phrases = std::move(*job);
                job.reset();
            }
            announce(phrases);
            busy = false;
        }
    }
};

AnnouncementPlayer::AnnouncementPlayer(PlayerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

AnnouncementPlayer::~AnnouncementPlayer() = default;

bool AnnouncementPlayer::play(std::string sentence) {
    return play(std::vector<Phrase>{{"", std::move(sentence), Pause::end, {}}});
}

bool AnnouncementPlayer::play(std::vector<Phrase> phrases) {
    if (impl_->busy.exchange(true)) return false;
    {
        std::lock_guard lock(impl_->mutex);
        impl_->job = std::move(phrases);
    }
    impl_->wake.notify_all();
    return true;
}

bool AnnouncementPlayer::busy() const { return impl_->busy; }

std::string AnnouncementPlayer::sound_problem() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->problem;
}

}  // namespace antre::display
