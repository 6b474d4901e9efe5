// The two languages of every Antre screen, and the pick of a phrase table: each
// SDL client keeps its words in one Indonesian and one English table (its
// texts.cpp) and shows the one of the screen's language.
#pragma once

#include <optional>
#include <string_view>

namespace antre::gui {

/// Bahasa Indonesia (the default everywhere) or English.
enum class Language { id, en };

/// Whether `l` is Bahasa Indonesia: the test of every phrase written as `a ? id : en`.
constexpr bool is_indonesian(Language l) { return l == Language::id; }

/// The language a language button switches to.
constexpr Language other_language(Language l) { return l == Language::id ? Language::en : Language::id; }

/// "id" or "en", as in the office configuration and on the command line.
constexpr const char* language_code(Language l) { return l == Language::en ? "en" : "id"; }

/// The language of the code "id" or "en"; nothing for any other text.
constexpr std::optional<Language> parse_language(std::string_view code) {
    if (code == "id") return Language::id;
    if (code == "en") return Language::en;
    return std::nullopt;
}

/// The table of `language`, of an Indonesian and an English one.
template <class Table>
const Table& in_language(Language language, const Table& indonesian, const Table& english) {
    return language == Language::en ? english : indonesian;
}

}  // namespace antre::gui
