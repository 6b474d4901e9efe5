// Numbers and calls as Indonesian words, for the board's voice: ticket numbers
// are read digit by digit, as printed on the ticket ("A nol nol satu"); counter
// numbers are read as natural numbers ("loket dua belas").
#pragma once

#include <string>
#include <string_view>

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

/// The sentence the board speaks for a call:
/// "Nomor antrean A nol nol satu, silakan menuju loket tiga."
/// A recall starts with "Panggilan ulang. ".
std::string call_sentence(std::string_view label, int counter, bool recall = false);

}  // namespace antre::display
