// The sounds of an announcement, made in code (no asset files): a two-tone
// "ding-dong" chime, silences, and the clip chime + pause + voice + pause.
#pragma once

#include <cstdint>
#include <vector>

namespace antre::display {

/// Mono signed 16-bit samples.
using Pcm = std::vector<std::int16_t>;

/// A bell-like two-tone chime (E5 then C5, each decaying), about 1.4 s.
Pcm make_chime(int sample_rate);

/// `ms` milliseconds of silence.
Pcm make_silence(int sample_rate, int ms);

/// How an announcement is laid out in time.
struct ClipTiming {
    int after_chime_ms = 250;  ///< pause between the chime and the voice
    int after_voice_ms = 900;  ///< pause after the voice, before the next announcement
};

/// chime, pause, speech, pause: what one announcement plays.
Pcm announcement_clip(const Pcm& chime, const Pcm& speech, int sample_rate, ClipTiming timing = {});

/// Milliseconds that `samples` last at `sample_rate`.
long long duration_ms(std::size_t samples, int sample_rate);

}  // namespace antre::display
