#include "speech.hpp"

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include <espeak-ng/speak_lib.h>

namespace antre::display {

namespace {

// espeak-ng keeps one global engine per process and is not thread-safe: it is
// initialised once and every use holds this lock.
std::mutex engine_mutex;
int engine_rate = 0;  // the sample rate, or -1 when initialisation failed

int synth_callback(short* wav, int count, espeak_EVENT* events) {
    auto* out = static_cast<Pcm*>(events ? events->user_data : nullptr);
    if (out && wav && count > 0) out->insert(out->end(), wav, wav + count);
    return 0;  // go on
}

void trim_silence(Pcm& pcm) {
    constexpr int quiet = 48;  // below this the sample is inaudible
    const auto loud = [](std::int16_t s) { return std::abs(static_cast<int>(s)) > quiet; };
    const auto first = std::find_if(pcm.begin(), pcm.end(), loud);
    const auto last = std::find_if(pcm.rbegin(), pcm.rend(), loud).base();
    pcm = first < last ? Pcm(first, last) : Pcm{};
}

}  // namespace

SpeechSynthesizer::SpeechSynthesizer(std::string voice, int words_per_minute)
    : voice_(std::move(voice)),
      words_per_minute_(std::clamp(words_per_minute, espeakRATE_MINIMUM, espeakRATE_MAXIMUM)) {
    std::lock_guard lock(engine_mutex);
    if (engine_rate == 0) {
        // DONT_EXIT: without it espeak-ng calls exit() when its data is missing.
        engine_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (engine_rate <= 0)
            engine_rate = -1;
        else
            espeak_SetSynthCallback(synth_callback);
    }
    if (engine_rate < 0) throw SpeechError("espeak_Initialize: espeak-ng data not found");
    if (espeak_SetVoiceByName(voice_.c_str()) != EE_OK) throw SpeechError("espeak_SetVoiceByName: no voice " + voice_);
    sample_rate_ = engine_rate;
}

Pcm SpeechSynthesizer::synthesize(const std::string& text) const {
    std::lock_guard lock(engine_mutex);
    // Another synthesizer may have changed the engine's voice or rate since.
    if (espeak_SetVoiceByName(voice_.c_str()) != EE_OK) throw SpeechError("espeak_SetVoiceByName: no voice " + voice_);
    espeak_SetParameter(espeakRATE, words_per_minute_, 0);
    Pcm out;
    const auto status =
        espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &out);
    if (status != EE_OK) throw SpeechError("espeak_Synth failed");
    trim_silence(out);
    return out;
}

}  // namespace antre::display
