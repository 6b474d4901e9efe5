#include "wav_clip.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <numbers>
#include <optional>

namespace antre::display {

namespace {

constexpr std::uint16_t format_pcm = 1;
constexpr std::uint16_t format_float = 3;
constexpr std::uint16_t format_extensible = 0xFFFE;

std::uint32_t le(const std::string& b, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return v;
}

struct Format {
    std::uint16_t tag = 0;
    int channels = 0;
    int rate = 0;
    int block_align = 0;
    int bits = 0;
};

Format parse_format(const std::string& b, std::size_t at, std::size_t size) {
    if (size < 16) throw WavError("its \"fmt \" chunk is too short (" + std::to_string(size) + " bytes)");
    Format f;
    f.tag = static_cast<std::uint16_t>(le(b, at, 2));
    f.channels = static_cast<int>(le(b, at + 2, 2));
    f.rate = static_cast<int>(std::min<std::uint32_t>(le(b, at + 4, 4), 1u << 30));
    f.block_align = static_cast<int>(le(b, at + 12, 2));
    f.bits = static_cast<int>(le(b, at + 14, 2));
    // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its GUID.
    if (f.tag == format_extensible && size >= 40) f.tag = static_cast<std::uint16_t>(le(b, at + 24, 2));
    if (f.tag != format_pcm && f.tag != format_float)
        throw WavError("its format is " + std::to_string(f.tag) + ", not PCM (1) or float (3): save it as 16-bit PCM");
    const bool bits_ok =
        f.tag == format_float ? f.bits == 32 : f.bits == 8 || f.bits == 16 || f.bits == 24 || f.bits == 32;
    if (!bits_ok) throw WavError(std::to_string(f.bits) + "-bit samples are not supported");
    if (f.channels < 1 || f.channels > 8) throw WavError(std::to_string(f.channels) + " channels (1-8 are read)");
    if (f.rate < wav_rate_min || f.rate > wav_rate_max)
        throw WavError("its sample rate is " + std::to_string(f.rate) + " Hz (8000-192000 are read)");
    if (f.block_align != f.channels * f.bits / 8)
        throw WavError("its block size " + std::to_string(f.block_align) + " does not match " +
                       std::to_string(f.channels) + " channels of " + std::to_string(f.bits) + " bits");
    return f;
}

// One sample as 16-bit.
int sample16(const std::string& b, std::size_t at, const Format& f) {
    if (f.tag == format_float) {
        const std::uint32_t raw = le(b, at, 4);
        float v = 0;
        std::memcpy(&v, &raw, sizeof v);
        if (!std::isfinite(v)) return 0;
        return static_cast<int>(std::lround(std::clamp(static_cast<double>(v), -1.0, 1.0) * 32767.0));
    }
    switch (f.bits) {
        case 8:
            return (static_cast<int>(static_cast<unsigned char>(b[at])) - 128) * 256;
        case 16:
            return static_cast<std::int16_t>(le(b, at, 2));
        case 24:
            return static_cast<std::int32_t>(le(b, at, 3) << 8) >> 16;
        default:
            return static_cast<std::int32_t>(le(b, at, 4)) >> 16;
    }
}

}  // namespace

WavClip decode_wav(const std::string& b) {
    if (b.size() < 12 || b.compare(0, 4, "RIFF") != 0 || b.compare(8, 4, "WAVE") != 0)
        throw WavError("not a WAV file (no RIFF/WAVE header)");
    std::optional<Format> format;
    std::size_t data_at = 0, data_size = 0;
    bool has_data = false;
    for (std::size_t at = 12; at + 8 <= b.size();) {
        const std::string id = b.substr(at, 4);
        const std::size_t size = le(b, at + 4, 4);
        const std::size_t body = at + 8;
        const std::size_t there = std::min(size, b.size() - body);  // writers to a pipe leave the size unknown
        if (id == "fmt ") {
            if (there < size) throw WavError("it ends inside its \"fmt \" chunk");
            format = parse_format(b, body, size);
        } else if (id == "data") {
            if (!format) throw WavError("its \"data\" chunk comes before its \"fmt \" chunk");
            data_at = body;
            data_size = there;
            has_data = true;
            break;
        }
        at = body + size + (size & 1);  // chunks are padded to an even size
    }
    if (!format) throw WavError("it has no \"fmt \" chunk");
    if (!has_data) throw WavError("it has no \"data\" chunk");
    const auto frames = data_size / static_cast<std::size_t>(format->block_align);
    if (frames == 0) throw WavError("it holds no samples");
    if (frames > static_cast<std::size_t>(format->rate) * clip_seconds_limit)
        throw WavError("it lasts " + std::to_string(frames / static_cast<std::size_t>(format->rate)) +
                       " s; a clip lasts at most " + std::to_string(clip_seconds_limit) + " s");
    WavClip clip;
    clip.sample_rate = format->rate;
    clip.samples.resize(frames);
    const auto bytes_per_sample = static_cast<std::size_t>(format->bits / 8);
    for (std::size_t i = 0; i < frames; ++i) {
        long sum = 0;
        const std::size_t frame = data_at + i * static_cast<std::size_t>(format->block_align);
        for (int c = 0; c < format->channels; ++c)
            sum += sample16(b, frame + static_cast<std::size_t>(c) * bytes_per_sample, *format);
        clip.samples[i] = static_cast<std::int16_t>(std::lround(static_cast<double>(sum) / format->channels));
    }
    return clip;
}

WavClip read_wav(const std::filesystem::path& file) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw WavError("cannot be read: " + ec.message());
    if (size > wav_file_limit)
        throw WavError("it is " + std::to_string(size >> 20) + " MiB; a clip file holds at most " +
                       std::to_string(wav_file_limit >> 20) + " MiB");
    std::ifstream in(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) throw WavError("cannot be read");
    return decode_wav(bytes);
}

Pcm resample(const Pcm& pcm, int from, int to) {
    if (from == to || pcm.empty() || from <= 0 || to <= 0) return pcm;
    const double ratio = static_cast<double>(to) / from;
    // Cut-off as a fraction of the input's Nyquist frequency: below the output's
    // when going down, a little under the input's own when going up.
    const double cutoff = 0.95 * std::min(1.0, ratio);
    constexpr double zero_crossings = 16;          // on each side, at the lower rate
    const double reach = zero_crossings / cutoff;  // in input samples
    const auto n = static_cast<long>(pcm.size());
    const auto out_size = static_cast<std::size_t>(std::max(1L, std::lround(static_cast<double>(n) * ratio)));
    Pcm out(out_size);
    for (std::size_t j = 0; j < out_size; ++j) {
        const double t = std::min(static_cast<double>(j) / ratio, static_cast<double>(n - 1));
        const long first = std::max(0L, static_cast<long>(std::ceil(t - reach)));
        const long last = std::min(n - 1, static_cast<long>(std::floor(t + reach)));
        // sin(pi c x) and the window's phase change by a fixed angle from one tap
        // to the next: turned by rotation, not recomputed (ten times faster).
        const double x0 = t - static_cast<double>(first);
        const double sinc_step = -std::numbers::pi * cutoff, phase_step = -std::numbers::pi / reach;
        const double sinc_cos = std::cos(sinc_step), sinc_sin = std::sin(sinc_step);
        const double phase_cos = std::cos(phase_step), phase_sin = std::sin(phase_step);
        double s = std::sin(std::numbers::pi * cutoff * x0), c = std::cos(std::numbers::pi * cutoff * x0);
        double ps = std::sin(std::numbers::pi * (x0 / reach + 1)), pc = std::cos(std::numbers::pi * (x0 / reach + 1));
        double sum = 0, weights = 0;
        for (long k = first; k <= last; ++k) {
            const double x = t - static_cast<double>(k);
            const double sinc = std::abs(x) < 1e-9 ? 1.0 : s / (std::numbers::pi * cutoff * x);
            // Blackman window over [-reach, reach]: cos(2p) = 2 cos(p)^2 - 1.
            const double window = 0.42 - 0.5 * pc + 0.08 * (2 * pc * pc - 1);
            const double w = sinc * window;
            sum += w * pcm[static_cast<std::size_t>(k)];
            weights += w;
            const double s_next = s * sinc_cos + c * sinc_sin, ps_next = ps * phase_cos + pc * phase_sin;
            c = c * sinc_cos - s * sinc_sin;
            s = s_next;
            pc = pc * phase_cos - ps * phase_sin;
            ps = ps_next;
        }
        // Normalised by the weights: a constant stays the same constant, at the ends too.
        const double v = weights != 0 ? sum / weights : 0;
        out[j] = static_cast<std::int16_t>(std::lround(std::clamp(v, -32768.0, 32767.0)));
    }
    return out;
}

Pcm trim_recording(const Pcm& pcm, int sample_rate, int margin_ms) {
    constexpr int inaudible = 48;
    int peak = 0;
    for (const auto s : pcm) peak = std::max(peak, std::abs(static_cast<int>(s)));
    const int threshold = std::max(inaudible, peak / 50);
    const auto loud = [threshold](std::int16_t s) { return std::abs(static_cast<int>(s)) > threshold; };
    const auto first_loud = std::find_if(pcm.begin(), pcm.end(), loud);
    if (first_loud == pcm.end()) return {};
    const auto last_loud = std::find_if(pcm.rbegin(), pcm.rend(), loud).base();  // one past
    const auto margin = static_cast<long>(sample_rate) * std::max(margin_ms, 0) / 1000;
    auto first = first_loud - std::min(margin, static_cast<long>(first_loud - pcm.begin()));
    auto last = last_loud + std::min(margin, static_cast<long>(pcm.end() - last_loud));
    while (first < first_loud && *first == 0) ++first;
    while (last > last_loud && *(last - 1) == 0) --last;
    return Pcm(first, last);
}

}  // namespace antre::display
