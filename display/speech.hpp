// Indonesian speech from libespeak-ng, synthesised into memory: no audio device,
// no child process, no temporary file. The voice is only a source of samples;
// the announcement player decides when they are heard.
#pragma once

#include <stdexcept>
#include <string>

#include "chime.hpp"

namespace antre::display {

class SpeechError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class SpeechSynthesizer {
public:
    /// Loads espeak-ng and the voice (once per process); throws SpeechError when
    /// the library's data or the voice is missing.
    explicit SpeechSynthesizer(std::string voice = "id", int words_per_minute = 140);

    /// espeak-ng's output rate (22050 Hz).
    int sample_rate() const { return sample_rate_; }
    /// `text` (UTF-8) as speech, without leading and trailing silence; throws SpeechError.
    Pcm synthesize(const std::string& text) const;

private:
    std::string voice_;
    int words_per_minute_;
    int sample_rate_ = 0;
};

}  // namespace antre::display
