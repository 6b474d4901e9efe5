// A voice pack: the office's own recorded clips ("nomor antrean", letters,
// digits, "silakan menuju loket", counters), from which the board assembles
// each call with natural pauses. Any clip the pack lacks is spoken by
// espeak-ng, clip by clip, so a partial pack works.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "chime.hpp"
#include "number_words.hpp"

namespace antre::display {

/// One clip of a voice pack: the file `<name>.wav`, what the officer says into it,
/// and where the board uses it.
struct ClipSpec {
    std::string name;
    std::string say;
    std::string use;
    bool operator==(const ClipSpec&) const = default;
};

/// The clips a pack holds, in recording order: the one table that docs/display.md,
/// `antre-display --list-voice-clips` and scripts/record-voice-pack show.
const std::vector<ClipSpec>& voice_clips();
/// voice_clips() and the optional counter clips ("loket-3") of `counters`.
std::vector<ClipSpec> voice_clips(const std::set<int>& counters);
/// The clips as lines of `name<TAB>say<TAB>use`.
void write_clip_list(std::ostream& out, const std::vector<ClipSpec>& clips);

/// Silence between phrases (docs/display.md, "Voice pack").
struct PhrasePauses {
    int word_ms = 80;       ///< "A | nol | nol | satu", "dua | belas"
    int phrase_ms = 200;    ///< "Nomor antrean | A"
    int comma_ms = 250;     ///< "satu, | silakan"
    int sentence_ms = 450;  ///< "Panggilan ulang. | Nomor"
    int after(Pause pause) const;
};

/// Speaks text that has no clip (espeak-ng); empty when there is no voice.
using FallbackVoice = std::function<Pcm(const std::string& text)>;

class VoicePack {
public:
    /// Reads every `<clip>.wav` of voice_clips() and every `loket-N.wav` in `folder`,
    /// trimmed of leading and trailing quiet and converted to `sample_rate`. Never
    /// throws: a missing folder or a malformed, silent or unknown file is a line in
    /// problems(), and its clip is missing.
    static VoicePack load(const std::filesystem::path& folder, int sample_rate);

    /// The clip as the board plays it, or nullptr when the pack lacks it.
    const Pcm* clip(std::string_view name) const;
    /// How many clips the pack holds.
    std::size_t size() const { return clips_.size(); }
    int sample_rate() const { return sample_rate_; }
    /// What was wrong with the folder or a file, one line each ("nol.wav: ...").
    const std::vector<std::string>& problems() const { return problems_; }
    /// The clips of voice_clips() the folder lacks (espeak-ng says them).
    const std::vector<std::string>& missing() const { return missing_; }

    /// The phrases as one stretch of speech: each phrase's clip, or else its
    /// words' clips ("dua", "belas"), or else `fallback(text)`; the pauses
    /// between them. No silence before the first or after the last.
    Pcm speak(const std::vector<Phrase>& phrases, const FallbackVoice& fallback, const PhrasePauses& pauses = {}) const;

private:
    int sample_rate_ = 0;
    std::map<std::string, Pcm, std::less<>> clips_;
    std::vector<std::string> problems_;
    std::vector<std::string> missing_;
};

}  // namespace antre::display
