#include "number_words.hpp"

#include <array>
#include <cctype>
#include <sstream>

namespace antre::display {

namespace {

constexpr std::array<const char*, 10> digit_names = {"nol",  "satu", "dua",   "tiga",    "empat",
                                                     "lima", "enam", "tujuh", "delapan", "sembilan"};

void append(std::string& out, const std::string& word) {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += word;
}

// 1..999; Indonesian fuses "one" into the unit word: sepuluh, sebelas, seratus.
std::string below_thousand(int n) {
    std::string out;
    if (n >= 100) {
        append(out, n / 100 == 1 ? "seratus" : std::string(digit_names[n / 100]) + " ratus");
        n %= 100;
    }
    if (n >= 20) {
        append(out, std::string(digit_names[n / 10]) + " puluh");
        n %= 10;
    } else if (n >= 10) {
        append(out, n == 10 ? "sepuluh" : n == 11 ? "sebelas" : std::string(digit_names[n % 10]) + " belas");
        n = 0;
    }
    if (n > 0) append(out, digit_names[n]);
    return out;
}

}  // namespace

namespace {

std::string magnitude_words(unsigned long long n) {
    struct Scale {
        unsigned long long value;
        const char* word;
    };
    constexpr std::array<Scale, 5> scales = {{{1000000000000000ULL, "kuadriliun"},
                                              {1000000000000ULL, "triliun"},
                                              {1000000000ULL, "miliar"},
                                              {1000000ULL, "juta"},
                                              {1000ULL, "ribu"}}};
    std::string out;
    for (const auto& scale : scales) {
        if (n < scale.value) continue;
        const unsigned long long count = n / scale.value;
        n %= scale.value;
        // 1000 is "seribu", but a million is "satu juta".
        append(out,
               count == 1 && scale.value == 1000 ? std::string("seribu") : magnitude_words(count) + " " + scale.word);
    }
    if (n > 0) append(out, below_thousand(static_cast<int>(n)));
    return out;
}

}  // namespace

std::string number_words(long long n) {
    if (n == 0) return "nol";
    // Through unsigned, so that the most negative value has a magnitude too.
    const auto magnitude = n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
    return (n < 0 ? "minus " : "") + magnitude_words(magnitude);
}

std::string digit_words(std::string_view digits) {
    std::string out;
    for (const char c : digits)
        if (c >= '0' && c <= '9') append(out, digit_names[static_cast<std::size_t>(c - '0')]);
    return out;
}

std::string spoken_label(std::string_view label) {
    std::string letters, digits;
    for (const char c : label) {
        if (std::isalpha(static_cast<unsigned char>(c)))
            letters += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        else if (c >= '0' && c <= '9')
            digits += c;
    }
    // Two-letter prefixes are spelled letter by letter: "AB" -> "A B".
    std::string out;
    for (const char c : letters) append(out, std::string(1, c));
    append(out, digit_words(digits));
    return out;
}

std::string letter_clip(char letter) {
    return "huruf-" + std::string(1, static_cast<char>(std::tolower(static_cast<unsigned char>(letter))));
}

std::string counter_clip(int counter) { return "loket-" + std::to_string(counter); }

std::vector<Phrase> call_phrases(std::string_view label, int counter, bool recall) {
    std::vector<Phrase> out;
    if (recall) out.push_back({"panggilan-ulang", "Panggilan ulang", Pause::sentence, {}});
    out.push_back({"nomor-antrean", "Nomor antrean", Pause::phrase, {}});
    // The label word by word, as spoken_label() says it: each letter and digit a clip.
    std::istringstream words(spoken_label(label));
    for (std::string word; words >> word;)
        out.push_back({word.size() == 1 ? letter_clip(word[0]) : word, word, Pause::word, {}});
    out.back().after = Pause::comma;
    out.push_back({"silakan-menuju-loket", "silakan menuju loket", Pause::word, {}});
    Phrase place{counter_clip(counter), number_words(counter), Pause::end, {}};
    std::istringstream counter_words(place.text);
    for (std::string word; counter_words >> word;) place.words.push_back(word);
    out.push_back(std::move(place));
    return out;
}

std::string sentence_of(const std::vector<Phrase>& phrases) {
    std::string out;
    for (const auto& p : phrases) {
        out += p.text;
        switch (p.after) {
            case Pause::word:
            case Pause::phrase:
                out += ' ';
                break;
            case Pause::comma:
                out += ", ";
                break;
            case Pause::sentence:
                out += ". ";
                break;
            case Pause::end:
                out += '.';
                break;
        }
    }
    return out;
}

std::string call_sentence(std::string_view label, int counter, bool recall) {
    return sentence_of(call_phrases(label, counter, recall));
}

}  // namespace antre::display
