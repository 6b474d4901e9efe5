// display/chime.cpp, speech.cpp, announcement_player.cpp, announcer.cpp: the
// sounds, and what SDL's disk audio driver receives for one and for two calls.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include <SDL.h>
#include <catch2/catch.hpp>

#include "announcer.hpp"
#include "display_events.hpp"
#include "number_words.hpp"
#include "speech.hpp"
#include "test_support.hpp"

using namespace antre;
using namespace antre::display;
using namespace std::chrono_literals;

namespace {

double rms(Pcm::const_iterator first, Pcm::const_iterator last) {
    if (first == last) return 0;
    double sum = 0;
    for (auto it = first; it != last; ++it) sum += static_cast<double>(*it) * *it;
    return std::sqrt(sum / static_cast<double>(last - first));
}

// Sign changes in a stretch of samples: 2 per period of the main tone.
int zero_crossings(const Pcm& pcm, std::size_t first, std::size_t last) {
    int n = 0;
    for (std::size_t i = first + 1; i < last; ++i) n += (pcm[i - 1] < 0) != (pcm[i] < 0) ? 1 : 0;
    return n;
}

Pcm read_pcm(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Pcm pcm(bytes.size() / 2);
    std::memcpy(pcm.data(), bytes.data(), pcm.size() * 2);
    return pcm;
}

// Where `clip` starts in `pcm`, searching from `from`: at the first sound after
// `from`, less the clip's own leading zeros; npos when it is not there exactly.
std::size_t find_clip(const Pcm& pcm, const Pcm& clip, std::size_t from) {
    const auto lead = static_cast<std::size_t>(std::find_if(clip.begin(), clip.end(), [](auto s) { return s != 0; }) -
                                               clip.begin());
    const auto sound = std::find_if(pcm.begin() + static_cast<long>(from), pcm.end(), [](auto s) { return s != 0; });
    const auto at = static_cast<std::size_t>(sound - pcm.begin());
    if (sound == pcm.end() || at < lead || at - lead + clip.size() > pcm.size()) return std::string::npos;
    const std::size_t start = at - lead;
    return std::equal(clip.begin(), clip.end(), pcm.begin() + static_cast<long>(start)) ? start : std::string::npos;
}

// Sets an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() { old_.empty() ? ::unsetenv(name_) : ::setenv(name_, old_.c_str(), 1); }

private:
    const char* name_;
    std::string old_;
};

}  // namespace

TEST_CASE("the chime is a decaying two-tone ding-dong", "[display][audio]") {
    const Pcm chime = make_chime(22050);
    CHECK(duration_ms(chime.size(), 22050) == Approx(1450).margin(5));
    CHECK(std::abs(chime.front()) < 50);
    CHECK(std::abs(chime.back()) < 50);
    const auto loudest = *std::max_element(chime.begin(), chime.end(), [](auto a, auto b) { return std::abs(a) < std::abs(b); });
    CHECK(std::abs(loudest) > 10000);
    // "ding" near 659 Hz, then "dong" near 523 Hz (late in the clip, where the first has died away).
    CHECK(zero_crossings(chime, 0, 22050 * 3 / 10) / 0.3 / 2 == Approx(659).epsilon(0.08));
    CHECK(zero_crossings(chime, 22050 * 9 / 10, 22050 * 12 / 10) / 0.3 / 2 == Approx(523).epsilon(0.08));
    // Decaying: the last quarter is much quieter than the first.
    CHECK(rms(chime.end() - static_cast<long>(chime.size() / 4), chime.end()) <
          rms(chime.begin(), chime.begin() + static_cast<long>(chime.size() / 4)) / 3);
}

TEST_CASE("an announcement clip is chime, pause, voice, pause", "[display][audio]") {
    const Pcm chime = make_chime(1000), speech(2000, 100);
    const Pcm clip = announcement_clip(chime, speech, 1000, {250, 900});
    REQUIRE(clip.size() == chime.size() + 250 + 2000 + 900);
    CHECK(std::equal(chime.begin(), chime.end(), clip.begin()));
    CHECK(std::all_of(clip.begin() + static_cast<long>(chime.size()), clip.begin() + static_cast<long>(chime.size() + 250),
                      [](auto s) { return s == 0; }));
    CHECK(clip[chime.size() + 250] == 100);
    CHECK(clip.back() == 0);
}

TEST_CASE("the Indonesian voice speaks the sentence", "[display][audio]") {
    SpeechSynthesizer voice("id", 140);
    CHECK(voice.sample_rate() == 22050);
    const Pcm speech = voice.synthesize(call_sentence("A-001", 3));
    const auto ms = duration_ms(speech.size(), voice.sample_rate());
    INFO("speech lasts " << ms << " ms");
    CHECK(ms > 2000);  // about 15 syllables...
    CHECK(ms < 9000);  // ...at 140 words a minute
    CHECK(rms(speech.begin(), speech.end()) > 1000);
    CHECK(std::abs(speech.front()) > 48);  // silence trimmed at both ends
    CHECK(std::abs(speech.back()) > 48);
    // A longer sentence takes longer.
    const Pcm recall = voice.synthesize(call_sentence("A-001", 3, true));
    CHECK(recall.size() > speech.size());
    CHECK_THROWS_AS(SpeechSynthesizer("no-such-voice"), SpeechError);
}

TEST_CASE("SDL's disk driver receives each call's chime and voice, one after the other", "[display][audio]") {
    test::TempDir dir;
    const std::string file = dir.file("board.raw");
    BoardState board;
    apply_event(board, display::test::snapshot(display::test::sorong_services(), display::test::sorong_counters(),
                                               nlohmann::json::array()));
    apply_event(board, display::test::called(1, "A-001", "KTP", 3, display::test::monday_0941_wit));
    apply_event(board, display::test::called(2, "B-002", "KK", 2, display::test::monday_0941_wit + 10));
    {
        const ScopedEnv driver("SDL_AUDIODRIVER", "disk"), out("SDL_DISKAUDIOFILE", file), delay("SDL_DISKAUDIODELAY", "0");
        AnnouncementPlayer player;
        std::vector<std::string> featured;
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        while ((board.announcing || !board.pending.empty()) && std::chrono::steady_clock::now() < deadline) {
            advance_announcements(board, player, display::test::monday_0941_wit);
            if (board.announcing && (featured.empty() || featured.back() != board.announcing->label)) {
                featured.push_back(board.announcing->label);
                CHECK_FALSE(player.play("Nomor antrean Z nol nol nol"));  // busy: never a second voice at once
            }
            std::this_thread::sleep_for(2ms);
        }
        CHECK(player.sound_problem() == "");
        CHECK(featured == std::vector<std::string>{"A-001", "B-002"});
    }  // the device closes: the file is complete

    SpeechSynthesizer voice;
    const int rate = voice.sample_rate();
    const Pcm chime = make_chime(rate);
    const Pcm speech1 = voice.synthesize(call_sentence("A-001", 3));
    const Pcm speech2 = voice.synthesize(call_sentence("B-002", 2));
    const Pcm clip1 = announcement_clip(chime, speech1, rate), clip2 = announcement_clip(chime, speech2, rate);
    const Pcm pcm = read_pcm(file);
    INFO("disk file: " << pcm.size() << " samples");

    // The first call: exactly the chime, the pause, then the voice.
    const std::size_t first = find_clip(pcm, chime, 0);
    REQUIRE(first != std::string::npos);
    CHECK(find_clip(pcm, clip1, first) == first);
    const std::size_t voice1 = first + chime.size() + static_cast<std::size_t>(rate) / 4;
    CHECK(rms(pcm.begin() + static_cast<long>(voice1), pcm.begin() + static_cast<long>(voice1 + speech1.size())) > 1000);
    CHECK(duration_ms(speech1.size(), rate) > 2000);

    // The second starts only after the first has ended, pause included: no overlap.
    const std::size_t second = find_clip(pcm, clip2, first + clip1.size());
    REQUIRE(second != std::string::npos);
    CHECK(second >= first + clip1.size());
    // Nothing else was played: all the sound in the file is the two clips.
    const auto sounding = [](Pcm::const_iterator a, Pcm::const_iterator b) {
        return std::count_if(a, b, [](auto s) { return s != 0; });
    };
    CHECK(sounding(pcm.begin(), pcm.end()) == sounding(clip1.begin(), clip1.end()) + sounding(clip2.begin(), clip2.end()));
    CHECK(sounding(pcm.begin() + static_cast<long>(second + clip2.size()), pcm.end()) == 0);
}

TEST_CASE("without an audio device the board keeps its pace, silently", "[display][audio]") {
    const ScopedEnv driver("SDL_AUDIODRIVER", "no-such-driver");
    PlayerOptions o;
    o.silent_hold = 300ms;
    AnnouncementPlayer player(o);
    REQUIRE(player.play(call_sentence("A-001", 1)));
    CHECK(player.busy());
    CHECK_FALSE(player.sound_problem().empty());
    const auto started = std::chrono::steady_clock::now();
    while (player.busy() && std::chrono::steady_clock::now() - started < 20s) std::this_thread::sleep_for(5ms);
    CHECK_FALSE(player.busy());
    // Held about as long as the clip would have sounded (over 3 s), not dropped at once.
    CHECK(std::chrono::steady_clock::now() - started > 2s);
}

TEST_CASE("a muted board holds each call for a fixed time", "[display][audio]") {
    PlayerOptions o;
    o.mute = true;
    o.silent_hold = 200ms;
    AnnouncementPlayer player(o);
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(player.play("x"));
    while (player.busy()) std::this_thread::sleep_for(2ms);
    CHECK(std::chrono::steady_clock::now() - started >= 200ms);
    CHECK(player.sound_problem() == "");
}
