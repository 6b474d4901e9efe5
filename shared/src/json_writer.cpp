#include "antre/json_writer.hpp"

#include <charconv>
#include <stdexcept>

namespace antre {

std::string json_line(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void JsonText::begin() {
    out_ += '{';
    last_.emplace_back();
}

void JsonText::end() {
    out_ += '}';
    last_.pop_back();
}

void JsonText::key(std::string_view k) {
    if (last_.empty()) throw std::logic_error("JsonText: a field outside an object");
    std::string_view& last = last_.back();
    if (!last.empty()) {
        if (!(last < k))
            throw std::logic_error("JsonText: key \"" + std::string(k) + "\" after \"" + std::string(last) +
                                   "\": fields go in ascending order");
        out_ += ',';
    }
    last = k;
    put(k);
    out_ += ':';
}

std::size_t JsonText::hole(std::string_view k) {
    key(k);
    return out_.size();
}

void JsonText::put(std::string_view s) {
    // Plain printable ASCII, the usual case, goes as it is; anything else (quotes,
    // backslashes, control characters, UTF-8 to check) is printed by nlohmann itself,
    // so that both outputs agree to the byte.
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
            out_ += json_line(nlohmann::json(s));
            return;
        }
    }
    out_ += '"';
    out_ += s;
    out_ += '"';
}

void JsonText::put(std::int64_t n) {
    char text[24];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, n);
    out_.append(text, end);
}

}  // namespace antre
