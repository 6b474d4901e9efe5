#include "voice_pack.hpp"

#include <algorithm>
#include <array>
#include <ostream>

#include "wav_clip.hpp"

namespace antre::display {

namespace {

std::vector<ClipSpec> make_table() {
    std::vector<ClipSpec> out = {
        {"nomor-antrean", "nomor antrean", "every call"},
        {"silakan-menuju-loket", "silakan menuju loket", "every call"},
        {"panggilan-ulang", "panggilan ulang", "a recall, first"},
    };
    // Letters as Indonesian names them (KBBI): "be", "ce", ...
    constexpr std::array<const char*, 26> letter_names = {"a",  "be", "ce", "de", "e",  "ef",  "ge", "ha", "i",
                                                          "je", "ka", "el", "em", "en", "o",   "pe", "ki", "er",
                                                          "es", "te", "u",  "fe", "we", "eks", "ye", "zet"};
    for (char c = 'A'; c <= 'Z'; ++c)
        out.push_back({letter_clip(c), letter_names[static_cast<std::size_t>(c - 'A')], "ticket letters"});
    for (int d = 0; d <= 9; ++d)
        out.push_back({number_words(d), number_words(d), d == 0 ? "ticket digits" : "ticket digits, counters"});
    // The words number_words() uses for counters 10 to 999.
    for (const char* word : {"sepuluh", "sebelas", "belas", "puluh", "seratus", "ratus"})
        out.push_back({word, word, "counters from 10"});
    return out;
}

// "loket-1" to "loket-999", as counter_clip() names them.
bool is_counter_clip(std::string_view name) {
    constexpr std::string_view prefix = "loket-";
    if (!name.starts_with(prefix)) return false;
    const auto digits = name.substr(prefix.size());
    return !digits.empty() && digits.size() <= 3 && digits.front() != '0' &&
           std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

}  // namespace

const std::vector<ClipSpec>& voice_clips() {
    static const std::vector<ClipSpec> table = make_table();
    return table;
}

std::vector<ClipSpec> voice_clips(const std::set<int>& counters) {
    auto out = voice_clips();
    for (const int c : counters)
        out.push_back({counter_clip(c), number_words(c), "counter " + std::to_string(c) + " (optional)"});
    return out;
}

void write_clip_list(std::ostream& out, const std::vector<ClipSpec>& clips) {
    for (const auto& c : clips) out << c.name << '\t' << c.say << '\t' << c.use << '\n';
}

int PhrasePauses::after(Pause pause) const {
    switch (pause) {
        case Pause::word:
            return word_ms;
        case Pause::phrase:
            return phrase_ms;
        case Pause::comma:
            return comma_ms;
        case Pause::sentence:
            return sentence_ms;
        case Pause::end:
            break;
    }
    return 0;
}

VoicePack VoicePack::load(const std::filesystem::path& folder, int sample_rate) {
    VoicePack pack;
    pack.sample_rate_ = sample_rate;
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
        pack.problems_.push_back(folder.string() + ": not a folder; espeak-ng speaks every call");
        for (const auto& c : voice_clips()) pack.missing_.push_back(c.name);
        return pack;
    }
    std::set<std::string> wanted;
    for (const auto& c : voice_clips()) wanted.insert(c.name);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.path().extension() == ".wav") files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // problems in a stable order
    for (const auto& file : files) {
        const std::string name = file.stem().string();
        const std::string shown = file.filename().string();
        if (!wanted.contains(name) && !is_counter_clip(name)) {
            pack.problems_.push_back(shown +
                                     ": not a clip the board uses (antre-display --list-voice-clips lists them)");
            continue;
        }
        try {
            const WavClip wav = read_wav(file);
            Pcm pcm = trim_recording(wav.samples, wav.sample_rate);
            if (pcm.empty()) throw WavError("it is silent");
            pack.clips_[name] = resample(pcm, wav.sample_rate, sample_rate);
        } catch (const WavError& e) {
            pack.problems_.push_back(shown + ": " + e.what() + "; espeak-ng says it instead");
        }
    }
    for (const auto& c : voice_clips())
        if (!pack.clips_.contains(c.name)) pack.missing_.push_back(c.name);
    if (!pack.missing_.empty() && !pack.clips_.empty())
        pack.problems_.push_back("missing, espeak-ng says them: " + join(pack.missing_));
    if (ec) pack.problems_.push_back(folder.string() + ": " + ec.message());
    return pack;
}

const Pcm* VoicePack::clip(std::string_view name) const {
    const auto it = clips_.find(name);
    return it == clips_.end() ? nullptr : &it->second;
}

Pcm VoicePack::speak(const std::vector<Phrase>& phrases, const FallbackVoice& fallback,
                     const PhrasePauses& pauses) const {
    Pcm out;
    const auto add = [&out](const Pcm& pcm) { out.insert(out.end(), pcm.begin(), pcm.end()); };
    const auto say = [&](const std::string& text) {
        if (fallback) add(fallback(text));
    };
    for (std::size_t i = 0; i < phrases.size(); ++i) {
        const Phrase& p = phrases[i];
        const bool any_word = std::any_of(p.words.begin(), p.words.end(), [this](const auto& w) { return clip(w); });
        if (const Pcm* pcm = clip(p.clip)) {
            add(*pcm);
        } else if (any_word) {
            // "loket-12" missing: "dua", "belas", each from its clip or the fallback.
            for (std::size_t w = 0; w < p.words.size(); ++w) {
                if (w > 0) add(make_silence(sample_rate_, pauses.word_ms));
                if (const Pcm* word = clip(p.words[w]))
                    add(*word);
                else
                    say(p.words[w]);
            }
        } else {
            say(p.text);
        }
        if (i + 1 < phrases.size()) add(make_silence(sample_rate_, pauses.after(p.after)));
    }
    return out;
}

}  // namespace antre::display
