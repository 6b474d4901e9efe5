// Recorded clips for the board's voice: a RIFF/WAVE file read into the board's
// PCM (mono, signed 16-bit) and converted to its sample rate. No SDL: the
// parsing is plain C++ so that every refusal is tested without a device.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "chime.hpp"

namespace antre::display {

/// A WAV file the board cannot use; the message says why, in a line for the log.
class WavError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Limits on one clip: a recording left running is refused, not loaded.
inline constexpr std::uintmax_t wav_file_limit = 16u << 20;  ///< bytes
inline constexpr int clip_seconds_limit = 10;
inline constexpr int wav_rate_min = 8000;
inline constexpr int wav_rate_max = 192000;

/// A clip as read: mono samples at the file's own rate.
struct WavClip {
    int sample_rate = 0;
    Pcm samples;
};

/// Reads PCM WAV (8-bit unsigned, 16/24/32-bit signed, 32-bit float; any channel
/// count, mixed down to mono; WAVE_FORMAT_EXTENSIBLE too). Throws WavError for
/// anything else: not RIFF/WAVE, no "fmt " or "data" chunk, a compressed format,
/// a rate outside 8-192 kHz, no samples, longer than clip_seconds_limit.
WavClip decode_wav(const std::string& bytes);
/// decode_wav() of a file; a WavError names the file's problem, not its path.
WavClip read_wav(const std::filesystem::path& file);

/// `pcm` at `to` Hz instead of `from` Hz: band-limited (windowed-sinc)
/// interpolation, filtered below the lower rate's Nyquist frequency so that
/// downsampling does not alias. A constant signal stays exactly constant.
Pcm resample(const Pcm& pcm, int from, int to);

/// Cuts a recording's leading and trailing quiet (below 1/50 of its peak, or
/// inaudible), keeping `margin_ms` before the first and after the last loud
/// sample for soft consonants ("s" in "satu"); digital silence (zero samples)
/// is never kept. All quiet: empty.
Pcm trim_recording(const Pcm& pcm, int sample_rate, int margin_ms = 40);

}  // namespace antre::display
