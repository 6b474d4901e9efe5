// display/voice_pack.cpp, wav_clip.cpp and the voice-pack side of
// announcement_player.cpp: the clip table, WAV files read and refused, rate
// conversion, and calls assembled clip by clip, checked sample by sample.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <numbers>
#include <set>
#include <sstream>
#include <thread>

#include <sys/wait.h>

#include <catch2/catch.hpp>

#include "announcer.hpp"
#include "display_audio_support.hpp"
#include "display_events.hpp"
#include "speech.hpp"
#include "test_support.hpp"
#include "voice_pack.hpp"
#include "wav_clip.hpp"

namespace Catch {
template <>
struct StringMaker<antre::display::ClipSpec> {
    static std::string convert(const antre::display::ClipSpec& c) { return c.name + " | " + c.say + " | " + c.use; }
};
}  // namespace Catch

namespace display_voice_pack_test {

using namespace antre;
using namespace antre::display;
using namespace antre::display::test;
using namespace std::chrono_literals;

namespace {

void put(std::string& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// A WAV file around `data` (already in the file's sample format).
std::string wav_file(int rate, int channels, int bits, const std::string& data, std::uint16_t tag = 1,
                     const std::string& extra_chunk = "") {
    std::string fmt;
    put(fmt, tag, 2);
    put(fmt, static_cast<std::uint32_t>(channels), 2);
    put(fmt, static_cast<std::uint32_t>(rate), 4);
    put(fmt, static_cast<std::uint32_t>(rate * channels * bits / 8), 4);
    put(fmt, static_cast<std::uint32_t>(channels * bits / 8), 2);
    put(fmt, static_cast<std::uint32_t>(bits), 2);
    std::string body = "WAVEfmt ";
    put(body, static_cast<std::uint32_t>(fmt.size()), 4);
    body += fmt + extra_chunk + "data";
    put(body, static_cast<std::uint32_t>(data.size()), 4);
    body += data;
    std::string out = "RIFF";
    put(out, static_cast<std::uint32_t>(body.size()), 4);
    return out + body;
}

std::string pcm16(const Pcm& samples) {
    std::string out;
    for (const auto s : samples) put(out, static_cast<std::uint16_t>(s), 2);
    return out;
}

std::string wav16(int rate, const Pcm& samples) { return wav_file(rate, 1, 16, pcm16(samples)); }

void write_file(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

Pcm constant(std::size_t n, std::int16_t v) { return Pcm(n, v); }

Pcm sine(int rate, double hz, double seconds, double amplitude = 12000) {
    Pcm out(static_cast<std::size_t>(rate * seconds));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::int16_t>(
            std::lround(amplitude * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate)));
    return out;
}

// The stretches of a PCM as (value, length): a constant clip is one run.
std::vector<std::pair<int, std::size_t>> runs(const Pcm& pcm) {
    std::vector<std::pair<int, std::size_t>> out;
    for (const auto s : pcm) {
        if (!out.empty() && out.back().first == s)
            ++out.back().second;
        else
            out.emplace_back(s, 1);
    }
    return out;
}

constexpr int rate = 22050;
std::size_t ms(int milliseconds, int at_rate = rate) {
    return static_cast<std::size_t>(milliseconds) * static_cast<std::size_t>(at_rate) / 1000;
}

// A pack in which each clip is a distinct constant: clip k of the table is
// 1000 + 100 k for 0.1 s (+ k ms, so the lengths differ too).
struct ToneKit {
    antre::test::TempDir dir;
    std::map<std::string, std::int16_t> value;
    std::map<std::string, std::size_t> length;  // at the file's rate
    explicit ToneKit(int file_rate = rate, const std::set<int>& counters = {}) {
        int k = 0;
        for (const auto& c : voice_clips(counters)) {
            value[c.name] = static_cast<std::int16_t>(1000 + 100 * k);
            length[c.name] = ms(100 + k, file_rate);
            write_file(dir.file(c.name + ".wav"), wav16(file_rate, constant(length[c.name], value[c.name])));
            ++k;
        }
    }
    void remove(const std::string& name) { std::filesystem::remove(dir.file(name + ".wav")); }
    // What the clips and pauses should make, as runs (all at the pack's rate).
    std::vector<std::pair<int, std::size_t>> expected(const std::vector<std::string>& clips_and_pauses) {
        std::vector<std::pair<int, std::size_t>> out;
        for (const auto& item : clips_and_pauses) {
            if (item.starts_with("~"))
                out.emplace_back(0, ms(std::stoi(item.substr(1))));
            else
                out.emplace_back(value.at(item), length.at(item));
        }
        return out;
    }
};

// Espeak stand-in: a recognisable stretch per text, so a fallback shows where it is used.
Pcm fake_voice(const std::string& text) { return constant(100 + text.size(), static_cast<std::int16_t>(-7)); }

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("display: the voice pack's clip table covers every call and matches the docs", "[display][voicepack]") {
    std::set<std::string> names;
    for (const auto& c : voice_clips()) {
        CHECK(names.insert(c.name).second);  // unique
        CHECK_FALSE(c.say.empty());
        CHECK_FALSE(c.use.empty());
    }
    CHECK(voice_clips().size() == 3 + 26 + 10 + 6);
    // Every clip a call can name is in the table, or is a counter's optional clip.
    for (char letter = 'A'; letter <= 'Z'; ++letter)
        for (const int counter : {1, 9, 10, 11, 12, 19, 20, 21, 99, 100, 110, 111, 215, 999})
            for (const bool recall : {false, true})
                for (const auto& p : call_phrases(std::string(1, letter) + "-0123456789", counter, recall)) {
                    INFO(p.clip);
                    CHECK((names.contains(p.clip) || p.clip == counter_clip(counter)));
                    for (const auto& w : p.words) CHECK(names.contains(w));
                }
    SECTION("counter clips are added on request") {
        const auto with = voice_clips({3, 12});
        REQUIRE(with.size() == voice_clips().size() + 2);
        CHECK(with[with.size() - 2] == ClipSpec{"loket-3", "tiga", "counter 3 (optional)"});
        CHECK(with.back() == ClipSpec{"loket-12", "dua belas", "counter 12 (optional)"});
    }
    SECTION("the list printed for the recording script") {
        std::ostringstream out;
        write_clip_list(out, voice_clips());
        CHECK(out.str().starts_with("nomor-antrean\tnomor antrean\tevery call\nsilakan-menuju-loket\t"));
        CHECK(out.str().find("huruf-b\tbe\tticket letters\n") != std::string::npos);
    }
    SECTION("docs/display.md shows the same table, row for row") {
        std::istringstream doc(slurp(ANTRE_SOURCE_DIR "/docs/display.md"));
        std::vector<ClipSpec> documented;
        for (std::string line; std::getline(doc, line);) {
            // | `nomor-antrean.wav` | nomor antrean | every call |
            if (!line.starts_with("| `") || line.find(".wav` |") == std::string::npos) continue;
            std::vector<std::string> cells;
            std::istringstream row(line.substr(1));
            for (std::string cell; std::getline(row, cell, '|');) {
                cell.erase(0, cell.find_first_not_of(' '));
                cell.erase(cell.find_last_not_of(' ') + 1);
                cells.push_back(cell);
            }
            REQUIRE(cells.size() >= 3);
            documented.push_back({cells[0].substr(1, cells[0].size() - 6), cells[1], cells[2]});
        }
        CHECK(documented == voice_clips());
    }
}

TEST_CASE("display: a call phrase by phrase", "[display][voicepack]") {
    const auto phrases = call_phrases("AB-012", 12, true);
    std::vector<std::string> clips;
    for (const auto& p : phrases) clips.push_back(p.clip);
    CHECK(clips == std::vector<std::string>{"panggilan-ulang", "nomor-antrean", "huruf-a", "huruf-b", "nol", "satu",
                                            "dua", "silakan-menuju-loket", "loket-12"});
    CHECK(phrases.back().words == std::vector<std::string>{"dua", "belas"});
    CHECK(phrases.back().text == "dua belas");
    CHECK(phrases[0].after == Pause::sentence);
    CHECK(phrases[1].after == Pause::phrase);
    CHECK(phrases[6].after == Pause::comma);
    CHECK(sentence_of(phrases) == "Panggilan ulang. Nomor antrean A B nol satu dua, silakan menuju loket dua belas.");
}

TEST_CASE("display: WAV files are read into mono 16-bit samples", "[display][voicepack]") {
    SECTION("16-bit mono, exactly") {
        const Pcm samples = {0, 1, -1, 32767, -32768, 1234};
        const WavClip clip = decode_wav(wav16(44100, samples));
        CHECK(clip.sample_rate == 44100);
        CHECK(clip.samples == samples);
    }
    SECTION("stereo is mixed down") {
        const WavClip clip = decode_wav(wav_file(16000, 2, 16, pcm16({1000, 3000, -200, -400})));
        CHECK(clip.samples == Pcm{2000, -300});
    }
    SECTION("8-bit unsigned, 24-bit and 32-bit signed, 32-bit float") {
        CHECK(decode_wav(wav_file(8000, 1, 8, std::string{'\xC0', '\x80', '\x00'})).samples == Pcm{16384, 0, -32768});
        std::string s24, s32, f32;
        put(s24, 0x123456, 3);  // 0x1234 after the low byte
        put(s24, 0xFFFF00, 3);  // -256 -> -1
        put(s32, 0x40000000u, 4);
        const float half = -0.5f;
        std::uint32_t bits = 0;
        std::memcpy(&bits, &half, 4);
        put(f32, bits, 4);
        CHECK(decode_wav(wav_file(8000, 1, 24, s24)).samples == Pcm{0x1234, -1});
        CHECK(decode_wav(wav_file(8000, 1, 32, s32)).samples == Pcm{0x4000});
        CHECK(decode_wav(wav_file(8000, 1, 32, f32, 3)).samples == Pcm{-16384});
    }
    SECTION("other chunks (odd-sized, padded) before the data are skipped") {
        std::string list = "LIST";
        put(list, 3, 4);
        list += "abc";
        list += '\0';
        CHECK(decode_wav(wav_file(8000, 1, 16, pcm16({5, 6}), 1, list)).samples == Pcm{5, 6});
    }
    SECTION("a data size left unknown by a writer to a pipe: the samples that are there") {
        std::string bytes = wav16(8000, {7, 8, 9});
        const auto at = bytes.find("data") + 4;
        for (int i = 0; i < 4; ++i) bytes[at + static_cast<std::size_t>(i)] = '\xFF';
        CHECK(decode_wav(bytes).samples == Pcm{7, 8, 9});
    }
}

TEST_CASE("display: malformed WAV files are refused with a clear message", "[display][voicepack]") {
    const std::string good = wav16(22050, constant(100, 1000));
    CHECK_THROWS_WITH(decode_wav("hello, this is not a wav file"), "not a WAV file (no RIFF/WAVE header)");
    CHECK_THROWS_WITH(decode_wav(good.substr(0, 30)), Catch::Contains("ends inside its \"fmt \" chunk"));
    CHECK_THROWS_WITH(decode_wav(good.substr(0, 36)), "it has no \"data\" chunk");
    CHECK_THROWS_WITH(decode_wav(wav_file(22050, 1, 4, "\x01\x02", 2)), Catch::Contains("format is 2, not PCM"));
    CHECK_THROWS_WITH(decode_wav(wav_file(22050, 1, 12, "\x01\x02")), "12-bit samples are not supported");
    CHECK_THROWS_WITH(decode_wav(wav_file(4000, 1, 16, pcm16({1}))), Catch::Contains("sample rate is 4000 Hz"));
    CHECK_THROWS_WITH(decode_wav(wav_file(22050, 0, 16, "")), Catch::Contains("0 channels"));
    CHECK_THROWS_WITH(decode_wav(wav16(22050, {})), "it holds no samples");
    CHECK_THROWS_WITH(decode_wav(wav16(8000, constant(8000 * 11, 5))), "it lasts 11 s; a clip lasts at most 10 s");
    std::string wrong_block = good;
    wrong_block[good.find("fmt ") + 8 + 12] = 5;  // block align 5 for mono 16-bit
    CHECK_THROWS_WITH(decode_wav(wrong_block), Catch::Contains("block size 5 does not match"));
}

TEST_CASE("display: a clip's sample rate is converted to the board's", "[display][voicepack]") {
    SECTION("a constant stays exactly that constant, at the ends too") {
        for (const int from : {8000, 16000, 44100, 48000}) {
            const Pcm out = resample(constant(static_cast<std::size_t>(from) / 10, 1500), from, rate);
            CHECK(out.size() == ms(100));
            CHECK(std::all_of(out.begin(), out.end(), [](auto s) { return s == 1500; }));
        }
    }
    SECTION("a tone keeps its pitch and loudness") {
        for (const int from : {16000, 48000}) {
            const Pcm out = resample(sine(from, 440, 1.0), from, rate);
            REQUIRE(out.size() == static_cast<std::size_t>(rate));
            CHECK(zero_crossings(out, 0, out.size()) / 2.0 == Approx(440).margin(2));
            CHECK(rms(out.begin() + 1000, out.end() - 1000) == Approx(12000 / std::sqrt(2.0)).epsilon(0.02));
        }
    }
    SECTION("going down, a tone above the new Nyquist frequency is filtered out, not folded back") {
        const Pcm out = resample(sine(48000, 15000, 0.5), 48000, rate);
        CHECK(rms(out.begin() + 1000, out.end() - 1000) < 12000 * 0.03);
    }
}

TEST_CASE("display: a recording's leading and trailing quiet is trimmed", "[display][voicepack]") {
    Pcm take = constant(ms(500), 10);  // room noise
    const Pcm word = constant(ms(200), 3000);
    take.insert(take.end(), word.begin(), word.end());
    take.insert(take.end(), ms(500), 10);
    Pcm expected = constant(ms(40), 10);  // the 40 ms margins keep soft sounds
    expected.insert(expected.end(), word.begin(), word.end());
    expected.insert(expected.end(), ms(40), 10);
    CHECK(trim_recording(take, rate) == expected);
    // Digital silence is never kept.
    Pcm padded = constant(ms(300), 0);
    padded.insert(padded.end(), word.begin(), word.end());
    padded.insert(padded.end(), ms(300), 0);
    CHECK(trim_recording(padded, rate) == word);
    CHECK(trim_recording(constant(ms(300), 20), rate).empty());
}

TEST_CASE("display: a call is assembled from the pack's clips with pauses between", "[display][voicepack]") {
    ToneKit kit;
    const VoicePack pack = VoicePack::load(kit.dir.path(), rate);
    CHECK(pack.problems().empty());
    CHECK(pack.missing().empty());
    CHECK(pack.size() == voice_clips().size());
    const PhrasePauses pauses;
    const auto w = "~" + std::to_string(pauses.word_ms), p = "~" + std::to_string(pauses.phrase_ms),
               c = "~" + std::to_string(pauses.comma_ms), s = "~" + std::to_string(pauses.sentence_ms);
    SECTION("A-001 to counter 3") {
        const Pcm pcm = pack.speak(call_phrases("A-001", 3), fake_voice);
        CHECK(runs(pcm) == kit.expected({"nomor-antrean", p, "huruf-a", w, "nol", w, "nol", w, "satu", c,
                                         "silakan-menuju-loket", w, "tiga"}));
    }
    SECTION("a recall of B-014 to counter 12: the counter from its words") {
        const Pcm pcm = pack.speak(call_phrases("B-014", 12, true), fake_voice);
        CHECK(runs(pcm) == kit.expected({"panggilan-ulang", s, "nomor-antrean", p, "huruf-b", w, "nol", w, "satu", w,
                                         "empat", c, "silakan-menuju-loket", w, "dua", w, "belas"}));
    }
    SECTION("a counter's own clip is preferred to its words") {
        ToneKit with_counter(rate, {12});
        const VoicePack pack12 = VoicePack::load(with_counter.dir.path(), rate);
        CHECK(pack12.problems().empty());
        const Pcm pcm = pack12.speak(call_phrases("C-100", 12), fake_voice);
        CHECK(runs(pcm) == with_counter.expected({"nomor-antrean", p, "huruf-c", w, "satu", w, "nol", w, "nol", c,
                                                  "silakan-menuju-loket", w, "loket-12"}));
    }
    SECTION("other pauses") {
        const Pcm pcm = pack.speak(call_phrases("A-1", 3), fake_voice, {10, 20, 30, 40});
        CHECK(runs(pcm) == kit.expected({"nomor-antrean", "~20", "huruf-a", "~10", "satu", "~30",
                                         "silakan-menuju-loket", "~10", "tiga"}));
    }
}

TEST_CASE("display: a clip missing from the pack is spoken by espeak-ng, that part only", "[display][voicepack]") {
    ToneKit kit;
    kit.remove("satu");
    kit.remove("silakan-menuju-loket");
    const VoicePack pack = VoicePack::load(kit.dir.path(), rate);
    CHECK(pack.missing() == std::vector<std::string>{"silakan-menuju-loket", "satu"});
    REQUIRE(pack.problems().size() == 1);
    CHECK(pack.problems()[0] == "missing, espeak-ng says them: silakan-menuju-loket, satu");
    const PhrasePauses pauses;
    const auto w = "~" + std::to_string(pauses.word_ms), p = "~" + std::to_string(pauses.phrase_ms),
               c = "~" + std::to_string(pauses.comma_ms);

    SECTION("with a stand-in voice: exactly where the fallback speaks") {
        auto expected = kit.expected({"nomor-antrean", p, "huruf-a", w, "nol", w, "nol", w});
        expected.emplace_back(-7, 100 + 4);  // "satu"
        expected.emplace_back(0, ms(pauses.comma_ms));
        expected.emplace_back(-7, 100 + 20);  // "silakan menuju loket"
        for (const auto& r : kit.expected({w, "tiga"})) expected.push_back(r);
        CHECK(runs(pack.speak(call_phrases("A-001", 3), fake_voice)) == expected);
    }
    SECTION("with the real Indonesian voice") {
        const SpeechSynthesizer voice;
        REQUIRE(voice.sample_rate() == rate);
        const auto speak = [&voice](const std::string& text) { return voice.synthesize(text); };
        const Pcm pcm = pack.speak(call_phrases("A-001", 3), speak);
        // The clips before "satu" are exact...
        const auto before = kit.expected({"nomor-antrean", p, "huruf-a", w, "nol", w, "nol", w});
        std::size_t at = 0;
        const auto heard = runs(pcm);
        REQUIRE(heard.size() > before.size());
        CHECK(std::vector(heard.begin(), heard.begin() + static_cast<long>(before.size())) == before);
        for (const auto& r : before) at += r.second;
        // ...then espeak-ng's "satu" (its length varies by a few samples from run to run)...
        const auto satu_ms = duration_ms(voice.synthesize("satu").size(), rate);
        const auto tail = kit.expected({w, "tiga"});
        const std::size_t tail_length = tail[0].second + tail[1].second;
        // ...and at the end exactly the word pause and "tiga".
        CHECK(std::vector(heard.end() - 2, heard.end()) == tail);
        const std::size_t spoken = pcm.size() - at - tail_length;  // satu, comma pause, silakan menuju loket
        const auto loket_ms = duration_ms(voice.synthesize("silakan menuju loket").size(), rate);
        CHECK(duration_ms(spoken, rate) == Approx(satu_ms + pauses.comma_ms + loket_ms).epsilon(0.05));
        CHECK(rms(pcm.begin() + static_cast<long>(at),
                  pcm.begin() + static_cast<long>(at + ms(static_cast<int>(satu_ms)))) > 1000);
        CHECK(satu_ms > 150);
    }
}

TEST_CASE("display: a malformed, silent or unknown file in the pack is reported, and espeak-ng speaks for it",
          "[display][voicepack]") {
    ToneKit kit;
    write_file(kit.dir.file("nol.wav"), "RIFF....WAVEjunk");
    write_file(kit.dir.file("dua.wav"), wav16(rate, constant(ms(300), 0)));
    write_file(kit.dir.file("lokett-3.wav"), wav16(rate, constant(ms(300), 5)));
    write_file(kit.dir.file("notes.txt"), "not a clip");
    const VoicePack pack = VoicePack::load(kit.dir.path(), rate);
    CHECK(pack.problems() ==
          std::vector<std::string>{
              "dua.wav: it is silent; espeak-ng says it instead",
              "lokett-3.wav: not a clip the board uses (antre-display --list-voice-clips lists them)",
              "nol.wav: it has no \"fmt \" chunk; espeak-ng says it instead",
              "missing, espeak-ng says them: nol, dua",
          });
    CHECK(pack.clip("nol") == nullptr);
    const PhrasePauses pauses;
    const auto w = "~" + std::to_string(pauses.word_ms), p = "~" + std::to_string(pauses.phrase_ms),
               c = "~" + std::to_string(pauses.comma_ms);
    auto expected = kit.expected({"nomor-antrean", p, "huruf-a", w});
    expected.emplace_back(-7, 103);  // "nol", the fallback
    for (const auto& r : kit.expected({w, "satu", c, "silakan-menuju-loket", w, "tiga"})) expected.push_back(r);
    CHECK(runs(pack.speak(call_phrases("A-01", 3), fake_voice)) == expected);
}

TEST_CASE("display: a pack recorded at another rate is converted to the board's", "[display][voicepack]") {
    for (const int file_rate : {16000, 44100, 48000}) {
        ToneKit kit(file_rate);
        const VoicePack pack = VoicePack::load(kit.dir.path(), rate);
        CHECK(pack.problems().empty());
        // Each clip: the same constant, for the same time at the board's rate.
        const Pcm* a = pack.clip("huruf-a");
        REQUIRE(a);
        CHECK(a->size() ==
              static_cast<std::size_t>(std::lround(static_cast<double>(kit.length["huruf-a"]) * rate / file_rate)));
        const Pcm pcm = pack.speak(call_phrases("A-1", 3), fake_voice);
        std::vector<int> values;
        for (const auto& r : runs(pcm)) values.push_back(r.first);
        CHECK(values == std::vector<int>{kit.value["nomor-antrean"], 0, kit.value["huruf-a"], 0, kit.value["satu"], 0,
                                         kit.value["silakan-menuju-loket"], 0, kit.value["tiga"]});
        CHECK(runs(pcm)[1].second == ms(PhrasePauses{}.phrase_ms));
    }
}

TEST_CASE("display: a missing pack folder leaves espeak-ng to speak", "[display][voicepack]") {
    const VoicePack pack = VoicePack::load("/no/such/voice-pack", rate);
    CHECK(pack.size() == 0);
    CHECK(pack.problems() ==
          std::vector<std::string>{"/no/such/voice-pack: not a folder; espeak-ng speaks every call"});
    CHECK(pack.missing().size() == voice_clips().size());
}

TEST_CASE("display: SDL's disk driver receives the chime and the call assembled from the pack",
          "[display][voicepack][audio]") {
    ToneKit kit;
    kit.remove("tiga");  // and the last word from espeak-ng
    antre::test::TempDir out_dir;
    const std::string file = out_dir.file("board.raw");
    BoardState board;
    apply_event(board, display::test::snapshot(display::test::sorong_services(), display::test::sorong_counters(),
                                               nlohmann::json::array()));
    apply_event(board, display::test::called(1, "A-001", "KTP", 3, display::test::monday_0941_wit));
    {
        const ScopedEnv driver("SDL_AUDIODRIVER", "disk"), out("SDL_DISKAUDIOFILE", file),
            delay("SDL_DISKAUDIODELAY", "0");
        PlayerOptions options;
        options.voice_pack = kit.dir.path().string();
        AnnouncementPlayer player(options);
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        while ((board.announcing || !board.pending.empty()) && std::chrono::steady_clock::now() < deadline) {
            advance_announcements(board, player, display::test::monday_0941_wit);
            std::this_thread::sleep_for(2ms);
        }
        CHECK_FALSE(board.announcing);
        CHECK(player.sound_problem() == "");
    }
    const Pcm pcm = read_pcm(file);
    const Pcm chime = make_chime(rate);
    const ClipTiming timing;
    const PhrasePauses pauses;
    const std::size_t first = find_clip(pcm, chime, 0);
    REQUIRE(first != std::string::npos);
    // After the chime and its pause, exactly the clips and pauses of the call...
    const std::size_t speech = first + chime.size() + ms(timing.after_chime_ms);
    CHECK(std::all_of(pcm.begin() + static_cast<long>(first + chime.size()), pcm.begin() + static_cast<long>(speech),
                      [](auto v) { return v == 0; }));
    const auto w = "~" + std::to_string(pauses.word_ms);
    const auto clips =
        kit.expected({"nomor-antrean", "~" + std::to_string(pauses.phrase_ms), "huruf-a", w, "nol", w, "nol", w, "satu",
                      "~" + std::to_string(pauses.comma_ms), "silakan-menuju-loket", w});
    std::size_t clips_length = 0;
    for (const auto& r : clips) clips_length += r.second;
    REQUIRE(pcm.size() > speech + clips_length);
    CHECK(runs(Pcm(pcm.begin() + static_cast<long>(speech), pcm.begin() + static_cast<long>(speech + clips_length))) ==
          clips);
    // ...then espeak-ng's "tiga", and silence after it: nothing else sounded.
    const std::size_t tiga = speech + clips_length;
    const std::size_t end = sound_end(pcm, tiga, ms(timing.after_voice_ms - 100));
    const auto tiga_ms = duration_ms(SpeechSynthesizer().synthesize("tiga").size(), rate);
    CHECK(duration_ms(end - tiga, rate) == Approx(tiga_ms).epsilon(0.1));
    CHECK(rms(pcm.begin() + static_cast<long>(tiga), pcm.begin() + static_cast<long>(end)) > 1000);
    CHECK(std::all_of(pcm.begin() + static_cast<long>(end), pcm.end(), [](auto v) { return v == 0; }));
}

namespace {

// Runs scripts/record-voice-pack with `args`, `answers` as what the officer types,
// and stand-ins for arecord and aplay on PATH (the recorder writes `take`); its
// output, and what it ran, in `log`.
int run_recording_script(const antre::test::TempDir& dir, const std::string& args, const std::string& answers) {
    const std::string bin = dir.file("bin");
    std::filesystem::create_directories(bin);
    write_file(bin + "/arecord",
               "#!/bin/sh\ntrap 'exit 0' TERM\nfor out; do :; done\necho \"arecord $*\" >> \"$STUB_LOG\"\n"
               "cp \"$STUB_WAV\" \"$out.part\" && mv \"$out.part\" \"$out\"\nwhile :; do sleep 0.05; done\n");
    write_file(bin + "/aplay", "#!/bin/sh\necho \"aplay $*\" >> \"$STUB_LOG\"\n");
    std::filesystem::permissions(bin + "/arecord", std::filesystem::perms::owner_all);
    std::filesystem::permissions(bin + "/aplay", std::filesystem::perms::owner_all);
    write_file(dir.file("answers"), answers);
    const std::string command =
        "cd '" + dir.path().string() + "' && PATH='" + bin + "':\"$PATH\" STUB_WAV=take.wav STUB_LOG=ran " +
        "ANTRE_DISPLAY='" ANTRE_DISPLAY_BIN "' '" ANTRE_SOURCE_DIR "/scripts/record-voice-pack' " + args +
        " < answers > log 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("display: the recording script prompts clip by clip and writes the pack", "[display][voicepack][script]") {
    antre::test::TempDir dir;
    SECTION("--list prints the table of the code, counter clips on request") {
        REQUIRE(run_recording_script(dir, "--list --counters 4,12", "") == 0);
        std::istringstream log(slurp(dir.file("log")));
        std::vector<std::string> names;
        for (std::string line; std::getline(log, line);) names.push_back(line.substr(0, line.find(' ')));
        std::vector<std::string> expected;
        for (const auto& c : voice_clips({4, 12})) expected.push_back(c.name + ".wav");
        CHECK(names == expected);
        CHECK(slurp(dir.file("log")).starts_with("nomor-antrean.wav          nomor antrean          every call\n"));
    }
    SECTION("record, play back, record again, keep; skip; keep; quit") {
        write_file(dir.file("take.wav"), wav16(rate, constant(ms(300), 2500)));
        REQUIRE(run_recording_script(dir, "pack", "\n\np\nr\n\n\ns\n\n\n\nq\n") == 0);
        INFO(slurp(dir.file("log")));
        std::set<std::string> files;
        for (const auto& f : std::filesystem::directory_iterator(dir.file("pack")))
            files.insert(f.path().filename().string());
        CHECK(files == std::set<std::string>{"nomor-antrean.wav", "panggilan-ulang.wav"});  // no take left behind
        const std::string ran = slurp(dir.file("ran"));
        CHECK(ran.find("arecord -q -d 10 -f S16_LE -c 1 -r 22050 -t wav pack/.take.") == 0);
        CHECK(std::count(ran.begin(), ran.end(), '\n') == 4);  // three takes and one play-back
        CHECK(ran.find("\naplay -q pack/.take.") != std::string::npos);
        CHECK(slurp(dir.file("log")).find("2 saved, 1 skipped") != std::string::npos);
        // The board reads what the script wrote.
        const VoicePack pack = VoicePack::load(dir.file("pack"), rate);
        REQUIRE(pack.clip("nomor-antrean"));
        CHECK(*pack.clip("nomor-antrean") == constant(ms(300), 2500));
        SECTION("a second run asks only for what is missing") {
            REQUIRE(run_recording_script(dir, "pack", "\n\n\nq\n") == 0);
            const std::string log = slurp(dir.file("log"));
            CHECK(log.find("[1/45] nomor-antrean.wav: already recorded") != std::string::npos);
            CHECK(log.find("[3/45] panggilan-ulang.wav: already recorded") != std::string::npos);
            CHECK(std::filesystem::exists(dir.file("pack/silakan-menuju-loket.wav")));
        }
    }
    SECTION("without a folder, or with a bad option: usage, status 2") {
        CHECK(run_recording_script(dir, "", "") == 2);
        CHECK(slurp(dir.file("log")).find("no folder given") != std::string::npos);
        CHECK(run_recording_script(dir, "--rate 100 pack", "") == 2);
    }
}

}  // namespace display_voice_pack_test
