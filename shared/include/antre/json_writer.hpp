// One description of a record, two outputs: JSON text written straight into a
// string (the hot path: the events every issue and call sends), or a nlohmann
// object (everything else). A record is described once, as a template over the
// writer, so the two can never say different things.
//
// Fields are written in ascending key order, the order in which nlohmann's objects
// (a std::map) print theirs, so both outputs are the same bytes; JsonText refuses a
// key out of order (std::logic_error), which the tests would meet at once.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace antre {

/// `j` as one line of the wire: no spaces, broken UTF-8 replaced by U+FFFD (nlohmann's
/// dump(-1, ' ', false, error_handler_t::replace)). Every line the programs send.
std::string json_line(const nlohmann::json& j);

/// Writes an object's fields as JSON text at the end of `out`, as json_line would
/// print the same object.
class JsonText {
public:
    explicit JsonText(std::string& out) : out_(out) {}

    /// Opens and closes an object: the record itself, or a nested one via object().
    void begin();
    void end();

    template <class T>
    void field(std::string_view key, const T& value) {
        this->key(key);
        put(value);
    }
    /// A nested object whose fields `fill` writes with this writer.
    template <class F>
    void object(std::string_view key, F&& fill) {
        this->key(key);
        begin();
        std::forward<F>(fill)(*this);
        end();
    }
    /// The key, and where its value will go: the caller appends it later (at()).
    std::size_t hole(std::string_view key);
    /// Where the text written so far ends.
    std::size_t at() const { return out_.size(); }

private:
    void key(std::string_view k);
    void put(std::string_view s);
    void put(const std::string& s) { put(std::string_view(s)); }
    void put(const char* s) { put(std::string_view(s)); }
    void put(bool b) { out_ += b ? "true" : "false"; }
    void put(std::nullptr_t) { out_ += "null"; }
    void put(std::int64_t n);
    template <std::integral T>
    requires(!std::same_as<T, bool>) void put(T n) { put(static_cast<std::int64_t>(n)); }
    template <class T>
    void put(const std::optional<T>& v) {
        if (v)
            put(*v);
        else
            put(nullptr);
    }
    template <class T>
    void put(const std::vector<T>& items) {
        out_ += '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out_ += ',';
            put(items[i]);
        }
        out_ += ']';
    }

    std::string& out_;
    /// The last key of each open object (empty: none yet), for the order check.
    std::vector<std::string_view> last_;
};

/// Writes an object's fields into a nlohmann object.
class JsonDom {
public:
    explicit JsonDom(nlohmann::json& j) : j_(j) {
        if (!j_.is_object()) j_ = nlohmann::json::object();
    }
    void begin() {}
    void end() {}

    template <class T>
    void field(std::string_view key, const T& value) {
        j_[std::string(key)] = value;
    }
    template <class T>
    void field(std::string_view key, const std::optional<T>& value) {
        j_[std::string(key)] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
    }
    template <class F>
    void object(std::string_view key, F&& fill) {
        nlohmann::json sub = nlohmann::json::object();
        JsonDom inner(sub);
        std::forward<F>(fill)(inner);
        j_[std::string(key)] = std::move(sub);
    }

private:
    nlohmann::json& j_;
};

/// `fill`'s record as a nlohmann object.
template <class F>
nlohmann::json json_object(F&& fill) {
    nlohmann::json j = nlohmann::json::object();
    JsonDom out(j);
    std::forward<F>(fill)(out);
    return j;
}

/// `fill`'s record as one line of JSON text.
template <class F>
std::string json_text(F&& fill) {
    std::string s;
    JsonText out(s);
    out.begin();
    std::forward<F>(fill)(out);
    out.end();
    return s;
}

}  // namespace antre
