// Plays announcements one at a time over SDL audio: the chime, then the voice
// (the office's voice pack, espeak-ng for what it lacks).
// A thread of its own synthesises and waits for playback, so the render loop
// never blocks; without sound (no device, muted, no voice) an announcement is
// still "played" for as long as it would last, so boards keep the same pace.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "chime.hpp"
#include "voice_pack.hpp"

namespace antre::display {

struct PlayerOptions {
    bool mute = false;         ///< never open an audio device; hold each call for `silent_hold`
    std::string voice = "id";  ///< espeak-ng voice
    int voice_rate = 140;      ///< words per minute (espeak-ng accepts 80-450)
    /// A voice pack's folder: calls are assembled from its clips, espeak-ng saying
    /// only what it lacks; "" (or a pack with no usable clip): espeak-ng alone.
    std::string voice_pack;
    PhrasePauses pauses;  ///< between a voice pack's phrases
    ClipTiming timing;
    /// How long a call is featured when nothing can be heard.
    std::chrono::milliseconds silent_hold{5000};
    /// Time between attempts to open an audio device that failed.
    std::chrono::milliseconds reopen_interval{30000};
};

class AnnouncementPlayer {
public:
    /// Starts the player's thread; never throws for want of sound.
    explicit AnnouncementPlayer(PlayerOptions options = {});
    /// Stops at once, cutting off what is playing.
    ~AnnouncementPlayer();
    AnnouncementPlayer(const AnnouncementPlayer&) = delete;
    AnnouncementPlayer& operator=(const AnnouncementPlayer&) = delete;

    /// Starts the chime and the phrases (from the voice pack, or espeak-ng's
    /// sentence_of() them); false (and nothing happens) while the previous
    /// announcement is still playing.
    bool play(std::vector<Phrase> phrases);
    /// Starts the chime and `sentence`, spoken by espeak-ng; false while busy.
    bool play(std::string sentence);
    /// True from play() until the announcement has been heard, pause included.
    bool busy() const;
    /// Why the board is silent or has no voice, or "" when sound works.
    std::string sound_problem() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace antre::display
