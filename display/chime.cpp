#include "chime.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace antre::display {

namespace {

// One struck bell note added into `out` from `start`: a fundamental with two
// softer partials, a short attack (no click) and an exponential decay.
void add_note(std::vector<double>& out, int rate, double start_s, double hz, double amplitude, double decay_s) {
    const auto first = static_cast<std::size_t>(start_s * rate);
    const double attack_s = 0.008;
    for (std::size_t i = first; i < out.size(); ++i) {
        const double t = static_cast<double>(i - first) / rate;
        const double envelope = std::min(1.0, t / attack_s) * std::exp(-t / decay_s);
        const double w = 2 * std::numbers::pi * hz * t;
        out[i] += amplitude * envelope * (std::sin(w) + 0.35 * std::sin(2 * w) + 0.12 * std::sin(3 * w));
    }
}

}  // namespace

Pcm make_chime(int sample_rate) {
    const double length_s = 1.45;
    std::vector<double> mix(static_cast<std::size_t>(length_s * sample_rate), 0.0);
    add_note(mix, sample_rate, 0.0, 659.25, 0.42, 0.30);   // E5: "ding"
    add_note(mix, sample_rate, 0.42, 523.25, 0.42, 0.40);  // C5: "dong"
    // Fade the last 60 ms to zero so the clip never ends on a click.
    const auto fade = static_cast<std::size_t>(0.06 * sample_rate);
    for (std::size_t i = 0; i < fade && i < mix.size(); ++i)
        mix[mix.size() - 1 - i] *= static_cast<double>(i) / static_cast<double>(fade);
    Pcm out(mix.size());
    std::transform(mix.begin(), mix.end(), out.begin(),
                   [](double v) { return static_cast<std::int16_t>(std::lround(std::clamp(v, -1.0, 1.0) * 32767.0)); });
    return out;
}

Pcm make_silence(int sample_rate, int ms) {
    return Pcm(static_cast<std::size_t>(static_cast<long long>(sample_rate) * std::max(ms, 0) / 1000), 0);
}

Pcm announcement_clip(const Pcm& chime, const Pcm& speech, int sample_rate, ClipTiming timing) {
    Pcm out = chime;
    const Pcm gap = make_silence(sample_rate, timing.after_chime_ms);
    const Pcm tail = make_silence(sample_rate, timing.after_voice_ms);
    out.insert(out.end(), gap.begin(), gap.end());
    out.insert(out.end(), speech.begin(), speech.end());
    out.insert(out.end(), tail.begin(), tail.end());
    return out;
}

long long duration_ms(std::size_t samples, int sample_rate) {
    return sample_rate > 0 ? static_cast<long long>(samples) * 1000 / sample_rate : 0;
}

}  // namespace antre::display
