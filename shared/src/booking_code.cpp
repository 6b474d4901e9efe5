#include "antre/booking_code.hpp"

#include <cctype>

namespace antre {

std::string normalize_booking_code(std::string_view text) {
    std::string code;
    for (char c : text) {
        if (c == ' ' || c == '-') continue;
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (booking_code_alphabet.find(c) == std::string_view::npos) return {};
        code += c;
        if (code.size() > booking_code_length) return {};
    }
    return code.size() == booking_code_length ? code : std::string();
}

}  // namespace antre
