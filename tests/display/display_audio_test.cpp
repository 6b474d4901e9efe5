// display/chime.cpp, speech.cpp, announcement_player.cpp, announcer.cpp: the
// sounds, and what SDL's disk audio driver receives for one and for two calls.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <future>
#include <memory>
#include <thread>

#include <SDL.h>
#include <catch2/catch.hpp>

#include "announcer.hpp"
#include "display_audio_support.hpp"
#include "display_events.hpp"
#include "number_words.hpp"
#include "speech.hpp"
#include "test_support.hpp"

namespace display_audio_test {

using namespace antre;
using namespace antre::display;
using namespace antre::display::test;
using namespace std::chrono_literals;

TEST_CASE("display: the chime is a decaying two-tone ding-dong", "[display][audio]") {
    const Pcm chime = make_chime(22050);
    CHECK(duration_ms(chime.size(), 22050) == Approx(1450).margin(5));
    CHECK(std::abs(chime.front()) < 50);
    CHECK(std::abs(chime.back()) < 50);
    const auto loudest =
        *std::max_element(chime.begin(), chime.end(), [](auto a, auto b) { return std::abs(a) < std::abs(b); });
    CHECK(std::abs(loudest) > 10000);
    // "ding" near 659 Hz, then "dong" near 523 Hz (late in the clip, where the first has died away).
    CHECK(zero_crossings(chime, 0, 22050 * 3 / 10) / 0.3 / 2 == Approx(659).epsilon(0.08));
    CHECK(zero_crossings(chime, 22050 * 9 / 10, 22050 * 12 / 10) / 0.3 / 2 == Approx(523).epsilon(0.08));
    // Decaying: the last quarter is much quieter than the first.
    CHECK(rms(chime.end() - static_cast<long>(chime.size() / 4), chime.end()) <
          rms(chime.begin(), chime.begin() + static_cast<long>(chime.size() / 4)) / 3);
}

TEST_CASE("display: an announcement clip is chime, pause, voice, pause", "[display][audio]") {
    const Pcm chime = make_chime(1000), speech(2000, 100);
    const Pcm clip = announcement_clip(chime, speech, 1000, {250, 900});
    REQUIRE(clip.size() == chime.size() + 250 + 2000 + 900);
    CHECK(std::equal(chime.begin(), chime.end(), clip.begin()));
    CHECK(std::all_of(clip.begin() + static_cast<long>(chime.size()),
                      clip.begin() + static_cast<long>(chime.size() + 250), [](auto s) { return s == 0; }));
    CHECK(clip[chime.size() + 250] == 100);
    CHECK(clip.back() == 0);
}

TEST_CASE("display: the Indonesian voice speaks the sentence", "[display][audio]") {
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

TEST_CASE("display: SDL's disk driver receives each call's chime and voice, one after the other", "[display][audio]") {
    antre::test::TempDir dir;
    const std::string file = dir.file("board.raw");
    BoardState board;
    apply_event(board, display::test::snapshot(display::test::sorong_services(), display::test::sorong_counters(),
                                               nlohmann::json::array()));
    apply_event(board, display::test::called(1, "A-001", "KTP", 3, display::test::monday_0941_wit));
    apply_event(board, display::test::called(2, "B-002", "KK", 2, display::test::monday_0941_wit + 10));
    {
        const ScopedEnv driver("SDL_AUDIODRIVER", "disk"), out("SDL_DISKAUDIOFILE", file),
            delay("SDL_DISKAUDIODELAY", "0");
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

    // espeak-ng's output varies by a few samples from run to run, so the voice is
    // checked by its extent and loudness; the chime, made in code, is exact.
    SpeechSynthesizer voice;
    const int rate = voice.sample_rate();
    const Pcm chime = make_chime(rate);
    const auto speech1_ms = duration_ms(voice.synthesize(call_sentence("A-001", 3)).size(), rate);
    const auto speech2_ms = duration_ms(voice.synthesize(call_sentence("B-002", 2)).size(), rate);
    const ClipTiming timing;
    const auto samples_of = [rate](long long ms) { return static_cast<std::size_t>(ms * rate / 1000); };
    const Pcm pcm = read_pcm(file);
    INFO("disk file: " << pcm.size() << " samples; voices " << speech1_ms << " and " << speech2_ms << " ms");

    // The first call: exactly the chime, then silence, then the voice until the pause after it.
    const std::size_t first = find_clip(pcm, chime, 0);
    REQUIRE(first != std::string::npos);
    const std::size_t voice1 = first + chime.size() + samples_of(timing.after_chime_ms);
    CHECK(std::all_of(pcm.begin() + static_cast<long>(first + chime.size()), pcm.begin() + static_cast<long>(voice1),
                      [](auto v) { return v == 0; }));
    const std::size_t end1 = sound_end(pcm, voice1, samples_of(700));
    CHECK(duration_ms(end1 - voice1, rate) == Approx(speech1_ms).epsilon(0.05));
    CHECK(duration_ms(end1 - voice1, rate) > 2000);
    CHECK(rms(pcm.begin() + static_cast<long>(voice1), pcm.begin() + static_cast<long>(end1)) > 1000);

    // The second chime comes only after the first voice and its pause: no overlap.
    const std::size_t second = find_clip(pcm, chime, end1);
    REQUIRE(second != std::string::npos);
    CHECK(second >= end1 + samples_of(timing.after_voice_ms) - samples_of(20));
    const std::size_t voice2 = second + chime.size() + samples_of(timing.after_chime_ms);
    const std::size_t end2 = sound_end(pcm, voice2, samples_of(700));
    CHECK(duration_ms(end2 - voice2, rate) == Approx(speech2_ms).epsilon(0.05));
    // Nothing else sounded: the sound in the file lasts as long as the two clips together.
    CHECK(std::all_of(pcm.begin() + static_cast<long>(end2), pcm.end(), [](auto v) { return v == 0; }));
    const auto heard_ms = duration_ms(chime.size() + (end1 - voice1) + chime.size() + (end2 - voice2), rate);
    CHECK(heard_ms == Approx(2 * duration_ms(chime.size(), rate) + speech1_ms + speech2_ms).epsilon(0.05));
}

TEST_CASE("display: without an audio device the board keeps its pace, silently", "[display][audio]") {
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

TEST_CASE("display: a muted board holds each call for a fixed time", "[display][audio]") {
    PlayerOptions o;
    o.mute = true;
    o.silent_hold = 200ms;
    AnnouncementPlayer player(o);
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(player.play("x"));
    while (player.busy() && std::chrono::steady_clock::now() - started < 20s) std::this_thread::sleep_for(2ms);
    CHECK_FALSE(player.busy());
    CHECK(std::chrono::steady_clock::now() - started >= 200ms);
    CHECK(player.sound_problem() == "");
}

TEST_CASE("display: a player stops at once, however soon after it starts or after a call", "[display][audio]") {
    // Stopping must wake the player's thread whether it is about to wait for a job
    // or in the middle of holding one: a wake-up lost there hangs the board at exit.
    // Players that end mid-call cut the call off; the destructor returns promptly.
    // Run on a thread of its own so that a hang fails the test instead of the suite.
    // Several threads at once, so that the machine is busy and a thread is often
    // preempted between its check and its wait: where a wake-up can be lost, it is.
    constexpr int threads = 4, players_each = 5000;
    auto finished = std::make_shared<std::promise<void>>();
    auto result = finished->get_future();
    std::thread([finished] {
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([t] {
                PlayerOptions o;
                o.mute = true;
                o.silent_hold = 0ms;
                for (int i = 0; i < players_each; ++i) {
                    AnnouncementPlayer player(o);
                    if ((i + t) % 2 == 0) continue;  // stopped as it starts
                    // Stopped the moment a call ends: as the thread turns to wait for the next.
                    player.play("x");
                    while (player.busy()) std::this_thread::yield();
                }
            });
        for (auto& w : workers) w.join();
        finished->set_value();
    }).detach();
    // Generous: the players take a few seconds on an idle machine.
    REQUIRE(result.wait_for(90s) == std::future_status::ready);
}

}  // namespace display_audio_test
