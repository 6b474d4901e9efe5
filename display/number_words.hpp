// Numbers and calls as Indonesian words, for the board's voice: ticket numbers
// are read digit by digit, as printed on the ticket ("A nol nol satu"); counter
// numbers are read as natural numbers ("loket dua belas").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace antre::display {

/// A natural number in Indonesian words: 0 "nol", 11 "sebelas", 111 "seratus sebelas",
/// 1000 "seribu", 2000000 "dua juta". Negative numbers start with "minus".
std::string number_words(long long n);

/// Each decimal digit as its word, separated by spaces: "007" -> "nol nol tujuh".
/// Characters that are not digits are skipped.
std::string digit_words(std::string_view digits);

/// A ticket label as spoken: "A-001" -> "A nol nol satu" (letters stay letters, which
/// the Indonesian voice names: "be", "ce", ...).
std::string spoken_label(std::string_view label);

/// The pause after a phrase, and the punctuation it stands for in the sentence.
enum class Pause {
    word,      ///< between the words of one phrase: "nol nol"
    phrase,    ///< between phrases: "Nomor antrean | A"
    comma,     ///< "..., silakan"
    sentence,  ///< "Panggilan ulang. Nomor..."
    end,       ///< the last phrase
};

/// One piece of a call as the voice pack says it: a recorded clip, or, where the
/// pack lacks it, `text` spoken by espeak-ng.
struct Phrase {
    std::string clip;  ///< the voice pack's clip name: "nomor-antrean", "huruf-a", "satu", "loket-3"
    std::string text;  ///< the same words as text: "Nomor antrean", "A", "satu", "tiga"
    Pause after = Pause::phrase;
    /// Where the clip is missing, the word clips that say `text` word by word
    /// ("dua", "belas" for "loket-12"); empty when the clip is a word itself.
    std::vector<std::string> words;
    bool operator==(const Phrase&) const = default;
};

/// Voice-pack clip names: a letter's "huruf-b", and a counter's "loket-12".
std::string letter_clip(char letter);
std::string counter_clip(int counter);

/// A call phrase by phrase: [Panggilan ulang.] Nomor antrean | A | nol | nol | satu, |
/// silakan menuju loket | tiga. Letters and digits are one phrase each.
std::vector<Phrase> call_phrases(std::string_view label, int counter, bool recall = false);

/// The phrases as one sentence, with their punctuation.
std::string sentence_of(const std::vector<Phrase>& phrases);

/// The sentence the board speaks for a call: sentence_of(call_phrases(...)),
/// "Nomor antrean A nol nol satu, silakan menuju loket tiga."
/// A recall starts with "Panggilan ulang. ".
std::string call_sentence(std::string_view label, int counter, bool recall = false);

}  // namespace antre::display
